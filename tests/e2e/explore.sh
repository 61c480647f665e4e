#!/usr/bin/env bash
# End-to-end test of conflictmap's interactive window, driven like a user would,
# under a private Xvfb, with the app's --log-ui JSON lines as the oracle.
#
# Opens `conflictmap --size 1100x760 --date 2025-07-16 --log-ui` and, with xdotool:
#   1. clicks inside As-Suwayda away from markers: a region selection (items with
#      area-suwayda-violence) and the details panel opens on the right;
#   2. clicks the Suwayda markers: an event or choice with suwayda-start / il-suwayda-strikes;
#   3. clicks the sea: the selection is cleared (kind none);
#   4. drags the timeline handle 250 px left: the date goes back (about as far as the axis says);
#   5. '2' hides and shows the violence layer;
#   6. space plays and pauses (the date moves meanwhile), '.' steps one day;
#   7. Ctrl+F "Damascus" Enter: a search and a selection;
#   8. Ctrl+S: a 1100x760 PNG is saved where the log says; a second one is the same picture;
#   9. F1 opens the help, Esc closes it;
#  10. a second instance with a broken --events file still opens, with one warning;
# 10b. an ACLED file with bad rows: the warning over the map says how many were skipped and why;
#  11. a new user's story: from 2024-12-01, at 1 month/s, play runs to August 2025,
#      starting from 1 December (not jumping ahead), then Ctrl+Q exits with status 0.
# Screenshots stay in $CM_OUT/explore_*.png for a person to look at.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "explore: N passed, M failed".
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"

passed=0
failed=0
summary() { echo "explore: $passed passed, $failed failed"; }

# Fatal: the test cannot go on.
fail() {
  echo "FAIL (fatal): $*"
  failed=$((failed + 1))
  summary
  exit 1
}
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

for tool in Xvfb xdpyinfo xdotool import compare convert identify jq timeout date; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
[[ -x "$CM_BIN" ]] || fail "CM_BIN=$CM_BIN is not an executable"
mkdir -p "$CM_OUT" || fail "cannot create CM_OUT=$CM_OUT"
CM_OUT=$(realpath "$CM_OUT")
SHOTS="$CM_OUT/shots"
rm -rf "$SHOTS"
rm -f "$CM_OUT"/explore_*.png "$CM_OUT"/explore_*.log "$CM_OUT"/explore_*.err "$CM_OUT/bad.geojson"
mkdir -p "$SHOTS" || fail "cannot create $SHOTS"
export CONFLICTMAP_SCREENSHOT_DIR="$SHOTS"

W=1100 H=760                       # app window size
DATE=2025-07-16
TL_H=96 PANEL_W=380                # timeline strip height, details panel width (src/ui/frame.h)
AXIS_X0=150 AXIS_R=24 AXIS_Y=58    # date axis within the strip (src/ui/timeline.c)
SPAN_A=2024-11-01 SPAN_B=2025-08-31  # the axis: first and last month of the built-in events
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-explore.XXXXXX") || fail "mktemp -d failed"
export XDG_STATE_HOME="$TMP/state" # the window saves where it was closed: each test starts from none

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb, ae

cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT

# ------------------------------------------------------------------ Xvfb
start_xvfb "$CM_OUT/explore_xvfb.log" || fail "could not start Xvfb on a free display (see $CM_OUT/explore_xvfb.log)"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
echo "# Xvfb on DISPLAY=$DISPLAY"

# ------------------------------------------------------------------ helpers
snap() { import -window root "ppm:$1" 2>/dev/null; }
keep() { convert "$1" -crop "${W}x$H+$WX+$WY" +repage "$CM_OUT/explore_$2.png" 2>/dev/null || true; }


# settle OUT: polls screenshots (up to ~5 s) until two in a row are identical (the
# app has finished drawing), saves it as OUT; returns 1 on timeout.
settle() {
  local out=$1 i prev="$TMP/settle_prev.ppm" cur="$TMP/settle_cur.ppm"
  rm -f "$prev"
  for ((i = 0; i < 40; i++)); do
    if snap "$cur"; then
      if [[ -f $prev ]] && cmp -s "$cur" "$prev"; then cp "$cur" "$out"; return 0; fi
      cp "$cur" "$prev"
    fi
    sleep 0.1
  done
  cp "$cur" "$out" 2>/dev/null || true
  return 1
}

