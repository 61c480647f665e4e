#!/usr/bin/env bash
# Bad input: every case of tests/bad/cases.tsv against the headless modes of conflictmap.
#
# First builds the generated cases under $CM_OUT/bad-input (build_cases below): shapefile
# sets made from copies of the real geodata with one layer broken, a 10 MB string, directories
# where files belong, copies of assets/ with a broken font. Then runs each case with a 10 s
# timeout (CM_BAD_TIMEOUT) and checks:
#   - the exit status is the one wanted, and never a signal (>= 128) or a timeout ("hang");
#   - a failure prints exactly one line on stderr, containing the fragment(s), and nothing on
#     stdout, and writes no image; a success prints nothing on stderr;
#   - no "Sanitizer", "runtime error" or "Segmentation" anywhere in the output;
#   - stderr is valid UTF-8 with no control characters (a value copied into a message must
#     not bring a newline or half a character along).
#   - stdout never holds a NUL byte, and a case that succeeds in --list, --query or --locate
#     prints one valid JSON object (jq);
# Cases noted "stdout-full" run with stdout on /dev/full (a full disk).
# Cases noted "xfail: WHY" are known problems in src/: reported as XFAIL, not counted as
# failures (XPASS when they pass: remove the marker). "skip-if-root" cases are skipped as root.
#
# Environment (set by ctest): CM_BIN, CM_OUT; CM_SRC and CM_GEODATA default to this checkout;
# CM_BAD_TIMEOUT overrides the 10 s limit (e.g. for a slow instrumented build).
# Prints one line per case and finally "bad_input: N passed, M failed"; exits 1 on any failure.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
: "${CM_SRC:=$(cd "$HERE/../.." && pwd)}"
: "${CM_GEODATA:=$CM_SRC/geodata}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"
: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"

passed=0; failed=0; skipped=0; xfailed=0
summary() {
  (( skipped + xfailed )) && echo "bad_input: $skipped skipped, $xfailed known failures (xfail)"
  echo "bad_input: $passed passed, $failed failed"
}
fatal() { echo "FAIL (fatal): $*"; failed=$((failed + 1)); summary; exit 1; }

command -v timeout >/dev/null || fatal "'timeout' is not installed"
[[ -x $CM_BIN ]] || fatal "CM_BIN=$CM_BIN is not an executable"
[[ -d $CM_GEODATA ]] || fatal "CM_GEODATA=$CM_GEODATA is not a directory"
mkdir -p "$CM_OUT" || fatal "cannot create CM_OUT=$CM_OUT"
CM_BIN=$(realpath "$CM_BIN"); CM_OUT=$(realpath "$CM_OUT"); CM_GEODATA=$(realpath "$CM_GEODATA")
BAD=$CM_SRC/tests/bad
CASES=$BAD/cases.tsv
[[ -f $CASES ]] || fatal "$CASES not found"
GEN=$CM_OUT/bad-input
OUT=$GEN/out
LIMIT=${CM_BAD_TIMEOUT:-10}   # seconds a case may take; past it the case is a hang

