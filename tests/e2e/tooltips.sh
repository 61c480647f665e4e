#!/usr/bin/env bash
# End-to-end tests of the hover tooltip and the cursor's place (issue "the map never misleads":
# "tooltips are drawn over the details panel; the coordinates keep tracking the map under the
# panel; a row's tooltip names the row that was there before the panel scrolled"), under a
# private Xvfb, driven with xdotool; --log-ui's "hover" lines (what the cursor is over, what the
# tooltip names) and screenshots are the oracles.
#
#   40 battles at Homs, one day: a click on their stack opens the panel listing all 40.
#   row tooltip: hovering a row shows its tooltip beside the panel, none of it on the panel.
#   cursor place: the status strip does not change while the cursor moves over the panel (it
#                 does over the map, so the check can fail).
#   scroll: the wheel over the panel, the cursor still: the hover (and tooltip) names the row
#           now under the cursor, the same one a fresh move there names.
#
# Screenshots stay in $CM_OUT/tooltips_*.png for a person to look at.
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "tooltips: N passed, M failed".
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"

passed=0
failed=0
summary() { echo "tooltips: $passed passed, $failed failed"; }
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
rm -f "$CM_OUT"/tooltips_*.png "$CM_OUT"/tooltips_*.log "$CM_OUT"/tooltips_*.err

W=1100 H=760
DATE=2025-07-16
SEA=C9DCE8                        # style.h CM_SEA
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-tooltips.XXXXXX") || fail "mktemp -d failed"

E2E=tooltips
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb, ae and the window helpers
export XDG_STATE_HOME="$TMP/state" # the window saves where it was closed: each test starts from none

cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT

start_xvfb "$CM_OUT/tooltips_xvfb.log" || fail "could not start Xvfb on a free display (see $CM_OUT/tooltips_xvfb.log)"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
echo "# Xvfb on DISPLAY=$DISPLAY"

# ------------------------------------------------------------------ helpers
# snap, keep, settle, pixel, locate, mark, since, wait_for, lastlog, start_app, quit_app,
# same_place: tests/e2e/lib.sh

# mixed_place FILE: one event of each point category at Homs on 2025-03-10
mixed_place() {
  local i=0 c
  { echo '{"type":"FeatureCollection","features":['
    for c in strike violence incursion diplomacy transition statement battle explosion civilians protest riot strategic; do
      ((i++)) && echo ','
      printf '{"type":"Feature","geometry":{"type":"Point","coordinates":[36.72,34.73]},"properties":{"id":"mixed-%s","title":"A %s","category":"%s","start":"2025-03-10","sources":[{"outlet":"test"}]}}\n' "$c" "$c" "$c"
    done
    echo ']}'; } >"$1"
}

# dark_in IMAGE X Y W H: pixels of the tooltip's dark grey (#262626 at 92%, over anything) there
dark_in() {
  convert "$1" -crop "$4x$5+$2+$3" +repage -fx '(r < 0.28 && g < 0.28 && b < 0.28 && abs(r - g) < 0.02 && abs(g - b) < 0.02) ? 1 : 0' \
    -format '%[fx:round(mean * w * h)]' info: 2>/dev/null || echo -1
}
# hover_after N: the last "hover" line after log line N, waiting up to 3 s for one
hover_after() { wait_for "$1" '.event == "hover"' 3 | tail -n1; }

# ================================================================== the panel's rows
same_place "$TMP/same.geojson" 40
SAME=(--no-default-events --events "$TMP/same.geojson" --date 2025-03-10)
if ! start_app rows "${SAME[@]}"; then fail "the window did not come up: $REASON"; fi
PW=380                                  # frame.h CM_PANEL_W: the panel at the map's right
PX=$((W - PW)) MAPH=$((H - 96))         # CM_TIMELINE_H
read -r sx sy <<<"$(locate 36.72,34.73 "${SAME[@]}")"
n=$(mark)
xdotool mousemove $((WX + sx)) $((WY + sy)); sleep 0.05; xdotool click 1
sel=$(wait_for "$n" '.event == "select"' 5 | tail -n1) || true
if jq -e '.kind == "choice" and (.items | length) == 40' <<<"$sel" >/dev/null 2>&1; then ok "a click on the stack lists its 40 events"
else fail "a click on the stack lists its 40 events: select line: $(cut -c1-200 <<<"$sel")"; fi

# the cursor over the map, then over the panel: find a row (a hover line with row 1)
xdotool mousemove $((WX + 200)) $((WY + 300))
settle "$TMP/map_a.ppm" || true
ROWX=$((PX + 150)) ROWY=""
for y in 300 330 360 260 400; do
  n=$(mark)
  xdotool mousemove $((WX + ROWX)) $((WY + y))
  h=$(hover_after "$n") || true
  if jq -e '.row == 1 and (.title | length) > 0' <<<"$h" >/dev/null 2>&1; then ROWY=$y; A=$(jq -r .title <<<"$h"); break; fi
