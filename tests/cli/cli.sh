#!/usr/bin/env bash
# CLI tests for conflictmap's headless modes (no display needed; DISPLAY is unset).
#
# Checks:
#   --list       valid JSON; layer ids; feature counts of governorates (16) and
#                cities (25); CRS name; governorates bbox lies inside Syria's box.
#   --query      region/country lookups: As-Suwayda (iso, English and Arabic
#                names), Damascus, Lebanon (no region), the sea (nothing).
#   --locate     integer pixel inside an 800x600 view for Damascus; Paris is
#                outside and its x,y really are off the default 1280x800 view.
#   --help, --version.
#   bad input    every bad argument exits non-zero, prints nothing on stdout and
#                exactly one line on stderr that names the culprit.
#   --render     writes a PNG of the default size (1280x800) and of --size.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "cli: N passed, M failed"; exits 1 if
# any check failed.
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"

passed=0
failed=0

summary() { echo "cli: $passed passed, $failed failed"; }

# Fatal: the tests cannot go on (missing tool, broken setup).
fail() {
  echo "FAIL (fatal): $*"
  failed=$((failed + 1))
  summary
  exit 1
}

ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

for tool in jq file identify timeout; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
[[ -x "$CM_BIN" ]] || fail "CM_BIN=$CM_BIN is not an executable"
[[ -d "$CM_GEODATA" ]] || fail "CM_GEODATA=$CM_GEODATA is not a directory"
mkdir -p "$CM_OUT" || fail "cannot create CM_OUT=$CM_OUT"
# The binary runs in a scratch working directory: make the paths absolute.
CM_BIN=$(realpath "$CM_BIN"); CM_GEODATA=$(realpath "$CM_GEODATA"); CM_OUT=$(realpath "$CM_OUT")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-cli.XXXXXX") || fail "mktemp -d failed"
trap 'rm -rf "$TMP"' EXIT

# run ARGS...: runs the binary headless (no DISPLAY), in $TMP/cwd, with a
# timeout so that a mode that wrongly opens a window cannot hang the test.
# Sets OUT (stdout), ERR (stderr), RC (exit status).
mkdir "$TMP/cwd"
run() {
  RC=0
  (cd "$TMP/cwd" && env -u DISPLAY -u WAYLAND_DISPLAY timeout 20 \
      "$CM_BIN" --geodata "$CM_GEODATA" "$@") >"$TMP/out" 2>"$TMP/err" || RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}
# Same, without the implicit --geodata (for tests of --geodata itself).
run_raw() {
  RC=0
  (cd "$TMP/cwd" && env -u DISPLAY -u WAYLAND_DISPLAY timeout 20 \
      "$CM_BIN" "$@") >"$TMP/out" 2>"$TMP/err" || RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}

short() { printf '%s' "$1" | tr '\n' ' ' | cut -c1-300; }

# jcheck NAME JQ-EXPR: the expression, applied to $OUT, must yield true.
jcheck() {
  local name=$1 expr=$2 got
  # -s: the whole output must be exactly one JSON value (empty output or
  # trailing garbage fail), then the expression is applied to it.
  if got=$(printf '%s' "$OUT" | jq -e -s "length == 1 and (.[0] | ($expr))" 2>&1); then
    ok "$name"
  else
    bad "$name" "jq '$expr' gave '$(short "$got")' on output: $(short "$OUT")"
  fi
}

# need_rc0 NAME: the last run must have exited 0 (else the JSON checks would
# only report confusing parse errors).
need_rc0() {
  if [[ $RC -eq 0 ]]; then ok "$1 exits 0"
  else bad "$1 exits 0" "exit status $RC, stderr: $(short "$ERR")"; fi
}

# ---------------------------------------------------------------- --list
run --list
need_rc0 "--list"
if [[ -n $OUT ]] && printf '%s' "$OUT" | jq -e -s 'length == 1 and (.[0] | type == "object")' >/dev/null 2>&1; then
  ok "--list prints valid JSON (one object)"
else bad "--list prints valid JSON" "jq cannot parse: $(short "$OUT")"; fi
jcheck "--list has layers countries, governorates, cities, labels" \
  '["countries","governorates","cities","labels"] - [.layers[].id] == []'
jcheck "--list: governorates has 16 features (14 governorates, the UNDOF strip, the occupied Golan)" \
  '[.layers[] | select(.id == "governorates") | .features] == [16]'
jcheck "--list: cities has 25 features" \
  '[.layers[] | select(.id == "cities") | .features] == [25]'
jcheck "--list: crs.name is the Syria Lambert CRS" \
  '.crs.name == "Deir ez Zor / Syria Lambert"'
# shellcheck disable=SC2016  # $w.. are jq variables
jcheck "--list: governorates bbox within lon 35..43, lat 32..38" \
  '[.layers[] | select(.id == "governorates") | .bbox] as [[$w,$s,$e,$n]]
   | $w >= 35 and $e <= 43 and $s >= 32 and $n <= 38 and $w < $e and $s < $n'

# ---------------------------------------------------------------- --query
run --query 36.566,32.709
need_rc0 "--query As-Suwayda"
jcheck "--query 36.566,32.709 is region SY-SU" '.region.iso == "SY-SU"'
jcheck "--query 36.566,32.709 name_en As-Suwayda" '.region.name_en == "As-Suwayda"'
jcheck "--query 36.566,32.709 name_ar السويداء" '.region.name_ar == "السويداء"'
jcheck "--query 36.566,32.709 country Syria" '.country.name == "Syria"'

run --query 35.5,33.9
need_rc0 "--query Lebanon"
jcheck "--query 35.5,33.9 (Lebanon) has region null" 'has("region") and .region == null'
jcheck "--query 35.5,33.9 country Lebanon" '.country.name == "Lebanon"'