# ---------------------------------------------------------------- generated cases
# geoset NAME: a copy of the real shapefile sets in $GEN/geo/NAME; prints its path.
geoset() {
  local d=$GEN/geo/$1
  mkdir -p "$d"
  local f
  for f in "$CM_GEODATA"/*.shp "$CM_GEODATA"/*.shx "$CM_GEODATA"/*.dbf "$CM_GEODATA"/*.prj "$CM_GEODATA"/*.cpg; do
    [[ -e $f ]] && cp "$f" "$d/"
  done
  echo "$d"
}
# crafted NAME: the real layers with the hand-made ones of tests/bad/shapes/NAME (governorates,
# and cities where the case has them) in their place
crafted() {
  local d f; d=$(geoset "$1")
  for f in "$BAD/shapes/$1"/*.shp; do
    f=$(basename "$f" .shp)
    rm -f "$d/$f".*
    cp "$BAD/shapes/$1/$f".shp "$BAD/shapes/$1/$f".shx "$BAD/shapes/$1/$f".dbf "$d/"
  done
}
# assetset NAME: a copy of assets/ (fonts and events.geojson) in $GEN/assets/NAME; prints its path.
assetset() {
  local d=$GEN/assets/$1
  mkdir -p "$d"
  cp -r "$CM_SRC/assets/." "$d/"
  echo "$d"
}

build_cases() {
  local d
  rm -rf "$GEN" 2>/dev/null || { chmod -R u+rwX "$GEN" 2>/dev/null; rm -rf "$GEN"; }
  mkdir -p "$GEN/geo" "$GEN/events" "$GEN/assets" "$OUT" || return 1
  geoset control >/dev/null
  d=$(geoset missing-shx); rm "$d/governorates.shx"
  d=$(geoset missing-dbf); rm "$d/governorates.dbf"
  d=$(geoset missing-prj); rm "$d"/*.prj
  d=$(geoset empty-prj); : >"$d/governorates.prj"
  d=$(geoset truncated-shp); truncate -s $(( $(stat -c %s "$d/governorates.shp") / 2 )) "$d/governorates.shp"
  d=$(geoset truncated-header); truncate -s 60 "$d/governorates.shp"
  d=$(geoset dbf-count); cp "$CM_GEODATA/cities.dbf" "$d/governorates.dbf"
  d=$(geoset points-for-polygons)
  for e in shp shx dbf prj cpg; do cp "$CM_GEODATA/cities.$e" "$d/governorates.$e"; done
  d=$(geoset polygons-for-points)
  for e in shp shx dbf prj cpg; do cp "$CM_GEODATA/governorates.$e" "$d/cities.$e"; done
  local c
  for c in nan inf far ring2 bowtie good random-records shx-all-first dbf-short dbf-zero-width all-null no-cities; do
    crafted "$c"
  done
  d=$(geoset bad-prj); printf 'GEOGCS["broken",DATUM["nothing",SPHEROID[' >"$d/governorates.prj"
  d=$(geoset shp-is-dir); rm "$d/governorates.shp"; mkdir "$d/governorates.shp"
  d=$(geoset unreadable); chmod 000 "$d/governorates.shp"
  d=$(geoset empty-shp); : >"$d/governorates.shp"
  d=$(geoset empty-shx); : >"$d/governorates.shx"
  d=$(geoset empty-dbf); : >"$d/governorates.dbf"

  # a valid feature whose summary is one 10 MiB string (the limit is 1 MiB)
  {
    printf '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "long", '
    printf '"title": "A long summary", "category": "statement", "start": "2025", "summary": "'
    head -c $((10 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
    printf '"}, "geometry": null}]}\n'
  } >"$GEN/events/long-string.geojson"
  mkdir -p "$GEN/events/dir.geojson" "$GEN/events/dir.csv"

  # a CSV row of five 900 KB fields: each under the field cap (1 MiB), 4.5 MB together, over
  # the row cap (4 MiB); the rows around it load
  tol="$CM_SRC/tests/fixtures/acled/layout-tolerant.csv"
  x=$(head -c 900000 /dev/zero | tr '\0' x)
  { sed -n '1,2p' "$tol"
    printf 'T9,2025-07-16,2025,1,Political violence,Battles,Armed clash,%s,%s,,%s,%s,,13,,760,Middle East,Syria,Idlib,Idlib,,Idlib,35.93,36.63,1,%s,National,n,1,,1752800000\n' \
      "$x" "$x" "$x" "$x" "$x"
    sed -n '6p' "$tol"; } >"$GEN/events/long-row.csv"

  # member names, list lengths and polygon sizes past their limits (geojson.h, shapes.h)
  local head='{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "big", "title": "Big", "category": "statement", "start": "2025"'
  { printf '%s, "' "$head"; head -c 2000 /dev/zero | tr '\0' 'k'; printf '": 1}, "geometry": null}]}\n'; } >"$GEN/events/long-key.geojson"
  { printf '%s, "sources": [' "$head"; yes '{"outlet": "x"},' | head -n 65535 | tr -d '\n'; printf '{"outlet": "y"}]}, "geometry": null}]}\n'; } \
    >"$GEN/events/65536-sources.geojson"
  { printf '%s, "sources": [' "$head"; yes '{"outlet": "x"},' | head -n 65534 | tr -d '\n'; printf '{"outlet": "y"}]}, "geometry": null}]}\n'; } \
    >"$GEN/events/65535-sources.geojson"
  # one ring of 20,001 positions (a circle), and 4,001 rings (tiny squares side by side)
  { printf '%s, "kind": "area"}, "geometry": {"type": "Polygon", "coordinates": [[' "${head/statement/zone}"
    awk 'BEGIN { n = 20000; for (i = 0; i < n; i++) { a = 6.283185307179586 * i / n; printf "[%.9f, %.9f],", 37 + cos(a), 34 + sin(a) }
                 printf "[38, 34]" }'
    printf ']]}}]}\n'; } >"$GEN/events/ring-20001.geojson"
  { printf '%s, "kind": "area"}, "geometry": {"type": "MultiPolygon", "coordinates": [' "${head/statement/zone}"
    awk 'BEGIN { for (i = 0; i < 4001; i++) { x = 36 + (i % 100) * 0.01; y = 33 + int(i / 100) * 0.01
                 printf "%s[[[%g, %g], [%g, %g], [%g, %g], [%g, %g]]]", (i ? ", " : ""), x, y, x + 0.005, y, x + 0.005, y + 0.005, x, y } }'
    printf ']}}]}\n'; } >"$GEN/events/rings-4001.geojson"

  d=$(assetset empty-font); : >"$d/fonts/DejaVuSans.ttf"
  d=$(assetset missing-font); rm "$d/fonts/NotoSansArabic-Bold.ttf"
  d=$(assetset garbage-font); head -c 4096 /dev/urandom >"$d/fonts/DejaVuSans-Bold.ttf"
  d=$(assetset dir-font); rm "$d/fonts/DejaVuSans.ttf"; mkdir "$d/fonts/DejaVuSans.ttf"
}
build_cases || fatal "could not build the generated cases in $GEN"

# ---------------------------------------------------------------- running the cases
mkdir -p "$GEN/cwd"
is_root=0; [[ $(id -u) -eq 0 ]] && is_root=1
# a message for our own output: one line, invalid UTF-8 dropped (the check says so), cut short
short() { printf '%s' "$1" | tr '\n\r\t' '   ' | iconv -f UTF-8 -t UTF-8 -c 2>/dev/null | cut -c1-400; }

lineno=0
while IFS= read -r line || [[ -n $line ]]; do
  lineno=$((lineno + 1))
  [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
  IFS=$'\t' read -r name args want frag note <<<"$line"
  if [[ -z ${note:-} ]]; then
    echo "FAIL cases.tsv line $lineno: needs 5 tab-separated columns"; failed=$((failed + 1)); continue
  fi
  if [[ $note == skip-if-root && $is_root -eq 1 ]]; then
    echo "SKIP $name: running as root, where chmod 000 does not stop reads"
    skipped=$((skipped + 1)); continue
  fi
  # the arguments, placeholders replaced word by word (paths may hold spaces)
  read -ra words <<<"$args"
  argv=(); png=
  for ((i = 0; i < ${#words[@]}; i++)); do
    w=${words[i]}
    w=${w//@BAD@/$BAD}; w=${w//@GEN@/$GEN}; w=${w//@GEODATA@/$CM_GEODATA}; w=${w//@OUT@/$OUT}
    argv+=("$w")
    [[ ${words[i]} == --render ]] && png=${words[i + 1]//@OUT@/$OUT} && png=${png//@GEN@/$GEN}
  done
  [[ -n $png ]] && rm -f "$png"

  stdout_to=$GEN/stdout; : >"$GEN/stdout"
  [[ $note == stdout-full ]] && stdout_to=/dev/full   # a full disk under stdout
  rc=0; t0=${EPOCHREALTIME/./}
  (cd "$GEN/cwd" && env -u DISPLAY -u WAYLAND_DISPLAY timeout -k 2 "$LIMIT" "$CM_BIN" "${argv[@]}") \
    >"$stdout_to" 2>"$GEN/stderr" </dev/null || rc=$?
  t1=${EPOCHREALTIME/./}; secs=$(( (t1 - t0) / 100000 )); secs="$((secs / 10)).$((secs % 10))s"
  err=$(tr -d '\000' <"$GEN/stderr"); out=$(tr -d '\000' <"$GEN/stdout")
  nl=$(awk 'END { print NR }' "$GEN/stderr")

  why=()
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then why+=("hang (no exit within $LIMIT s)")
  elif [[ $rc -ge 128 ]]; then why+=("killed by signal $((rc - 128))")
  elif [[ $want == nz ]]; then [[ $rc -ne 0 ]] || why+=("exit status 0, want non-zero")
  elif [[ $rc -ne $want ]]; then why+=("exit status $rc, want $want")
  fi
  grep -qE 'Sanitizer|runtime error|Segmentation' "$GEN/stderr" "$GEN/stdout" && why+=("sanitizer or crash report")
  # the line is printed for people: valid UTF-8, no control characters but its newline
  iconv -f UTF-8 -t UTF-8 "$GEN/stderr" >/dev/null 2>&1 || why+=("stderr is not valid UTF-8")
  LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$GEN/stderr" && why+=("control characters on stderr")
  # stdout is text: never a NUL byte; the JSON modes print one whole, valid JSON document
  [[ $(tr -d '\000' <"$GEN/stdout" | wc -c) -eq $(wc -c <"$GEN/stdout") ]] || why+=("a NUL byte on stdout")
  if [[ $want == 0 ]] && [[ " ${argv[*]} " == *" --list "* || " ${argv[*]} " == *" --query "* || " ${argv[*]} " == *" --locate "* ]]; then
    jq -e 'type == "object"' "$GEN/stdout" >/dev/null 2>&1 || why+=("stdout is not one valid JSON object: $(short "$out")")
  fi
  if [[ $want == 0 && $frag == - ]]; then
    [[ $nl -eq 0 ]] || why+=("$nl lines on stderr, want none")
  else
    # a failure, or a success that reports (skipped rows): one line on stderr with the fragments
    [[ $nl -eq 1 ]] || why+=("$nl lines on stderr, want exactly 1")
    if [[ $want != 0 ]]; then
      [[ -z $out ]] || why+=("unexpected stdout: $(short "$out")")
      [[ -z $png || ! -e $png ]] || why+=("an image was written")
    fi
    rest=$frag
    while [[ -n $rest ]]; do
      part=${rest%% && *}
      [[ $rest == *" && "* ]] && rest=${rest#* && } || rest=
      [[ $err == *"$part"* ]] || why+=("stderr lacks '$part'")
    done
  fi

  if [[ $note == xfail:* ]]; then
    if [[ ${#why[@]} -eq 0 ]]; then
      echo "XPASS $name (marked '${note}'): passes now, remove the marker"; passed=$((passed + 1))
    else
      echo "XFAIL $name: ${note#xfail: }; $(printf '%s; ' "${why[@]}")stderr: $(short "$err")"; xfailed=$((xfailed + 1))
    fi
  elif [[ ${#why[@]} -eq 0 ]]; then
    echo "ok   $name ($secs)"; passed=$((passed + 1))
  else
    echo "FAIL $name ($secs): $(printf '%s; ' "${why[@]}")stderr: $(short "$err")"; failed=$((failed + 1))
  fi
done <"$CASES"

chmod -R u+rwX "$GEN/geo/unreadable" 2>/dev/null
# the generated cases stay for a look when something failed; else they go (about 20 MB)
if (( failed == 0 )); then rm -rf "$GEN"; else rm -rf "$GEN/assets" "$GEN/events/long-string.geojson"; fi
summary
(( failed == 0 ))
