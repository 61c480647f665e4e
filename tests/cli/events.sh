#!/usr/bin/env bash
# CLI tests for the events part of conflictmap's headless modes (no display needed).
#
# Checks:
#   --query --date   areas and point events at a place on a day: Suwayda (the July 2025
#                    violence area, not yet on 1 January), Daraa (the southern zone from
#                    23 February 2025), Damascus (the 16 July strike, its figure's reporter);
#                    every record is complete (title, start.precision, summary, sources
#                    each with an outlet).
#   --layers         a hidden event layer is left out of --query.
#   --list           per-layer "events" counts add up to .events (24); the date span.
#   --events         a bad file fails with one stderr line naming it; a valid one adds its
#                    events; --no-default-events leaves only the file's.
#   bad dates        --date 2025-02-30 exits 2 naming --date; --to before --from fails
#                    naming --to.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "events: N passed, M failed"; exits 1 if any
# check failed.
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_SRC:?CM_SRC must point at the source tree}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"
: "${CM_OUT:?CM_OUT must point at a scratch directory}"

passed=0
failed=0

summary() { echo "events: $passed passed, $failed failed"; }

# Fatal: the tests cannot go on (missing tool, broken setup).
fail() {
  echo "FAIL (fatal): $*" >&2
  failed=$((failed + 1))
  summary
  exit 1
}

ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

for tool in jq timeout realpath; do
  command -v "$tool" >/dev/null || fail "required tool '$tool' is not installed"
done
[[ -x "$CM_BIN" ]] || fail "CM_BIN=$CM_BIN is not an executable"
[[ -d "$CM_GEODATA" ]] || fail "CM_GEODATA=$CM_GEODATA is not a directory"
mkdir -p "$CM_OUT" || fail "cannot create CM_OUT=$CM_OUT"
# The binary runs in a scratch working directory: make the paths absolute.
CM_BIN=$(realpath "$CM_BIN"); CM_GEODATA=$(realpath "$CM_GEODATA"); CM_SRC=$(realpath "$CM_SRC")
FIX="$CM_SRC/tests/fixtures/events"
VALID="$FIX/valid.geojson"
VALID_N=5
[[ -f "$VALID" ]] || fail "fixture $VALID is missing"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-events.XXXXXX") || fail "mktemp -d failed"
trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/cwd"

# run ARGS...: the binary headless, in $TMP/cwd, with a timeout. Sets OUT, ERR, RC.
run() {
  RC=0
  (cd "$TMP/cwd" && env -u DISPLAY -u WAYLAND_DISPLAY timeout 30 \
      "$CM_BIN" --geodata "$CM_GEODATA" "$@") >"$TMP/out" 2>"$TMP/err" || RC=$?
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
  LAST="$*"
}

short() { printf '%s' "$1" | tr '\n' ' ' | cut -c1-400; }

# jcheck NAME JQ-EXPR: the last run exited 0 and the expression, applied to its
# output (exactly one JSON value), yields true.
jcheck() {
  local name=$1 expr=$2 got
  if [[ $RC -ne 0 ]]; then
    bad "$name" "'$LAST' exited with $RC, stderr: $(short "$ERR")"
    return
  fi
  if got=$(printf '%s' "$OUT" | jq -e -s "length == 1 and (.[0] | ($expr))" 2>&1); then
    ok "$name"
  else
    bad "$name" "'$LAST': jq '$(short "$expr")' gave '$(short "$got")' on output: $(short "$OUT")"
  fi
}

# A complete record: title, start with precision, a summary, at least one source, every
# source with an outlet, every figure with a reporter.
COMPLETE='(.title | type == "string" and length > 0)
  and (.start.precision | IN("day", "month", "year"))
  and (.summary | type == "string" and length > 0)
  and (.sources | type == "array" and length > 0)
  and all(.sources[]; .outlet | type == "string" and length > 0)
  and all(.figures[]; .reporter | type == "string" and length > 0)'

# ---------------------------------------------------------------- --query with dates
SUWAYDA=36.566,32.709
run --query "$SUWAYDA" --date 2025-07-16
jcheck "Suwayda 2025-07-16: areas include area-suwayda-violence" \
  '[.areas[].id] | index("area-suwayda-violence") != null'
jcheck "Suwayda 2025-07-16: areas include zone-south-demil" \
  '[.areas[].id] | index("zone-south-demil") != null'
jcheck "Suwayda 2025-07-16: every area and event record is complete" \
  "(.areas | length > 0) and (.events | length > 0) and all((.areas + .events)[]; $COMPLETE)"
jcheck "Suwayda 2025-07-16: area-suwayda-violence is a day-precision area, 13..20 July" \
  '[.areas[] | select(.id == "area-suwayda-violence")][0]
   | .kind == "area" and .match == "inside" and .start.date == "2025-07-13"
     and .start.precision == "day" and .end.date == "2025-07-20" and .ongoing == false'
