#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang, ASan+UBSan) and runs each for SECONDS.
#
# usage: fuzz/run.sh [SECONDS] [TARGET...]      SECONDS defaults to 60; targets default to all:
#        geojson csv csvdiff shapes date import report catalog details
# Environment: CM_FUZZ_JOBS  targets run at once (default 2, one per core of the usual machine)
#              CM_FUZZ_ONE_LINE=0  do not fail on a loader message that is not one line of UTF-8
#                            (to look past a known message bug for memory bugs)
#              CM_FUZZ_BUILD the build directory (default build-fuzz)
#
# The reproducers already in fuzz/crashes/<target>-* are replayed first and must pass.
# Each target then starts from its seeds in fuzz/corpus/<target>/ (read only) and keeps what it
# finds in $CM_FUZZ_BUILD/corpus/<target>/; crash, leak and timeout inputs are written to
# fuzz/crashes/<target>-crash-<sha1> (its report is next to it as <that>.log). Prints one
# line per target with its executions (libFuzzer's "#N DONE" line) and finally
# "fuzz: N passed, M failed"; exits 1 if any target crashed, leaked, timed out or failed to run.
set -uo pipefail

SECS=${1:-60}
shift || true
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(geojson csv csvdiff shapes date import report catalog details)
[[ "$SECS" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${CM_FUZZ_BUILD:-$ROOT/build-fuzz}
JOBS=${CM_FUZZ_JOBS:-2}
CRASHES=$ROOT/fuzz/crashes

command -v clang >/dev/null || { echo "fuzz: clang is not installed (apt-get install clang)"; echo "fuzz: 0 passed, 1 failed"; exit 1; }
echo "== building fuzz targets in $BUILD ($(clang --version | head -1))"
if ! cmake -S "$ROOT" -B "$BUILD" -DCM_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD.cmake.log" 2>&1; then
  cat "$BUILD.cmake.log"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
rm -f "$BUILD.cmake.log"
if ! cmake --build "$BUILD" -j "$JOBS" --target "${TARGETS[@]/#/fuzz_}" >"$BUILD/fuzz-build.log" 2>&1; then
  tail -40 "$BUILD/fuzz-build.log"
  grep -q 'libclang_rt.fuzzer' "$BUILD/fuzz-build.log" &&
    echo "fuzz: libFuzzer's runtime is missing: apt-get install libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi
mkdir -p "$CRASHES"

export CM_GEODATA=$ROOT/geodata CM_ASSETS=$ROOT/assets   # the targets that load whole catalogs or fonts
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# run_one TARGET: runs it, leaves its log in $BUILD/fuzz-<target>.log and the exit status in .rc
run_one() {
  local t=$1 bin=$BUILD/fuzz_$1 work=$BUILD/corpus/$1 dict=() max=262144
  # the catalog targets take large inputs (their generators turn a few bytes into megabytes)
  [[ $t == report || $t == catalog || $t == details ]] && max=1048576
  mkdir -p "$work"
  [[ -f $ROOT/fuzz/dict/$t.dict ]] && dict=(-dict="$ROOT/fuzz/dict/$t.dict")
  # the scratch files of the target live in their own directory, removed afterwards
  local tmp; tmp=$(mktemp -d "${TMPDIR:-/tmp}/cm-fuzz-run.XXXXXX")
  TMPDIR=$tmp "$bin" "$work" "$ROOT/fuzz/corpus/$t" "${dict[@]}" \
      -max_total_time="$SECS" -timeout=30 -rss_limit_mb=2560 -max_len="$max" \
      -print_final_stats=1 -artifact_prefix="$CRASHES/$t-" >"$BUILD/fuzz-$t.log" 2>&1
  echo $? >"$BUILD/fuzz-$t.rc"
  rm -rf "$tmp"
}

# First the reproducers of earlier findings (fuzz/crashes/<target>-*): each must pass now.
passed=0; failed=0
for t in "${TARGETS[@]}"; do
  repro=()
  for f in "$CRASHES/$t"-*; do [[ -f $f && $f != *.log ]] && repro+=("$f"); done
  [[ ${#repro[@]} -gt 0 ]] || continue
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/cm-fuzz-run.XXXXXX")
  if TMPDIR=$tmp "$BUILD/fuzz_$t" "${repro[@]}" >"$BUILD/replay-$t.log" 2>&1; then
    passed=$((passed + 1)); echo "ok   fuzz_$t: ${#repro[@]} reproducer(s) in fuzz/crashes/ pass"
  else
    failed=$((failed + 1)); echo "FAIL fuzz_$t: a reproducer in fuzz/crashes/ fails again (log: $BUILD/replay-$t.log)"
    grep -E 'ERROR: |runtime error|error message|Running: ' "$BUILD/replay-$t.log" | tail -4 | sed 's/^/       /'
  fi
  rm -rf "$tmp"
done

pids=()
for t in "${TARGETS[@]}"; do
  [[ -x $BUILD/fuzz_$t ]] || { echo "fuzz: no target '$t'"; exit 2; }
  while (( $(jobs -rp | wc -l) >= JOBS )); do wait -n; done
  echo "== fuzz_$t for ${SECS}s"
  run_one "$t" &
  pids+=($!)
done
wait

for t in "${TARGETS[@]}"; do
  log=$BUILD/fuzz-$t.log
  rc=$(cat "$BUILD/fuzz-$t.rc" 2>/dev/null || echo 99)
  execs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  if [[ $rc == 0 ]]; then
    passed=$((passed + 1))
    echo "ok   fuzz_$t: ${execs:-?} executions in ${SECS}s; $done_line"
  else
    failed=$((failed + 1))
    art=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //')
    # next to the reproducer: the report, from the first line of it to the end
    [[ -n $art && -f $art ]] &&
      grep -v '^#[0-9]' "$log" | awk '/^==[0-9]+== *ERROR|runtime error/ && !n { n = NR }
        { l[NR] = $0 } END { for (i = (n > 3 ? n - 3 : 1); n && i <= NR; i++) print l[i] }' >"$art.log"
    echo "FAIL fuzz_$t: exit $rc after ${execs:-?} executions; reproducer: ${art:-none} (log: $log)"
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY' "$log" | head -5 | sed 's/^/       /'
  fi
done
echo "fuzz: $passed passed, $failed failed"
(( failed == 0 ))
