#!/usr/bin/env bash
# CLI tests of the events cache (issue 10, data/cache.c). Every run uses a private
# $XDG_CACHE_HOME and caches every file (CONFLICTMAP_CACHE_MIN_BYTES=0); with
# CONFLICTMAP_CACHE_TRACE the program says on stderr which cache it opened, passed over or wrote.
#
# Checks:
#   same output   --list, --query and --export (CSV and GeoJSON) byte for byte the same with
#                 --no-cache, from the run that writes the cache and from the one that opens it,
#                 for generated ACLED, a real UCDP file and a file with skipped rows (its summary
#                 line still printed from the cache), and for two files sharing ids.
#   rebuilt       a truncated, a bit-flipped (a byte in each section: header, key, summary, kinds,
#                 the index (long events, grid cells, grid points), events, padding, text) and an
#                 other-version cache is not used (same output)
#                 and is written again; a cache of another CRS is not used for this one; a touched
#                 source (new mtime) is read again.
#   unwritable    a cache directory that cannot be made: the same output, exit 0, one warning line
#                 (two files wanting a cache).
#   --no-cache    writes nothing.
#   atomic        a run killed while writing its cache leaves no file under the final name, or a
#                 whole one (the next run opens it, nothing damaged).
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
set -uo pipefail

: "${CM_BIN:?}" "${CM_SRC:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
command -v jq >/dev/null || { echo "FAIL: jq is missing"; exit 1; }

passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if [[ $2 == "$3" ]]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }
same() { if cmp -s "$2" "$3"; then ok "$1"; else bad "$1: $2 and $3 differ: $(diff "$2" "$3" | head -n 4 | tr '\n' ' ')"; fi; }

OUT=$CM_OUT/cli-cache
rm -rf "$OUT"; mkdir -p "$OUT"
export XDG_CACHE_HOME=$OUT/xdg CONFLICTMAP_CACHE_MIN_BYTES=0 CONFLICTMAP_CACHE_TRACE=1
CDIR=$XDG_CACHE_HOME/conflictmap
run() { "$CM_BIN" --geodata "$CM_GEODATA" --no-default-events "$@"; }
ncache() { find "$CDIR" -maxdepth 1 -name '*.cmev' 2>/dev/null | wc -l; }

GEN=$(dirname "$CM_BIN")/gen_acled
[[ -x $GEN ]] || { echo "FAIL: $GEN is missing (build gen_acled)"; exit 1; }
"$GEN" 3001 "$OUT/gen.csv" "$CM_GEODATA" || { echo "FAIL: gen_acled"; exit 1; }
UCDP=$CM_SRC/tests/fixtures/real/$(cd "$CM_SRC/tests/fixtures/real" && ls ucdp*.csv 2>/dev/null | head -n 1)
TOL=$CM_SRC/tests/fixtures/acled/layout-tolerant.csv
DUPA=$CM_SRC/tests/fixtures/acled/layout-dup-a.csv
DUPB=$CM_SRC/tests/fixtures/acled/layout-dup-b.csv

# the outputs of one configuration: NAME, then the options naming the files
outputs() {
  local name=$1; shift
  run "$@" --list >"$OUT/$name.list" 2>"$OUT/$name.err"
  echo "rc $?" >>"$OUT/$name.list"
  run "$@" --from 2024-01 --to 2025-12 --query 36.3,33.5 --radius 40 >"$OUT/$name.query" 2>>"$OUT/$name.err"
  run "$@" --from 2000 --to 2030 --export "$OUT/$name.csv" >/dev/null 2>>"$OUT/$name.err"
  run "$@" --from 2000 --to 2030 --export "$OUT/$name.geojson" >/dev/null 2>>"$OUT/$name.err"
}
# the three ways compared: without the cache, writing it, opening it; TAG, the caches written,
# the caches opened by the 4 runs after, then the options
three() {
  local tag=$1 wrote=$2 opened=$3; shift 3
  rm -rf "$XDG_CACHE_HOME"
  outputs "$tag-none" --no-cache "$@"
  check "$tag: --no-cache writes nothing" "$(ncache)" 0
  outputs "$tag-write" "$@"
  outputs "$tag-read" "$@"
  for k in list query csv geojson; do
    same "$tag: --${k} the same as without the cache (run writing it)" "$OUT/$tag-none.$k" "$OUT/$tag-write.$k"
    same "$tag: --${k} the same as without the cache (run opening it)" "$OUT/$tag-none.$k" "$OUT/$tag-read.$k"
  done
  check "$tag: the first run wrote $wrote cache(s)" "$(grep -c '^conflictmap: cache: wrote' "$OUT/$tag-write.err")" "$wrote"
  check "$tag: the next runs opened them ($opened times)" "$(grep -c '^conflictmap: cache: opened' "$OUT/$tag-read.err")" "$opened"
  same "$tag: the same messages" <(grep -v '^conflictmap: cache:' "$OUT/$tag-none.err") <(grep -v '^conflictmap: cache:' "$OUT/$tag-read.err")
}

