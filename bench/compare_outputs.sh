#!/usr/bin/env bash
# compare_outputs: loads every events file given (default: each CSV and JSON under tests/ and
# fuzz/corpus/) with two conflictmap binaries and compares, byte for byte, what they print and
# write: --list with --rejects (the rows skipped and why), and --export of every event (all
# dates) as GeoJSON, with stdout, stderr and exit status of each run. For changes to the
# importers that must not change their output (the CSV fast path, the row builders).
# usage: bench/compare_outputs.sh OLD_BIN NEW_BIN [FILE...]
# Prints each difference and finally "compare: N files, M differ"; exits 1 if any differ.
set -uo pipefail
OLD=$1 NEW=$2
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILES=("$@")
if [[ ${#FILES[@]} -eq 0 ]]; then
  mapfile -t FILES < <(find "$ROOT/tests" "$ROOT/fuzz/corpus" -type f \( -name '*.csv' -o -name '*.json' -o -path '*/corpus/csv/*' -o -path '*/corpus/import/*' \) | sort)
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/cm-compare.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0 bad=0
for f in "${FILES[@]}"; do
  n=$((n + 1))
  for w in old new; do
    bin=$OLD; [[ $w == new ]] && bin=$NEW
    mkdir -p "$T/$w"
    rm -f "$T/$w"/*
    "$bin" --geodata "$ROOT/geodata" --no-cache --no-default-events --events "$f" --list --rejects "$T/$w/rejects.csv" \
      >"$T/$w/list.out" 2>"$T/$w/list.err"; echo "rc $?" >>"$T/$w/list.err"
    "$bin" --geodata "$ROOT/geodata" --no-cache --no-default-events --events "$f" --from 1000 --to 3000 \
      --export "$T/$w/export.geojson" --force >"$T/$w/export.out" 2>"$T/$w/export.err"; echo "rc $?" >>"$T/$w/export.err"
  done
  if ! diff -r "$T/old" "$T/new" >"$T/diff" 2>&1; then
    bad=$((bad + 1))
    echo "== $f differs:"; head -20 "$T/diff"
  fi
done
echo "compare: $n files, $bad differ"
[[ $bad -eq 0 ]]