jcheck "Suwayda 2025-07-16: the point events nearby are the strikes and the start of the violence" \
  '[.events[].id] | sort == ["il-suwayda-strikes", "suwayda-start"]'
jcheck "Suwayda 2025-07-16: shown is that one day with fade 30" \
  '.shown.from == "2025-07-16" and .shown.to == "2025-07-16" and .shown.window == false and .shown.fade_days == 30'

run --query "$SUWAYDA" --date 2025-01-01
jcheck "Suwayda 2025-01-01: no area-suwayda-violence" \
  '[.areas[].id] | index("area-suwayda-violence") == null'
jcheck "Suwayda 2025-01-01: no areas, no events at all" '.areas == [] and .events == []'

run --query 36.102,32.619 --date 2025-03-01
jcheck "Daraa 2025-03-01: areas include zone-south-demil (open-ended)" \
  '[.areas[] | select(.id == "zone-south-demil")] | length == 1 and .[0].ongoing == true and .[0].end == null'
jcheck "Daraa 2025-03-01: region is SY-DR" '.region.iso == "SY-DR"'
run --query 36.102,32.619 --date 2025-02-01
jcheck "Daraa 2025-02-01: no zone-south-demil" '[.areas[].id] | index("zone-south-demil") == null'

run --query 36.277,33.514 --date 2025-07-16 --radius 12
jcheck "Damascus 2025-07-16 --radius 12: events include il-mod-strike" \
  '[.events[].id] | index("il-mod-strike") != null'
jcheck "Damascus 2025-07-16: il-mod-strike's first figure names its reporter" \
  '[.events[] | select(.id == "il-mod-strike")][0] | (.figures | length > 0) and (.figures[0].reporter | type == "string" and length > 0)
   and (.figures[0].value | length > 0)'
jcheck "Damascus 2025-07-16: every event record is complete" "all(.events[]; $COMPLETE)"
# shellcheck disable=SC2016  # $r is a jq variable
jcheck "Damascus 2025-07-16: distance_m <= radius_m for every event" \
  '.radius_m as $r | all(.events[]; .distance_m <= $r)'

run --query 36.277,33.514 --date 2025-07-16 --radius 0
jcheck "Damascus 2025-07-16 --radius 0: il-mod-strike (111 m away) is not near" \
  '[.events[].id] | index("il-mod-strike") == null'

run --query 36.277,33.514 --from 2025-07 --to 2025-07
jcheck "Damascus, window July 2025: shown is the whole month" \
  '.shown.from == "2025-07-01" and .shown.to == "2025-07-31" and .shown.window == true'

# ---------------------------------------------------------------- --layers
run --layers strikes,violence --query "$SUWAYDA" --date 2025-07-16
jcheck "--layers strikes,violence: no zone-south-demil at Suwayda (zones hidden)" \
  '[.areas[].id] | index("zone-south-demil") == null'
jcheck "--layers strikes,violence: area-suwayda-violence is still there" \
  '[.areas[].id] | index("area-suwayda-violence") != null'
jcheck "--layers strikes,violence: only strikes and violence are reported" \
  'all((.areas + .events)[]; .layer == "strikes" or .layer == "violence")'

# ---------------------------------------------------------------- --list
run --list
jcheck "--list: 24 events" '.events == 24'
jcheck "--list: per-layer events counts add up to .events" \
  '([.layers[] | select(has("events")) | .events] | add) == .events'
jcheck "--list: the six event layers of the default data are listed" \
  '["strikes","violence","zones","diplomacy","transition","statements"] - [.layers[] | select(has("events")) | .id] == []'
jcheck "--list: date_span.from is 2024-11-30" '.date_span.from == "2024-11-30"'
jcheck "--list: date_span.to is 2025-08-19" '.date_span.to == "2025-08-19"'
jcheck "--list: shown never exceeds events per layer" \
  'all(.layers[] | select(has("events")); .shown >= 0 and .shown <= .events)'

run --list --date 2025-03-08
jcheck "--list --date 2025-03-08: violence shows the coastal area and the Jableh and Baniyas killings" \
  '[.layers[] | select(.id == "violence") | .shown] == [3]'

