#!/usr/bin/env bash
# Memory check of the headless modes under valgrind (slow: not registered in ctest; meant
# for .ci/run). Runs
#   render    --size 400x300 --render (fonts, SDL software renderer, GEOS, PROJ, the events)
#   query     --query on As-Suwayda (the catalog, the events store, the JSON report)
#   csv       --query with an ACLED and a UCDP GED file added (the CSV readers)
#   bad-events  a GeoJSON file with an impossible date: the load fails (exit 1) and must
#             give back what it took
#   bad-geodata a governorates layer with a bow-tie polygon: the catalog fails half-way
# each as `valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite`
# (--error-exitcode=99 for the two that exit 1 on purpose), and fails a run on any
# "definitely lost" bytes, any invalid read or write (or other memcheck error), or an
# unexpected exit status. Suppressions for system libraries, if ever needed, go in
# tests/valgrind.supp (used when present).
#
# Environment: CM_BIN (default build/conflictmap), CM_OUT (default build/tests-out),
# CM_GEODATA (default geodata/). Prints one line per run and finally
# "valgrind: N passed, M failed"; exits 1 if any run failed. Logs: $CM_OUT/valgrind/*.log
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${CM_BIN:=$ROOT/build/conflictmap}"
: "${CM_OUT:=$ROOT/build/tests-out}"
: "${CM_GEODATA:=$ROOT/geodata}"
passed=0; failed=0
summary() { echo "valgrind: $passed passed, $failed failed"; }
fatal() { echo "FAIL (fatal): $*"; failed=$((failed + 1)); summary; exit 1; }

command -v valgrind >/dev/null || fatal "valgrind is not installed (apt-get install valgrind)"
[[ -x $CM_BIN ]] || fatal "CM_BIN=$CM_BIN is not an executable (build first)"
LOGS=$CM_OUT/valgrind
rm -rf "$LOGS"; mkdir -p "$LOGS" || fatal "cannot create $LOGS"
SUPP=()
[[ -f $ROOT/tests/valgrind.supp ]] && SUPP=(--suppressions="$ROOT/tests/valgrind.supp")

# a geodata set whose governorates are the hand-made bow-tie of the bad-input corpus
BOW=$LOGS/geo-bowtie
mkdir -p "$BOW"
cp "$CM_GEODATA"/*.shp "$CM_GEODATA"/*.shx "$CM_GEODATA"/*.dbf "$CM_GEODATA"/*.prj "$BOW/" 2>/dev/null
rm -f "$BOW"/governorates.*
cp "$ROOT"/tests/bad/shapes/bowtie/governorates.{shp,shx,dbf} "$BOW/" || fatal "tests/bad/shapes/bowtie missing"

# check NAME WANT-STATUS VALGRIND-ERROR-EXITCODE ARGS...
check() {
  local name=$1 want=$2 vexit=$3; shift 3
  local log=$LOGS/$name.log rc=0
  env -u DISPLAY -u WAYLAND_DISPLAY timeout 600 valgrind --error-exitcode="$vexit" --leak-check=full \
      --errors-for-leak-kinds=definite "${SUPP[@]}" --log-file="$log" \
      "$CM_BIN" --geodata "$CM_GEODATA" "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err" || rc=$?
  local why=() lost errs
  lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d , | tail -1)
  errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tr -d , | tail -1)
  # valgrind's own exit code wins over the program's: tell them apart by the log
  if [[ $rc -eq $vexit && ( ${errs:-0} -ne 0 || ${lost:-0} -ne 0 ) ]]; then why+=("valgrind reported errors (exit $rc)")
  elif [[ $rc -ne $want ]]; then why+=("exit status $rc, want $want ($(head -c 300 "$LOGS/$name.err"))")
  fi
  [[ -n $errs ]] || why+=("no ERROR SUMMARY in the log (valgrind did not finish?)")
  [[ ${lost:-0} -eq 0 ]] || why+=("definitely lost: $lost bytes")
  [[ ${errs:-0} -eq 0 ]] || why+=("$errs memcheck errors")
  grep -qE 'Invalid (read|write|free)' "$log" && why+=("invalid reads/writes/frees")
  if [[ ${#why[@]} -eq 0 ]]; then
    echo "ok   $name (definitely lost: ${lost:-0} bytes, errors: ${errs:-0})"; passed=$((passed + 1))
  else
    echo "FAIL $name: $(printf '%s; ' "${why[@]}")log: $log"; failed=$((failed + 1))
    grep -E -A12 'Invalid (read|write|free)|definitely lost in loss record' "$log" | head -60 | sed 's/^/     /'
  fi
}

check render 0 1 --size 400x300 --render "$LOGS/render.png"
check query 0 1 --query 36.57,32.71
check csv 0 1 --events "$ROOT/fuzz/corpus/csv/acled-3.csv" --events "$ROOT/fuzz/corpus/csv/ucdp-2.csv" --query 38.6188,35.3537
check bad-events 1 99 --events "$ROOT/tests/bad/events/date-feb30.geojson" --list
check bad-geodata 1 99 --geodata "$BOW" --list
rm -rf "$BOW"
summary
(( failed == 0 ))
