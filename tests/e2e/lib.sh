# lib.sh: what the window tests share (sourced by every tests/e2e script): process
# helpers, a private Xvfb on a free display, and pixel comparison. Uses the globals
# XVFB_PID (set by start_xvfb) and CM_OUT.
#
# Below those, the window helpers honest.sh and tooltips.sh use (a script that defines its own
# after sourcing this keeps them): screenshots (snap, keep, settle, pixel), --locate, the --log-ui
# stream (mark, since, wait_for, lastlog), the app (start_app, quit_app, alive, geometry) and a
# GeoJSON of events at one place (same_place). They use the script's globals E2E (its name: the
# prefix of what it writes in CM_OUT), W, H, DATE, TMP, APP_PID; start_app sets LOG, ERR, WID,
# WX, WY, WW, WH (REASON when it fails).

# running PID: the process exists and is not a zombie (an exited child stays
# a zombie until waited for, and kill -0 still succeeds on it).
running() {
  local st
  [[ -n $1 ]] && kill -0 "$1" 2>/dev/null || return 1
  st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ $st != Z ]]
}

# stop PID: SIGTERM, then SIGKILL if it is still there after 3 s.
stop() {
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 30; i++)); do running "$pid" || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# start_xvfb LOG: an X server on a free display, DISPLAY exported; 1 when none would start.
start_xvfb() {
  local log=$1 attempt n i
  for ((attempt = 0; attempt < 10; attempt++)); do
    n=$((90 + RANDOM % 100))
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp >"$log" 2>&1 &
    XVFB_PID=$!
    for ((i = 0; i < 100; i++)); do          # up to ~10 s
      running "$XVFB_PID" || break              # lost a race for :n, try another
      if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1; then
        export DISPLAY=":$n"
        return 0
      fi
      sleep 0.1
    done
    stop "$XVFB_PID"; XVFB_PID=""
  done
  return 1
}

# ae A B [FUZZ]: number of differing pixels (-1 if compare could not compare them).
ae() {
  local v
  cmp -s "$1" "$2" && { echo 0; return; }
  v=$(compare -fuzz "${3:-0}%" -metric AE "$1" "$2" null: 2>&1) || true
  awk -v v="$v" 'BEGIN { if (v ~ /^[0-9.]+(e\+?[0-9]+)?$/) printf "%d\n", v; else print -1 }'
}

# ------------------------------------------------------------------ window helpers
snap() { import -window root "ppm:$1" 2>/dev/null; }
# keep SHOT NAME [WxH]: the window's part of a screenshot as $CM_OUT/${E2E}_NAME.png
keep() { convert "$1" -crop "${3:-${W}x$H}+$WX+$WY" +repage "$CM_OUT/${E2E}_$2.png" 2>/dev/null || true; }

# settle OUT: polls screenshots (up to ~6 s) until two in a row are identical; returns 1 on timeout.
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

# pixel IMAGE X Y: the colour there as RRGGBB.
pixel() {
  local p="p{$2,$3}" rgb
  rgb=$(convert "$1" -format "%[fx:round(255*$p.r)] %[fx:round(255*$p.g)] %[fx:round(255*$p.b)]" info: 2>/dev/null) || return 0
  # shellcheck disable=SC2086
  printf '%02X%02X%02X' $rgb
}

# locate LON,LAT [ARGS...]: "x y" of that place in a window of W x H as it opens (the app's
# arguments, default --date $DATE).
locate() {
  local p=$1; shift
  (($#)) || set -- --date "$DATE"
  env -u DISPLAY "$CM_BIN" --geodata "$CM_GEODATA" --size "${W}x$H" "$@" --locate "$p" \
    | jq -r 'if .inside then "\(.x) \(.y)" else error("outside the view") end'
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

# geometry: sets WX WY WW WH of window WID
geometry() {
  local X='' Y='' WIDTH='' HEIGHT='' geo
  geo=$(xdotool getwindowgeometry --shell "$WID" 2>/dev/null) || true
  eval "$(grep -E '^(X|Y|WIDTH|HEIGHT)=[0-9]+$' <<<"$geo")"
  WX=$X WY=$Y WW=$WIDTH WH=$HEIGHT
}

# start_app NAME ARGS...: the app at W x H with --log-ui (LOG, ERR), its window WID at WX,WY.
start_app() {
  local name=$1; shift
  LOG="$CM_OUT/${E2E}_$name.log" ERR="$CM_OUT/${E2E}_$name.err"
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

# same_place FILE N: N battles at Homs city centre on 2025-03-10, as ACLED puts events on towns
same_place() {
  local i
  { echo '{"type":"FeatureCollection","features":['
    for ((i = 0; i < $2; i++)); do
      ((i)) && echo ','
      printf '{"type":"Feature","geometry":{"type":"Point","coordinates":[36.72,34.73]},"properties":{"id":"same-%d","title":"Battle %d","category":"battle","start":"2025-03-10","sources":[{"outlet":"test"}]}}\n' "$i" "$i"
    done
    echo ']}'; } >"$1"
}

