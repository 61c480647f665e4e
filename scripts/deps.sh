#!/usr/bin/env bash
# deps.sh: install the Debian packages conflictmap needs, and nothing when they are all present.
# Usage: scripts/deps.sh build|test|ci   (each installs the sets before it too)
#        scripts/deps.sh geodata         (build's set and the tools geodata/build.sh needs)
# Uses apt-get as root, through sudo otherwise. Every package is listed with its reason in README.md.
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
  libshp-dev libproj-dev proj-data libgeos-dev libyajl-dev libcsv-dev libpng-dev libxxhash-dev
)
test_pkgs=(
  libcmocka-dev xvfb xauth xdotool imagemagick jq python3 time
)
ci_pkgs=(
  valgrind clang libclang-rt-14-dev
)
# geodata/build.sh only (rebuilding the shipped shapefiles): ogr2ogr with SpatiaLite, npm pack,
# iso-codes (ISO 3166-1 alpha-3 codes of the neighbours of any country)
geodata_pkgs=(
  gdal-bin npm iso-codes
)

want=("${build_pkgs[@]}")
case "${1:-build}" in
  test) want+=("${test_pkgs[@]}") ;;
  ci) want+=("${test_pkgs[@]}" "${ci_pkgs[@]}") ;;
  geodata) want+=("${geodata_pkgs[@]}") ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
