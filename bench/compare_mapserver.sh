#!/usr/bin/env bash
# compare_mapserver.sh: draws the same N generated events (ACLED CSV) at 1920x1080 with
# MapServer's map2img and with conflictmap --render, and prints the times and their ratio.
# MapServer reads the CSV through GDAL/OGR (as conflictmap does) and, as a second figure,
# from a shapefile made beforehand (its fastest input); conflictmap from the CSV (--no-cache) and,
# the like of that shapefile, from the events cache it writes on a first read. Median of 3 runs each.
# usage: bench/compare_mapserver.sh [N]   (default 1000000; needs a build in build/)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
for p in mapserver-bin gdal-bin bc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || {
    echo "compare: installing $p" >&2
    sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get install -y -qq "$p" >/dev/null
  }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/events.csv"
build/gen_acled "$n" "$csv"
cat > "$work/events.vrt" <<VRT
<OGRVRTDataSource><OGRVRTLayer name="events"><SrcDataSource>$csv</SrcDataSource><SrcLayer>events</SrcLayer>
<GeometryType>wkbPoint</GeometryType><LayerSRS>EPSG:4326</LayerSRS>
<GeometryField encoding="PointFromColumns" x="longitude" y="latitude"/></OGRVRTLayer></OGRVRTDataSource>
VRT
ogr2ogr -q -f "ESRI Shapefile" "$work/events.shp" "$work/events.vrt" -select event_type
write_map() { # $1: CONNECTIONTYPE/DATA lines
  cat <<EOM
MAP
  SIZE 1920 1080
  EXTENT -200000 -100000 900000 700000
  PROJECTION "init=epsg:22770" END
  IMAGETYPE png
  IMAGECOLOR 201 220 232
  SYMBOL NAME "dot" TYPE ELLIPSE POINTS 1 1 END FILLED TRUE END
  LAYER
    NAME "events" TYPE POINT STATUS DEFAULT
    $1
    PROJECTION "init=epsg:4326" END
    CLASS STYLE SYMBOL "dot" SIZE 4 COLOR 136 34 85 END END
  END
END
EOM
}
write_map "CONNECTIONTYPE OGR CONNECTION \"$work/events.vrt\" DATA \"events\"" > "$work/csv.map"
write_map "DATA \"$work/events\"" > "$work/shp.map"
median3() { # runs "$@" three times, prints the median wall time in seconds
  local t=()
  for _ in 1 2 3; do
    local a b; a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N)
    t+=("$(echo "$b - $a" | bc -l)")
  done
  printf '%s\n' "${t[@]}" | sort -g | sed -n 2p
}
ms_csv=$(median3 map2img -m "$work/csv.map" -o "$work/ms-csv.png")
ms_shp=$(median3 map2img -m "$work/shp.map" -o "$work/ms-shp.png")
cmargs=(--no-default-events --events "$csv" --from 2024-01-01 --to 2025-12-31 --size 1920x1080 --render "$work/cm.png")
export XDG_CACHE_HOME="$work/cache" # conflictmap's events cache: its own, made once below
cm=$(median3 build/conflictmap --no-cache "${cmargs[@]}")
build/conflictmap "${cmargs[@]}" >/dev/null 2>&1 # reads the CSV and writes its cache, like ogr2ogr above
cm_cached=$(median3 build/conflictmap "${cmargs[@]}")
printf 'events: %d (%s MB CSV)\n' "$n" "$(du -m "$csv" | cut -f1)"
printf 'map2img from the CSV (OGR):              %.3f s\n' "$ms_csv"
printf 'map2img from a shapefile made before:    %.3f s\n' "$ms_shp"
printf 'conflictmap --render from the CSV:       %.3f s (--no-cache)\n' "$cm"
printf 'conflictmap --render from its cache:     %.3f s\n' "$cm_cached"
printf 'ratio map2img(CSV) / conflictmap(CSV):   %.2f\n' "$(echo "$ms_csv / $cm" | bc -l)"
printf 'ratio map2img(shp) / conflictmap(cache): %.2f\n' "$(echo "$ms_shp / $cm_cached" | bc -l)"
