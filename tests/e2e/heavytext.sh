#!/usr/bin/env bash
# End-to-end test that the window stays responsive while it draws a view with much new text
# (issue 15: "selecting an event whose summary is 100 KB freezes the window, Ctrl+Q ignored"),
# under a private Xvfb, driven with xdotool, with --log-ui as the oracle.
#
#   quit: an event with a 100 KB summary and 120 sources with a 5 KB note each (about 640 KB of
#         text to shape, 15-30 s in one frame) is selected; Ctrl+Q sent at once is obeyed within
#         QUIT_S seconds: the window shapes at most CM_TEXT_FRAME_BYTES of new text a frame and
#         reads input between frames (without the budget the one frame shapes all of it first).
#   whole: left alone, the window goes on drawing frames until nothing is deferred (a "drawn"
#          line says so), and the panel is then the same picture as the app's own screenshot
#          (Ctrl+S draws with no budget).
#
# Screenshots stay in $CM_OUT/heavytext_*.png for a person to look at.
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT; QUIT_S (default 5; it took 0.6-1.9 s, and 20 s without the budget).
# Prints one line per check and finally "heavytext: N passed, M failed".
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"
QUIT_S=${QUIT_S:-5}

passed=0
failed=0
summary() { echo "heavytext: $passed passed, $failed failed"; }
fail() {
  echo "FAIL (fatal): $*"
  failed=$((failed + 1))
  summary
  exit 1
}
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

for tool in Xvfb xdpyinfo xdotool import compare convert jq timeout python3; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
[[ -x "$CM_BIN" ]] || fail "CM_BIN=$CM_BIN is not an executable"
mkdir -p "$CM_OUT" || fail "cannot create CM_OUT=$CM_OUT"
CM_OUT=$(realpath "$CM_OUT")
rm -f "$CM_OUT"/heavytext_*.png "$CM_OUT"/heavytext_*.log "$CM_OUT"/heavytext_*.err

W=1100 H=760
XVFB_PID="" APP_PID=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-heavytext.XXXXXX") || fail "mktemp -d failed"

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # running, stop, start_xvfb, ae
export XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache" CONFLICTMAP_SCREENSHOT_DIR="$TMP/shots"
mkdir -p "$TMP/shots"
unset CONFLICTMAP_TEXT_FRAME_BYTES

cleanup() {
  stop "$APP_PID"
  stop "$XVFB_PID"
  rm -rf "$TMP"
}
trap cleanup EXIT

start_xvfb "$CM_OUT/heavytext_xvfb.log" || fail "could not start Xvfb on a free display (see $CM_OUT/heavytext_xvfb.log)"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
echo "# Xvfb on DISPLAY=$DISPLAY"

snap() { import -window root "ppm:$1" 2>/dev/null; }
keep() { convert "$1" -crop "${W}x$H+$WX+$WY" +repage "$CM_OUT/heavytext_$2.png" 2>/dev/null || true; }
settle() {
  local out=$1 i prev="$TMP/settle_prev.ppm" cur="$TMP/settle_cur.ppm"
  rm -f "$prev"
  for ((i = 0; i < 60; i++)); do
    if snap "$cur"; then
      if [[ -f $prev ]] && cmp -s "$cur" "$prev"; then cp "$cur" "$out"; return 0; fi
      cp "$cur" "$prev"
    fi
    sleep 0.1
  done
  cp "$cur" "$out" 2>/dev/null || true
  return 1
}
alive() { running "$APP_PID"; }
mark() { wc -l <"$LOG" | tr -d ' '; }
since() { tail -n +$(($1 + 1)) "$LOG" | jq -cR "fromjson? | select($2)" 2>/dev/null || true; }
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
lastlog() { tail -n 3 "$LOG" | tr '\n' ' ' | cut -c1-400; }
geometry() {
  local X='' Y='' WIDTH='' HEIGHT='' geo
  geo=$(xdotool getwindowgeometry --shell "$WID" 2>/dev/null) || true
  eval "$(grep -E '^(X|Y|WIDTH|HEIGHT)=[0-9]+$' <<<"$geo")"
  WX=$X WY=$Y WW=$WIDTH WH=$HEIGHT
}
start_app() {
  local name=$1; shift
  LOG="$CM_OUT/heavytext_$name.log" ERR="$CM_OUT/heavytext_$name.err"
  : >"$LOG"
  "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" --log-ui --fresh "$@" >"$LOG" 2>"$ERR" &
  APP_PID=$!
  if ! wait_for 0 '.event == "ready"' 15 >/dev/null; then
    REASON="no ready line within 15 s; stderr: $(tail -n3 "$ERR")"
    return 1
  fi
  WID=$(timeout 10 xdotool search --sync --onlyvisible --name '^conflictmap' 2>/dev/null | head -n1) || true
  [[ -n $WID ]] || { REASON="no visible window named ^conflictmap"; return 1; }
  geometry
  [[ $WX =~ ^[0-9]+$ && $WW == "$W" && $WH == "$H" ]] || { REASON="window geometry ${WW}x$WH at $WX,$WY (want ${W}x$H)"; return 1; }
  xdotool windowfocus --sync "$WID" 2>/dev/null || true
  return 0
}
quit_app() {
  xdotool key --window "$WID" ctrl+q 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do alive || break; sleep 0.1; done
  stop "$APP_PID"
  APP_PID=""
}
locate() {
  env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" "$@" --locate 36.72,34.73 \
    | jq -r 'if .inside then "\(.x) \(.y)" else error("outside the view") end'
}