# locate LON,LAT: prints "x y" of that place in the app's window (same size and date).
locate() {
  env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --date "$DATE" --locate "$1" \
    | jq -r 'if .inside then "\(.x) \(.y)" else error("outside the view") end'
}

# days ISO: days since the epoch.
days() { echo $(( $(date -u -d "$1" +%s) / 86400 )); }

alive() { running "$APP_PID"; }

# The JSON log: LOG is the app's stdout. mark prints how many whole lines it has;
# since N FILTER prints (compact) the lines after line N that match the jq FILTER.
mark() { wc -l <"$LOG" | tr -d ' '; }
since() { tail -n +$(($1 + 1)) "$LOG" | jq -cR "fromjson? | select($2)" 2>/dev/null || true; }
# wait_for N FILTER [SECONDS]: polls (default 5 s) until a line after N matches; prints
# the matches; returns 1 on timeout.
wait_for() {
  local n=$1 f=$2 s=${3:-5} i out
  for ((i = 0; i < s * 20; i++)); do
    out=$(since "$n" "$f")
    if [[ -n $out ]]; then printf '%s\n' "$out"; return 0; fi
    alive || break
    sleep 0.05
  done
  return 1
}
# the last lines of the log, for messages
lastlog() { tail -n 3 "$LOG" | tr '\n' ' ' | cut -c1-400; }

# start_app NAME ARGS...: starts the app (stdout $CM_OUT/explore_NAME.log = LOG, stderr
# explore_NAME.err = ERR), waits for the "ready" line and the window (WID, WX, WY).
# Returns 1 with REASON set on failure.
start_app() {
  local name=$1; shift
  LOG="$CM_OUT/explore_$name.log" ERR="$CM_OUT/explore_$name.err"
  : >"$LOG"
  "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --log-ui "$@" >"$LOG" 2>"$ERR" &
  APP_PID=$!
  if ! wait_for 0 '.event == "ready"' "${CM_E2E_START_S:-15}" >/dev/null; then
    REASON="no ready line within ${CM_E2E_START_S:-15} s; app $(alive && echo running || echo exited); stderr: $(tail -n3 "$ERR")"
    return 1
  fi
  WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1) || true
  [[ -n $WID ]] || { REASON="no visible window named ^conflictmap"; return 1; }
  local X='' Y='' WIDTH='' HEIGHT='' geo
  geo=$(xdotool getwindowgeometry --shell "$WID" 2>/dev/null) || true
  eval "$(grep -E '^(X|Y|WIDTH|HEIGHT)=[0-9]+$' <<<"$geo")"
  WX=$X WY=$Y
  if ! [[ $WX =~ ^[0-9]+$ && $WY =~ ^[0-9]+$ && $WIDTH == "$W" && $HEIGHT == "$H" ]]; then
    REASON="xdotool getwindowgeometry $WID gave: $(tr '\n' ' ' <<<"$geo") (want ${W}x$H)"; return 1
  fi
  xdotool windowfocus --sync "$WID" 2>/dev/null || true
  return 0
}

# wait_exit SECONDS: waits for the app to end; sets STATUS (or "timeout").
wait_exit() {
  local i
  for ((i = 0; i < $1 * 10; i++)); do alive || break; sleep 0.1; done
  if alive; then STATUS=timeout; return 1; fi
  STATUS=0
  wait "$APP_PID" || STATUS=$?
  APP_PID=""
}

key() { xdotool key --window "$WID" "$@"; }
# click X Y: a left click at window coordinates X,Y (no movement between press and release).
click() {
  xdotool mousemove $((WX + $1)) $((WY + $2))
  sleep 0.05
  xdotool click 1
}

# ================================================================== first instance
start_app main --date "$DATE" || fail "the window did not come up: $REASON"
echo "# window $WID at $WX,$WY; $(since 0 '.event == "ready"')"
xdotool mousemove $((WX + W / 2)) $((WY + 40))  # over the map, away from the places clicked
START="$TMP/start.ppm"
settle "$START" || true
keep "$START" 0_start

