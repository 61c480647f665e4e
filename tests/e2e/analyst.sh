#!/usr/bin/env bash
# End-to-end test of the analyst's tools in the real window, under a private Xvfb, with the
# app's --log-ui JSON lines and screenshots as the oracle; counts are checked against the
# headless modes with the same filter.
#
# Opens `conflictmap --size 1024x700 --date 2025-07-16 --log-ui` and, with xdotool:
#   1. Ctrl+K opens the filter bar; typing "suwayda" filters as it is typed; the number of
#      events the log says are shown equals --list --text suwayda at that date;
#   2. Enter closes the bar and leaves a chip over the map (its colour is found on screen);
#   3. Ctrl+E writes the shown events to $CONFLICTMAP_EXPORT_DIR: the same ids as
#      --export --text suwayda;
#   4. a click on the chip's x clears the filter in one click (all events shown again, the
#      chip gone from the screen);
#   5. Ctrl+K, "killed:100", Esc: the bar showed --min-fatalities 100's count, Esc went back;
#   6. Ctrl+L lists the events shown (as many as --list says); "Most killed" puts first the
#      event with the largest figure (computed with python3 from --export's records); a click
#      on the first row selects it; Ctrl+L closes the list;
#   7. a click on As-Suwayda opens its panel with a summary whose weekly chart counts the
#      events the default data file gives SY-SU (computed with python3 from the file);
#   8. after a zoom and a pan, Ctrl+Shift+C logs the view as a command line; run with
#      --render, it draws the same map as a screenshot of the window's map area;
#   9. Ctrl+G: "2025-03-08" shows that day, "2025-07" July as a window, "2025-02-30" is refused;
#  10. Ctrl+Shift+P with the cursor on Suwayda (--locate'd) copies its latitude and longitude;
#      M and two clicks (Damascus, Aleppo) measure a distance close to the great circle (1.5%),
#      selecting nothing; Ctrl+] makes the fade a week longer;
#  11. closing saves the view in $XDG_STATE_HOME/conflictmap/: a new window opens with the same
#      view (the same command line copied), one opened with --fresh with the default view;
#  12. a window at --scale 1.5: the copied command carries --scale 1.5 and renders the same map
#      (and the same command without it does not).
# Screenshots stay in $CM_OUT/analyst_*.png for a person to look at.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
set -euo pipefail

: "${CM_BIN:?}" "${CM_SRC:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
passed=0
failed=0
summary() { echo "analyst window: $passed passed, $failed failed"; }
fail() { echo "FAIL (fatal): $*"; failed=$((failed + 1)); summary; exit 1; }
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
for tool in Xvfb xdpyinfo xdotool import compare convert jq timeout; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
mkdir -p "$CM_OUT"
CM_OUT=$(realpath "$CM_OUT"); CM_BIN=$(realpath "$CM_BIN"); CM_GEODATA=$(realpath "$CM_GEODATA"); CM_SRC=$(realpath "$CM_SRC")
rm -f "$CM_OUT"/analyst_*.png "$CM_OUT"/analyst_*.log
W=1024 H=700 DATE=2025-07-16
CHIP=E8F0F7                                # the chip's fill (ui/analyst.c)
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-analyst-e2e.XXXXXX")
export XDG_STATE_HOME="$TMP/state" # where the window is saved when closed (step 11)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb, ae
cleanup() { stop "$APP_PID"; stop "$XVFB_PID"; rm -rf "$TMP"; }
trap cleanup EXIT

start_xvfb "$CM_OUT/analyst_xvfb.log" || fail "could not start Xvfb"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER

