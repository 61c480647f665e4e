#!/usr/bin/env bash
# The legend folds in a small window (issue 11, "Layout at every size"): under a private Xvfb, an
# 800x560 window (the map 464 pixels high) opens with the legend folded to its LAYERS header, so
# that it covers none of the country: the coastal towns (Latakia, Tartus, Jableh, Baniyas, placed
# with --locate) are outside it, in the log's box and on screen; a click on the header opens it
# (rows listed, a legend_fold line), K folds and opens it again, the user's choice (open) is
# remembered when the window reopens, and --scale reaches the window (its ready line).
# Environment (set by ctest): CM_BIN, CM_GEODATA, CM_OUT. Prints "layout: N passed, M failed".
set -uo pipefail
: "${CM_BIN:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
summary() { echo "layout: $passed passed, $failed failed"; }
for tool in Xvfb xdpyinfo xdotool jq timeout; do
  command -v "$tool" >/dev/null || { bad tools "'$tool' is not installed"; summary; exit 1; }
done
mkdir -p "$CM_OUT"; CM_OUT=$(realpath "$CM_OUT")
XVFB_PID="" APP_PID=""
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # running, stop, start_xvfb
T=$CM_OUT/layout-e2e
rm -rf "$T"; mkdir -p "$T"
export XDG_STATE_HOME="$T/state" # the saved view: private, empty at the start
cleanup() { stop "$APP_PID"; stop "$XVFB_PID"; }
trap cleanup EXIT
start_xvfb "$CM_OUT/layout_xvfb.log" || { bad xvfb "could not start Xvfb"; summary; exit 1; }
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
LOG=$T/log
mark() { wc -l <"$LOG" | tr -d ' '; }
wait_for() { # N FILTER: the matching lines after line N
  local i out
  for ((i = 0; i < 200; i++)); do
    out=$(tail -n +$(($1 + 1)) "$LOG" | jq -cR "fromjson? | select($2)" 2>/dev/null || true)
    if [[ -n $out ]]; then printf '%s\n' "$out"; return 0; fi
    running "$APP_PID" || break
    sleep 0.05
  done
  return 1
}
open_window() { # ARGS
  : >"$LOG"
  "$CM_BIN" --geodata "$CM_GEODATA" --size 800x560 --date 2025-03-08 --log-ui "$@" >"$LOG" 2>"$T/err" &
  APP_PID=$!
  wait_for 0 '.event == "ready"' >/dev/null
  WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1) || true
  [[ -n $WID ]] && xdotool windowfocus --sync "$WID" 2>/dev/null
  sleep 0.3
}
close_window() { xdotool key --window "$WID" ctrl+q; for ((i = 0; i < 50; i++)); do running "$APP_PID" || break; sleep 0.1; done; stop "$APP_PID"; }
legend_rows() { tail -n +$(($1 + 1)) "$LOG" | jq -cR 'fromjson? | select(.event == "legend")' | tail -n1 | jq '.rows | length'; }

legend_line() { tail -n +$(($1 + 1)) "$LOG" | jq -cR 'fromjson? | select(.event == "legend")' | tail -n1; }
open_window
if [[ -z ${WID:-} ]]; then bad start "no window ($(tail -c 300 "$T/err"))"; summary; exit 1; fi
eval "$(xdotool getwindowgeometry --shell "$WID" | grep -E '^(X|Y)=[0-9]+$')"; WX=$X WY=$Y
xdotool mousemove $((WX + 790)) $((WY + 550)) # over the timeline's corner: no hover on the map
first=$(wait_for 0 '.event == "legend"' | tail -n1)
rows=$(jq '.rows | length' <<<"$first"); head=$(jq -c '.head' <<<"$first")
if [[ $(jq .folded <<<"$first") == true && $rows == 0 && $(jq '.head[2] > 0' <<<"$first") == true ]]; then
  ok "the legend opens folded to its header $head in an 800x560 window"