# ------------------------------------------------------------------ 1. region
C="1 click in As-Suwayda selects the region"
if xy=$(locate 36.85,32.55); then
  read -r x y <<<"$xy"
  n=$(mark)
  click "$x" "$y"
  if sel=$(wait_for "$n" '.event == "select"'); then
    sel=$(tail -n1 <<<"$sel")
    if jq -e '.kind == "region" and .name == "As-Suwayda" and any(.items[]; .id == "area-suwayda-violence")' <<<"$sel" >/dev/null; then
      ok "$C ($(jq -c '{kind, id, name, items: (.items | length)}' <<<"$sel"))"
    else bad "$C" "select line is $(cut -c1-300 <<<"$sel")"; fi
  else bad "$C" "no select line after clicking at ($x,$y); log: $(lastlog)"; fi
  PANEL="$TMP/panel.ppm"
  settle "$PANEL" || true
  keep "$PANEL" 1_region
  # the panel: the right PANEL_W px of the map part differ strongly from before the click
  cw=$PANEL_W ch=$((H - TL_H))
  convert "$START" -crop "${cw}x$ch+$((WX + W - cw))+$WY" +repage "$TMP/r0.ppm"
  convert "$PANEL" -crop "${cw}x$ch+$((WX + W - cw))+$WY" +repage "$TMP/r1.ppm"
  d=$(ae "$TMP/r0.ppm" "$TMP/r1.ppm" 8)
  if (( d > cw * ch / 2 )); then ok "1 the details panel opened on the right ($d of $((cw * ch)) pixels differ)"
  else bad "1 the details panel opened on the right" "only $d of $((cw * ch)) pixels of the right $cw px differ (want > half)"; fi
else
  bad "$C" "--locate 36.85,32.55 failed or is outside: $xy"
fi

# ------------------------------------------------------------------ 2. markers
C="2 click on the Suwayda markers selects them"
if xy=$(locate 36.566,32.709); then
  read -r x y <<<"$xy"
  n=$(mark)
  click "$x" "$y"
  if sel=$(wait_for "$n" '.event == "select"'); then
    sel=$(tail -n1 <<<"$sel")
    if jq -e '(.kind == "event" or .kind == "choice") and
              ([.id, .items[].id] | any(. == "suwayda-start" or . == "il-suwayda-strikes"))' <<<"$sel" >/dev/null; then
      ok "$C ($(jq -c '{kind, id, items: [.items[].id]}' <<<"$sel"))"
    else bad "$C" "select line is $(cut -c1-300 <<<"$sel")"; fi
  else bad "$C" "no select line after clicking at ($x,$y); log: $(lastlog)"; fi
  settle "$TMP/markers.ppm" || true
  keep "$TMP/markers.ppm" 2_markers
else
  bad "$C" "--locate 36.566,32.709 failed or is outside: $xy"
fi

# ------------------------------------------------------------------ 3. sea
C="3 click on the sea clears the selection"
if xy=$(locate 34.6,34.0); then
  read -r x y <<<"$xy"
  n=$(mark)
  click "$x" "$y"
  if sel=$(wait_for "$n" '.event == "select"'); then
    sel=$(tail -n1 <<<"$sel")
    if jq -e '.kind == "none" and (.items | length) == 0' <<<"$sel" >/dev/null; then ok "$C ($sel)"
    else bad "$C" "select line is $(cut -c1-300 <<<"$sel")"; fi
  else bad "$C" "no select line after clicking at ($x,$y); log: $(lastlog)"; fi
else
  bad "$C" "--locate 34.6,34.0 failed or is outside: $xy"
fi

# ------------------------------------------------------------------ 4. timeline drag
C="4 dragging the timeline handle left goes back in time"
sa=$(days $SPAN_A) sb=$(days $SPAN_B) d0=$(days $DATE)
len=$((W - AXIS_R - AXIS_X0))
hx=$(awk -v a="$sa" -v b="$sb" -v d="$d0" -v x0="$AXIS_X0" -v l="$len" 'BEGIN { printf "%d", x0 + (d - a) / (b - a) * l + 0.5 }')
hy=$((H - TL_H + AXIS_Y))
DRAG=250
want=$(awk -v a="$sa" -v b="$sb" -v d="$d0" -v l="$len" -v dx="$DRAG" 'BEGIN { printf "%d", d - dx * (b - a) / l + 0.5 }')
n=$(mark)
xdotool mousemove $((WX + hx)) $((WY + hy))
sleep 0.05
xdotool mousedown 1
for i in 1 2 3 4 5 6 7 8 9 10; do
  sleep 0.03
  xdotool mousemove $((WX + hx - DRAG * i / 10)) $((WY + hy))
