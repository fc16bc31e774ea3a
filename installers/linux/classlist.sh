#!/usr/bin/env bash
# Regenerates shaga.classlist: the classes the app loads to print its version and help and to open
# its desktop app. The installed packages turn it into a class-data-sharing archive (shaga-cds),
# which shortens both starts. Run after installers/build.sh when the app's start-up changes much;
# a stale list still works (missing classes are skipped, new ones are loaded the normal way).
# Needs: xvfb, xdotool.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
image="$root/installers/target/image/shaga"
[ -x "$image/bin/shaga" ] || { echo "classlist.sh: run installers/build.sh first" >&2; exit 1; }
work="$(mktemp -d /tmp/shaga-classlist.XXXXXX)"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  sleep 0.1
done
display=":$(head -n 1 "$work/display")"
# A data folder of its own: the desktop app's first start, as after installing.
export XDG_DATA_HOME="$work/data"

JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/gui.classlist" DISPLAY="$display" \
  timeout 120 "$image/bin/shaga" >"$work/gui.log" 2>&1 &
app=$!
for _ in $(seq 1200); do
  DISPLAY="$display" xdotool search --onlyvisible --name '^Shaga' >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { cat "$work/gui.log" >&2; exit 1; }
  sleep 0.05
done
sleep 5 # the first screens fill in after the window is shown
kill "$app"
wait "$app" 2>/dev/null || true
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/help.classlist" "$image/bin/shaga" --help >/dev/null 2>&1
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/version.classlist" "$image/bin/shaga" --version >/dev/null 2>&1
awk '!seen[$0]++' "$work/gui.classlist" "$work/help.classlist" "$work/version.classlist" >"$root/installers/linux/shaga.classlist"
wc -l "$root/installers/linux/shaga.classlist"