three gen 1 4 --events "$OUT/gen.csv"
[[ -f $UCDP ]] && three ucdp 1 4 --events "$UCDP" || bad "no UCDP fixture in tests/fixtures/real"
# two cached files: the first one's events used in place from its mapping, copied out when the second comes
[[ -f $UCDP ]] && three mix 2 8 --events "$OUT/gen.csv" --events "$UCDP"
three tolerant 1 4 --events "$TOL"
check "tolerant: the summary line, from the cache" "$(grep -c '3 events from layout-tolerant.csv; 4 rows skipped' "$OUT/tolerant-read.err")" 4
# b shares ids with a: cached alone only (an earlier file changes what it gives), read here
three dup 1 4 --events "$DUPA" --events "$DUPB"
check "dup: the merge line, from the cache" "$(grep -c '1 event from layout-dup-b.csv; 3 duplicates merged' "$OUT/dup-read.err")" 4
# the second file was cached after the first, the first one opened from the cache: b alone, then a and b
rm -rf "$XDG_CACHE_HOME"
run --events "$DUPB" --list >/dev/null 2>&1
run --events "$DUPA" --events "$DUPB" --list >"$OUT/dup2.list" 2>"$OUT/dup2.err"
echo "rc 0" >>"$OUT/dup2.list"
same "dup: b cached alone, then a and b: the same --list" "$OUT/dup-none.list" "$OUT/dup2.list"
check "dup: ... and the merge line" "$(grep -c '1 event from layout-dup-b.csv; 3 duplicates merged' "$OUT/dup2.err")" 1

# damaged caches: not used, removed and written again
rm -rf "$XDG_CACHE_HOME"
run --events "$OUT/gen.csv" --list >/dev/null 2>&1
C=$(find "$CDIR" -name '*.cmev' | head -n 1)
size=$(stat -c %s "$C")
cp "$C" "$OUT/good.cmev"
DMG_SRC=$OUT/gen.csv DMG_REF=$OUT/gen-none.list # the file whose cache is damaged, its --list without the cache
damaged() {
  local tag=$1
  run --events "$DMG_SRC" --list >"$OUT/$tag.list" 2>"$OUT/$tag.err"
  echo "rc $?" >>"$OUT/$tag.list"
  same "$tag: the same --list" "$DMG_REF" "$OUT/$tag.list"
  check "$tag: not opened" "$(grep -c 'cache: opened' "$OUT/$tag.err")" 0
  check "$tag: written again" "$(grep -c 'cache: wrote' "$OUT/$tag.err")" 1
  run --events "$DMG_SRC" --list >/dev/null 2>"$OUT/$tag.err2"
  check "$tag: the rebuilt cache opens" "$(grep -c 'cache: opened' "$OUT/$tag.err2")" 1
}
truncate -s $((size / 2)) "$C"
damaged truncated
cp "$OUT/good.cmev" "$C"
truncate -s $((size - 1)) "$C"
damaged "one byte short"
# the sections, from the header (u64 fields): key at 48, summary 64, kinds 72, events 80, heap 88;
# the index: long events at 104 (their count 112), the grid's cell starts 120 (cells 128), its points 136 (count 144)
u64() { od -An -tu8 -j "$1" -N8 "$C" | tr -d ' '; }
key_off=$(u64 48) sum_off=$(u64 64) kinds_off=$(u64 72) ev_off=$(u64 80) heap_off=$(u64 88)
longs_off=$(u64 104) n_long=$(u64 112) start_off=$(u64 120) n_cells=$(u64 128) items_off=$(u64 136) n_pts=$(u64 144)
[[ $n_cells -gt 2 && $n_pts -gt 10 ]] || bad "cache index: $n_cells cells, $n_pts points (more wanted)"
n_ev=$(u64 32) ev_size=$(u64 40)
ev_end=$((ev_off + n_ev * ev_size))
[[ $heap_off -gt $ev_end && $n_ev -gt 10 ]] || bad "cache layout (padding after the events wanted): $n_ev events end at $ev_end, heap at $heap_off"
flip() { # name, offset
  cp "$OUT/good.cmev" "$C"
  b=$(od -An -tu1 -j "$2" -N1 "$C" | tr -d ' ')
  printf "$(printf '\\%03o' $((b ^ 16)))" | dd of="$C" bs=1 seek="$2" conv=notrunc status=none
  damaged "bit flipped in $1 (byte $2 of $size)"
}
flip "the header's checksum" 96
flip "the header's padding" 240
flip "the header's grid size" 170
flip "a grid cell's start" $((start_off + 4 * (n_cells / 2)))
flip "the grid's last cell end" $((start_off + 4 * n_cells))
flip "a grid point" $((items_off + 4 * (n_pts / 2) + 1))
flip "the key" $((key_off + 40))
flip "the summary line" "$sum_off"
flip "the kinds" $((kinds_off + 3))
flip "the padding before the events" $((ev_off - 1))
flip "the first event" $((ev_off + 8))
flip "an event's point" $((ev_off + 7 * ev_size + 48))
flip "the last event" $((ev_end - 1))
flip "the padding after the events" $((heap_off - 1))
flip "the first text" "$heap_off"
for at in 200 $((size / 3)) $((size / 2 + 7)) $((size - 3)) $((size - 1)); do
  flip "the file" "$at"