done
sleep 0.05
xdotool mouseup 1
if dl=$(wait_for "$n" '.event == "date"'); then
  sleep 0.2; dl=$(since "$n" '.event == "date"')
  last=$(tail -n1 <<<"$dl" | jq -r .from)
  if [[ $last < $DATE ]]; then ok "$C ($(wc -l <<<"$dl") date lines, last from $last)"
  else bad "$C" "last date line's from is $last, not before $DATE"; fi
  # the handle followed the mouse: the axis maps 250 px to about (b-a)*250/len days
  got=$(days "$last")
  if (( got - want <= 3 && want - got <= 3 )); then
    ok "4 the handle follows the mouse along the axis ($last, expected ~$(date -u -d "@$((want * 86400))" +%F))"
  else bad "4 the handle follows the mouse along the axis" "ended at $last, expected ~$(date -u -d "@$((want * 86400))" +%F) (handle at x=$hx)"; fi
else
  bad "$C" "no date line while dragging from ($hx,$hy) by -$DRAG px; log: $(lastlog)"
fi
settle "$TMP/drag.ppm" || true
keep "$TMP/drag.ppm" 4_drag
xdotool mousemove $((WX + W / 2)) $((WY + 40))

# ------------------------------------------------------------------ 5. layer keys
n=$(mark)
key 2
if l=$(wait_for "$n" '.event == "layer"'); then
  if jq -e -s '.[-1] | .id == "violence" and .visible == false' <<<"$l" >/dev/null; then ok "5 '2' hides the violence layer ($(tail -n1 <<<"$l"))"
  else bad "5 '2' hides the violence layer" "layer line is $(tail -n1 <<<"$l")"; fi
else bad "5 '2' hides the violence layer" "no layer line; log: $(lastlog)"; fi
n=$(mark)
key 2
if l=$(wait_for "$n" '.event == "layer"'); then
  if jq -e -s '.[-1] | .id == "violence" and .visible == true' <<<"$l" >/dev/null; then ok "5 '2' again shows it ($(tail -n1 <<<"$l"))"
  else bad "5 '2' again shows it" "layer line is $(tail -n1 <<<"$l")"; fi
else bad "5 '2' again shows it" "no layer line; log: $(lastlog)"; fi

# ------------------------------------------------------------------ 6. play
cur=$(since 0 '.event == "date"' | tail -n1 | jq -r '.from // empty')
cur=${cur:-$DATE}
sleep 1                            # an idle second, as a person would have before pressing play
n=$(mark)
key space
if p=$(wait_for "$n" '.event == "play"'); then
  if jq -e -s '.[0].playing == true' <<<"$p" >/dev/null; then ok "6 space starts playing ($(head -n1 <<<"$p"))"
  else bad "6 space starts playing" "play line is $(head -n1 <<<"$p")"; fi
else bad "6 space starts playing" "no play line; log: $(lastlog)"; fi
sleep 1.5
n2=$(mark)
key space
if p=$(wait_for "$n2" '.event == "play"'); then
  if jq -e -s '.[0].playing == false' <<<"$p" >/dev/null; then ok "6 space again pauses ($(head -n1 <<<"$p"))"
  else bad "6 space again pauses" "play line is $(head -n1 <<<"$p")"; fi
else bad "6 space again pauses" "no play line; log: $(lastlog)"; fi
dl=$(since "$n" '.event == "date"')
if [[ -n $dl ]]; then ok "6 the date moved while playing ($(wc -l <<<"$dl") date lines, $cur -> $(tail -n1 <<<"$dl" | jq -r .from))"
else bad "6 the date moved while playing" "no date line in 1.5 s of play"; fi
# playing goes on from the date shown: at 1 week/s the first step is a day or two, not
# the time spent idle before the key times the speed
if [[ -n $dl ]]; then
  first=$(head -n1 <<<"$dl" | jq -r .from)
  step=$(( $(days "$first") - $(days "$cur") ))
  if (( step >= 0 && step <= 2 )); then ok "6 play starts from the date shown (first step $cur -> $first)"
  else bad "6 play starts from the date shown" "the first date line jumps $step days ($cur -> $first) at 1 week/s: the idle time before the key is counted as play time"; fi