HEAVY="$TMP/heavy.geojson"
python3 - "$HEAVY" <<'PY'
import json, sys
words = "the convoy was reported near the northern road by several local sources and residents said".split()
def text(n, seed):
    out, i, size = [], seed, 0
    while size < n:
        w = words[i % len(words)]; out.append(w); size += len(w) + 1; i += 7
    return " ".join(out)[:n]
src = [{"outlet": "Outlet %d" % i, "title": "Title %d: %s" % (i, text(300, i)), "note": "Note %d: %s" % (i, text(5000, i + 1)),
        "url": "https://example.org/%s/%d" % ("a" * 100, i)} for i in range(120)]
ev = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.72, 34.73]},
      "properties": {"id": "heavy", "title": "Heavy event", "category": "battle", "start": "2025-03-10",
                     "summary": text(100000, 3), "sources": src}}
json.dump({"type": "FeatureCollection", "features": [ev]}, open(sys.argv[1], "w"))
PY
ARGS=(--no-default-events --events "$HEAVY" --date 2025-03-10)
read -r sx sy <<<"$(locate "${ARGS[@]}")" || fail "cannot locate the event"

# select_heavy: clicks the event's marker; 0 once the select line came
select_heavy() {
  xdotool mousemove $((WX + sx)) $((WY + sy)); sleep 0.05
  SEL=$(mark)
  xdotool click 1
  wait_for "$SEL" '.event == "select"' 10 >/dev/null
}

# ================================================================== quit at once
if start_app quit "${ARGS[@]}"; then
  if select_heavy; then
    t0=$(date +%s.%N)
    xdotool key --window "$WID" ctrl+q 2>/dev/null || true
    for ((i = 0; i < 1200; i++)); do alive || break; sleep 0.05; done
    t1=$(date +%s.%N)
    took=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    if ! alive && awk -v t="$took" -v q="$QUIT_S" 'BEGIN { exit !(t <= q) }'; then
      ok "Ctrl+Q just after selecting 640 KB of text is obeyed in ${took} s (at most $QUIT_S s)"
    else bad "Ctrl+Q just after selecting 640 KB of text is obeyed in $QUIT_S s" "it took ${took} s$(alive && echo ', still running')"; fi
    stop "$APP_PID"; APP_PID=""
  else bad "the heavy event is selected" "no select line; log: $(lastlog)"; quit_app; fi
else bad "the window opens" "$REASON"; fi

# ================================================================== drawn whole in the end
if start_app whole "${ARGS[@]}"; then
  if select_heavy; then
    if d=$(wait_for "$SEL" '.event == "drawn"' 120); then
      ok "the window draws frames until nothing is left out ($(tail -n1 <<<"$d"))"
      xdotool mousemove $((WX + 5)) $((WY + H - 120)) # off the panel and the marker: no tooltip
      settle "$TMP/whole.ppm" || true
      keep "$TMP/whole.ppm" whole
      convert "$TMP/whole.ppm" -crop "380x$((H - 96))+$((WX + W - 380))+$WY" +repage "$TMP/panel_window.png"
      n=$(mark)
      xdotool key --window "$WID" ctrl+s
      if shot=$(wait_for "$n" '.event == "screenshot"' 30 | tail -n1) && path=$(jq -r '.message' <<<"$shot" | sed -n 's/^Saved //p') && [[ -f $path ]]; then
        cp "$path" "$CM_OUT/heavytext_whole_ctrl_s.png"
        convert "$path" -crop "380x$((H - 96))+$((W - 380))+0" +repage "$TMP/panel_shot.png"
        px=$(ae "$TMP/panel_window.png" "$TMP/panel_shot.png" 0)
        if ((px == 0)); then ok "the panel drawn over frames is the picture drawn in one ($px pixels differ)"
        else bad "the panel drawn over frames is the picture drawn in one" "$px pixels differ; see $CM_OUT/heavytext_whole*.png"; fi
      else bad "Ctrl+S saves a screenshot" "no screenshot line; log: $(lastlog)"; fi
    else bad "the window draws frames until nothing is left out" "no drawn line within 120 s; log: $(lastlog)"; fi
  else bad "the heavy event is selected" "no select line; log: $(lastlog)"; fi
  quit_app
  echo "# $(since 0 '.event == "quit"' | tail -n1)"
else bad "the window opens" "$REASON"; fi

summary
((failed == 0))
