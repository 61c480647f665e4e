#!/usr/bin/env bash
# CLI tests for the analyst's filters and --export (no display needed).
#
# Every expected count or id list is computed here, with python3, straight from the fixture
# files (tests/fixtures/acled/valid.csv, tests/fixtures/analyst/attributes.geojson,
# tests/fixtures/events/valid.geojson and assets/events.geojson), never from the program.
# Checks:
#   --type, --min-fatalities, --text, --actor, --location-precision: the ids --export writes and
#                  the "shown" counts of --list equal those computed from the files;
#   --query, --render: a filter that leaves an event out removes it from the answer and from
#                  the picture at its --locate'd pixel; one that keeps it changes nothing there;
#   --export .geojson: every feature written holds what the source file said (dates and their
#                  precision, place, figures and reporters, sources, regions, coordinates);
#                  loaded back and written again it gives the same file byte for byte;
#   --export .csv: the ACLED fixture's rows come back with the same id, date, precision, type,
#                  coordinates, fatalities and source; read back through the importer they give
#                  the same events as the original (compared as GeoJSON exports of both);
#   files:         an existing file is kept (exit 1, one line) unless --force; no temporary
#                  file is left; a bad name, a missing directory, --force alone and bad filter
#                  values are refused with one line naming the option or file.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
set -euo pipefail

: "${CM_BIN:?}" "${CM_SRC:?}" "${CM_GEODATA:?}" "${CM_OUT:?}"
passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
for tool in jq python3 timeout realpath convert compare; do
  command -v "$tool" >/dev/null || { echo "FAIL (fatal): '$tool' is not installed"; exit 1; }
done
CM_BIN=$(realpath "$CM_BIN"); CM_GEODATA=$(realpath "$CM_GEODATA"); CM_SRC=$(realpath "$CM_SRC")
ACLED="$CM_SRC/tests/fixtures/acled/valid.csv"
ATTR="$CM_SRC/tests/fixtures/analyst/attributes.geojson"
FIX="$CM_SRC/tests/fixtures/events/valid.geojson"
DEFAULT="$CM_SRC/assets/events.geojson"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-analyst.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
ALL=(--from 2000 --to 2030) # a window that shows every event

# run ARGS...: the binary headless in $TMP; sets OUT, ERR, RC
run() {
  RC=0
  (cd "$TMP" && env -u DISPLAY -u WAYLAND_DISPLAY timeout 60 "$CM_BIN" --geodata "$CM_GEODATA" "$@") \
    >"$TMP/out" 2>"$TMP/err" || RC=$?
  OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
}

# exported_ids ARGS...: the sorted ids --export writes for these options
exported_ids() {
  rm -f "$TMP/ids.geojson"
  run "$@" --export "$TMP/ids.geojson"
  [[ $RC -eq 0 ]] || { echo "export failed ($RC): $ERR"; return; }
  jq -r '.features[].properties.id' "$TMP/ids.geojson" | sort | tr '\n' ' '
}

# shown_total ARGS...: the sum of the event layers' "shown" in --list
shown_total() {
  run "$@" --list
  printf '%s' "$OUT" | jq '[.layers[] | select(.shown != null) | .shown] | add'
}

# expect_ids NAME "EXPECTED IDS" ARGS...: --export and --list agree with the expected ids
expect_ids() {
  local name=$1 want=$2; shift 2
  local got n want_n
  got=$(exported_ids "$@")
  want=$(printf '%s\n' $want | sort | tr '\n' ' ')
  [[ "$want" == " " ]] && want=""
  if [[ "$got" != "$want" ]]; then bad "$name" "exported [$got], computed [$want]"; return; fi
  n=$(shown_total "$@")
  want_n=$(printf '%s' "$want" | wc -w)
  if [[ "$n" != "$want_n" ]]; then bad "$name" "--list shows $n, computed $want_n"; return; fi
  ok "$name ($want_n events)"
}

# ---- counts computed from the files ----

py_acled() { # python expression over a row r (a dict) -> the ids where it holds
  python3 - "$ACLED" "$1" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
print(' '.join(r['event_id_cnty'] for r in rows if eval(sys.argv[2], {'r': r})))
EOF
}

py_geojson() { # python expression over p (properties), f (feature) in the given files -> ids
  local expr=$1; shift
  python3 - "$expr" "$@" <<'EOF'
import json, sys
ids = []
for path in sys.argv[2:]:
    for f in json.load(open(path, encoding='utf-8'))['features']:
        p = f['properties']
        if eval(sys.argv[1], {'p': p, 'f': f, 'json': json}): ids.append(p['id'])
print(' '.join(ids))
EOF
}

