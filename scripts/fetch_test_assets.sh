#!/usr/bin/env bash
# Fetch the assets only the tests use (axe-core, for the accessibility checks) from the npm
# registry into tests/vendor/. Run it only to upgrade: the fetched files are committed.
set -euo pipefail

AXE_VERSION="4.14.1"

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "axe-core@${AXE_VERSION}" >/dev/null
tar xzf "axe-core-${AXE_VERSION}.tgz"

target="$repo_root/tests/vendor/axe-core"
rm -rf "$target"
mkdir -p "$target"
cp package/axe.min.js "$target/"
cp package/LICENSE "$target/LICENSE"
echo "$AXE_VERSION" > "$target/VERSION"
echo "tests/vendor/axe-core: axe-core ${AXE_VERSION}"
