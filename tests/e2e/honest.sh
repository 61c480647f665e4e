#!/usr/bin/env bash
# End-to-end tests that the window never draws things in the wrong place (issue "the map never
# misleads"), under a private Xvfb, driven with xdotool, with --log-ui as the oracle where it
# helps and screenshots compared pixel by pixel.
#
#   resize: after `xdotool windowsize` (smaller, then larger) the base map (fills, borders) and
#           the markers and labels drawn over it move together: a patch around As-Suwayda
#           (border, area, markers, town dots) is the same picture shifted by half the change of
#           size (the view keeps its centre and scale), and the sea stays sea.
#   co-located: 40 events at one point are one stack at that point; a click there lists all 40.
#   timeline: hovering a week's bar shows a tooltip (its dates and count) above the strip.
#   long list: 1500 events in one governorate are all listed, newest first, with the true count.
#   legend: a hidden layer keeps its count; events without a place have a row, listed on click;
#           number keys follow the legend's rows (ACLED layers included).
#   search: "Paris" selects the off-map Paris talks and keeps the view on the map.
#
# Screenshots stay in $CM_OUT/honest_*.png for a person to look at.
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "honest: N passed, M failed".
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"

passed=0
failed=0
summary() { echo "honest: $passed passed, $failed failed"; }
fail() {
  echo "FAIL (fatal): $*"
  failed=$((failed + 1))
  summary
  exit 1
}
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

for tool in Xvfb xdpyinfo xdotool import compare convert jq timeout; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
[[ -x "$CM_BIN" ]] || fail "CM_BIN=$CM_BIN is not an executable"
mkdir -p "$CM_OUT" || fail "cannot create CM_OUT=$CM_OUT"
CM_OUT=$(realpath "$CM_OUT")
rm -f "$CM_OUT"/honest_*.png "$CM_OUT"/honest_*.log "$CM_OUT"/honest_*.err

W=1100 H=760
DATE=2025-07-16
SEA=C9DCE8                        # style.h CM_SEA
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-honest.XXXXXX") || fail "mktemp -d failed"

E2E=honest
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb, ae and the window helpers
export XDG_STATE_HOME="$TMP/state" # the window saves where it was closed: each test starts from none

cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT

start_xvfb "$CM_OUT/honest_xvfb.log" || fail "could not start Xvfb on a free display (see $CM_OUT/honest_xvfb.log)"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
echo "# Xvfb on DISPLAY=$DISPLAY"

# ------------------------------------------------------------------ helpers
# snap, keep, settle, pixel, locate, mark, since, wait_for, lastlog, start_app, quit_app,
# same_place: tests/e2e/lib.sh

# ================================================================== resize
start_app resize --date "$DATE" --layers countries,governorates,cities,strikes,violence,zones || fail "the window did not come up: $REASON"
xdotool mousemove $((WX + W - 20)) $((WY + 20))  # over the sea corner, away from what is compared
START="$TMP/resize0.ppm"
settle "$START" || true
keep "$START" resize_0_start

