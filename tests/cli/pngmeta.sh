#!/usr/bin/env bash
# pngmeta.sh: a rendered PNG says what it is. Its text chunks hold the command line that drew
# it, the date shown, the data files and the number of sources behind what is shown; running
# that command line again draws the same picture, pixel for pixel.
#
# Environment (set by ctest): CM_BIN, CM_OUT; CM_SRC defaults to this checkout.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${CM_SRC:=$(cd "$HERE/../.." && pwd)}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"
: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
CM_BIN=$(realpath "$CM_BIN")
T=$CM_OUT/pngmeta
rm -rf "$T" && mkdir -p "$T/with space"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# the chunks of a PNG as KEY<TAB>TEXT lines (tEXt and iTXt), read with python's struct and zlib
chunks() {
  python3 - "$1" <<'PY'
import struct, sys, zlib
b = open(sys.argv[1], 'rb').read()
assert b[:8] == b'\x89PNG\r\n\x1a\n'
i = 8
while i < len(b):
    n, = struct.unpack('>I', b[i:i + 4]); t = b[i + 4:i + 8]; d = b[i + 8:i + 8 + n]
    if t == b'tEXt':
        k, v = d.split(b'\0', 1); print(k.decode('latin-1') + '\t' + v.decode('latin-1'))
    elif t == b'iTXt':
        k, rest = d.split(b'\0', 1); comp = rest[0]; rest = rest[2:]
        lang, rest = rest.split(b'\0', 1); tk, v = rest.split(b'\0', 1)
        print(k.decode('latin-1') + '\t' + (zlib.decompress(v) if comp else v).decode('utf-8'))
    i += 12 + n
PY
}
get() { awk -F'\t' -v k="$2" '$1 == k { print $2 }' <<<"$1"; }

EV=$CM_SRC/tests/fixtures/acled/valid.csv
cp "$EV" "$T/with space/events.csv"
PNG1=$T/with\ space/first.png
(cd "$T" && "$CM_BIN" --date 2025-07-16 --size 640x480 --events "with space/events.csv" --render "$PNG1" 2>"$T/err") \
  && ok "rendered" || bad "render: $(cat "$T/err")"
C=$(chunks "$PNG1")
cmd=$(get "$C" conflictmap:command)
[[ $cmd == *"--date 2025-07-16"* && $cmd == *"'with space/events.csv'"* ]] && ok "the command line, quoted: $cmd" || bad "command chunk: '$cmd'"
[[ $(get "$C" conflictmap:date) == "2025-07-16 (points fade over 30 days)" ]] && ok "the date" || bad "date chunk: '$(get "$C" conflictmap:date)'"
data=$(get "$C" conflictmap:data)
[[ $data == *geodata*"; "*events.geojson"; with space/events.csv" ]] && ok "the data files: $data" || bad "data chunk: '$data'"
# the sources behind what is shown, counted independently: every shown event's sources
want=$(cd "$T" && "$CM_BIN" --date 2025-07-16 --size 640x480 --events "with space/events.csv" --list | jq '[.layers[].shown // 0] | add')
src=$(get "$C" conflictmap:sources)
[[ $src =~ ^[0-9]+\ sources,\ ([0-9]+)\ events$ && ( -z $want || ${BASH_REMATCH[1]} == "$want" ) ]] && ok "sources: $src (--list shows ${want:-?})" || bad "sources chunk: '$src', --list shows '$want'"

# the command line in the picture draws the same picture again
(cd "$T" && eval "$(sed "s#^[^ ]*conflictmap#'$CM_BIN'#; s#--render .*#--render '$T/second.png'#" <<<"$cmd")") 2>>"$T/err"
if [[ -f $T/second.png ]] && cmp -s <(convert "$PNG1" rgb:-) <(convert "$T/second.png" rgb:-); then
  ok "the command in the picture draws it again, pixel for pixel"
else bad "redraw from the command chunk differs or failed: $(tail -1 "$T/err")"; fi

echo "pngmeta: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
