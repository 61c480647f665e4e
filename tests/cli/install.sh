#!/usr/bin/env bash
# install.sh: `cmake --install` gives a working program. The build is installed into a
# temporary prefix; from another working directory the installed program draws a PNG and
# answers --query with its installed geodata/ and assets/ (the PNG's data chunk names them),
# and still does after the whole prefix is moved elsewhere (the data is found beside the
# program, not at a path fixed at build time).
#
# Environment (set by ctest): CM_BIN (the built program; its directory is the build tree), CM_OUT.
set -uo pipefail
: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"
BUILD=$(cd "$(dirname "$CM_BIN")" && pwd)
T=$CM_OUT/install
rm -rf "$T" && mkdir -p "$T/elsewhere"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# the text of the PNG's conflictmap:data chunk
data_chunk() {
  python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
i = 8
while i < len(b):
    n, = struct.unpack('>I', b[i:i + 4]); t = b[i + 4:i + 8]; d = b[i + 8:i + 8 + n]
    if t == b'tEXt' and d.startswith(b'conflictmap:data\0'):
        print(d.split(b'\0', 1)[1].decode('latin-1'))
    i += 12 + n
PY
}

if cmake --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" 2>&1; then ok "cmake --install into a temporary prefix"
else bad "cmake --install failed: $(tail -3 "$T/install.log")"; echo "install: $pass passed, $fail failed"; exit 1; fi

check_prefix() { # $1: the prefix as installed or moved, $2: what the check is called
  local P=$1 what=$2 bin=$1/bin/conflictmap png=$T/elsewhere/$2.png
  [ -x "$bin" ] || { bad "$what: no $bin"; return; }
  local real; real=$(cd "$P" && pwd -P)
  if (cd "$T/elsewhere" && "$bin" --render "$what.png" --size 640x400 --date 2025-07-16 2>"$T/$what.err"); then
    if [ -s "$png" ]; then ok "$what: --render writes a PNG from another directory"; else bad "$what: no PNG written"; fi
    local data; data=$(data_chunk "$png")
    case "$data" in
      "$real/share/conflictmap/geodata; $real/share/conflictmap/assets/events.geojson") ok "$what: drawn from the installed data ($data)";;
      *) bad "$what: the PNG was drawn from '$data', not from $real/share/conflictmap";;
    esac
  else bad "$what: --render failed: $(cat "$T/$what.err")"; fi
  local out
  if out=$(cd "$T/elsewhere" && "$bin" --query 36.29,33.51 --date 2025-07-16 2>"$T/$what.qerr"); then
    if python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["region"]["iso"] and d["events"], d' <<<"$out" 2>/dev/null; then
      ok "$what: --query answers with a region and events"
    else bad "$what: --query answered without a region or events: ${out:0:300}"; fi
  else bad "$what: --query failed: $(cat "$T/$what.qerr")"; fi
}

check_prefix "$T/prefix" installed
mv "$T/prefix" "$T/moved"
check_prefix "$T/moved" moved

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
