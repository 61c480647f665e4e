#!/usr/bin/env bash
# Every fact traceable: the built-in events (assets/events.geojson) and the base map's areas.
#
# Checks:
#   provenance   every figure of the built-in events names its reporter and the date it was
#                reported; every source has a URL or a note saying why not. The same check is
#                run on copies with one figure's date, one figure's reporter and one source's
#                URL and note taken out, and must fail on each (so it can fail).
#   corrections  each correction of shared/data/EVENTS.md ("Corrections") as --query shows it:
#                figures with their counting body and date, early and later counts, precision
#                flags (approximate, two places, region), ends of multi-day events, dates,
#                the demand drawn as a claim, sources with their links, the new Baku meeting.
#   the Golan    --query at Katzrin: the occupied Golan (resolution 497), in Syria; Tiberias:
#                Israel; Quneitra governorate lists the UNDOF incursion beside it; the strip is
#                a "UN buffer zone", not a governorate.
#
# Environment (set by ctest): CM_BIN, CM_SRC, CM_GEODATA, CM_OUT.
# Prints one line per check and finally "provenance: N passed, M failed"; exits 1 if any failed.
set -euo pipefail

: "${CM_BIN:?CM_BIN must point at the conflictmap binary}"
: "${CM_SRC:?CM_SRC must point at the source tree}"
: "${CM_GEODATA:?CM_GEODATA must point at the geodata directory}"

passed=0
failed=0
summary() { echo "provenance: $passed passed, $failed failed"; }
fail() { echo "FAIL (fatal): $*" >&2; failed=$((failed + 1)); summary; exit 1; }
ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

command -v jq >/dev/null || fail "required tool 'jq' is not installed"
[[ -x "$CM_BIN" ]] || fail "CM_BIN=$CM_BIN is not an executable"
# the binary runs in a scratch working directory: make the paths absolute
CM_BIN=$(realpath "$CM_BIN"); CM_GEODATA=$(realpath "$CM_GEODATA"); CM_SRC=$(realpath "$CM_SRC")
EVENTS="$CM_SRC/assets/events.geojson"
[[ -f "$EVENTS" ]] || fail "$EVENTS is missing"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cm-provenance.XXXXXX") || fail "mktemp -d failed"
trap 'rm -rf "$TMP"' EXIT