done
[[ -n $ROWY ]] || fail "no hover line naming a row of the panel under the cursor at x=$ROWX (log: $(lastlog))"
ok "hovering a row of the panel names it: \"$A\" at y=$ROWY"
settle "$TMP/row.ppm" || true
keep "$TMP/row.ppm" row_hover

# 1. the row's tooltip is beside the panel, none of it on the panel
on=$(dark_in "$TMP/row.ppm" $((WX + PX)) $((WY + ROWY - 60)) "$PW" 120)
beside=$(dark_in "$TMP/row.ppm" $((WX + PX - 260)) $((WY + ROWY - 40)) 260 80)
xdotool mousemove $((WX + ROWX)) $((WY + MAPH - 10)); settle "$TMP/panel_low.ppm" || true
on0=$(dark_in "$TMP/panel_low.ppm" $((WX + PX)) $((WY + ROWY - 60)) "$PW" 120)  # the same band, no row hovered there
if (( on >= 0 && on - on0 < 200 && beside > 800 )); then ok "the row's tooltip stands beside the panel ($beside dark pixels left of it, $((on - on0)) more on it)"
else bad "the row's tooltip stands beside the panel, not on it" "$((on - on0)) more dark pixels on the panel around the row, $beside beside it; see $CM_OUT/tooltips_row_hover.png"; fi

# 2. the cursor's place in the status strip: still over the panel, moving over the map
strip() { convert "$1" -crop "560x24+$((WX + PX - 560))+$((WY + MAPH - 24))" +repage "$2"; }
xdotool mousemove $((WX + ROWX + 40)) $((WY + ROWY + 90)); settle "$TMP/panel_b.ppm" || true
strip "$TMP/row.ppm" "$TMP/s1.png"; strip "$TMP/panel_b.ppm" "$TMP/s2.png"
cp "$TMP/s1.png" "$CM_OUT/tooltips_strip_panel1.png"; cp "$TMP/s2.png" "$CM_OUT/tooltips_strip_panel2.png"
d=$(ae "$TMP/s1.png" "$TMP/s2.png")
xdotool mousemove $((WX + 260)) $((WY + 380)); settle "$TMP/map_b.ppm" || true
strip "$TMP/map_a.ppm" "$TMP/s3.png"; strip "$TMP/map_b.ppm" "$TMP/s4.png"
dm=$(ae "$TMP/s3.png" "$TMP/s4.png")
if [[ $d == 0 ]] && (( dm > 20 )); then ok "the status strip keeps still while the cursor moves over the panel (0 pixels differ; $dm over the map)"
else bad "the status strip does not track the map under the panel" "$d pixels of the strip differ between two places on the panel ($dm between two on the map); see $CM_OUT/tooltips_strip_panel*.png"; fi

# 3. the wheel scrolls the panel under a still cursor: the hover names the row now there
xdotool mousemove $((WX + ROWX)) $((WY + ROWY))
settle "$TMP/row2.ppm" || true
n=$(mark)
xdotool click --repeat 3 --delay 60 5
settle "$TMP/scrolled.ppm" || true      # the three steps drawn (one hover line may come per step)
keep "$TMP/scrolled.ppm" scrolled
B=$(hover_after "$n" | jq -r '.title' 2>/dev/null) || true
# a fresh move there (away and back) names the row that is really under the cursor
n=$(mark)
xdotool mousemove $((WX + 200)) $((WY + 300)); sleep 0.2
xdotool mousemove $((WX + ROWX)) $((WY + ROWY))
# (the move away logs a hover line too: wait for the one naming a row, which a slow build, under
# the sanitizers, logs only after the move back is drawn)
C=$(wait_for "$n" '.event == "hover" and .row == 1' 5 | tail -n1 | jq -r '.title' 2>/dev/null) || true
if [[ -n $B && $B != "$A" && $B == "$C" ]]; then ok "after the panel scrolled, the hover names the row now under the cursor (\"$B\", was \"$A\")"
else bad "after the panel scrolled, the hover names the row now under the cursor" "before \"$A\", after the wheel \"${B:-no hover line}\", after a fresh move \"$C\""; fi
on=$(dark_in "$TMP/scrolled.ppm" $((WX + PX)) $((WY + ROWY - 60)) "$PW" 120)
if (( on >= 0 && on - on0 < 200 )); then ok "no tooltip on the scrolled panel ($((on - on0)) more dark pixels)"
else bad "no tooltip on the scrolled panel" "$((on - on0)) more dark pixels on it; see $CM_OUT/tooltips_scrolled.png"; fi

