#!/usr/bin/env bash
# country: another country's base map (issue 14): geodata/lebanon, built by
# `geodata/build.sh lebanon governorate`, opens with the same features as Syria's.
#   --query at Beirut   Beirut's governorate (LB-BA), country Lebanon (LBN)
#   --list              six governorates; the profile's CRS (a Lambert conic named for Lebanon)
#   neighbours          Damascus is in Syria; the occupied Golan is not Israel's (Katzrin), Tiberias is
#   built-in events     Syria's events all load: regions of another country's map are no error,
#                       the events are there, without a place on this map
#   the profile         a bad line in a copy of the Lebanese profile.ini is one error naming file:line
set -u
: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"
passed=0 failed=0
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
command -v jq >/dev/null || { echo "FAIL: jq is not installed"; exit 1; }
LEB=$(realpath "$CM_GEODATA/lebanon")
[[ -f $LEB/profile.ini ]] || { echo "FAIL: $LEB/profile.ini missing"; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-country.XXXXXX") && trap 'rm -rf "$TMP"' EXIT

run() { RC=0; env -u DISPLAY -u WAYLAND_DISPLAY timeout 30 "$CM_BIN" "$@" >"$TMP/out" 2>"$TMP/err" || RC=$?; }
jcheck() { # NAME EXPR: exit 0 and the expression true on stdout
  if [[ $RC -eq 0 ]] && jq -e "$2" "$TMP/out" >/dev/null 2>&1; then ok "$1"
  else bad "$1" "exit $RC; $(head -c 300 "$TMP/out" | tr '\n' ' '); $(head -c 300 "$TMP/err")"; fi
}

run --geodata "$LEB" --query 35.5018,33.8938
jcheck "--query at Beirut: Beirut's governorate, in Lebanon" \
  '.region.iso == "LB-BA" and .region.name_en == "Beirut" and .country.name == "Lebanon" and .country.iso_a3 == "LBN"'
run --geodata "$LEB" --query 35.85,34.40
jcheck "--query at Tripoli: North Lebanon" '.region.iso == "LB-AS" and .region.name_en == "North Lebanon"'
run --geodata "$LEB" --query 36.277,33.514
jcheck "--query at Damascus: no Lebanese region, the neighbour Syria" '.region == null and .country.iso_a3 == "SYR"'
run --geodata "$LEB" --query 35.6906,32.9925
jcheck "--query at Katzrin: the occupied Golan, Syrian, not Israel" '.country.name == "Golan Heights" and .country.iso_a3 == "SYR"'
run --geodata "$LEB" --query 35.5312,32.7922
jcheck "--query at Tiberias: Israel" '.country.iso_a3 == "ISR"'
run --geodata "$LEB" --list
jcheck "--list: six governorates, the profile's CRS" \
  '(.layers[] | select(.id == "governorates") | .features) == 6 and .crs.name == "Lebanon Lambert (conflictmap)"'
n_leb=$(jq -r .events "$TMP/out" 2>/dev/null)
run --geodata "$CM_GEODATA" --list
n_syr=$(jq -r .events "$TMP/out" 2>/dev/null)
if [[ -n $n_leb && $n_leb == "$n_syr" && $n_leb -gt 0 ]]; then ok "the built-in events all load on Lebanon's map ($n_leb)"
else bad "built-in events" "Lebanon $n_leb, Syria $n_syr"; fi
run --geodata "$LEB" --size 400x300 --render "$TMP/leb.png"
[[ $RC -eq 0 && -s $TMP/leb.png ]] && ok "--render on Lebanon's map" || bad "--render" "exit $RC; $(head -c 300 "$TMP/err")"

# the profile is strict: a copy with one bad line fails with file:line, and no output
cp -r "$LEB" "$TMP/geo"
printf 'tint = LB-XX 1\n' >>"$TMP/geo/profile.ini"
line=$(wc -l <"$TMP/geo/profile.ini")
run --geodata "$TMP/geo" --query 35.5018,33.8938
if [[ $RC -ne 0 && ! -s $TMP/out && $(wc -l <"$TMP/err") -eq 1 ]] && grep -q "profile.ini: line $line: 'LB-XX' is not a region code" "$TMP/err"; then
  ok "a tint naming no region: one line naming profile.ini:$line"
else bad "bad profile" "exit $RC; $(cat "$TMP/err")"; fi

echo "country: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
