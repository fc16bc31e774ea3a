#!/usr/bin/env bash
# Renders shaga.svg into the icon set the installers use: PNGs (hicolor sizes), shaga.ico (Windows)
# and shaga.icns (macOS). The outputs are committed; rerun after editing the SVG.
# Needs: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"

for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" shaga.svg -o "shaga-$size.png"
done
convert shaga-16.png shaga-24.png shaga-32.png shaga-48.png shaga-64.png shaga-128.png shaga-256.png \
  -define png:exclude-chunks=date,time shaga.ico
png2icns shaga.icns shaga-16.png shaga-32.png shaga-48.png shaga-128.png shaga-256.png shaga-512.png >/dev/null