# 4. the list of what is shown (Ctrl+L) is a panel too: a tooltip of the map next to it stays
#    left of it (it used to spill over the list's rows)
xdotool key --window "$WID" Escape; sleep 0.2
n=$(mark)
xdotool key --window "$WID" ctrl+l
wait_for "$n" '.event == "feed" and .open == "yes"' 5 >/dev/null || bad "Ctrl+L opens the list" "$(lastlog)"
EDGEX=$((PX - 12)) EDGEY=""
for y in 200 260 320 380 440 140 500; do # a governorate under the cursor just left of the list
  n=$(mark)
  xdotool mousemove $((WX + EDGEX)) $((WY + y))
  h=$(hover_after "$n") || true
  if jq -e '.kind == "region"' <<<"$h" >/dev/null 2>&1; then EDGEY=$y; break; fi
done
if [[ -z $EDGEY ]]; then bad "a region under the cursor beside the list" "none at x=$EDGEX (log: $(lastlog))"
else
  settle "$TMP/feed_tip.ppm" || true
  keep "$TMP/feed_tip.ppm" feed_tip
  on=$(dark_in "$TMP/feed_tip.ppm" $((WX + PX)) $((WY + EDGEY)) 160 60)
  beside=$(dark_in "$TMP/feed_tip.ppm" $((WX + PX - 300)) $((WY + EDGEY - 20)) 300 100)
  xdotool mousemove $((WX + EDGEX)) $((WY + MAPH + 40)); settle "$TMP/feed_none.ppm" || true # over the timeline: no tooltip
  on0=$(dark_in "$TMP/feed_none.ppm" $((WX + PX)) $((WY + EDGEY)) 160 60)
  if (( on >= 0 && on - on0 < 100 && beside > 400 )); then ok "a map tooltip beside the list keeps off it ($beside dark pixels left of it, $((on - on0)) more on it)"
  else bad "a map tooltip beside the list keeps off it" "$((on - on0)) more dark pixels on the list, $beside beside it; see $CM_OUT/tooltips_feed_tip.png"; fi
fi

# 5. the list's counts by layer stay above its buttons, however many layers: one event of each
#    of twelve categories wrote four lines of counts, the last two over "Newest first"
keep "$TMP/feed_tip.ppm" feed_one
btn() { convert "$1" -crop "230x24+$((WX + PX + 12))+$((WY + 90))" +repage "$2"; }
btn "$TMP/feed_tip.ppm" "$TMP/btn_one.png"
alive && ok "the app lives" || bad "the app lives" "it exited: $(tail -n3 "$ERR")"
quit_app
mixed_place "$TMP/mixed.geojson"
if ! start_app mixed --no-default-events --events "$TMP/mixed.geojson" --date 2025-03-10; then fail "the window did not come up: $REASON"; fi
n=$(mark)
xdotool key --window "$WID" ctrl+l
wait_for "$n" '.event == "feed" and .open == "yes" and .events == 12' 5 >/dev/null || bad "Ctrl+L lists the twelve" "$(lastlog)"
xdotool mousemove $((WX + EDGEX)) $((WY + MAPH + 40))
settle "$TMP/feed_mixed.ppm" || true
keep "$TMP/feed_mixed.ppm" feed_mixed
btn "$TMP/feed_mixed.ppm" "$TMP/btn_mixed.png"
# ... and the legend, which twelve rows push to a right-hand corner, is not left under the list
lg=$(since "$n" '.event == "legend"' | tail -n1)
if [[ -n $lg ]] && jq -e --argjson px "$PX" '([.head] + [.rows[].box] | map(select(length == 4 and .[2] > 0)) | all(.[0] + .[2] <= $px)) and (.head | length == 4)' <<<"$lg" >/dev/null
then ok "with the list open the legend keeps left of it ($(jq -c '{folded, head}' <<<"$lg"))"
else bad "with the list open the legend keeps left of it" "legend line: $(cut -c1-300 <<<"${lg:-none}")"; fi
d=$(compare -metric AE "$TMP/btn_one.png" "$TMP/btn_mixed.png" null: 2>&1 || true)
if [[ $d == 0 ]]; then ok "twelve layers' counts leave the list's buttons clear (the same pixels as with one layer)"
else bad "the counts by layer stay above the list's buttons" "$d pixels of the buttons differ from the one-layer list; see $CM_OUT/tooltips_feed_mixed.png"; fi

alive && ok "the app lives" || bad "the app lives" "it exited: $(tail -n3 "$ERR")"
quit_app
summary
(( failed == 0 ))