# ---------------------------------------------------------------- --events
# badevents NAME PATTERN FILE: --events FILE --list fails, prints nothing on stdout and
# exactly one stderr line that names the file and matches PATTERN (egrep, case-insensitive).
badevents() {
  local name=$1 pat=$2 file=$3
  run --events "$file" --list
  local why=() nl
  [[ $RC -ne 0 ]] || why+=("exit status 0")
  [[ $RC -ne 124 ]] || why+=("timed out")
  nl=$(awk 'END { print NR }' "$TMP/err")
  [[ $nl -eq 1 ]] || why+=("$nl lines on stderr, want exactly 1")
  grep -qF -- "$file" <<<"$ERR" || why+=("stderr does not name $file")
  grep -Eqi -- "$pat" <<<"$ERR" || why+=("stderr does not match /$pat/")
  [[ -z "$OUT" ]] || why+=("unexpected stdout: $(short "$OUT")")
  if [[ ${#why[@]} -eq 0 ]]; then ok "--events $name fails"
  else bad "--events $name fails" "$(printf '%s; ' "${why[@]}")stderr: $(short "$ERR")"; fi
}
badevents "bad-date.geojson"        "'start'.*2025-02-30"    "$FIX/bad-date.geojson"
badevents "syntax.geojson"          'line 7'                 "$FIX/syntax.geojson"
badevents "reversed-range.geojson"  "'end'.*before"          "$FIX/reversed-range.geojson"
badevents "duplicate-id.geojson"    'dup-id.*twice'          "$FIX/duplicate-id.geojson"
badevents "empty.geojson"           'empty'                  "$FIX/empty.geojson"
badevents "(a directory)"           'directory'              "$FIX"
badevents "(no such file)"          'no such file'           "$FIX/no-such-file.geojson"
# an id of the default dataset used again in another file
printf '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "hts-damascus", "title": "Again", "category": "transition", "start": "2025"}, "geometry": null}]}\n' \
  >"$TMP/dup-default.geojson"
badevents "(an id of the default data)" 'hts-damascus.*twice' "$TMP/dup-default.geojson"

run --events "$VALID" --list
jcheck "--events valid.geojson --list: 24 + $VALID_N events" ".events == 24 + $VALID_N"
jcheck "--events valid.geojson --list: per-layer counts still add up" \
  '([.layers[] | select(has("events")) | .events] | add) == .events'
jcheck "--events valid.geojson --list: the span starts with the fixture's 2024 statement" \
  '.date_span.from == "2024-01-01"'

run --no-default-events --events "$VALID" --list
jcheck "--no-default-events --events valid.geojson --list: only the fixture's $VALID_N events" ".events == $VALID_N"
jcheck "--no-default-events: one strike, one violence, one zone, one diplomacy, one statement" \
  '[.layers[] | select(has("events")) | {(.id): .events}] | add
   | .strikes == 1 and .violence == 1 and .zones == 1 and .diplomacy == 1 and .transition == 0
     and .statements == 1 and ([.[]] | add) == 5'

run --no-default-events --list
jcheck "--no-default-events alone: no events, no span" '.events == 0 and .date_span.from == null'

run --no-default-events --events "$VALID" --query "$SUWAYDA" --date 2025-07-31
jcheck "fixture: the month-precision area is on at Suwayda on 31 July" \
  '[.areas[] | select(.id == "fx-area-month")][0] | .start.precision == "month" and .start.text == "July 2025"
   and .start.first_day == "2025-07-01" and .start.last_day == "2025-07-31"'
run --no-default-events --events "$VALID" --query "$SUWAYDA" --date 2025-08-01
jcheck "fixture: and off on 1 August" '[.areas[].id] | index("fx-area-month") == null'

# ---------------------------------------------------------------- bad dates
# baddate NAME WANT-RC PATTERN -- ARGS...
baddate() {
  local name=$1 want=$2 pat=$3; shift 4
  run "$@"
  local why=() nl
  if [[ $want == nonzero ]]; then [[ $RC -ne 0 ]] || why+=("exit status 0")
  else [[ $RC -eq $want ]] || why+=("exit status $RC, want $want"); fi
  nl=$(awk 'END { print NR }' "$TMP/err")
  [[ $nl -eq 1 ]] || why+=("$nl lines on stderr, want exactly 1")
  grep -Eq -- "$pat" <<<"$ERR" || why+=("stderr does not match /$pat/")
  [[ -z "$OUT" ]] || why+=("unexpected stdout: $(short "$OUT")")
  if [[ ${#why[@]} -eq 0 ]]; then ok "bad input: $name"
  else bad "bad input: $name" "$(printf '%s; ' "${why[@]}")stderr: $(short "$ERR")"; fi
}
baddate "--date 2025-02-30"               2       '--date.*2025-02-30' -- --date 2025-02-30 --list
baddate "--date 2025-13"                  2       '--date'             -- --date 2025-13 --list
baddate "--from 2025-03 --to 2025-01"     nonzero '--to'               -- --from 2025-03 --to 2025-01 --list
baddate "--date with --from"              nonzero '--date'             -- --date 2025-03-01 --from 2025-01 --list

summary
[[ $failed -eq 0 ]]
