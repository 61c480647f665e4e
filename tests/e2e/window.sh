#!/usr/bin/env bash
# End-to-end test of conflictmap's real SDL2 window, under a private Xvfb.
#
# Starts Xvfb on a free display, opens `conflictmap --size 1024x700`, and drives
# it with xdotool, checking screenshots (import/compare/convert):
#   - the window appears (title ^conflictmap), 1024x700, and draws a first frame;
#   - the pixel at --locate 36.57,32.71 (As-Suwayda) is land, at --locate
#     35.0,33.0 (Mediterranean) is the sea colour #C9DCE8: the window shows
#     the same view as the headless --locate computes;
#   - a mouse drag pans the map (by the drag vector), the wheel zooms, Home
#     brings back (about) the start view -- and, the mouse being where it was,
#     the same hover highlight/tooltip --, +/- zoom, arrows pan, the app lives;
#   - when idle the event loop blocks (< 20 clock ticks of CPU in 2 s);
#   - Ctrl+Q quits with status 0, and so does SIGTERM.
# Screenshots stay in $CM_OUT/e2e_*.png for a person to look at.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "window: N passed, M failed".
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"

passed=0
failed=0
summary() { echo "window: $passed passed, $failed failed"; }

# Fatal: the test cannot go on.
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
rm -f "$CM_OUT"/e2e_*.png "$CM_OUT"/e2e_*.log

W=1024 H=700                      # app window size
SEA=C9DCE8                        # style.h CM_SEA
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-e2e.XXXXXX") || fail "mktemp -d failed"
export XDG_STATE_HOME="$TMP/state" # the window saves where it was closed: each test starts from none

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb, ae

cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT

# ------------------------------------------------------------------ Xvfb
start_xvfb "$CM_OUT/e2e_xvfb.log" || fail "could not start Xvfb on a free display (see $CM_OUT/e2e_xvfb.log)"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
echo "# Xvfb on DISPLAY=$DISPLAY"

# ------------------------------------------------------------------ helpers
# Screenshots are taken as PPM (pixels only, no time stamps in the file, so
# `cmp` tells identical screens apart cheaply); keep() saves PNGs for people.
snap() { import -window root "ppm:$1" 2>/dev/null; }
keep() { convert "$1" "$CM_OUT/e2e_$2.png" 2>/dev/null || true; }

# settle OUT [REF MIN]: polls screenshots (up to ~8 s) until one differs from
# REF by at least MIN pixels (if REF is given) and the next one is identical
# (the app has finished drawing). Saves it as OUT; returns 1 on timeout (OUT
# then holds the last screenshot).
settle() {
  local out=$1 ref=${2:-} min=${3:-0} i prev="$TMP/settle_prev.ppm" cur="$TMP/settle_cur.ppm"
  rm -f "$prev"
  for ((i = 0; i < 60; i++)); do
    if snap "$cur"; then
      if [[ -f $prev ]] && cmp -s "$cur" "$prev"; then
        cp "$cur" "$out"; return 0
      fi
      rm -f "$prev"
      if [[ -z $ref ]] || { ! cmp -s "$cur" "$ref" && (( $(ae "$cur" "$ref") >= min )); }; then
        cp "$cur" "$prev"
      fi
    fi
    sleep 0.1
  done
  cp "$cur" "$out" 2>/dev/null || true
  return 1
}

# pixel IMAGE X Y: the colour there as RRGGBB (8 bits per channel, whatever the file's depth).
pixel() {
  local p="p{$2,$3}" rgb
  rgb=$(convert "$1" -format "%[fx:round(255*$p.r)] %[fx:round(255*$p.g)] %[fx:round(255*$p.b)]" info: 2>/dev/null) || return 0
  # shellcheck disable=SC2086
  printf '%02X%02X%02X' $rgb
}

# locate LON,LAT: prints "x y" of that place in the app's window.
locate() {
  env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --locate "$1" \
    | jq -r 'if .inside then "\(.x) \(.y)" else error("outside the view") end'
}