done
cp "$OUT/good.cmev" "$C"
printf '\x63' | dd of="$C" bs=1 seek=8 conv=notrunc status=none # the format version
damaged "other version"
cp "$OUT/good.cmev" "$C"
printf 'X' | dd of="$C" bs=1 seek=0 conv=notrunc status=none
damaged "not a cache (magic)"
# the generated events are all short: the UCDP file's cache for the long events' index
if [[ -f $UCDP ]]; then
  rm -rf "$XDG_CACHE_HOME"
  run --events "$UCDP" --list >/dev/null 2>&1
  C=$(find "$CDIR" -name '*.cmev' | head -n 1)
  size=$(stat -c %s "$C")
  cp "$C" "$OUT/good.cmev"
  longs_off=$(u64 104) n_long=$(u64 112)
  [[ $n_long -gt 2 ]] || bad "UCDP cache: $n_long long events (more wanted)"
  DMG_SRC=$UCDP DMG_REF=$OUT/ucdp-none.list
  flip "a long event's index" $((longs_off + 4 * (n_long / 2)))
  flip "the count of long events" 112
fi

# another CRS: its own cache, never this one's
rm -rf "$XDG_CACHE_HOME"
run --events "$OUT/gen.csv" --crs EPSG:4326 --no-cache --query 36.3,33.5 --radius 40 --from 2024-01 --to 2025-12 >"$OUT/crs-none.query" 2>/dev/null
run --events "$OUT/gen.csv" --list >/dev/null 2>&1
run --events "$OUT/gen.csv" --crs EPSG:4326 --query 36.3,33.5 --radius 40 --from 2024-01 --to 2025-12 >"$OUT/crs.query" 2>"$OUT/crs.err"
same "other CRS: the same --query as without the cache" "$OUT/crs-none.query" "$OUT/crs.query"
check "other CRS: the cache of EPSG:22770 not opened" "$(grep -c 'cache: opened' "$OUT/crs.err")" 0
check "other CRS: its own cache written beside it" "$(ncache)" 2

# other place spellings (geodata/aliases.tsv places rows by their admin-1 name): not this cache
rm -rf "$XDG_CACHE_HOME" "$OUT/geo2"
cp -r "$CM_GEODATA" "$OUT/geo2"
run --events "$OUT/gen.csv" --list >/dev/null 2>&1
"$CM_BIN" --geodata "$OUT/geo2" --no-default-events --events "$OUT/gen.csv" --list >/dev/null 2>"$OUT/geo2.err"
check "other geodata: the cache made with another aliases.tsv not opened" "$(grep -c 'cache: opened' "$OUT/geo2.err")" 0
"$CM_BIN" --geodata "$OUT/geo2" --no-default-events --events "$OUT/gen.csv" --list >/dev/null 2>"$OUT/geo2b.err"
check "other geodata: its own cache opened the next time" "$(grep -c 'cache: opened' "$OUT/geo2b.err")" 1
touch -d '2001-01-01' "$OUT/geo2/aliases.tsv"
"$CM_BIN" --geodata "$OUT/geo2" --no-default-events --events "$OUT/gen.csv" --list >/dev/null 2>"$OUT/geo2c.err"
check "other geodata: an edited aliases.tsv makes the cache stale" "$(grep -c 'cache: opened' "$OUT/geo2c.err")" 0