# resize_check NW NH NAME: resizes the window to NW x NH; the map keeps its centre and scale, so
# everything moves by half the change of size; base and overlays must move together.
resize_check() {
  local nw=$1 nh=$2 name=$3 dx dy sx sy xy c shot="$TMP/resize_$3.ppm"
  xdotool windowsize --sync "$WID" "$nw" "$nh" 2>/dev/null || xdotool windowsize "$WID" "$nw" "$nh"
  sleep 0.3
  settle "$shot" || true
  geometry
  keep "$shot" "resize_$name" "${WW}x$WH"
  if [[ $WW != "$nw" || $WH != "$nh" ]]; then bad "$name: window resized to ${nw}x$nh" "geometry says ${WW}x$WH"; return; fi
  dx=$(((nw - W) / 2)) dy=$(((nh - H) / 2))
  # the patch between Damascus and As-Suwayda: governorate borders and fills (base), the violence
  # area, the markers and the town dots (overlay); it stays above the timeline at both sizes.
  # Labels are off: they may be placed differently in a window of another size.
  read -r sx sy <<<"$(locate 36.57,32.71 --date "$DATE" --layers countries,governorates,cities,strikes,violence,zones)"
  local pw=220 ph=120 px=$((sx - 130)) py=$((sy - 130))
  convert "$START" -crop "${pw}x$ph+$((WX + px))+$((WY + py))" +repage "$TMP/pa.png"
  convert "$shot" -crop "${pw}x$ph+$((WX + px + dx))+$((WY + py + dy))" +repage "$TMP/pb.png"
  cp "$TMP/pa.png" "$CM_OUT/honest_resize_${name}_patch_before.png"
  cp "$TMP/pb.png" "$CM_OUT/honest_resize_${name}_patch_after.png"
  local d
  d=$(ae "$TMP/pa.png" "$TMP/pb.png" 3)
  if (( d >= 0 && d <= pw * ph / 200 )); then
    ok "$name: base and markers moved together by ($dx,$dy) ($d of $((pw * ph)) pixels differ around As-Suwayda)"
  else
    bad "$name: base and markers move together by ($dx,$dy)" "$d of $((pw * ph)) pixels differ around As-Suwayda; see $CM_OUT/honest_resize_${name}_patch_*.png"
  fi
  # the base alone: the sea off Lebanon is still sea where the view now puts it
  read -r sx sy <<<"$(locate 35.0,33.0 --date "$DATE")"
  c=$(pixel "$shot" $((WX + sx + dx)) $((WY + sy + dy)))
  if [[ $c == "$SEA" ]]; then ok "$name: the sea off Lebanon is sea (#$c)"
  else bad "$name: the sea off Lebanon is sea" "pixel at $((sx + dx)),$((sy + dy)) is #${c:-?}"; fi
}
resize_check 900 620 smaller
resize_check 1240 860 larger
alive && ok "the app lives after the resizes" || bad "the app lives after the resizes" "it exited: $(tail -n3 "$ERR")"
quit_app

