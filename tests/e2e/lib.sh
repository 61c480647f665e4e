# lib.sh: what the window tests share (sourced by window.sh and explore.sh): process
# helpers, a private Xvfb on a free display, and pixel comparison. Uses the globals
# XVFB_PID (set by start_xvfb) and CM_OUT.

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