A=(--no-default-events --events "$ACLED" "${ALL[@]}")
# the text the ACLED importer makes searchable: every text column of the row
TEXT_EXPR="all(w in ' '.join([r['event_id_cnty'], r['event_type'], r['sub_event_type'], r['actor1'], r['actor2'], r['location'], r['admin1'], r['notes'], r['source'], r['source_scale']]).lower() for w in WORDS)"
expect_ids "acled --type battle" "$(py_acled "r['event_type'] == 'Battles'")" "${A[@]}" --type battle
expect_ids "acled --type 'Explosions/Remote violence',riot" \
  "$(py_acled "r['event_type'] in ('Explosions/Remote violence', 'Riots')")" "${A[@]}" --type 'Explosions/Remote violence,riot'
expect_ids "acled --min-fatalities 3" "$(py_acled "r['fatalities'] != '' and int(r['fatalities']) >= 3")" "${A[@]}" --min-fatalities 3
expect_ids "acled --min-fatalities 45" "$(py_acled "r['fatalities'] != '' and int(r['fatalities']) >= 45")" "${A[@]}" --min-fatalities 45
words() { W=$1; printf '%s' "${TEXT_EXPR//WORDS/$W}"; }
expect_ids "acled --text 'military FORCES'" "$(py_acled "$(words "['military', 'forces']")")" "${A[@]}" --text 'military FORCES'
expect_ids "acled --text shelling" "$(py_acled "$(words "['shelling']")")" "${A[@]}" --text shelling
expect_ids "acled --text Arabic" "$(py_acled "$(words "['قصف']")")" "${A[@]}" --text 'قصف'
expect_ids "acled --location-precision approximate" "$(py_acled "r['geo_precision'] not in ('', '1') and r['latitude'] != ''")" "${A[@]}" --location-precision approximate
# a row without coordinates is placed on the governorate its admin1 names: region precision
expect_ids "acled --location-precision region" "$(py_acled "r['latitude'] == '' and r['admin1'] != ''")" "${A[@]}" --location-precision region
expect_ids "acled --type battle --min-fatalities 20" \
  "$(py_acled "r['event_type'] == 'Battles' and r['fatalities'] != '' and int(r['fatalities']) >= 20")" "${A[@]}" --type battle --min-fatalities 20

G=(--no-default-events --events "$ATTR" "${ALL[@]}")
ACTOR_EXPR="any('military forces' in p.get('attributes', {}).get(k, '').lower() for k in ('actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'))"
expect_ids "attributes --actor 'Military Forces'" "$(py_geojson "$ACTOR_EXPR" "$ATTR")" "${G[@]}" --actor 'Military Forces'
expect_ids "attributes --type 'Air/drone strike'" \
  "$(py_geojson "p.get('attributes', {}).get('sub_event_type') == 'Air/drone strike'" "$ATTR")" "${G[@]}" --type 'Air/drone strike'

D=(--events "$FIX" "${ALL[@]}")
expect_ids "default --type strike,zone" "$(py_geojson "p['category'] in ('strike', 'zone')" "$DEFAULT" "$FIX")" "${D[@]}" --type strike,zone
expect_ids "default --text suwayda" \
  "$(py_geojson "'suwayda' in json.dumps([p.get(k) for k in ('id', 'title', 'summary', 'place', 'figures', 'sources')], ensure_ascii=False).lower()" "$DEFAULT" "$FIX")" \
  "${D[@]}" --text Suwayda
# people killed: the first number of a clause that speaks of deaths (written again here, as a regex)
KILLED_EXPR="max([int(m.group(1).replace(',', '')) for fg in p.get('figures', []) for clause in __import__('re').split(r';|\(|\)|,(?!\d)', fg['value']) for m in [__import__('re').search(r'(\d[\d,]*)', clause)] if m and __import__('re').search(r'kill|dead|death|died|fatalit', clause, __import__('re').I)] or [-1])"
expect_ids "default --min-fatalities 100" "$(py_geojson "$KILLED_EXPR >= 100" "$DEFAULT" "$FIX")" "${D[@]}" --min-fatalities 100
expect_ids "default --min-fatalities 1" "$(py_geojson "$KILLED_EXPR >= 1" "$DEFAULT" "$FIX")" "${D[@]}" --min-fatalities 1
expect_ids "default --text with no match" "" "${D[@]}" --text 'suwayda nosuchword'

# ---- --query and --render obey the filter ----

Q=(--no-default-events --events "$ACLED" --date 2025-07-16 --center 36.566,32.709 --zoom 11 --size 640x480)
run "${Q[@]}" --query 36.566,32.709
if printf '%s' "$OUT" | jq -e '[.events[].id] | index("SYR1001") != null' >/dev/null; then ok "--query finds SYR1001 unfiltered"
else bad "--query unfiltered" "SYR1001 not in $(printf '%s' "$OUT" | jq -c '[.events[].id]')"; fi
run "${Q[@]}" --query 36.566,32.709 --type protest
if [[ $RC -eq 0 ]] && printf '%s' "$OUT" | jq -e '.events | length == 0' >/dev/null; then ok "--query --type protest leaves SYR1001 out"
else bad "--query filtered" "rc $RC, events $(printf '%s' "$OUT" | jq -c '[.events[].id]')"; fi

