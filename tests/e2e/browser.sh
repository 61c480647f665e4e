#!/usr/bin/env bash
# Opening a source says whether a browser could open it (issue 11: "Opening a source says
# 'Opening ...' even when no browser could be started"). Under a private Xvfb, a 1100x800 window
# at 19 July 2025; the search (Ctrl+F) selects "Ceasefire announced in Suwayda", whose record
# lists a source with a link; its link (the link colour in the details panel, found on a
# screenshot) is clicked, with the window started with a PATH where:
#   1. xdg-open is a script that exits 1: the message (its open_url log line) says no browser
#      could open the link;
#   2. there is no xdg-open at all: the same;
#   3. xdg-open is a script that writes the link to a file and exits 0 (the control): the
#      message says "Opening", and the script got the link.
# Environment (set by ctest): CM_BIN, CM_GEODATA, CM_OUT. Prints "browser: N passed, M failed".
set -uo pipefail
: "${CM_BIN:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
summary() { echo "browser: $passed passed, $failed failed"; }
for tool in Xvfb xdpyinfo xdotool jq timeout import convert; do
  command -v "$tool" >/dev/null || { bad tools "'$tool' is not installed"; summary; exit 1; }
done
mkdir -p "$CM_OUT"; CM_OUT=$(realpath "$CM_OUT"); CM_BIN=$(realpath "$CM_BIN"); CM_GEODATA=$(realpath "$CM_GEODATA")
XVFB_PID="" APP_PID=""
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # running, stop, start_xvfb
T=$CM_OUT/browser-e2e
rm -rf "$T"; mkdir -p "$T"
export XDG_STATE_HOME="$T/state"
cleanup() { stop "$APP_PID"; stop "$XVFB_PID"; }
trap cleanup EXIT
start_xvfb "$CM_OUT/browser_xvfb.log" || { bad xvfb "could not start Xvfb"; summary; exit 1; }
unset WAYLAND_DISPLAY SDL_VIDEODRIVER BROWSER
W=1100 H=800 LINK=1F5FA8 # the link colour (ui/details.c)
LOG=$T/log
mark() { wc -l <"$LOG" | tr -d ' '; }
wait_for() { # N FILTER [SECONDS]: the matching lines after line N
  local i out
  for ((i = 0; i < ${3:-10} * 20; i++)); do
    out=$(tail -n +$(($1 + 1)) "$LOG" | jq -cR "fromjson? | select($2)" 2>/dev/null || true)
    if [[ -n $out ]]; then printf '%s\n' "$out"; return 0; fi
    running "$APP_PID" || break
    sleep 0.05
  done
  return 1
}

# the three PATHs: a failing opener, none, a working one
mkdir -p "$T/fails" "$T/none" "$T/works"
printf '#!/bin/sh\nexit 1\n' >"$T/fails/xdg-open"
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >"%s"\nexit 0\n' "$T/opened" >"$T/works/xdg-open"
chmod +x "$T/fails/xdg-open" "$T/works/xdg-open"

# case NAME PATH WANT: WANT is the start of the message ("No browser could open" or "Opening")
run_case() {
  local name=$1 path=$2 want=$3 WID X Y n line msg px py
  : >"$LOG"
  rm -f "$T/opened"
  env PATH="$path" "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --date 2025-07-19 --fresh --log-ui >"$LOG" 2>"$T/err" &
  APP_PID=$!
  if ! wait_for 0 '.event == "ready"' 30 >/dev/null; then bad "$name" "no ready line: $(tail -c 300 "$T/err")"; stop "$APP_PID"; return; fi
  WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1) || true
  [[ -n $WID ]] || { bad "$name" "no window"; stop "$APP_PID"; return; }
  xdotool windowfocus --sync "$WID" 2>/dev/null || true
  eval "$(xdotool getwindowgeometry --shell "$WID" | grep -E '^(X|Y)=[0-9]+$')"
  xdotool mousemove $((X + W - 40)) $((Y + H - 30))
  n=$(mark)
  xdotool key --window "$WID" ctrl+f; sleep 0.3
  xdotool type --delay 40 "Ceasefire announced"; sleep 0.3
  xdotool key --window "$WID" Return
  if ! wait_for "$n" '.event == "select"' >/dev/null; then bad "$name" "the search selected nothing: $(tail -n 3 "$LOG")"; stop "$APP_PID"; return; fi
  sleep 1
  import -window root "$T/root.png" 2>/dev/null; convert "$T/root.png" -crop "${W}x$H+$X+$Y" +repage "$CM_OUT/browser_$name.png"
  # the link: the first pixel of its colour in the panel (the window's right 380 pixels)
  read -r px py <<<"$(convert "$CM_OUT/browser_$name.png" -crop "380x$((H - 96))+$((W - 380))+0" +repage -depth 8 txt:- 2>/dev/null |
    grep -i "#$LINK" | head -n1 | sed -E 's/^([0-9]+),([0-9]+):.*/\1 \2/')"
  if [[ -z ${px:-} ]]; then bad "$name" "no link (#$LINK) in the details panel (browser_$name.png)"; stop "$APP_PID"; return; fi
  px=$((px + W - 380 + 2)); py=$((py + 2))
  n=$(mark)
  xdotool mousemove --window "$WID" "$px" "$py" click 1
  # the message can change once the opener has exited: the last one within 3 s is the answer
  sleep 3
  line=$(wait_for "$n" '.event == "open_url"' 2 | tail -n1) || true
  msg=$(jq -r '.message // ""' <<<"$line")
  if [[ $msg == "$want"* ]]; then ok "$name: a click on the link ($px, $py) says: $msg"
  else bad "$name" "after a click on the link ($px, $py) the message is [$msg], want [$want ...]; log: $(tail -n 2 "$LOG" | tr '\n' ' ')"; fi
  if [[ $want == Opening ]]; then
    if [[ -s $T/opened && $msg == *"$(cat "$T/opened")"* ]]; then ok "$name: xdg-open got the link $(cat "$T/opened")"
    else bad "$name" "xdg-open did not get the link (got: $(cat "$T/opened" 2>/dev/null))"; fi
  fi
  xdotool key --window "$WID" ctrl+q 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do running "$APP_PID" || break; sleep 0.1; done
  stop "$APP_PID"; APP_PID=""
}

run_case fails "$T/fails" "No browser could open"
run_case none "$T/none" "No browser could open"
run_case works "$T/works" "Opening"
summary
(( failed == 0 ))