alive() { running "$APP_PID"; }
LOG="$CM_OUT/analyst_app.log"
mark() { wc -l <"$LOG" | tr -d ' '; }
since() { tail -n +$(($1 + 1)) "$LOG" | jq -cR "fromjson? | select($2)" 2>/dev/null || true; }
wait_for() { # N FILTER [SECONDS]: the matching lines after line N (the last one printed last)
  local n=$1 f=$2 s=${3:-8} i out
  for ((i = 0; i < s * 20; i++)); do
    out=$(since "$n" "$f")
    if [[ -n $out ]]; then printf '%s\n' "$out"; return 0; fi
    alive || break
    sleep 0.05
  done
  return 1
}
lastlog() { tail -n 3 "$LOG" | tr '\n' ' ' | cut -c1-400; }
snap() { import -window root "ppm:$1" 2>/dev/null; }
keep() { convert "$1" "$CM_OUT/analyst_$2.png" 2>/dev/null || true; }
settle() { # OUT: a screenshot once two in a row are the same
  local i prev="$TMP/prev.ppm"
  rm -f "$prev"
  for ((i = 0; i < 60; i++)); do
    snap "$1" || true
    if [[ -f $prev ]] && cmp -s "$1" "$prev"; then return 0; fi
    cp "$1" "$prev"; sleep 0.15
  done
  return 1
}
key() { xdotool key --window "$WID" "$@"; }
headless() { env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --date "$DATE" "$@"; }
shown_headless() { headless "$@" --list | jq '[.layers[] | select(.shown != null) | .shown] | add'; }

mkdir -p "$TMP/exports"
: >"$LOG"
CONFLICTMAP_EXPORT_DIR="$TMP/exports" "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --date "$DATE" --log-ui \
  >"$LOG" 2>"$CM_OUT/analyst_app.err" &
APP_PID=$!
wait_for 0 '.event == "ready"' 20 >/dev/null || fail "no ready line within 20 s: $(cat "$CM_OUT/analyst_app.err")"
WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' | head -n1) || true
[[ -n $WID ]] || fail "no window"
X='' Y=''
eval "$(xdotool getwindowgeometry --shell "$WID" | grep -E '^(X|Y)=[0-9]+$')"
WX=$X WY=$Y
xdotool windowfocus --sync "$WID" 2>/dev/null || true
xdotool mousemove $((WX + W - 40)) $((WY + H - 30)) # over the timeline's corner: no hover on the map

# ---- 1. the filter bar ----
n=$(mark)
key ctrl+k
wait_for "$n" '.event == "filter_bar" and .open == "yes"' >/dev/null || bad "1 Ctrl+K" "no filter_bar open line: $(lastlog)"
xdotool type --delay 40 "suwayda"
if line=$(wait_for "$n" '.event == "filter" and .line == "suwayda"'); then
  line=$(tail -n1 <<<"$line")
  got=$(jq .shown <<<"$line"); want=$(shown_headless --text suwayda)
  steps=$(since "$n" '.event == "filter"' | wc -l)
  if [[ $got == "$want" && $steps -ge 7 ]]; then ok "1 the filter bar filters as it is typed ($steps steps); $got shown, as --list --text suwayda says"
  else bad "1 filter bar" "shown $got, --list says $want; $steps filter lines"; fi
else bad "1 filter bar" "no filter line for 'suwayda': $(lastlog)"; fi
settle "$TMP/bar.ppm" || true
keep "$TMP/bar.ppm" 1_filter_bar

# ---- 2. the chip ----
n=$(mark)
key Return
wait_for "$n" '.event == "filter_bar" and .open == "no"' >/dev/null || bad "2 Enter" "the bar did not close: $(lastlog)"
settle "$TMP/chip.ppm" || true
keep "$TMP/chip.ppm" 2_chip
# the chip's row: its colour at the top of the map; its right end is the clear button
row=$(convert "$TMP/chip.ppm" -crop "${W}x1+$WX+$((WY + 25))" +repage -depth 8 txt:- 2>/dev/null | grep -i "#$CHIP" | sed -E 's/^([0-9]+),.*/\1/' | sort -n) || true
if [[ -n $row ]]; then
  CX0=$(head -n1 <<<"$row"); CX1=$(tail -n1 <<<"$row")
  ok "2 the chip is on the map (x $CX0..$CX1 at y 25)"