alive() { running "$APP_PID"; }

# start_app LOG: starts the app, finds its window (WID, WX, WY, WW, WH) and
# waits for a first non-black frame. Returns 1 with REASON set on failure.
start_app() {
  local log=$1 i n
  "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" >"$log" 2>&1 &
  APP_PID=$!
  WID=$(timeout "${CM_E2E_START_S:-15}" xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1) || true
  if [[ -z $WID ]]; then
    REASON="no visible window named ^conflictmap within ${CM_E2E_START_S:-15} s; app $(alive && echo running || echo exited)"
    REASON+=" (state, CPU ticks, wchan: $(awk '{ print $3, $14 + $15 }' "/proc/$APP_PID/stat" 2>/dev/null) $(cat "/proc/$APP_PID/wchan" 2>/dev/null));"
    REASON+=" windows: $(xdotool search --name . 2>/dev/null | while read -r w; do printf '%s=%q ' "$w" "$(xdotool getwindowname "$w" 2>/dev/null)"; done)"
    REASON+="; log: $(tail -n3 "$log")"
    return 1
  fi
  local X='' Y='' WIDTH='' HEIGHT='' geo
  geo=$(xdotool getwindowgeometry --shell "$WID" 2>/dev/null) || true
  eval "$(grep -E '^(X|Y|WIDTH|HEIGHT)=[0-9]+$' <<<"$geo")"
  WX=$X WY=$Y WW=$WIDTH WH=$HEIGHT
  if ! [[ $WX =~ ^[0-9]+$ && $WY =~ ^[0-9]+$ && $WW =~ ^[0-9]+$ && $WH =~ ^[0-9]+$ ]]; then
    REASON="xdotool getwindowgeometry $WID gave: $(tr '\n' ' ' <<<"$geo")"; return 1
  fi
  for ((i = 0; i < 100; i++)); do  # first frame: the window area is not all one colour (black)
    if snap "$TMP/first.ppm"; then
      n=$(convert "$TMP/first.ppm" -crop "${WW}x${WH}+$WX+$WY" +repage -format '%k' info: 2>/dev/null || echo 0)
      (( n > 10 )) && return 0
    fi
    alive || { REASON="the app died before drawing ($(tail -n3 "$log"))"; return 1; }
    sleep 0.1
  done
  REASON="the window stayed blank for 10 s"
  return 1
}

# wait_exit SECONDS: waits for the app to end; sets STATUS (or "timeout").
wait_exit() {
  local i
  for ((i = 0; i < $1 * 10; i++)); do
    alive || break
    sleep 0.1
  done
  if alive; then STATUS=timeout; return 1; fi
  STATUS=0
  wait "$APP_PID" || STATUS=$?
  APP_PID=""
}

# ------------------------------------------------------------------ start
start_app "$CM_OUT/e2e_app.log" || fail "window did not come up: $REASON"
ok "window '$(xdotool getwindowname "$WID")' appeared and drew a first frame"
if [[ $WW -eq $W && $WH -eq $H ]]; then ok "window is ${W}x$H"
else bad "window is ${W}x$H" "geometry says ${WW}x$WH at $WX,$WY"; fi

THR=$((W * H * 2 / 100))          # "different": at least 2% of the window's pixels
CX=$((WX + W / 2)) CY=$((WY + H / 2))
xdotool mousemove "$CX" "$CY"
START="$TMP/start.ppm"
settle "$START" || bad "start view settles" "screenshots kept changing"
keep "$START" start

