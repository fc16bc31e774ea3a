#!/bin/sh
# Installs what the DHT interop tests need on Debian 12 (run as root; safe to run again):
# libtorrent-rasterbar 2.0.8 for Python, python3-cryptography, and the npm harness modules.
set -eu

cd "$(dirname "$0")"

missing=""
for pkg in python3-libtorrent python3-cryptography; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
# Node.js may come from elsewhere (e.g. a CI setup action); use Debian's only when there is none.
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    apt-get install -y -q --no-install-recommends $missing
fi

/usr/bin/python3 -c 'import libtorrent, cryptography'
npm ci --no-audit --no-fund
node -e 'import("bittorrent-dht").then(() => process.exit(0))'