run "${Q[@]}" --locate 36.566,32.709
X=$(printf '%s' "$OUT" | jq .x); Y=$(printf '%s' "$OUT" | jq .y)
crop() { convert "$1" -crop "24x24+$((X - 12))+$((Y - 12))" +repage "$2"; }
run "${Q[@]}" --render "$TMP/all.png"; crop "$TMP/all.png" "$TMP/all-c.png"
run "${Q[@]}" --render "$TMP/keep.png" --type battle; crop "$TMP/keep.png" "$TMP/keep-c.png"
run "${Q[@]}" --render "$TMP/drop.png" --type protest; crop "$TMP/drop.png" "$TMP/drop-c.png"
same=$(compare -metric AE "$TMP/all-c.png" "$TMP/keep-c.png" null: 2>&1 || true)
diff=$(compare -metric AE "$TMP/all-c.png" "$TMP/drop-c.png" null: 2>&1 || true)
if [[ "$same" == "0" && "${diff%% *}" -gt 50 ]]; then ok "--render: the marker at ($X, $Y) stays with --type battle, goes with --type protest ($diff pixels)"
else bad "--render filter" "kept: $same pixels differ, dropped: $diff pixels differ (want 0 and > 50)"; fi

# ---- --export GeoJSON: what the files said, and a fixed point ----

run --events "$FIX" --events "$ATTR" "${ALL[@]}" --export "$TMP/e1.geojson"
if [[ $RC -eq 0 ]]; then ok "--export geojson ($(printf '%s' "$OUT" | jq .events) events)"; else bad "--export geojson" "rc $RC: $ERR"; fi
if python3 - "$TMP/e1.geojson" "$DEFAULT" "$FIX" "$ATTR" <<'EOF'
import json, sys
out = {f['properties']['id']: f for f in json.load(open(sys.argv[1]))['features']}
n = 0
for path in sys.argv[2:]:
    for f in json.load(open(path))['features']:
        p, q = f['properties'], out[f['properties']['id']]['properties']
        g = out[p['id']]['geometry']
        assert q['title'] == p['title'] and q['category'] == p['category'], p['id']
        assert q['start'] == p['start'], (p['id'], q['start'], p['start'])
        assert q.get('start_precision') == p.get('start_precision'), p['id']
        end = p.get('end')
        if end is None and q['kind'] == 'point': end = p['start']  # a point's end is its start
        assert q['end'] == end, (p['id'], q['end'], end)
        assert q['place'] == p.get('place'), p['id']
        assert q['location_precision'] == p.get('location_precision', 'exact'), p['id']
        assert q['offmap'] == p.get('offmap', False), p['id']
        assert q['regions'] == p.get('regions', []), p['id']
        assert q.get('summary', '') == p.get('summary', ''), p['id']
        assert q['figures'] == [dict(value=x['value'], reporter=x['reporter'], date=x.get('date')) for x in p.get('figures', [])], p['id']
        for s, t in zip(p.get('sources', []), q['sources']):
            for k in ('outlet', 'url', 'date', 'title', 'note'):
                assert s.get(k) == t.get(k), (p['id'], k)
        assert len(q['sources']) == len(p.get('sources', [])), p['id']
        assert q.get('attributes', {}) == p.get('attributes', {}), p['id']
        geo = f['geometry']
        if geo is None: assert g is None, p['id']
        elif geo['type'] == 'Point': assert g['coordinates'] == geo['coordinates'], p['id']
        else:
            flat = lambda c: [x for r in c for x in (flat(r) if isinstance(r[0], list) else [r])]
            a, b = flat(geo['coordinates']), flat(g['coordinates'])
            assert len(a) == len(b) and all(abs(u[0] - v[0]) < 2e-7 and abs(u[1] - v[1]) < 2e-7 for u, v in zip(a, b)), p['id']
        n += 1
assert n == len(out), (n, len(out))
print(n)
EOF
then ok "--export geojson holds what the source files said"; else bad "--export geojson content" "see above"; fi
run --no-default-events --events "$TMP/e1.geojson" "${ALL[@]}" --export "$TMP/e2.geojson"
if [[ $RC -eq 0 ]] && cmp -s "$TMP/e1.geojson" "$TMP/e2.geojson"; then ok "--export geojson loaded back and written again: the same file"
else bad "geojson fixed point" "rc $RC, $ERR; $(diff "$TMP/e1.geojson" "$TMP/e2.geojson" | head -c 400)"; fi

