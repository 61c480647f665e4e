#!/usr/bin/env bash
# country_window: the window on another country's map (issue 14), geodata/lebanon, driven with
# xdotool under a private Xvfb: it comes up titled after the profile ("conflictmap — Lebanon"),
# a click in Mount Lebanon selects that governorate, a click at Beirut selects Beirut's, Home
# fits the country again. Screenshot: $CM_OUT/country_window.png.
set -u
: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"
passed=0 failed=0
summary() { echo "country_window: $passed passed, $failed failed"; }
fail() { echo "FAIL (fatal): $*"; failed=$((failed + 1)); summary; exit 1; }
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
for tool in Xvfb xdpyinfo xdotool import jq timeout; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
mkdir -p "$CM_OUT" && CM_OUT=$(realpath "$CM_OUT")
LEB=$(realpath "$CM_GEODATA/lebanon")
W=1000 H=700
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-country.XXXXXX") || fail "mktemp -d failed"
export XDG_STATE_HOME="$TMP/state"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb
cleanup() { stop "$APP_PID"; stop "$XVFB_PID"; rm -rf "$TMP"; }
trap cleanup EXIT
start_xvfb "$CM_OUT/country_xvfb.log" || fail "could not start Xvfb"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER

LOG="$CM_OUT/country_window.log"
alive() { running "$APP_PID"; }
mark() { wc -l <"$LOG" | tr -d ' '; }
wait_for() { # N FILTER [SECONDS]: a log line after line N matching the jq FILTER
  local i out
  for ((i = 0; i < ${3:-5} * 20; i++)); do
    out=$(tail -n +$(($1 + 1)) "$LOG" | jq -cR "fromjson? | select($2)" 2>/dev/null)
    [[ -n $out ]] && { printf '%s\n' "$out" | tail -n1; return 0; }
    alive || break
    sleep 0.05
  done
  return 1
}
locate() { env -u DISPLAY "$CM_BIN" --geodata "$LEB" --size "${W}x$H" --locate "$1" | jq -r '"\(.x) \(.y)"'; }

"$CM_BIN" --geodata "$LEB" --size "${W}x$H" --log-ui --fresh >"$LOG" 2>"$CM_OUT/country_window.err" &
APP_PID=$!
wait_for 0 '.event == "ready"' 20 >/dev/null || fail "no ready line; $(tail -n3 "$CM_OUT/country_window.err")"
WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1)
[[ -n $WID ]] || fail "no window named ^conflictmap"
name=$(xdotool getwindowname "$WID")
[[ $name == "conflictmap — Lebanon" ]] && ok "the window is titled after the profile ($name)" || bad "title" "'$name'"
eval "$(xdotool getwindowgeometry --shell "$WID" | grep -E '^(X|Y)=')"
xdotool windowfocus --sync "$WID" 2>/dev/null || true
click() { xdotool mousemove $((X + $1)) $((Y + $2)); sleep 0.1; xdotool click 1; }

for c in "35.72,33.95 Mount Lebanon" "35.5018,33.8938 Beirut"; do
  read -r ll want <<<"$c"
  read -r x y <<<"$(locate "$ll")"
  n=$(mark)
  click "$x" "$y"
  if sel=$(wait_for "$n" '.event == "select"' 10) && jq -e --arg w "$want" '.kind == "region" and .name == $w' <<<"$sel" >/dev/null; then
    ok "a click at $ll selects the governorate $want"
  else bad "click at $ll" "wanted region $want; got ${sel:-nothing}; log: $(tail -n2 "$LOG" | cut -c1-300)"; fi
done
sleep 0.5
import -window root "$CM_OUT/country_window.png" 2>/dev/null && ok "screenshot $CM_OUT/country_window.png" || bad "screenshot" "import failed"
n=$(mark)
xdotool key --window "$WID" ctrl+q
for ((i = 0; i < 50; i++)); do alive || break; sleep 0.1; done
alive && bad "quit" "still running after Ctrl+Q" || ok "Ctrl+Q quits"
summary
[[ $failed -eq 0 ]]
