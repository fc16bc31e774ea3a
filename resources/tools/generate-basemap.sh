#!/usr/bin/env bash
# Regenerates the bundled basemap tiles from Natural Earth (npm world-atlas, pinned in
# package-lock.json). Needs Node 20+ with npm and JDK 17+; takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node export-shapes.mjs build/shapes.txt
out=../src/main/resources/network/shaga/resources/tiles
rm -rf "$out"
java -Djava.awt.headless=true RenderTiles.java build/shapes.txt "$out"