# ---- --export CSV: ACLED's rows come back ----

run "${A[@]}" --export "$TMP/a.csv"
[[ $RC -eq 0 ]] || bad "--export csv" "rc $RC: $ERR"
if python3 - "$ACLED" "$TMP/a.csv" <<'EOF'
import csv, sys, datetime
src = {r['event_id_cnty']: r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))}
out = list(csv.DictReader(open(sys.argv[2], encoding='utf-8', newline='')))
assert len(out) == len(src), (len(out), len(src))
for r in out:
    s = src[r['event_id_cnty']]
    d = s['event_date']
    for fmt in ('%Y-%m-%d', '%d %B %Y', '%d %b %Y'):
        try: day = datetime.datetime.strptime(d, fmt).date(); break
        except ValueError: pass
    if s['time_precision'] == '3': day = day.replace(day=1)  # a month is written as its first day
    assert r['event_date'] == day.isoformat(), (r['event_id_cnty'], r['event_date'], day)
    for k in ('time_precision', 'event_type', 'sub_event_type', 'source', 'source_scale', 'fatalities'):
        assert r[k] == s[k], (r['event_id_cnty'], k, r[k], s[k])
    for k in ('latitude', 'longitude'):
        assert (r[k] == '' and s[k] == '') or float(r[k]) == float(s[k]), (r['event_id_cnty'], k)
    # a row without coordinates was placed on its region: written back as geo_precision 3
    assert (r['geo_precision'] == '1') == (s['geo_precision'] in ('', '1') and s['latitude'] != ''), r['event_id_cnty']
    assert r['notes'].endswith(s['notes']), r['event_id_cnty']
print(len(out))
EOF
then ok "--export csv: every ACLED row with its id, date, precision, type, coordinates, fatalities, source"; else bad "--export csv content" "see above"; fi
run "${A[@]}" --export "$TMP/from-acled.geojson"
run --no-default-events --events "$TMP/a.csv" "${ALL[@]}" --export "$TMP/from-csv.geojson"
if [[ $RC -eq 0 ]] && cmp -s "$TMP/from-acled.geojson" "$TMP/from-csv.geojson"; then ok "--export csv read back through the ACLED importer: the same events"
else bad "csv round trip" "rc $RC, $ERR; $(diff "$TMP/from-acled.geojson" "$TMP/from-csv.geojson" | head -c 600)"; fi

# ---- files and errors ----

echo precious >"$TMP/kept.csv"
run "${A[@]}" --export "$TMP/kept.csv"
if [[ $RC -eq 1 && "$ERR" == *"kept.csv: the file exists (give --force to replace it)"* && $(wc -l <<<"$ERR") -eq 1 && $(cat "$TMP/kept.csv") == precious ]]
then ok "an existing file is kept without --force"; else bad "no overwrite" "rc $RC, stderr [$ERR], file $(head -c 40 "$TMP/kept.csv")"; fi
run "${A[@]}" --export "$TMP/kept.csv" --force
if [[ $RC -eq 0 ]] && head -1 "$TMP/kept.csv" | grep -q '^event_id_cnty,'; then ok "--force replaces it"; else bad "--force" "rc $RC: $ERR"; fi
if compgen -G "$TMP/*.tmp.*" >/dev/null; then bad "temporary files" "$(ls "$TMP"/*.tmp.*)"; else ok "no temporary file left"; fi

expect_error() { # NAME RC TEXT ARGS...
  local name=$1 want_rc=$2 text=$3; shift 3
  run "$@"
  if [[ $RC -eq $want_rc && "$ERR" == *"$text"* && $(printf '%s\n' "$ERR" | wc -l) -eq 1 ]]; then ok "$name"
  else bad "$name" "rc $RC (want $want_rc), stderr [$ERR] (want [$text])"; fi
}
expect_error "--export x.txt" 2 "--export 'x.txt': the file name must end in .geojson or .csv" --export x.txt
expect_error "--export into a missing directory" 1 "$TMP/none/x.csv: cannot write (No such file or directory)" "${A[@]}" --export "$TMP/none/x.csv"
expect_error "--force alone" 2 "--force: only with --export" --force --list
expect_error "--min-fatalities -3" 2 "--min-fatalities '-3': expected a whole number" --list --min-fatalities -3
expect_error "--type nosuch" 2 "--type 'nosuch': not a category" --list --type battle,nosuch
expect_error "--date-precision hour" 2 "--date-precision: 'hour' is not day, week, month or year" --list --date-precision hour
run --help
if [[ $RC -eq 0 ]] && for o in --text --actor --type --min-fatalities --export --force; do grep -q -- "^  $o " <<<"$OUT" || exit 1; done
then ok "--help documents --text --actor --type --min-fatalities --export --force"; else bad "--help" "an option is missing"; fi

echo "analyst: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