fi
prev=$(since 0 '.event == "date"' | tail -n1 | jq -r '.from // empty')
prev=${prev:-$DATE}
n=$(mark)
key period
if dl=$(wait_for "$n" '.event == "date"'); then
  got=$(tail -n1 <<<"$dl" | jq -r .from)
  if (( $(days "$got") - $(days "$prev") == 1 )); then ok "6 '.' steps one day ($prev -> $got)"
  else bad "6 '.' steps one day" "$prev -> $got"; fi
else bad "6 '.' steps one day" "no date line after '.' (from $prev); log: $(lastlog)"; fi

# ------------------------------------------------------------------ 7. search
n=$(mark)
key ctrl+f
sleep 0.2
xdotool type --window "$WID" --delay 30 "Damascus"
sleep 0.3
settle "$TMP/search.ppm" || true
keep "$TMP/search.ppm" 7_search_box
key Return
if s=$(wait_for "$n" '.event == "search"'); then ok "7 search 'Damascus' + Enter picks a result ($(tail -n1 <<<"$s"))"
else bad "7 search 'Damascus' + Enter picks a result" "no search line; log: $(lastlog)"; fi
if sel=$(wait_for "$n" '.event == "select"'); then
  sel=$(tail -n1 <<<"$sel")
  if jq -e '(.kind == "region" and .name == "Damascus") or .kind == "event"' <<<"$sel" >/dev/null; then
    ok "7 it selects Damascus ($(jq -c '{kind, id, name}' <<<"$sel"))"
  else bad "7 it selects Damascus" "select line is $(cut -c1-300 <<<"$sel")"; fi
else bad "7 it selects Damascus" "no select line; log: $(lastlog)"; fi
sleep 0.6                          # the fly to the place takes 450 ms
settle "$TMP/picked.ppm" || true
keep "$TMP/picked.ppm" 7_search_picked

# a town by another spelling: "Jablah" picks the town Jableh (aliases.tsv's town lines) and the
# map flies there
n=$(mark)
key ctrl+f
sleep 0.2
xdotool type --window "$WID" --delay 30 "Jablah"
sleep 0.2
key Return
if s=$(wait_for "$n" '.event == "search"') && jq -e '.picked == "Jableh (town)"' <<<"$(tail -n1 <<<"$s")" >/dev/null; then
  ok "7 search 'Jablah' picks the town Jableh"
else bad "7 search 'Jablah' picks the town Jableh" "search line: $(tail -n1 <<<"${s:-}" | cut -c1-200); log: $(lastlog)"; fi
sleep 0.6                          # the fly
settle "$TMP/town.ppm" || true
keep "$TMP/town.ppm" 7_search_town
convert "$TMP/picked.ppm" -crop "500x400+$((WX + 40))+$((WY + 80))" +repage "$TMP/t0.png"
convert "$TMP/town.ppm" -crop "500x400+$((WX + 40))+$((WY + 80))" +repage "$TMP/t1.png"
d=$( (compare -metric AE -fuzz 3% "$TMP/t0.png" "$TMP/t1.png" null: 2>&1 || true) | cut -d" " -f1)
if [[ $d =~ ^[0-9]+$ ]] && (( d > 20000 )); then ok "7 the map flies to Jableh ($d of 200000 pixels changed)"
else bad "7 the map flies to Jableh" "$d of 200000 pixels changed; see $CM_OUT/explore_7_search_town.png"; fi