else bad "2 chip" "no pixel of #$CHIP at y 25"; CX1=""; fi

# ---- 3. Ctrl+E ----
n=$(mark)
key ctrl+e
if ex=$(wait_for "$n" '.event == "export"'); then
  path=$(jq -r .path <<<"$ex")
  got=$(jq -r '.features[].properties.id' "$path" 2>/dev/null | sort | tr '\n' ' ')
  headless --text suwayda --export "$TMP/want.geojson" >/dev/null
  want=$(jq -r '.features[].properties.id' "$TMP/want.geojson" | sort | tr '\n' ' ')
  if [[ -n $got && $got == "$want" && $(jq .events <<<"$ex") == $(wc -w <<<"$want") ]]; then ok "3 Ctrl+E exported the $(wc -w <<<"$got") events shown ($got) to $(basename "$path")"
  else bad "3 Ctrl+E" "exported [$got] to $path, --export says [$want]; log $ex"; fi
else bad "3 Ctrl+E" "no export line: $(lastlog)"; fi

# ---- 4. one click clears ----
if [[ -n $CX1 ]]; then
  n=$(mark)
  xdotool mousemove $((WX + CX1 - 10)) $((WY + 25)); sleep 0.1; xdotool click 1
  xdotool mousemove $((WX + W - 40)) $((WY + H - 30))
  if line=$(wait_for "$n" '.event == "filter" and .line == ""'); then
    got=$(jq .shown <<<"$(tail -n1 <<<"$line")"); want=$(shown_headless)
    settle "$TMP/cleared.ppm" || true
    keep "$TMP/cleared.ppm" 4_cleared
    left=$(convert "$TMP/cleared.ppm" -crop "${W}x1+$WX+$((WY + 25))" +repage -depth 8 txt:- | grep -ci "#$CHIP" || true)
    if [[ $got == "$want" && $left -eq 0 ]]; then ok "4 a click on the chip's x clears the filter: $got shown (as unfiltered --list), the chip is gone"
    else bad "4 clear" "shown $got (want $want), $left chip pixels left"; fi
  else bad "4 clear" "no filter line with an empty line after the click: $(lastlog)"; fi
fi

# ---- 5. a typed part, then Esc ----
n=$(mark)
key ctrl+k
xdotool type --delay 40 "killed:100"
if line=$(wait_for "$n" '.event == "filter" and .line == "killed:100"'); then
  got=$(jq .shown <<<"$(tail -n1 <<<"$line")"); want=$(shown_headless --min-fatalities 100)
  [[ $got == "$want" ]] && ok "5 killed:100 shows $got, as --min-fatalities 100" || bad "5 killed:100" "shown $got, --list says $want"
else bad "5 killed:100" "no filter line: $(lastlog)"; fi
settle "$TMP/killed.ppm" || true
keep "$TMP/killed.ppm" 5_killed
n=$(mark)
key Escape
if wait_for "$n" '.event == "filter" and .line == ""' >/dev/null && wait_for "$n" '.event == "filter_bar" and .open == "no"' >/dev/null
then ok "5 Esc closes the bar and goes back to the filter it opened with"; else bad "5 Esc" "$(lastlog)"; fi

# ---- 6. the list of what is shown ----
FX=$((W - 380)) # the feed's left edge (ui/feed.c: CM_PANEL_W wide, on the right of the map)
n=$(mark)
key ctrl+l
if fl=$(wait_for "$n" '.event == "feed" and .open == "yes"'); then
  got=$(jq .events <<<"$fl"); want=$(shown_headless)
  [[ $got == "$want" ]] && ok "6 Ctrl+L lists the $got events shown (as --list)" || bad "6 feed" "lists $got, --list shows $want"
