#!/usr/bin/env bash
# startup.sh: how long the window takes to show its first whole frame, from the process's start.
# Starts `BINARY --log-ui --fresh` (default data) under a private Xvfb N times, reads the `ready`
# line's ms (counted by the app from its own start), the renderer it names and the time that
# frame took to draw (its frame_ms; for a binary that does not log it, the quit line's p99 when the
# app, ended by SIGTERM, drew only that one frame) and the CPU time the process had used when the
# line was seen (user + system, both threads: less hostage to a loaded machine than wall time).
# Prints each run, then median/min/max per binary.
#
# usage: bench/startup.sh [BINARY ...] [N]     (default: build/conflictmap, N = 7)
# With several binaries the runs alternate (A B A B ...), so they share the moment's load: compare
# their ratio, not the absolute figures, on a shared machine. Each binary gets its own private
# $XDG_CACHE_HOME/$XDG_STATE_HOME, warmed by one untimed run (the figures are for a second start;
# set CM_STARTUP_COLD=1 to empty the cache before every run). Extra options: CM_STARTUP_ARGS.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
bins=()
n=7
for a in "$@"; do
  if [[ $a =~ ^[0-9]+$ ]]; then n=$a; else bins+=("$a"); fi
done
((${#bins[@]})) || bins=("$HERE/build/conflictmap")
for b in "${bins[@]}"; do [[ -x $b ]] || { echo "startup.sh: $b: not an executable" >&2; exit 2; }; done
command -v Xvfb >/dev/null || { echo "startup.sh: Xvfb not found" >&2; exit 2; }

TMP=$(mktemp -d /tmp/cm_startup.XXXXXX)
XPID=""
cleanup() {
  [[ -n $XPID ]] && kill "$XPID" 2>/dev/null && wait "$XPID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

for ((attempt = 0; attempt < 10; attempt++)); do
  d=$((200 + RANDOM % 200))
  [[ -e /tmp/.X$d-lock || -e /tmp/.X11-unix/X$d ]] && continue
  Xvfb ":$d" -screen 0 1280x900x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
  XPID=$!
  for ((i = 0; i < 100; i++)); do
    kill -0 "$XPID" 2>/dev/null || break
    DISPLAY=":$d" xdpyinfo >/dev/null 2>&1 && break 2
    sleep 0.1
  done
  kill "$XPID" 2>/dev/null; wait "$XPID" 2>/dev/null; XPID=""
done
[[ -n $XPID ]] || { echo "startup.sh: no Xvfb would start" >&2; exit 2; }
export DISPLAY=":$d"

# run1 BIN K OUT: one start; appends "ready_ms first_frame_ms renderer" to OUT
run1() {
  local bin=$1 k=$2 out=$3 log="$TMP/log.$2" pid i ready
  [[ ${CM_STARTUP_COLD:-0} == 1 ]] && rm -rf "$TMP/cache.$k"
  # shellcheck disable=SC2086
  XDG_CACHE_HOME="$TMP/cache.$k" XDG_STATE_HOME="$TMP/state.$k" "$bin" --log-ui --fresh ${CM_STARTUP_ARGS:-} \
    >"$log" 2>"$TMP/err.$k" &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    grep -q '"ready"' "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  # CPU used so far (both threads; user + system, clock ticks): less hostage to the machine's load
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$pid/stat" 2>/dev/null || echo -1)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  ready=$(grep -m1 '"ready"' "$log" || true)
  [[ -n $ready ]] || { echo "startup.sh: $bin: no ready line ($(head -c 300 "$TMP/err.$k"))" >&2; return 1; }
  python3 - "$log" "$cpu" >>"$out" <<'EOF'
import json, sys
ready = quit = None
for line in open(sys.argv[1]):
    try: j = json.loads(line)
    except ValueError: continue
    if ready is None and j.get("event") == "ready": ready = j
    if j.get("event") == "quit": quit = j
# the ready frame's own time when the app logs it; else the quit line's when it drew one frame
ff = ready.get("frame_ms", -1)
if ff == -1 and quit and quit.get("frames") == 1: ff = quit.get("frame_ms_p99", -1)
print(ready.get("ms", -1), ff, ready.get("renderer", "?"), sys.argv[2])
EOF
}

uptime
for ((k = 0; k < ${#bins[@]}; k++)); do run1 "${bins[k]}" "$k" /dev/null; done # warm-up, untimed
for ((r = 0; r < n; r++)); do
  for ((k = 0; k < ${#bins[@]}; k++)); do
    run1 "${bins[k]}" "$k" "$TMP/res.$k"
    echo "run $r ${bins[k]}: $(tail -1 "$TMP/res.$k") ($(cut -d, -f1 /proc/loadavg | cut -d' ' -f1) load)"
  done
done
uptime
for ((k = 0; k < ${#bins[@]}; k++)); do
  python3 - "${bins[k]}" "$TMP/res.$k" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[2]) if l.strip()]
r = sorted(float(x[0]) for x in rows)
f = sorted(float(x[1]) for x in rows if float(x[1]) >= 0)
line = "%s: ready ms median %.0f min %.0f max %.0f (n=%d)" % (sys.argv[1], statistics.median(r), r[0], r[-1], len(r))
if f: line += "; first frame ms median %.1f min %.1f max %.1f" % (statistics.median(f), f[0], f[-1])
c = sorted(float(x[3]) for x in rows if float(x[3]) >= 0)
if c: line += "; CPU ms by ready median %.0f min %.0f max %.0f" % (statistics.median(c), c[0], c[-1])
line += "; renderer %s" % ",".join(sorted({x[2] for x in rows}))
print(line)
EOF
done
