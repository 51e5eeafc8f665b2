#!/usr/bin/env bash
# Build the offline basemap (country outlines) from Natural Earth, via the npm registry
# package world-atlas (TopoJSON), converted to GeoJSON with topojson-client.
# Run it only to upgrade: the output is committed. Needs npm and node.
set -euo pipefail

WORLD_ATLAS_VERSION="2.0.2"
TOPOJSON_CLIENT_VERSION="3.1.0"

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "world-atlas@${WORLD_ATLAS_VERSION}" "topojson-client@${TOPOJSON_CLIENT_VERSION}" >/dev/null
mkdir atlas client
tar xzf "world-atlas-${WORLD_ATLAS_VERSION}.tgz" -C atlas
tar xzf "topojson-client-${TOPOJSON_CLIENT_VERSION}.tgz" -C client

target="$repo_root/static/basemap"
mkdir -p "$target"
node - "$work" "$target/countries-110m.geo.json" <<'JS'
const [work, out] = process.argv.slice(2);
const fs = require("fs");
const topojson = require(`${work}/client/package/dist/topojson-client.js`);
const topology = JSON.parse(fs.readFileSync(`${work}/atlas/package/countries-110m.json`));
const countries = topojson.feature(topology, topology.objects.countries);
// Three decimals (about 100 m) are far finer than 1:110 million data needs.
const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 1000) / 1000);
// The atlas is made for spherical rendering: a ring that crosses the antimeridian jumps from
// +180 to -180. On a flat Leaflet map that jump draws a line across the world, so make each
// ring continuous (parts past 180 fall outside the map's bounds).
const unwrap = (ring) => {
  const out = [ring[0].slice()];
  for (const [lon, lat] of ring.slice(1)) {
    let x = lon;
    const previous = out[out.length - 1][0];
    while (x - previous > 180) x -= 360;
    while (x - previous < -180) x += 360;
    out.push([x, lat]);
  }
  return out;
};
const polygons = (geometry) =>
  geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
// Antarctica wraps around the pole, which Web Mercator cannot show; no office is there.
countries.features = countries.features.filter((f) => f.properties.name !== "Antarctica");
for (const feature of countries.features) {
  const rings = polygons(feature.geometry).map((polygon) => polygon.map(unwrap));
  feature.geometry = rings.length === 1
    ? { type: "Polygon", coordinates: round(rings[0]) }
    : { type: "MultiPolygon", coordinates: round(rings) };
  feature.properties = { name: feature.properties.name };
}
fs.writeFileSync(out, JSON.stringify(countries));
JS
cp atlas/package/LICENSE "$target/LICENSE"
printf 'world-atlas %s (Natural Earth 1:110m countries), converted with topojson-client %s\n' \
  "$WORLD_ATLAS_VERSION" "$TOPOJSON_CLIENT_VERSION" > "$target/VERSION"
echo "static/basemap: $(cat "$target/VERSION")"