else bad "6 feed" "no feed line: $(lastlog)"; fi
settle "$TMP/feed.ppm" || true
keep "$TMP/feed.ppm" 6_feed
# the most killed, computed from the events --export writes for this date
headless --export "$TMP/day.geojson" >/dev/null
cat >"$TMP/top.py" <<'EOF'
import json, re, sys
def killed(p):
    ks = [int(m.group(1).replace(',', '')) for fg in p.get('figures', []) for c in re.split(r';|\(|\)|,(?!\d)', fg['value'])
          for m in [re.search(r'(\d[\d,]*)', c)] if m and re.search(r'kill|dead|death|died|fatalit', c, re.I)]
    return max(ks or [-1])
ps = [f['properties'] for f in json.load(open(sys.argv[1]))['features']]
best = max(killed(p) for p in ps)
print(best, ' '.join(sorted(p['id'] for p in ps if killed(p) == best)))
EOF
top=$(python3 "$TMP/top.py" "$TMP/day.geojson")
n=$(mark)
xdotool mousemove $((WX + FX + 130 + 55)) $((WY + 92 + 11)); sleep 0.1; xdotool click 1
if fl=$(wait_for "$n" '.event == "feed" and .sort == "killed"'); then
  first=$(jq -r .first <<<"$fl"); k=$(jq .first_killed <<<"$fl")
  if [[ " ${top#* } " == *" $first "* && $k == "${top%% *}" ]]; then ok "6 'Most killed' puts $first first ($k killed, the most of the day's events)"
  else bad "6 sort by killed" "first $first with $k, computed: $top"; fi
  settle "$TMP/feed-killed.ppm" || true
  keep "$TMP/feed-killed.ppm" 6_feed_killed
  n=$(mark)
  xdotool mousemove $((WX + FX + 100)) $((WY + 124 + 20)); sleep 0.1; xdotool click 1
  if sel=$(wait_for "$n" '.event == "select" and .kind == "event"'); then
    [[ $(jq -r .id <<<"$sel") == "$first" ]] && ok "6 a click on the first row selects $first" || bad "6 row click" "selected $(jq -r .id <<<"$sel"), want $first"
  else bad "6 row click" "no select line: $(lastlog)"; fi
  settle "$TMP/feed-pick.ppm" || true
  keep "$TMP/feed-pick.ppm" 6_feed_pick
else bad "6 sort by killed" "no feed line after the click: $(lastlog)"; fi
key Escape; sleep 0.2
n=$(mark)
key ctrl+l
wait_for "$n" '.event == "feed" and .open == "no"' >/dev/null && ok "6 Ctrl+L closes the list" || bad "6 close" "$(lastlog)"
key Home; sleep 0.3
xdotool mousemove $((WX + W - 40)) $((WY + H - 30)) # off the map again: no hover highlight

# ---- 7. a governorate's summary ----
read -r sx sy <<<"$(env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --date "$DATE" --locate 36.85,32.55 | jq -r '"\(.x) \(.y)"')"
n=$(mark)
xdotool mousemove $((WX + sx)) $((WY + sy)); sleep 0.1; xdotool click 1
xdotool mousemove $((WX + W - 40)) $((WY + H - 30))
if sm=$(wait_for "$n" '.event == "summary"'); then
  want=$(python3 -c "import json,sys; print(sum('SY-SU' in (f['properties'].get('regions') or []) for f in json.load(open(sys.argv[1]))['features']))" "$CM_SRC/assets/events.geojson")
  if [[ $(jq -r .region <<<"$sm") == SY-SU && $(jq .events <<<"$sm") == "$want" ]]; then ok "7 As-Suwayda's summary: its weekly chart counts the $want events the data files give it"
  else bad "7 summary" "$sm; the data files give SY-SU $want events"; fi
else bad "7 summary" "no summary line after clicking As-Suwayda at ($sx, $sy): $(lastlog)"; fi
settle "$TMP/summary.ppm" || true
keep "$TMP/summary.ppm" 7_summary
key Escape; sleep 0.2

# ---- 8. copy this view as a command line ----

