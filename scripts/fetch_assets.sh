#!/usr/bin/env bash
# Fetch the front-end assets the map needs from the npm registry and copy them into
# static/, so that the app serves them itself and needs no CDN at run time.
# Run it only to upgrade: the fetched files are committed. Needs npm.
set -euo pipefail

LEAFLET_VERSION="1.9.4"
SUPERCLUSTER_VERSION="9.1.0"

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "leaflet@${LEAFLET_VERSION}" "supercluster@${SUPERCLUSTER_VERSION}" >/dev/null
tar xzf "leaflet-${LEAFLET_VERSION}.tgz"

target="$repo_root/static/leaflet"
rm -rf "$target"
mkdir -p "$target/images"
cp package/dist/leaflet.js package/dist/leaflet.css "$target/"
cp package/dist/images/layers.png package/dist/images/layers-2x.png "$target/images/"
cp package/LICENSE "$target/LICENSE"
echo "$LEAFLET_VERSION" > "$target/VERSION"
echo "static/leaflet: Leaflet ${LEAFLET_VERSION}"

# supercluster: its UMD build (kdbush included), a browser global and a CommonJS module for
# the Node tests alike.
rm -rf package && tar xzf "supercluster-${SUPERCLUSTER_VERSION}.tgz"
target="$repo_root/static/supercluster"
rm -rf "$target" && mkdir -p "$target"
cp package/dist/supercluster.min.js "$target/"
cp package/LICENSE "$target/LICENSE"
echo "$SUPERCLUSTER_VERSION" > "$target/VERSION"
echo "static/supercluster: supercluster ${SUPERCLUSTER_VERSION}"
