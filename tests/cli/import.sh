#!/usr/bin/env bash
# CLI tests of tolerant loading (issue 9), counted against files read independently.
#
# Checks:
#   summary      a file with bad rows loads its good rows, exit 0, and says on one stderr line
#                how many events and which rows were skipped (the first by line and reason);
#                the events count of --list is the file's rows (python3's csv module) less the
#                skipped ones.
#   --strict     the same file fails, exit 1, naming the first bad row's line.
#   --rejects    writes file,line,reason,row for each skipped row: as many rows as were skipped,
#                each row's text as it is in the file; an existing rejects file is replaced
#                through a temporary file (no temporary left behind).
#   duplicates   two files sharing ids: --list counts each event once, the summary says how
#                many were merged.
#   --date-order a column that cannot tell day from month fails with one line naming the option;
#                dmy and mdy give different days (5 July and 7 May, in --list's date span).
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
set -euo pipefail

: "${CM_BIN:?}" "${CM_SRC:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
command -v jq >/dev/null || { echo "FAIL: jq is missing"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is missing"; exit 1; }

passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if [[ $2 == "$3" ]]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }

F=$CM_SRC/tests/fixtures/acled
OUT=$CM_OUT/cli-import
rm -rf "$OUT"; mkdir -p "$OUT"
run() { "$CM_BIN" --geodata "$CM_GEODATA" --no-default-events "$@"; }

# rows in the file, and the bad ones (as python's csv module reads them)
rows=$(python3 -c 'import csv,sys; print(sum(1 for r in list(csv.reader(open(sys.argv[1])))[1:] if any(r)))' "$F/layout-tolerant.csv")
check "tolerant fixture has 7 rows (python csv)" "$rows" 7

set +e
run --events "$F/layout-tolerant.csv" --list >"$OUT/list.json" 2>"$OUT/err"; rc=$?
set -e
check "tolerant: exit 0" "$rc" 0
check "tolerant: one stderr line" "$(wc -l <"$OUT/err")" 1
check "tolerant: the summary" "$(cat "$OUT/err")" \
  "conflictmap: 3 events from layout-tolerant.csv; 4 rows skipped (line 3: no date (event_date is empty), and others)"
check "tolerant: --list counts rows less skipped" "$(jq .events "$OUT/list.json")" $((rows - 4))

set +e
run --events "$F/layout-tolerant.csv" --strict --list >"$OUT/strict.json" 2>"$OUT/err"; rc=$?
set -e
check "strict: exit 1" "$rc" 1
check "strict: the first bad row" "$(cat "$OUT/err")" "conflictmap: $F/layout-tolerant.csv: line 3: no date (event_date is empty)"
check "strict: nothing on stdout" "$(wc -c <"$OUT/strict.json")" 0

echo "old" >"$OUT/rejects.csv"
run --events "$F/layout-tolerant.csv" --rejects "$OUT/rejects.csv" --list >/dev/null 2>&1
python3 - "$OUT/rejects.csv" "$F/layout-tolerant.csv" >"$OUT/rejects.check" <<'PY'
import csv, sys
rej = list(csv.reader(open(sys.argv[1], newline='')))
src = open(sys.argv[2], newline='').read().split('\n')
assert rej[0] == ['file', 'line', 'reason', 'row'], rej[0]
print(len(rej) - 1)
for f, line, reason, row in rej[1:]:
    assert f.endswith('layout-tolerant.csv'), f
    assert src[int(line) - 1] == row, (line, row)   # the row's text, as in the file
print(','.join(r[1] for r in rej[1:]))
PY
check "rejects: one row per skipped row, each verbatim" "$(tr '\n' ' ' <"$OUT/rejects.check")" "4 3,4,5,7 "
check "rejects: no temporary file left" "$(ls "$OUT" | grep -c tmp || true)" 0

set +e
run --events "$F/layout-dup-a.csv" --events "$F/layout-dup-b.csv" --list >"$OUT/dup.json" 2>"$OUT/err"; rc=$?
set -e
ids=$(python3 -c 'import csv,sys; print(len({r[0] for f in sys.argv[1:] for r in list(csv.reader(open(f)))[1:]}))' \
  "$F/layout-dup-a.csv" "$F/layout-dup-b.csv")
check "duplicates: --list counts each id once (python: $ids ids)" "$(jq .events "$OUT/dup.json")" "$ids"
check "duplicates: the summary" "$(cat "$OUT/err")" "conflictmap: 1 event from layout-dup-b.csv; 3 duplicates merged (an id already loaded)"

set +e
run --events "$F/layout-dates-ambiguous.csv" --list >/dev/null 2>"$OUT/err"; rc=$?
set -e
check "date order: exit 1 when the column cannot tell" "$rc" 1
grep -q -- "--date-order dmy" "$OUT/err" && ok "date order: the message names the option" || bad "date order: $(cat "$OUT/err")"
check "date order dmy: 05/07/2025 is 5 July" "$(run --events "$F/layout-dates-ambiguous.csv" --date-order dmy --list | jq -r .date_span.to)" 2025-07-05
check "date order mdy: 05/07/2025 is 7 May" "$(run --events "$F/layout-dates-ambiguous.csv" --date-order mdy --list | jq -r .date_span.to)" 2025-05-07

echo "import: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