else bad "open folded" "legend line: $first"; fi
sleep 0.3
shot() { import -window root "$T/root.png" 2>/dev/null && convert "$T/root.png" -crop "800x560+$WX+$WY" +repage "$CM_OUT/$1"; }
shot layout_800x560_start.png || true
# the coastal towns are not under it: outside its box (2 pixels around it), and their dots are drawn
for town in "Latakia 35.7796,35.5317" "Tartus 35.8867,34.8890" "Jableh 35.9326,35.3618" "Baniyas 35.9398,35.1827"; do
  read -r name ll <<<"$town"
  read -r px py <<<"$("$CM_BIN" --geodata "$CM_GEODATA" --size 800x560 --locate "$ll" | jq -r '"\(.x) \(.y)"')"
  # the legend's box: its header and its rows, if any
  if jq -e --argjson x "$px" --argjson y "$py" '[.head] + [.rows[].box] | map(select(.[2] > 0)) |
       [(map(.[0]) | min), (map(.[1]) | min), (map(.[0] + .[2]) | max), (map(.[1] + .[3]) | max)] as $b |
       $x < $b[0] - 2 or $x > $b[2] + 2 or $y < $b[1] - 2 or $y > $b[3] + 2' <<<"$first" >/dev/null
  then
    # its dot (or a marker on it) is on screen: the pixel there is not the legend's white paper
    rgb=$(convert "$CM_OUT/layout_800x560_start.png" -crop "1x1+$px+$py" -depth 8 txt:- 2>/dev/null | tail -n1 | grep -oE '#[0-9A-F]{6}')
    if [[ -n $rgb && $rgb != "#FFFFFF" && $rgb != "#FCFCFC" ]]; then ok "$name ($px, $py) is not under the legend (pixel $rgb)"
    else bad "$name" "the pixel at ($px, $py) is $rgb"; fi
  else bad "$name" "($px, $py) is under the legend's box $head"; fi
done
# the header is a click target: it opens the legend
hx=$(jq '.head[0] + 10' <<<"$first"); hy=$(jq '.head[1] + (.head[3] / 2 | floor)' <<<"$first")
n=$(mark)
xdotool mousemove --window "$WID" "$hx" "$hy" click 1
if wait_for "$n" '.event == "legend_fold" and .on == false' >/dev/null; then
  sleep 0.3
  rows=$(legend_rows "$n")
  if (( rows > 0 )); then ok "a click on the header ($hx, $hy) opens it: $rows rows"; else bad "unfold" "$rows rows after the click"; fi
else bad "unfold" "no legend_fold line after a click at ($hx, $hy): $(tail -n 2 "$LOG")"; fi
shot layout_800x560_opened.png || true
n=$(mark)
xdotool key --window "$WID" k
if wait_for "$n" '.event == "legend_fold" and .on == true' >/dev/null; then
  sleep 0.3
  r=$(legend_rows "$n")
  if [[ $r == 0 ]]; then ok "K folds it again: no rows left"; else bad "K" "$r rows after K"; fi
else bad "K" "no legend_fold line after K"; fi
n=$(mark)
xdotool key --window "$WID" k
if wait_for "$n" '.event == "legend_fold" and .on == false' >/dev/null; then
  sleep 0.3
  r=$(legend_rows "$n")
  if [[ $r == "$rows" ]]; then ok "K opens it again ($r rows)"; else bad "K again" "$r rows after K, want $rows"; fi
else bad "K again" "no legend_fold line after the second K"; fi
close_window
open_window
sleep 0.3
r=$(legend_rows 0)
if [[ $r == "$rows" ]]; then ok "reopened open, as the user left it ($r rows), although the window is small"; else bad "remembered" "$r rows after reopening, want $rows"; fi
close_window
open_window --fresh --scale 1.5
rd=$(wait_for 0 '.event == "ready"')
if [[ $(jq .scale <<<"$rd") == 1.5 ]]; then ok "--scale 1.5 reaches the window ($rd)"; else bad "scale" "ready: $rd"; fi
import -window root "$CM_OUT/layout_scale15.png" 2>/dev/null || true
close_window
summary
(( failed == 0 ))
