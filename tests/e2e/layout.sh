#!/usr/bin/env bash
# The legend folds in a small window (issue 11, "Layout at every size"): under a private Xvfb, an
# 800x560 window (the map 464 pixels high) opens with the legend's LAYERS header; a click on the
# header folds it (no rows left, a legend_fold line), K opens it again, a fold is remembered when
# the window reopens, and --scale reaches the window (its ready line).
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

open_window
if [[ -z ${WID:-} ]]; then bad start "no window ($(tail -c 300 "$T/err"))"; summary; exit 1; fi
first=$(wait_for 0 '.event == "legend"' | tail -n1)
rows=$(jq '.rows | length' <<<"$first")
if (( rows > 0 )); then ok "the legend opens with $rows rows"; else bad "open" "no legend rows: $first"; fi
# the header is just above the first row
hx=$(jq '.rows[0].box[0] + 20' <<<"$first"); hy=$(jq '.rows[0].box[1] - 8' <<<"$first")
n=$(mark)
xdotool mousemove --window "$WID" "$hx" "$hy" click 1
if wait_for "$n" '.event == "legend_fold" and .on == true' >/dev/null; then
  sleep 0.3
  r=$(legend_rows "$n")
  if [[ $r == 0 ]]; then ok "a click on the header ($hx, $hy) folds it: no rows left"; else bad "fold" "$r rows after the fold"; fi
else bad "fold" "no legend_fold line after a click at ($hx, $hy): $(tail -n 2 "$LOG")"; fi
import -window root "$CM_OUT/layout_folded.png" 2>/dev/null || true
n=$(mark)
xdotool key --window "$WID" k
if wait_for "$n" '.event == "legend_fold" and .on == false' >/dev/null; then
  sleep 0.3
  r=$(legend_rows "$n")
  if [[ $r == "$rows" ]]; then ok "K opens it again ($r rows)"; else bad "K" "$r rows after K, want $rows"; fi
else bad "K" "no legend_fold line after K"; fi
n=$(mark)
xdotool key --window "$WID" k
wait_for "$n" '.event == "legend_fold" and .on == true' >/dev/null || bad "K again" "no fold"
close_window
open_window
sleep 0.3
r=$(legend_rows 0)
if [[ $r == 0 ]]; then ok "reopened folded, as it was closed"; else bad "remembered" "$r rows after reopening"; fi
close_window
open_window --fresh --scale 1.5
rd=$(wait_for 0 '.event == "ready"')
if [[ $(jq .scale <<<"$rd") == 1.5 ]]; then ok "--scale 1.5 reaches the window ($rd)"; else bad "scale" "ready: $rd"; fi
import -window root "$CM_OUT/layout_scale15.png" 2>/dev/null || true
close_window
summary
(( failed == 0 ))
