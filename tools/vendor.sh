#!/bin/sh
# Vendor the site's front-end libraries, pinned, from the npm registry into content/assets/vendor/
# (committed, each with its licence): the site never loads anything from a CDN.
#   sh tools/vendor.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/content/assets/vendor"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts leaflet@1.9.4 leaflet.markercluster@1.5.3 chart.js@4.6.1 world-atlas@2.0.2 >/dev/null
M="$TMP/node_modules"
rm -rf "$OUT" && mkdir -p "$OUT/leaflet/images" "$OUT/markercluster" "$OUT/chartjs"
cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$M/leaflet/LICENSE" "$OUT/leaflet/"
cp "$M/leaflet/dist/images/"*.png "$OUT/leaflet/images/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" "$M/leaflet.markercluster/dist/MarkerCluster.css" \
   "$M/leaflet.markercluster/dist/MarkerCluster.Default.css" "$M/leaflet.markercluster/MIT-LICENCE.txt" "$OUT/markercluster/"
cp "$M/chart.js/dist/chart.umd.min.js" "$OUT/chartjs/"
cp "$M/chart.js/LICENSE.md" "$OUT/chartjs/LICENSE.txt"  # not .md: MkDocs would make it a page
# the map's offline borders: Natural Earth (public domain) through world-atlas (ISC)
python3 "$ROOT/tools/basemap.py" "$M/world-atlas" > "$OUT/basemap.json"
cp "$M/world-atlas/LICENSE" "$OUT/basemap-LICENSE.txt"
# Chart.js's source map comment points to a file we do not ship
sed -i 's|//# sourceMappingURL=.*||' "$OUT/chartjs/chart.umd.min.js" "$OUT/leaflet/leaflet.js" "$OUT/markercluster/leaflet.markercluster.js"
echo "vendored into $OUT"
