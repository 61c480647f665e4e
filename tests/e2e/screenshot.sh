#!/usr/bin/env bash
# Screenshots into a directory whose path is longer than any fixed buffer (1,300 bytes): under a
# private Xvfb, Ctrl+S three times in quick succession must give three distinct, whole PNG files
# in that directory, with the names the toast reports (a 1,024-byte buffer cut the name, and the
# next screenshot was written over the first).
# Environment (set by ctest): CM_BIN, CM_GEODATA, CM_OUT. Prints "screenshot: N passed, M failed".
set -uo pipefail
: "${CM_BIN:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
summary() { echo "screenshot: $passed passed, $failed failed"; }
for tool in Xvfb xdpyinfo xdotool identify jq timeout; do
  command -v "$tool" >/dev/null || { bad tools "'$tool' is not installed"; summary; exit 1; }
done
mkdir -p "$CM_OUT"; CM_OUT=$(realpath "$CM_OUT")
XVFB_PID="" APP_PID=""
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # running, stop, start_xvfb
T=$CM_OUT/screenshot-long
export XDG_STATE_HOME="$T/state" # the window saves where it was closed: each test starts from none
rm -rf "$T"
D=$T
for c in a b c d e f; do D=$D/$(printf "$c%.0s" {1..210}); done
mkdir -p "$D" || { bad setup "cannot create the long directory"; summary; exit 1; }
cleanup() { stop "$APP_PID"; stop "$XVFB_PID"; }
trap cleanup EXIT
start_xvfb "$CM_OUT/screenshot_xvfb.log" || { bad xvfb "could not start Xvfb"; summary; exit 1; }
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
LOG=$CM_OUT/screenshot.log
CONFLICTMAP_SCREENSHOT_DIR=$D "$CM_BIN" --geodata "$CM_GEODATA" --size 800x600 --log-ui >"$LOG" 2>"$CM_OUT/screenshot.err" &
APP_PID=$!
for ((i = 0; i < 300; i++)); do grep -q '"ready"' "$LOG" 2>/dev/null && break; running "$APP_PID" || break; sleep 0.05; done
WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1) || true
if [[ -z $WID ]]; then bad start "no window ($(tail -c 300 "$CM_OUT/screenshot.err"))"; summary; exit 1; fi
xdotool windowfocus --sync "$WID" 2>/dev/null || true
for k in 1 2 3; do xdotool key --window "$WID" ctrl+s; sleep 0.2; done
for ((i = 0; i < 100; i++)); do (( $(grep -c '"screenshot"' "$LOG") >= 3 )) && break; sleep 0.1; done
mapfile -t paths < <(jq -r 'select(.event == "screenshot") | .message' "$LOG" | sed 's/^Saved //')
if (( ${#paths[@]} != 3 )); then bad three-lines "want 3 screenshot lines: $(tail -c 400 "$LOG")"
else
  ok three-lines
  n=$(find "$D" -maxdepth 1 -name 'conflictmap-*.png' | wc -l)
  (( n == 3 )) && ok "three-files-in-the-long-directory" || bad three-files "want 3 PNG files in the directory, found $n"
  [[ $(printf '%s\n' "${paths[@]}" | sort -u | wc -l) -eq 3 ]] && ok distinct-names || bad distinct-names "${paths[*]}"
  for p in "${paths[@]}"; do
    if [[ $p != "$D"/conflictmap-*.png || ! -f $p ]]; then bad whole-name "not a file in the directory: ${p:0:80}...${p: -60}"
    elif [[ $(identify -format '%m' "$p" 2>/dev/null) != PNG ]]; then bad png "not a readable PNG: ${p: -60}"
    else ok "whole PNG ${p: -40}"; fi
  done
fi
xdotool key --window "$WID" ctrl+q
for ((i = 0; i < 50; i++)); do running "$APP_PID" || break; sleep 0.1; done
summary
(( failed == 0 ))