# ------------------------------------------------------------------ 8. screenshot
C="8 Ctrl+S saves a 1100x760 PNG"
n=$(mark)
key ctrl+s
if s=$(wait_for "$n" '.event == "screenshot"'); then
  msg=$(tail -n1 <<<"$s" | jq -r .message)
  path=${msg#Saved }
  if [[ $msg != "Saved "* ]]; then bad "$C" "message: $msg"
  elif [[ ! -f $path ]]; then bad "$C" "$path does not exist ($msg)"
  elif [[ $(identify -format '%m %wx%h' "$path" 2>/dev/null) != "PNG ${W}x$H" ]]; then
    bad "$C" "$path is $(identify -format '%m %wx%h' "$path" 2>&1)"
  else ok "$C ($path)"; cp "$path" "$CM_OUT/explore_8_ctrl_s.png"; fi
else bad "$C" "no screenshot line; log: $(lastlog)"; path=""; fi
# A second Ctrl+S (a second later, for another file name) with nothing changed saves the
# same picture: the "Saved ..." message of the first is on screen, not in the image.
C="8 a second Ctrl+S saves the same picture (no message in it)"
sleep 1.1
n=$(mark)
key ctrl+s
if s=$(wait_for "$n" '.event == "screenshot"'); then
  path2=$(tail -n1 <<<"$s" | jq -r .message); path2=${path2#Saved }
  if [[ -z $path || ! -f $path || ! -f $path2 || $path == "$path2" ]]; then
    bad "$C" "need two distinct files, have '${path:-none}' and '$path2'"
  else
    d=$(ae "$path" "$path2")
    cp "$path2" "$CM_OUT/explore_8_ctrl_s_again.png"
    if (( d == 0 )); then ok "$C"
    else bad "$C" "$d pixels differ between $path and $path2 (see explore_8_ctrl_s*.png: the first one's toast is in the second)"; fi
  fi
else bad "$C" "no screenshot line; log: $(lastlog)"; fi

# ------------------------------------------------------------------ 9. help
n=$(mark)
key F1
if h=$(wait_for "$n" '.event == "help"'); then
  if jq -e -s '.[-1].open == true' <<<"$h" >/dev/null; then ok "9 F1 opens the help"
  else bad "9 F1 opens the help" "help line is $(tail -n1 <<<"$h")"; fi
else bad "9 F1 opens the help" "no help line; log: $(lastlog)"; fi
settle "$TMP/help.ppm" || true
keep "$TMP/help.ppm" 9_help
n=$(mark)
key Escape
if h=$(wait_for "$n" '.event == "help"'); then
  if jq -e -s '.[-1].open == false' <<<"$h" >/dev/null; then ok "9 Esc closes the help"
  else bad "9 Esc closes the help" "help line is $(tail -n1 <<<"$h")"; fi
else bad "9 Esc closes the help" "no help line; log: $(lastlog)"; fi

key ctrl+q 2>/dev/null || true
if wait_exit 10; then
  [[ $STATUS -eq 0 ]] || bad "the first window quits with status 0" "status $STATUS ($(tail -n3 "$ERR"))"
else bad "the first window quits with status 0" "still running 10 s after Ctrl+Q"; stop "$APP_PID"; APP_PID=""; fi

# ================================================================== 10. a bad events file
BADF="$CM_OUT/bad.geojson"
printf '%s\n' '{"type":"FeatureCollection","features":[{"type":"Feature"}]}' >"$BADF"
if start_app bad --date "$DATE" --events "$BADF"; then
  ok "10 with a broken --events file the window still opens"
  if w=$(since 0 '.event == "warning"') && [[ -n $w ]] && jq -e -s 'any(.[]; .message | contains("bad.geojson"))' <<<"$w" >/dev/null; then
    ok "10 a warning line names bad.geojson ($(tail -n1 <<<"$w" | cut -c1-200))"
  else bad "10 a warning line names bad.geojson" "warning lines: ${w:-none}"; fi
  k=$(grep -c 'skipped' "$ERR" || true)
  if [[ $k -eq 1 ]]; then ok "10 stderr has one 'skipped' line ($(grep skipped "$ERR"))"
  else bad "10 stderr has one 'skipped' line" "$k lines: $(head -c 300 "$ERR")"; fi
  settle "$TMP/bad.ppm" || true
  keep "$TMP/bad.ppm" 10_bad_events
  key ctrl+q 2>/dev/null || true
  wait_exit 10 || { stop "$APP_PID"; APP_PID=""; }
else
  bad "10 with a broken --events file the window still opens" "$REASON"
  stop "$APP_PID"; APP_PID=""
fi

# ================================================================== 10b. a file with bad rows (issue 9)
TOLF="$CM_SRC/tests/fixtures/acled/layout-tolerant.csv"
if start_app tolerant --date 2025-07-16 --events "$TOLF"; then
  want="3 events from layout-tolerant.csv; 4 rows skipped (line 3: no date"
  if w=$(since 0 '.event == "warning"') && jq -e -s --arg w "$want" 'any(.[]; .message | contains($w))' <<<"$w" >/dev/null; then
    ok "10b the window says which rows were skipped ($(tail -n1 <<<"$w" | cut -c1-160))"
  else bad "10b the window says which rows were skipped" "warning lines: ${w:-none}"; fi
  settle "$TMP/tolerant.ppm" || true
  keep "$TMP/tolerant.ppm" 10b_skipped_rows
  key ctrl+q 2>/dev/null || true
  wait_exit 10 || { stop "$APP_PID"; APP_PID=""; }
else
  bad "10b a file with bad rows opens in the window" "$REASON"
  stop "$APP_PID"; APP_PID=""
fi

# ================================================================== 11. a new user's story
# "I want to watch how things unfolded from December 2024: fast, a month a second."
if start_app story --date 2024-12-01; then
  xdotool mousemove $((WX + W / 2)) $((WY + 40))
  settle "$TMP/story0.ppm" || true
  keep "$TMP/story0.ppm" 11_story_start
  speed=""
  for i in 1 2 3; do
    n=$(mark)
    key s
    speed=$(wait_for "$n" '.event == "speed"' | tail -n1 | jq -r '.speed // empty') || true
    [[ $speed == "1 month/s" ]] && break
  done
  if [[ $speed == "1 month/s" ]]; then ok "11 S cycles the speed to 1 month/s ($i press(es))"
  else bad "11 S cycles the speed to 1 month/s" "speed lines: $(since 0 '.event == "speed"' | tr '\n' ' ')"; fi
  sleep 1                          # the user checks the speed button, then presses play
  n=$(mark)
  key space
  t0=$(date +%s%N)
  reached=""
  for ((i = 0; i < 240; i++)); do    # up to ~12 s
    reached=$(since "$n" '.event == "date" and (.from >= "2025-08")' | head -n1)
    [[ -n $reached ]] && break
    alive || break
    sleep 0.05
  done
  secs=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  dl=$(since "$n" '.event == "date"')
  first=$(head -n1 <<<"$dl" | jq -r '.from // empty')
  if [[ -n $reached ]]; then ok "11 playing reaches August 2025 in ${secs} s ($(jq -r .from <<<"$reached"), $(wc -l <<<"$dl") date lines)"
  else bad "11 playing reaches August 2025 within 12 s" "after ${secs} s the last date is $(tail -n1 <<<"$dl" | jq -r '.from // "none"')"; fi
  # a frame is ~16 ms, half a day at 1 month/s: the first step is a day or so
  if [[ -n $first ]] && (( $(days "$first") - $(days 2024-12-01) <= 3 )); then ok "11 the playback starts at 1 December 2024 (first date line $first)"
  else bad "11 the playback starts at 1 December 2024" "the first date line after space is ${first:-none}: the days before it were skipped"; fi
  settle "$TMP/story1.ppm" || true
  keep "$TMP/story1.ppm" 11_story_end
  if wait_for "$n" '.event == "play" and .playing == false' 3 >/dev/null; then ok "11 play stops by itself at the end of the axis"
  else bad "11 play stops by itself at the end of the axis" "no 'playing: false' line; log: $(lastlog)"; fi
  n=$(mark)
  key ctrl+q 2>/dev/null || true
  if wait_exit 10; then
    if [[ $STATUS -eq 0 ]]; then ok "11 Ctrl+Q exits with status 0 ($(since "$n" '.event == "quit"' | tr -d '\n'))"
    else bad "11 Ctrl+Q exits with status 0" "status $STATUS ($(tail -n3 "$ERR"))"; fi
  else
    bad "11 Ctrl+Q exits with status 0" "still running 10 s after Ctrl+Q"
    stop "$APP_PID"; APP_PID=""
  fi
else
  bad "11 the story's window opens" "$REASON"
  stop "$APP_PID"; APP_PID=""
fi

summary
[[ $failed -eq 0 ]]