# ------------------------------------------------------------------ provenance
# untraceable FILE: one line per figure without reporter or date, per source without URL or note.
UNTRACEABLE='.features[].properties | .id as $id
  | ((.figures // [])[] | select((.reporter | type != "string" or length == 0) or (.date | type != "string" or length == 0))
       | "\($id): figure \(.value | tojson) has no reporter or no date"),
    ((.sources // [])[] | select((.url | type != "string" or length == 0) and (.note | type != "string" or length == 0))
       | "\($id): source \(.outlet | tojson) has neither a URL nor a note")'
untraceable() { jq -r "$UNTRACEABLE" "$1"; }

got=$(untraceable "$EVENTS") || fail "jq cannot read $EVENTS"
if [[ -z $got ]]; then ok "every figure has a reporter and a date; every source a URL or a note"
else bad "provenance of $EVENTS" "$(printf '%s' "$got" | tr '\n' ';')"; fi
n=$(jq '[.features[].properties.sources[]?] | length' "$EVENTS")
m=$(jq '[.features[].properties.figures[]?] | length' "$EVENTS")
[[ $n -gt 40 && $m -gt 20 ]] && ok "the check saw $n sources and $m figures" || bad "sources and figures" "only $n sources, $m figures"

# the check fails on each kind of gap
breaks=(
  'no figure date|(.features[] | select(.properties.id == "il-mod-strike") | .properties.figures[0].date) = null'
  'no figure reporter|(.features[] | select(.properties.id == "area-coastal-violence") | .properties.figures[1]) |= del(.reporter)'
  'no source URL nor note|(.features[] | select(.properties.id == "hts-aleppo") | .properties.sources[0]) |= (.url = null | del(.note))'
)
for b in "${breaks[@]}"; do
  name=${b%%|*}
  jq "${b#*|}" "$EVENTS" >"$TMP/broken.geojson"
  if [[ -n $(untraceable "$TMP/broken.geojson") ]]; then ok "the check fails with $name"
  else bad "the check fails with $name" "a copy with $name passed"; fi
done

# ------------------------------------------------------------------ corrections
run() {
  RC=0
  (cd "$TMP" && env -u DISPLAY timeout 30 "$CM_BIN" --geodata "$CM_GEODATA" "$@") >"$TMP/out" 2>"$TMP/err" || RC=$?
  OUT=$(cat "$TMP/out")
  LAST="$*"
}
jcheck() {
  local name=$1 expr=$2 got
  if [[ $RC -ne 0 ]]; then bad "$name" "'$LAST' exited with $RC: $(tr '\n' ' ' <"$TMP/err")"; return; fi
  if got=$(printf '%s' "$OUT" | jq -e "$expr" 2>&1); then ok "$name"
  else bad "$name" "'$LAST': jq '$(printf '%s' "$expr" | tr '\n' ' ' | cut -c1-200)' gave '$got'"; fi
}
# ev ID: the record of that id among the answer's areas, events and beside
ev() { printf '[(.areas + .events + (.beside // []))[] | select(.id == "%s")][0]' "$1"; }

run --query 36.277,33.513 --date 2025-07-16
jcheck "il-mod-strike: the Health Ministry's first count (1 killed, 18 wounded) and later one (3 killed, 34 wounded), dated" \
  "$(ev il-mod-strike) | [.figures[] | select(.reporter | test(\"Health Ministry\")) | select(.date == \"2025-07-16\") | .value]
   | (any(test(\"^1 killed, 18 wounded\")) and any(test(\"at least 3 killed, 34 wounded\")))"
jcheck "il-mod-strike: Shafaq supports the IDF statement and SOHR's count, not the ministry's" \
  "$(ev il-mod-strike) | [.sources[] | select(.outlet == \"Shafaq News\") | .note][0] | test(\"not the Health Ministry\")"

run --query 36.566,32.709 --date 2025-07-16
jcheck "area-suwayda-violence: SOHR's counts via AFP/L'Orient-Le Jour, 20, 21 and 30 July" \
  "$(ev area-suwayda-violence) | [.figures[] | select(.reporter | test(\"^SOHR\")) | .date] | (index(\"2025-07-20\") and index(\"2025-07-21\") and index(\"2025-07-30\")) != null"
jcheck "area-suwayda-violence: no commentator as a reporter of counts" \
  "$(ev area-suwayda-violence) | all(.figures[]; .reporter | test(\"Antiwar\") | not)"
jcheck "zone-south-demil: a demand, kind claim, sourced to Global Times/Xinhua (not the BBC via a blog)" \
  "$(ev zone-south-demil) | .kind == \"claim\" and (.claim_note | length > 0) and any(.sources[]; .url // \"\" | test(\"globaltimes\")) and all(.sources[]; .outlet | test(\"newscats|BBC\") | not)"

run --query 35.9,35.5 --date 2025-03-08
jcheck "area-coastal-violence: SNHR (11 March), SOHR, the national inquiry (22 July)" \
  "$(ev area-coastal-violence) | ([.figures[] | select(.reporter == \"SNHR\" and .date == \"2025-03-11\")] | length == 1)
   and ([.figures[] | select(.reporter | test(\"inquiry\")) | select(.date == \"2025-07-22\")] | length == 2)
   and ([.figures[] | select(.reporter | test(\"SOHR\")) | .value] | any(test(\"more than 1,500\")))"
jcheck "area-coastal-violence: precision region; Hama and Homs deaths fall outside the area" \
  "$(ev area-coastal-violence) | .location_precision == \"region\" and (.location_note | test(\"governorates or areas concerned\") and test(\"Hama\") and test(\"Homs\"))"
run --query 35.926,35.362 --date 2025-03-08
jcheck "coast-jableh: approximate location" "$(ev coast-jableh) | .location_precision == \"approximate\""
run --query 35.949,35.182 --date 2025-03-08
jcheck "coast-baniyas: 7-9 March; SOHR via AP: nearly 200" \
  "$(ev coast-baniyas) | .start.date == \"2025-03-07\" and .end.date == \"2025-03-09\" and any(.figures[]; .value | test(\"nearly 200\"))"

run --query 36.347,33.486 --date 2025-04-30
jcheck "jaramana-clashes: approximate, 29 April - 1 May, SOHR more than 100" \
  "$(ev jaramana-clashes) | .location_precision == \"approximate\" and .start.date == \"2025-04-29\" and .end.date == \"2025-05-01\" and any(.figures[]; .reporter | test(\"SOHR\"))"
run --query 36.245,33.434 --date 2025-04-30
jcheck "sahnaya-clashes: a second approximate place, from 30 April" \
  "$(ev sahnaya-clashes) | .location_precision == \"approximate\" and .start.date == \"2025-04-30\""

run --query 36.277,33.514 --date 2024-12-09
jcheck "il-air-campaign: 8-10 December 2024 by day; the IDF's 480 strikes in 48 hours (10 December)" \
  "$(ev il-air-campaign) | .start.date == \"2024-12-08\" and .start.precision == \"day\" and .end.date == \"2024-12-10\"
   and any(.figures[]; (.value | test(\"480\")) and (.reporter | test(\"^IDF\")) and .date == \"2024-12-10\")"

run --query 34.78,32.01 --date 2025-02-23
jcheck "il-demil-demand: no forces of HTS or of the new army south of Damascus (INN)" \
  "$(ev il-demil-demand) | (.summary | test(\"HTS\") and test(\"south of Damascus\")) and any(.sources[]; .url // \"\" | test(\"404380\"))"

run --query 35.857,33.416 --date 2024-12-08
jcheck "il-hermon: sourced to INN of 8 December 2024, not a blog" \
  "$(ev il-hermon) | any(.sources[]; (.url // \"\" | test(\"400403\")) and .date == \"2024-12-08\") and all(.sources[]; .outlet | test(\"prophecy\") | not)"

run --query 35.86,33.05 --date 2025-03-01
jcheck "zone-undof-incursion: also beyond the buffer zone; 'indefinitely' said on 23 February 2025" \
  "$(ev zone-undof-incursion) | (.summary | test(\"beyond\") and test(\"23 February 2025\")) and .location_precision == \"region\""

run --list
jcheck "24 events (the 12 July Baku meeting and the second clash place added)" '.events == 24'

run --query 49.867,40.409 --date 2025-07-12
jcheck "baku-talks-1: 12 July 2025 in Baku, off the map, AFP via Shafaq and Dawn" \
  "$(ev baku-talks-1) | .start.date == \"2025-07-12\" and .offmap and ([.sources[].url] | any(test(\"shafaq\")) and any(test(\"dawn\")))"
run --query 49.867,40.409 --date 2025-07-31
jcheck "baku-talks: 'reportedly', AFP/Arab News and OC Media" \
  "$(ev baku-talks) | (.title + .summary | test(\"reportedly\")) and ([.sources[].url] | any(test(\"arabnews\")) and any(test(\"oc-media\")))"

run --query 2.352,48.857 --date 2025-07-25
jcheck "paris-talks carries the 'second round, Baku considered' line (TRT linked); the joint statement does not" \
  "($(ev paris-talks) | (.summary | test(\"Baku\")) and any(.sources[]; .url // \"\" | test(\"9f7db934fd34\")))
   and ($(ev paris-joint-statement) | .summary | test(\"Baku\") | not)"
run --query 2.352,48.857 --date 2025-08-19
jcheck "paris-talks-2: TRT of 19 August 2025" \
  "$(ev paris-talks-2) | any(.sources[]; .date == \"2025-08-19\" and (.url // \"\" | test(\"46347b3e3331\")))"

run --query 37.134,36.202 --date 2024-11-30
jcheck "hts-aleppo: AFP via MENAFN, 30 November 2024" \
  "$(ev hts-aleppo) | any(.sources[]; .date == \"2024-11-30\" and (.url // \"\" | test(\"menafn\")))"
run --query 36.566,32.709 --date 2025-07-15
jcheck "il-suwayda-strikes: Dhaka Tribune linked; suwayda-start: TRT linked" \
  "($(ev il-suwayda-strikes) | any(.sources[]; .url // \"\" | test(\"dhakatribune\"))) and ($(ev suwayda-start) | any(.sources[]; .url // \"\" | test(\"trt.global\")))"

# barrack-criticism has no place on the map (--query cannot reach it): its record in the file
d=$(jq -r '.features[] | select(.properties.id == "barrack-criticism") | .properties | "\(.start)|\(.summary)|\(.sources[0].url)"' "$EVENTS")
[[ $d == 2025-07-21\|*"very bad time"*"fragmented and divided"*\|*royanews* ]] && ok "barrack-criticism: 21 July 2025, the AP interview's words, Roya News linked" \
  || bad "barrack-criticism" "$d"

# ------------------------------------------------------------------ the Golan
run --query 35.6906,32.9925
jcheck "Katzrin: the Golan Heights, occupied by Israel since 1967, resolution 497; in Syria, not Israel" \
  '.region.name_en == "Golan Heights" and .region.status == "occupied" and (.region.note | test("since 1967") and test("resolution 497")) and .country.iso_a3 == "SYR"'
run --query 35.5312,32.7922
jcheck "Tiberias: Israel, no Syrian area" '.region == null and .country.iso_a3 == "ISR"'
run --query 35.95,33.15 --date 2025-07-16
jcheck "Quneitra governorate lists the UNDOF incursion beside it" \
  '.region.iso == "SY-QU" and ([.beside[].id] | index("zone-undof-incursion") != null)'
run --query 35.86,33.05
jcheck "the UNDOF strip is a UN buffer zone, not a governorate" \
  '.region.iso == "SY-X01~" and .region.type == "UN buffer zone" and (.region.note | test("Not a governorate"))'

# ------------------------------------------------------------------ the format, on a file of one's own
cat >"$TMP/own.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id": "c1", "title": "A claimed area", "category": "zone", "kind": "claim",
  "start": "2025-01", "regions": ["SY-DR"]}, "geometry": null},
 {"type": "Feature", "properties": {"id": "r1", "title": "Killings in a region", "category": "violence", "start": "2025-01",
  "regions": ["SY-DR"], "location_precision": "region", "location_note": "Some deaths fell outside it."}, "geometry": null}
]}
JSON
run --no-default-events --events "$TMP/own.geojson" --query 36.25,32.78 --date 2025-01-15
C1=$(ev c1) R1=$(ev r1)
jcheck "own file: kind claim is reported with its note; region precision says what the area marks, then the file's note" \
  "($C1 | .kind == \"claim\" and (.claim_note | test(\"not held\"))) and ($R1 | .kind == \"area\" and .location_precision == \"region\"
   and (.location_note | test(\"not the exact extent[.] Some deaths fell outside it[.]$\")))"
sed 's/"location_precision": "region"/"location_precision": "regional"/' "$TMP/own.geojson" >"$TMP/bad.geojson"
run --no-default-events --events "$TMP/bad.geojson" --list
if [[ $RC -ne 0 ]] && grep -q "bad.geojson: feature 2 (id 'r1'): 'location_precision': 'regional' is not exact, approximate or region" "$TMP/err"; then
  ok "a bad location_precision is refused with one line naming the file, feature and the values allowed"
else bad "bad location_precision" "rc $RC, stderr: $(cat "$TMP/err")"; fi
cat >"$TMP/bad2.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id": "c1", "title": "A claimed area", "category": "zone", "kind": "claim", "start": "2025-01"},
  "geometry": null}
]}
JSON
run --no-default-events --events "$TMP/bad2.geojson" --list
if [[ $RC -ne 0 ]] && grep -q "feature 1 (id 'c1'): a claim needs a Polygon geometry or 'regions'" "$TMP/err"; then
  ok "a claim with no place is refused"
else bad "claim with no place" "rc $RC, stderr: $(cat "$TMP/err")"; fi

summary
[[ $failed -eq 0 ]]