key plus; sleep 0.3; key Right; sleep 0.3
n=$(mark)
key ctrl+k; xdotool type --delay 40 "type:violence,strike"; key Return
wait_for "$n" '.event == "filter_bar" and .open == "no"' >/dev/null || true
n=$(mark)
key ctrl+shift+c
if cv=$(wait_for "$n" '.event == "copy_view"'); then
  cmd=$(jq -r .command <<<"$cv")
  settle "$TMP/view.ppm" || true
  keep "$TMP/view.ppm" 8_view
  eval "set -- $cmd"
  shift
  if env -u DISPLAY "$CM_BIN" "$@" --render "$TMP/render.png" 2>"$TMP/render.err"; then
    convert "$TMP/render.png" "$CM_OUT/analyst_8_render.png"
    # the map between the legend and the right edge, below the chip, above the toast and status strip
    cx=400 cy=60 cw=600 ch=440 # (the toast is below it)
    convert "$TMP/view.ppm" -crop "${cw}x$ch+$((WX + cx))+$((WY + cy))" +repage "$TMP/a.ppm"
    convert "$TMP/render.png" -crop "${cw}x$ch+$cx+$cy" +repage "$TMP/b.ppm"
    d=$(ae "$TMP/a.ppm" "$TMP/b.ppm" 6)
    # the control: the same render 2 pixels off (a view 2 pixels away) must count as different
    convert "$TMP/render.png" -crop "${cw}x$ch+$((cx + 2))+$((cy + 2))" +repage "$TMP/c.ppm"
    d2=$(ae "$TMP/a.ppm" "$TMP/c.ppm" 6)
    lim=$((cw * ch / 100)) # anti-aliased edges differ a little between the two renderers' passes
    if (( d >= 0 && d < lim && d2 > lim )); then ok "8 the copied command ($cmd) renders the same map ($d of $((cw * ch)) pixels differ; 2 px off: $d2)"
    else bad "8 copy view" "$d of $((cw * ch)) pixels differ (limit $lim; 2 px off: $d2) between the window and --render of: $cmd"; fi
  else bad "8 copy view" "the command failed: $cmd: $(cat "$TMP/render.err")"; fi
else bad "8 copy view" "no copy_view line: $(lastlog)"; fi

# ---- 9. Ctrl+G: a date typed in ----
n=$(mark)
key ctrl+g; xdotool type --delay 40 "2025-03-08"; key Return
if wait_for "$n" '.event == "date" and .from == "2025-03-08" and .to == "2025-03-08" and .window == false' >/dev/null
then ok "9 Ctrl+G 2025-03-08 shows that day"; else bad "9 Ctrl+G day" "$(lastlog)"; fi
n=$(mark)
key ctrl+g; xdotool type --delay 40 "2025-07"; key Return
if wait_for "$n" '.event == "date" and .from == "2025-07-01" and .to == "2025-07-31" and .window == true' >/dev/null
then ok "9 Ctrl+G 2025-07 shows July 2025 as a window"; else bad "9 Ctrl+G month" "$(lastlog)"; fi
settle "$TMP/month.ppm" || true
keep "$TMP/month.ppm" 9_goto_month
n=$(mark)
key ctrl+g; xdotool type --delay 40 "2025-02-30"; key Return
if wait_for "$n" '.event == "goto" and (.error // "" | contains("is not a date"))' >/dev/null && [[ -z $(since "$n" '.event == "date"') ]]
then ok "9 Ctrl+G 2025-02-30 is refused, the date stays"; else bad "9 Ctrl+G bad date" "$(lastlog)"; fi
settle "$TMP/baddate.ppm" || true
keep "$TMP/baddate.ppm" 9_goto_error
key Escape