# a touched source: read again
rm -rf "$XDG_CACHE_HOME"
cp "$OUT/gen.csv" "$OUT/touched.csv"
run --events "$OUT/touched.csv" --list >/dev/null 2>&1
touch -d '2001-01-01 00:00:00' "$OUT/touched.csv"
run --events "$OUT/touched.csv" --list >/dev/null 2>"$OUT/touched.err"
check "touched: not opened" "$(grep -c 'cache: opened' "$OUT/touched.err")" 0
check "touched: written again" "$(grep -c 'cache: wrote' "$OUT/touched.err")" 1
check "touched: one cache file for it" "$(ncache)" 1
# the same size, other content (a row's coordinates changed, mtime put back)
python3 - "$OUT/touched.csv" <<'PY'
import sys
p = sys.argv[1]; b = open(p, 'rb').read()
i = b.index(b'\n') + 1
j = b.index(b',33.', i) if b',33.' in b[i:] else b.index(b',3', i)
b = b[:j + 2] + (b'4' if b[j + 2:j + 3] != b'4' else b'5') + b[j + 3:]
open(p, 'r+b').write(b)
PY
touch -d '2001-01-01 00:00:00' "$OUT/touched.csv"
run --events "$OUT/touched.csv" --list >"$OUT/touched2.list" 2>"$OUT/touched2.err"
check "changed, same size and mtime: not opened (ctime)" "$(grep -c 'cache: opened' "$OUT/touched2.err")" 0

# unwritable cache directory: XDG_CACHE_HOME is a file
rm -rf "$XDG_CACHE_HOME"
echo "not a directory" >"$OUT/xdgfile"
XDG_CACHE_HOME=$OUT/xdgfile run --events "$OUT/gen.csv" --events "$UCDP" --list >"$OUT/unw.list" 2>"$OUT/unw.err"
echo "rc $?" >>"$OUT/unw.list"
XDG_CACHE_HOME=$OUT/xdgfile run --events "$OUT/gen.csv" --events "$UCDP" --list --no-cache >"$OUT/unw-none.list" 2>/dev/null
echo "rc $?" >>"$OUT/unw-none.list"
same "unwritable: the same --list, exit 0" "$OUT/unw-none.list" "$OUT/unw.list"
check "unwritable: one warning line" "$(grep -c 'warning: events cache not written' "$OUT/unw.err")" 1
check "unwritable: nothing else on stderr" "$(grep -vc '^conflictmap: cache:' "$OUT/unw.err")" 1

# killed while writing: nothing under the final name, or a whole file
N=200000
"$GEN" $N "$OUT/big.csv" "$CM_GEODATA" || bad "gen_acled $N"
whole=0 none=0
for try in 1 2 3; do
  rm -rf "$XDG_CACHE_HOME"
  CONFLICTMAP_CACHE_TRACE= run --events "$OUT/big.csv" --list >/dev/null 2>&1 &
  pid=$!
  for ((i = 0; i < 4000; i++)); do
    ls "$CDIR" 2>/dev/null | grep -v '^base-.*\.mesh' | grep -q . && break # the events cache (not the base map's)
    sleep 0.005
  done
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  if (($(ncache) == 0)); then
    none=$((none + 1))
    check "killed while writing ($try): a temporary file, no final one" "$(ls "$CDIR" | grep -c '\.tmp\.')" 1
  else
    whole=$((whole + 1))
    run --events "$OUT/big.csv" --list >/dev/null 2>"$OUT/kill.err"
    check "killed ($try) after the rename: the cache opens" "$(grep -c 'cache: opened' "$OUT/kill.err")" 1
  fi
done
echo "# killed while writing: $none times before the rename, $whole after"
((none > 0)) && ok "killed at least once while the cache was being written" || bad "never killed while writing (machine too fast?)"

echo "# $passed passed, $failed failed"
((failed == 0))