# ================================================================== co-located events
# 40 events at one place: drawn there as one stack; a click where it is drawn lists all 40.
same_place "$TMP/same.geojson" 40
SAME=(--no-default-events --events "$TMP/same.geojson" --date 2025-03-10)
if start_app same "${SAME[@]}"; then
  xdotool mousemove $((WX + W - 20)) $((WY + 20))
  settle "$TMP/same.ppm" || true
  keep "$TMP/same.ppm" same_place
  read -r sx sy <<<"$(locate 36.72,34.73 "${SAME[@]}")"
  n=$(mark)
  xdotool mousemove $((WX + sx)) $((WY + sy)); sleep 0.05; xdotool click 1
  if sel=$(wait_for "$n" '.event == "select"'); then
    sel=$(tail -n1 <<<"$sel")
    if jq -e '.kind == "choice" and (.items | length) == 40' <<<"$sel" >/dev/null; then
      ok "a click on the 40 events' place lists all 40 ($(jq -c '{kind, items: (.items | length)}' <<<"$sel"))"
    else bad "a click on the 40 events' place lists all 40" "select line: $(jq -c '{kind, id, items: (.items | length)}' <<<"$sel")"; fi
  else bad "a click on the 40 events' place lists all 40" "no select line after a click at ($sx,$sy); log: $(lastlog)"; fi
  settle "$TMP/same_list.ppm" || true
  keep "$TMP/same_list.ppm" same_place_list
  # the week's value on hover: over the bar of 10 March (axis 1..31 March, x0 150, x1 W - 24)
  tx=$((150 + (W - 174) * 9 / 30 + 3)) ty=$((H - 96 + 45))
  before=$(pixel "$TMP/same_list.ppm" $((WX + tx)) $((WY + H - 96 - 14)))
  xdotool mousemove $((WX + tx)) $((WY + ty))
  settle "$TMP/week_hover.ppm" || true
  keep "$TMP/week_hover.ppm" week_hover
  c=$(pixel "$TMP/week_hover.ppm" $((WX + tx)) $((WY + H - 96 - 14)))
  dark=0  # the tooltip's dark grey (#2B2B2B at 92% over what is under it)
  [[ $c =~ ^[0-9A-F]{6}$ ]] && (( 16#${c:0:2} < 0x50 && 16#${c:2:2} < 0x50 && 16#${c:4:2} < 0x50 )) && dark=1
  if (( dark )) && [[ $before != "$c" ]]; then ok "hovering a week's bar shows its value above the timeline (#$c, was #$before)"
  else bad "hovering a week's bar shows its value" "pixel above the bar is #$c (was #$before); see $CM_OUT/honest_week_hover.png"; fi
  quit_app
else
  bad "the window opens with 40 events at one place" "$REASON"
fi

# ================================================================== legend: counts, keys, no place
# The default data at 22 July 2025: hiding strikes ('1', the first row) keeps its count (2,
# the strikes of 14-16 July, fading) with the box unticked; the row "Without a place" counts
# Barrack's statement (21 July, an interview with no point on the map) and a click lists it.
if start_app legend --date 2025-07-22; then
  lg=$(wait_for 0 '.event == "legend"' 5 | tail -n1) || true
  if [[ -n $lg ]] && jq -e 'any(.rows[]; .id == "strikes" and .count == 2 and .visible)' <<<"$lg" >/dev/null; then ok "the legend counts 2 strikes"
  else bad "the legend counts 2 strikes" "legend line: $(cut -c1-300 <<<"$lg")"; fi
  xdotool mousemove $((WX + W - 20)) $((WY + 20))
  settle "$TMP/legend_shown.ppm" || true
  n=$(mark)
  xdotool key --window "$WID" 1
  if got=$(wait_for "$n" '.event == "legend" and any(.rows[]; .id == "strikes" and (.visible | not))'); then
    if jq -e 'any(.rows[]; .id == "strikes" and .count == 2)' <<<"$(tail -n1 <<<"$got")" >/dev/null; then
      ok "a hidden layer's count stays (strikes: 2, hidden)"
    else bad "a hidden layer's count stays" "legend line: $(tail -n1 <<<"$got" | jq -c '.rows[] | select(.id == "strikes")')"; fi
  else bad "'1' hides strikes" "no legend line with strikes hidden; log: $(lastlog)"; fi
  settle "$TMP/legend_hidden.ppm" || true
  keep "$TMP/legend_hidden.ppm" legend_hidden
  # as drawn: the number at the right of the strikes row is the same picture hidden or shown
  read -r bx by bw bh <<<"$(jq -r '.rows[] | select(.id == "strikes") | .box | map(tostring) | join(" ")' <<<"$lg" 2>/dev/null)"
  bx=${bx:-12} by=${by:-99} bw=${bw:-240} bh=${bh:-19}
  convert "$TMP/legend_shown.ppm" -crop "40x${bh}+$((WX + bx + bw - 44))+$((WY + by))" +repage "$TMP/num0.png"
  convert "$TMP/legend_hidden.ppm" -crop "40x${bh}+$((WX + bx + bw - 44))+$((WY + by))" +repage "$TMP/num1.png"
  d=$(ae "$TMP/num0.png" "$TMP/num1.png")
  if [[ $d == 0 ]]; then ok "the hidden layer's row shows the same number as before (0 pixels differ)"
  else bad "the hidden layer's row shows the same number" "$d pixels of its number differ (was it drawn as 0?)"; fi
  row=$(jq -c '.rows[] | select(.id == "no_place")' <<<"$lg" 2>/dev/null) || true
  if [[ -n $row ]] && jq -e '.count == 1' <<<"$row" >/dev/null; then
    ok "the legend has a row for events without a place ($row)"
    read -r bx by bw bh <<<"$(jq -r '.box | map(tostring) | join(" ")' <<<"$row")"
    n=$(mark)
    xdotool mousemove $((WX + bx + bw / 2)) $((WY + by + bh / 2)); sleep 0.05; xdotool click 1
    if sel=$(wait_for "$n" '.event == "select"'); then
      sel=$(tail -n1 <<<"$sel")
      if jq -e '.kind == "choice" and .count == 1 and .items[0].id == "barrack-criticism"' <<<"$sel" >/dev/null; then
        ok "a click on it lists them ($(jq -c '{kind, count, items: [.items[].id]}' <<<"$sel"))"
      else bad "a click on the row lists the events without a place" "select line: $(cut -c1-300 <<<"$sel")"; fi
    else bad "a click on the row lists the events without a place" "no select line; log: $(lastlog)"; fi
    settle "$TMP/legend_noplace.ppm" || true
    keep "$TMP/legend_noplace.ppm" no_place_list
  else bad "the legend has a row for events without a place, counting 1" "legend line: $(cut -c1-400 <<<"$lg")"; fi
  quit_app
else
  bad "the window opens on the default data" "$REASON"
fi

# Number keys follow the legend's rows: with only ACLED data, '1' is battles (the first row);
# with the default data too, '7' is battles (the seventh row).
"$(dirname "$CM_BIN")/gen_acled" 600 "$TMP/acled.csv" >/dev/null 2>&1 || bad "gen_acled writes a file" "it failed"
for setup in "1 --no-default-events" "7"; do
  read -r k extra <<<"$setup"
  # shellcheck disable=SC2086
  if start_app "keys$k" $extra --events "$TMP/acled.csv" --date 2025-06-30; then
    n=$(mark)
    xdotool key --window "$WID" "$k"
    if got=$(wait_for "$n" '.event == "layer"'); then
      if jq -e '.id == "battles"' <<<"$(tail -n1 <<<"$got")" >/dev/null; then ok "key $k toggles the legend's row $k, battles (${extra:-with the default data})"
      else bad "key $k toggles battles" "it toggled $(tail -n1 <<<"$got" | jq -c '{id, visible}')"; fi
    else bad "key $k toggles battles" "no layer line after the key (${extra:-with the default data})"; fi
    quit_app
  else
    bad "the window opens with an ACLED file" "$REASON"
  fi
done

# ================================================================== search for an off-map event
# Ctrl+F "Paris", Enter: the Paris talks are selected (their badge) and the view stays on the
# map (it flew to Paris, an empty screen in this projection).
if start_app search --date 2025-08-19; then
  xdotool mousemove $((WX + 20)) $((WY + H - 140))
  settle "$TMP/search0.ppm" || true
  n=$(mark)
  xdotool key --window "$WID" ctrl+f
  sleep 0.2
  xdotool type --window "$WID" --delay 30 "Paris"
  sleep 0.2
  xdotool key --window "$WID" Return
  if sel=$(wait_for "$n" '.event == "select" and .kind == "event"'); then
    sel=$(tail -n1 <<<"$sel")
    if jq -e '.id | startswith("paris")' <<<"$sel" >/dev/null; then ok "search 'Paris' selects $(jq -r .id <<<"$sel")"
    else bad "search 'Paris' selects the Paris talks" "select line: $(cut -c1-200 <<<"$sel")"; fi
  else bad "search 'Paris' selects the Paris talks" "no select line; log: $(lastlog)"; fi
  sleep 0.8  # a flight takes 450 ms
  settle "$TMP/search1.ppm" || true
  keep "$TMP/search1.ppm" search_paris
  # the map left of the panel: Damascus and the south, as before
  read -r sx sy <<<"$(locate 36.3,33.0 --date 2025-08-19)"
  convert "$TMP/search0.ppm" -crop "200x150+$((WX + sx - 100))+$((WY + sy - 75))" +repage "$TMP/s0.png"
  convert "$TMP/search1.ppm" -crop "200x150+$((WX + sx - 100))+$((WY + sy - 75))" +repage "$TMP/s1.png"
  d=$(ae "$TMP/s0.png" "$TMP/s1.png" 3)
  if (( d >= 0 && d < 600 )); then ok "the view stays on the map ($d of 30000 pixels around Damascus differ)"
  else bad "the view stays on the map" "$d of 30000 pixels around Damascus differ; see $CM_OUT/honest_search_paris.png"; fi
  # the badges (Paris top left, Baku top right) stay put whether the panel is open or not:
  # the top band left of the panel is the same picture (Baku jumped onto Al-Hasakah)
  xdotool key --window "$WID" Escape
  settle "$TMP/search2.ppm" || true
  keep "$TMP/search2.ppm" badges_panel_closed
  convert "$TMP/search1.ppm" -crop "$((W - 390))x70+$WX+$WY" +repage "$TMP/b1.png"
  convert "$TMP/search2.ppm" -crop "$((W - 390))x70+$WX+$WY" +repage "$TMP/b2.png"
  d=$(ae "$TMP/b1.png" "$TMP/b2.png" 3)
  # (the selected badge's frame is the only difference: about 1000 pixels; a moved badge is 5000)
  if (( d >= 0 && d < 2000 )); then ok "the badges do not move when the panel opens ($d pixels of the top band differ)"
  else bad "the badges do not move when the panel opens" "$d pixels of the top band differ; compare $CM_OUT/honest_search_paris.png and honest_badges_panel_closed.png"; fi
  quit_app
else
  bad "the window opens at 19 August 2025" "$REASON"
fi

# ================================================================== a long list
# 1500 events in Daraa over 1500 days: a click on Daraa lists them all (the list stopped at
# 512, the oldest ones), newest first, and the select line gives the true count.
{ echo '{"type":"FeatureCollection","features":['
  for ((i = 0; i < 1500; i++)); do
    ((i)) && echo ','
    printf '{"type":"Feature","geometry":{"type":"Point","coordinates":[36.30,32.75]},"properties":{"id":"long-%04d","title":"Event %d","category":"battle","start":"%s","sources":[{"outlet":"test"}]}}\n' \
      "$i" "$i" "$(date -u -d "2021-01-01 + $i days" +%F)"
  done
  echo ']}'; } >"$TMP/long.geojson"
LONG=(--no-default-events --events "$TMP/long.geojson" --from 2021-01-01 --to 2025-12-31 --center 36.2,32.75 --zoom 9)
if start_app long "${LONG[@]}"; then
  xdotool mousemove $((WX + W - 20)) $((WY + 20))
  settle "$TMP/long0.ppm" || true
  read -r sx sy <<<"$(locate 36.05,32.85 "${LONG[@]}")"
  n=$(mark)
  xdotool mousemove $((WX + sx)) $((WY + sy)); sleep 0.05; xdotool click 1
  if sel=$(wait_for "$n" '.event == "select"'); then
    sel=$(tail -n1 <<<"$sel")
    if jq -e '.kind == "region" and .name == "Daraa" and .count == 1500 and .items[0].id == "long-1499"' <<<"$sel" >/dev/null; then
      ok "a click on Daraa lists all 1500 events, newest first ($(jq -c '{kind, name, count, first: .items[0].id}' <<<"$sel"))"
    else bad "a click on Daraa lists all 1500 events, newest first" "select line: $(jq -c '{kind, name, count, n: (.items | length), first: .items[0].id}' <<<"$sel")"; fi
  else bad "a click on Daraa lists all 1500 events" "no select line after a click at ($sx,$sy); log: $(lastlog)"; fi
  xdotool mousemove $((WX + W - 200)) $((WY + 300))
  settle "$TMP/long1.ppm" || true
  keep "$TMP/long1.ppm" long_list
  # scroll to the end of the list: the oldest event is reachable
  for ((i = 0; i < 60; i++)); do xdotool click --repeat 30 --delay 1 5; done
  settle "$TMP/long2.ppm" || true
  keep "$TMP/long2.ppm" long_list_end
  alive && ok "the app lives after scrolling 1500 rows" || bad "the app lives after scrolling" "it exited"
  quit_app
else
  bad "the window opens with 1500 events in Daraa" "$REASON"
fi

summary
[[ $failed -eq 0 ]]