# ---- 10. the cursor's place copied ----
key Home; sleep 0.3
read -r px py <<<"$(env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --locate 36.566,32.709 | jq -r '"\(.x) \(.y)"')"
xdotool mousemove $((WX + px)) $((WY + py)); sleep 0.2
n=$(mark)
key ctrl+shift+p
if cp=$(wait_for "$n" '.event == "copy_point"'); then
  if jq -e '((.lon | tonumber) - 36.566 | fabs) < 0.02 and ((.lat | tonumber) - 32.709 | fabs) < 0.02' <<<"$cp" >/dev/null
  then ok "10 Ctrl+Shift+P over Suwayda copies $(jq -r .text <<<"$cp") (latitude, longitude)"; else bad "10 copy point" "$cp, want near 32.709, 36.566"; fi
else bad "10 copy point" "no copy_point line: $(lastlog)"; fi

# measure: M, then two clicks (Damascus, Aleppo, --locate'd); a geodesic on the ellipsoid
read -r ax ay <<<"$(env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --locate 36.2765,33.5138 | jq -r '"\(.x) \(.y)"')"
read -r bx by <<<"$(env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --locate 37.1343,36.2021 | jq -r '"\(.x) \(.y)"')"
n=$(mark)
key m
xdotool mousemove $((WX + ax)) $((WY + ay)); sleep 0.1; xdotool click 1; sleep 0.2
xdotool mousemove $((WX + bx)) $((WY + by)); sleep 0.1; xdotool click 1
if ms=$(wait_for "$n" '.event == "measure"'); then
  km=$(jq -r .km <<<"$ms")
  want=$(python3 -c "from math import *; a, b, c, d = map(radians, (33.5138, 36.2765, 36.2021, 37.1343)); print(2 * 6371.0088 * asin(sqrt(sin((c - a) / 2) ** 2 + cos(a) * cos(c) * sin((d - b) / 2) ** 2)))")
  if python3 -c "import sys; k, w = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if abs(k - w) / w < 0.015 else 1)" "$km" "$want" && [[ -z $(since "$n" '.event == "select"') ]]
  then ok "10 M and two clicks measure Damascus-Aleppo: $km km (great circle $(printf '%.1f' "$want") km); the clicks select nothing"
  else bad "10 measure" "$km km, the great circle is $want km; selects: $(since "$n" '.event == "select"')"; fi
else bad "10 measure" "no measure line: $(lastlog)"; fi
xdotool mousemove $((WX + W - 40)) $((WY + H - 30))
settle "$TMP/measure.ppm" || true
keep "$TMP/measure.ppm" 10_measure
key m
n=$(mark)
key ctrl+bracketright
if wait_for "$n" '.event == "fade" and .days == 37' >/dev/null; then ok "10 Ctrl+] makes the fade a week longer (37 days)"; else bad "10 fade" "$(lastlog)"; fi
n=$(mark)
key ctrl+shift+c
CLOSED=$(wait_for "$n" '.event == "copy_view"' | tail -n1 | jq -r .command) || true
key ctrl+q 2>/dev/null || true # the window may be gone before xdotool is done with it
for ((i = 0; i < 50; i++)); do alive || break; sleep 0.1; done
alive && bad "quit" "the app is still running" || ok "Ctrl+Q quits"
APP_PID=""

