#!/usr/bin/env bash
# no_country: src/ names no country, country code or place, comments included (issue 14). What
# makes the map one country's lives in geodata/ (profile.ini, the shapefiles' fields,
# aliases.tsv); a name found here is one that has crept back into the code.
set -u
: "${CM_SRC:?CM_SRC must point at the source tree}"
words='Syria|SYR|SY-|Damascus|Golan|Mediterranean|Lebanon|Israel|Jordan|UNDOF|Suwayda|Aleppo|Beirut|Paris|Baku|22770'
hits=$(grep -rnE "$words" "$CM_SRC/src" --include='*.c' --include='*.h')
if [[ -n $hits ]]; then
  echo "FAIL: src/ names a country, code or place (move it to geodata/profile.ini or the data):"
  echo "$hits"
  exit 1
fi
echo "ok: no country named in src/ ($(find "$CM_SRC/src" -name '*.[ch]' | wc -l) files)"