# The window must show the view --locate computes for the same --size.
check_places() {
  local shot=$1 what=$2 xy lx ly c
  if xy=$(locate 36.57,32.71); then
    read -r lx ly <<<"$xy"
    c=$(pixel "$shot" $((WX + lx)) $((WY + ly)))
    if [[ -n $c && $c != "$SEA" && $c != 000000 ]]; then ok "$what: As-Suwayda ($((WX + lx)),$((WY + ly))) is land (#$c)"
    else bad "$what: As-Suwayda is land" "pixel at $((WX + lx)),$((WY + ly)) is #${c:-?} (sea #$SEA, black = outside)"; fi
  else
    bad "$what: As-Suwayda is land" "--locate 36.57,32.71 failed or is outside: $xy"
  fi
  if xy=$(locate 35.0,33.0); then
    read -r lx ly <<<"$xy"
    c=$(pixel "$shot" $((WX + lx)) $((WY + ly)))
    if [[ $c == "$SEA" ]]; then ok "$what: the sea off Lebanon ($((WX + lx)),$((WY + ly))) is #$SEA"
    else bad "$what: the sea off Lebanon is #$SEA" "pixel at $((WX + lx)),$((WY + ly)) is #${c:-?}"; fi
  else
    bad "$what: the sea off Lebanon is #$SEA" "--locate 35.0,33.0 failed or is outside: $xy"
  fi
}
check_places "$START" "start view"

# ------------------------------------------------------------------ drag
DX=150 DY=60
xdotool mousemove "$CX" "$CY" mousedown 1
for i in 1 2 3 4 5; do
  sleep 0.05
  xdotool mousemove $((CX + DX * i / 5)) $((CY + DY * i / 5))
done
sleep 0.05
xdotool mouseup 1
DRAG="$TMP/drag.ppm"
settle "$DRAG" "$START" "$THR" || true
keep "$DRAG" drag
d=$(ae "$START" "$DRAG")
if (( d > THR )); then ok "drag changes the view ($d pixels differ)"
else bad "drag changes the view" "only $d pixels differ (want > $THR)"; fi

# The map moved by the drag vector: a patch of the start view, shifted by
# (DX,DY), matches the dragged view much better than the unshifted patch (five times: labels
# are placed again for the new view, and one that had no room before may now have it).
PW=500 PH=350 PX=$((WX + 200)) PY=$((WY + 120))
convert "$START" -crop "${PW}x$PH+$PX+$PY" +repage "$TMP/p0.png"
convert "$DRAG" -crop "${PW}x$PH+$((PX + DX))+$((PY + DY))" +repage "$TMP/p1.png"
convert "$DRAG" -crop "${PW}x$PH+$PX+$PY" +repage "$TMP/p2.png"
shifted=$(ae "$TMP/p0.png" "$TMP/p1.png") unshifted=$(ae "$TMP/p0.png" "$TMP/p2.png")
if (( shifted >= 0 && shifted * 5 < unshifted )); then
  ok "drag moves the map by the mouse's ($DX,$DY) (shifted diff $shifted vs unshifted $unshifted)"
else
  bad "drag moves the map by the mouse's ($DX,$DY)" "shifted patch differs by $shifted pixels, unshifted by $unshifted"
fi

# ------------------------------------------------------------------ wheel zoom
xdotool mousemove "$CX" "$CY"
for i in 1 2 3; do xdotool click 4; sleep 0.05; done
ZOOM="$TMP/zoom.ppm"
settle "$ZOOM" "$DRAG" "$THR" || true
keep "$ZOOM" zoom
d=$(ae "$DRAG" "$ZOOM")
if (( d > THR )); then ok "wheel up zooms ($d pixels differ)"
else bad "wheel up zooms" "only $d pixels differ (want > $THR)"; fi

# ------------------------------------------------------------------ keys
xdotool key --window "$WID" Home
HOME_SHOT="$TMP/home.ppm"
settle "$HOME_SHOT" "$ZOOM" "$THR" || true
keep "$HOME_SHOT" home
d_start=$(ae "$HOME_SHOT" "$START") d_zoom=$(ae "$HOME_SHOT" "$ZOOM")
if (( d_start >= 0 && d_start < d_zoom )); then ok "Home returns to (about) the start view ($d_start pixels from start, $d_zoom from zoomed)"
else bad "Home returns to (about) the start view" "$d_start pixels from start, $d_zoom from zoomed"; fi
# The mouse is back where it was at the start and Home restores the start view,
# so everything that depends on the view and the cursor (hover highlight,
# tooltip, status bar) should be back too: allow only 0.1% of the pixels.
if (( d_start >= 0 && d_start <= W * H / 1000 )); then ok "after Home, hover and status follow the cursor ($d_start pixels from start)"
else bad "after Home, hover and status follow the cursor" "$d_start pixels differ from the start view with the mouse at the same place (stale hover highlight/tooltip?); compare $CM_OUT/e2e_start.png and e2e_home.png"; fi
check_places "$HOME_SHOT" "after Home"