run --query 34.5,34.5
need_rc0 "--query sea"
jcheck "--query 34.5,34.5 (sea) has region null and country null" \
  'has("region") and has("country") and .region == null and .country == null'

run --query 36.277,33.514
need_rc0 "--query Damascus"
jcheck "--query 36.277,33.514 is region SY-DI" '.region.iso == "SY-DI"'

# ---------------------------------------------------------------- --locate
run --locate 36.29,33.51 --size 800x600
need_rc0 "--locate Damascus"
jcheck "--locate 36.29,33.51 --size 800x600: integer x,y in the view, inside true" \
  '(.x | type == "number" and floor == .) and (.y | type == "number" and floor == .)
   and .x >= 0 and .x < 800 and .y >= 0 and .y < 600 and .inside == true'

run --locate 2.35,48.86
need_rc0 "--locate Paris"
jcheck "--locate 2.35,48.86 (Paris): inside false and x,y off the 1280x800 view" \
  '.inside == false and (.x < 0 or .x >= 1280 or .y < 0 or .y >= 800)'

# ---------------------------------------------------------------- --help / --version
run_raw --help
if [[ $RC -eq 0 ]] && grep -qi 'usage' <<<"$OUT"; then ok "--help exits 0 and prints usage"
else bad "--help exits 0 and prints usage" "status $RC, stdout: $(short "$OUT")"; fi

run_raw --version
if [[ $RC -eq 0 ]] && [[ $OUT =~ ^conflictmap\ [0-9]+(\.[0-9]+)+([-+.][0-9A-Za-z.]+)?$ ]]; then
  ok "--version prints 'conflictmap <version>'"
else
  bad "--version prints 'conflictmap <version>'" "status $RC, stdout: $(short "$OUT")"
fi

# ---------------------------------------------------------------- bad input
# badcheck NAME PATTERN (egrep, case-insensitive) -- ARGS...
# Uses run_raw so the caller decides about --geodata.
badcheck() {
  local name=$1 pat=$2; shift 3
  run_raw "$@"
  local why=()
  [[ $RC -ne 0 ]] || why+=("exit status 0")
  [[ $RC -ne 124 ]] || why+=("timed out (did it open a window?)")
  local nl
  nl=$(awk 'END { print NR }' "$TMP/err")   # counts a last line without newline too
  [[ $nl -eq 1 ]] || why+=("$nl lines on stderr, want exactly 1")
  grep -Eqi -- "$pat" <<<"$ERR" || why+=("stderr does not match /$pat/")
  [[ -z "$OUT" ]] || why+=("unexpected stdout: $(short "$OUT")")
  if [[ ${#why[@]} -eq 0 ]]; then ok "bad input: $name"
  else bad "bad input: $name" "$(printf '%s; ' "${why[@]}")stderr: $(short "$ERR")"; fi
}

G=(--geodata "$CM_GEODATA")
badcheck "--geodata /nonexistent"  '/nonexistent'     -- --geodata /nonexistent --list
badcheck "--crs EPSG:999999"       '--crs'           -- "${G[@]}" --crs EPSG:999999 --list
badcheck "--size 0x0"              '--size'          -- "${G[@]}" --size 0x0 --list
badcheck "--zoom abc"              '--zoom'          -- "${G[@]}" --zoom abc --list
badcheck "--bogus"                 '--bogus'         -- "${G[@]}" --bogus
badcheck "--query 500,0"           '--query|500'     -- "${G[@]}" --query 500,0
badcheck "--render out.txt"        '\.png'           -- "${G[@]}" --render out.txt
if [[ -e "$TMP/cwd/out.txt" ]]; then bad "--render out.txt writes nothing" "out.txt was created"
else ok "--render out.txt writes nothing"; fi
badcheck "--layers nosuch"         'nosuch'          -- "${G[@]}" --layers nosuch --list
EMPTY=$(mktemp -d "$TMP/empty.XXXXXX")
badcheck "empty geodata dir"       '(governorates|neighbors)\.shp.*missing|missing.*(governorates|neighbors)\.shp' \
                                                        -- --geodata "$EMPTY" --list

# ---------------------------------------------------------------- --render
PNG="$CM_OUT/cli.png"
rm -f "$PNG"
run --render "$PNG"
need_rc0 "--render"
if [[ -s "$PNG" ]] && file -b "$PNG" | grep -q '^PNG image data'; then ok "--render writes a PNG file"
else bad "--render writes a PNG file" "$PNG: $(file -b "$PNG" 2>&1)"; fi
dim=$(identify -format '%m %wx%h' "$PNG" 2>&1 || true)
if [[ $dim == "PNG 1280x800" ]]; then ok "--render default size is 1280x800"
else bad "--render default size is 1280x800" "identify says '$dim'"; fi
ncol=$(identify -format '%k' "$PNG" 2>/dev/null || echo 0)
if [[ $ncol =~ ^[0-9]+$ ]] && (( ncol > 50 )); then ok "--render image is not blank ($ncol colours)"
else bad "--render image is not blank" "only '$ncol' distinct colours"; fi

PNG2="$CM_OUT/cli_640x400.png"
rm -f "$PNG2"
run --render "$PNG2" --size 640x400
need_rc0 "--render --size 640x400"
dim=$(identify -format '%m %wx%h' "$PNG2" 2>&1 || true)
if [[ $dim == "PNG 640x400" ]]; then ok "--render --size 640x400 gives a 640x400 PNG"
else bad "--render --size 640x400 gives a 640x400 PNG" "identify says '$dim'"; fi

summary
[[ $failed -eq 0 ]]