# ---- 11. the window reopens where it was closed; --fresh ignores that ----
reopen() { # ARGS: a new instance; prints the view it opened with, as a command line
  : >"$LOG"
  "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --log-ui "$@" >"$LOG" 2>>"$CM_OUT/analyst_app.err" &
  APP_PID=$!
  wait_for 0 '.event == "ready"' 20 >/dev/null || return 1
  WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' | head -n1)
  xdotool windowfocus --sync "$WID" 2>/dev/null || true
  key ctrl+shift+c
  wait_for 0 '.event == "copy_view"' | tail -n1 | jq -r .command
  key ctrl+q 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do alive || break; sleep 0.1; done
  APP_PID=""
}
if [[ -f $XDG_STATE_HOME/conflictmap/view.json ]]; then ok "11 closing saved $XDG_STATE_HOME/conflictmap/view.json"
else bad "11 saved state" "no $XDG_STATE_HOME/conflictmap/view.json"; fi
again=$(reopen) || true
if [[ -n $CLOSED && $again == "$CLOSED" ]]; then ok "11 reopened where it was closed: $again"
else bad "11 reopen" "closed at [$CLOSED], reopened at [$again]"; fi
fresh=$(reopen --fresh) || true
if [[ $fresh == *"--date 2025-08-"* && $fresh != *"--type"* && $fresh != "$CLOSED" ]]; then ok "11 --fresh opens as the options say: $fresh"
else bad "11 --fresh" "opened at [$fresh]"; fi
# ---- 12. the copied command at a UI scale of 1.5: it carries --scale, and renders the same map ----
: >"$LOG"
"$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --date "$DATE" --fresh --scale 1.5 --log-ui >"$LOG" 2>>"$CM_OUT/analyst_app.err" &
APP_PID=$!
if wait_for 0 '.event == "ready"' 20 >/dev/null; then
  WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' | head -n1)
  xdotool windowfocus --sync "$WID" 2>/dev/null || true
  X='' Y=''
  eval "$(xdotool getwindowgeometry --shell "$WID" | grep -E '^(X|Y)=[0-9]+$')"
  WX=$X WY=$Y
  xdotool mousemove $((WX + W - 40)) $((WY + H - 30))
  key plus; sleep 0.3; key Right; sleep 0.3
  n=$(mark)
  key ctrl+shift+c
  if cv=$(wait_for "$n" '.event == "copy_view"'); then
    cmd=$(jq -r .command <<<"$cv")
    settle "$TMP/view15.ppm" || true
    keep "$TMP/view15.ppm" 12_view_scale15
    eval "set -- $cmd"
    shift
    if [[ $cmd != *"--scale 1.5"* ]]; then bad "12 copy view at scale 1.5" "no --scale 1.5 in: $cmd"
    elif env -u DISPLAY "$CM_BIN" "$@" --render "$TMP/render15.png" 2>"$TMP/render.err"; then
      convert "$TMP/render15.png" "$CM_OUT/analyst_12_render_scale15.png"
      # between the date box and the window's legend (1.5 times their size, the legend in the right
      # corner: with its base-layer rows it is taller than --render's), above the toast
      cx=300 cy=130 cw=400 ch=310
      convert "$TMP/view15.ppm" -crop "${cw}x$ch+$((WX + cx))+$((WY + cy))" +repage "$TMP/a.ppm"
      convert "$TMP/render15.png" -crop "${cw}x$ch+$cx+$cy" +repage "$TMP/b.ppm"
      d=$(ae "$TMP/a.ppm" "$TMP/b.ppm" 6)
      # the control: the same command without --scale draws a different map (text and markers at 1)
      unscaled=$(sed 's/ --scale 1\.5//' <<<"$cmd"); eval "set -- $unscaled"; shift
      env -u DISPLAY "$CM_BIN" "$@" --render "$TMP/render1.png" 2>>"$TMP/render.err"
      convert "$TMP/render1.png" -crop "${cw}x$ch+$cx+$cy" +repage "$TMP/c.ppm"
      d1=$(ae "$TMP/a.ppm" "$TMP/c.ppm" 6)
      lim=$((cw * ch / 100))
      if (( d >= 0 && d < lim && d1 > lim )); then ok "12 at --scale 1.5 the copied command ($cmd) renders the same map ($d of $((cw * ch)) pixels differ; without --scale: $d1)"
      else bad "12 copy view at scale 1.5" "$d of $((cw * ch)) pixels differ (limit $lim; without --scale: $d1) between the window and --render of: $cmd"; fi
    else bad "12 copy view at scale 1.5" "the command failed: $cmd: $(cat "$TMP/render.err")"; fi
  else bad "12 copy view at scale 1.5" "no copy_view line: $(lastlog)"; fi
  key ctrl+q 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do alive || break; sleep 0.1; done
  APP_PID=""
else bad "12 scale 1.5" "no ready line: $(tail -c 300 "$CM_OUT/analyst_app.err")"; fi
summary
[[ $failed -eq 0 ]]