xdotool key --window "$WID" plus
PLUS="$TMP/plus.ppm"
settle "$PLUS" "$HOME_SHOT" "$THR" || true
keep "$PLUS" plus
d=$(ae "$HOME_SHOT" "$PLUS")
if (( d > THR )); then ok "'+' zooms in ($d pixels differ)"
else bad "'+' zooms in" "only $d pixels differ (want > $THR)"; fi

xdotool key --window "$WID" minus
MINUS="$TMP/minus.ppm"
settle "$MINUS" "$PLUS" "$THR" || true
d_home=$(ae "$MINUS" "$HOME_SHOT") d_plus=$(ae "$MINUS" "$PLUS")
if (( d_home >= 0 && d_home < d_plus )); then ok "'-' undoes '+' ($d_home pixels from before '+', $d_plus from zoomed)"
else bad "'-' undoes '+'" "$d_home pixels from before '+', $d_plus from zoomed"; fi

prev=$MINUS
for k in Left Up Right Down; do
  xdotool key --window "$WID" "$k"
  settle "$TMP/key_$k.ppm" "$prev" "$THR" || true
  d=$(ae "$prev" "$TMP/key_$k.ppm")
  if (( d > THR )); then ok "arrow $k pans ($d pixels differ)"
  else bad "arrow $k pans" "only $d pixels differ (want > $THR)"; fi
  prev=$TMP/key_$k.ppm
done
keep "$prev" keys
if alive; then ok "the app is still running after the keys"
else bad "the app is still running after the keys" "it exited ($(tail -n3 "$CM_OUT/e2e_app.log"))"; fi

# ------------------------------------------------------------------ idle CPU
settle "$TMP/idle.ppm" || true
ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
if t0=$(ticks 2>/dev/null); then
  sleep 2
  if t1=$(ticks 2>/dev/null); then
    if (( t1 - t0 < 20 )); then ok "idle: $((t1 - t0)) ticks of CPU in 2 s (< 20)"
    else bad "idle uses no CPU" "$((t1 - t0)) ticks of CPU in 2 s (want < 20): the loop does not block"; fi
  else bad "idle uses no CPU" "the app died while idle"; fi
else bad "idle uses no CPU" "cannot read /proc/$APP_PID/stat"; fi

# ------------------------------------------------------------------ Ctrl+Q
# (xdotool may report BadWindow for the key release: the window is gone by then.)
xdotool key --window "$WID" ctrl+q 2>/dev/null || true
if wait_exit 10; then
  if [[ $STATUS -eq 0 ]]; then ok "Ctrl+Q quits with status 0"
  else bad "Ctrl+Q quits with status 0" "status $STATUS ($(tail -n3 "$CM_OUT/e2e_app.log"))"; fi
else
  bad "Ctrl+Q quits with status 0" "still running 10 s after Ctrl+Q"
  stop "$APP_PID"; APP_PID=""
fi

# ------------------------------------------------------------------ SIGTERM
if start_app "$CM_OUT/e2e_app_term.log"; then
  kill -TERM "$APP_PID"
  if wait_exit 10; then
    if [[ $STATUS -eq 0 ]]; then ok "SIGTERM quits with status 0"
    else bad "SIGTERM quits with status 0" "status $STATUS ($(tail -n3 "$CM_OUT/e2e_app_term.log"))"; fi
  else
    bad "SIGTERM quits with status 0" "still running 10 s after SIGTERM"
  fi
else
  bad "SIGTERM quits with status 0" "second start failed: $REASON"
fi

summary
[[ $failed -eq 0 ]]
