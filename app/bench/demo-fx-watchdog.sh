#!/usr/bin/env bash
# Runs `shaga demo --fx-watchdog` on a virtual X display (Xvfb) and uses it for SECONDS seconds the way a player
# would — drags and wheel-zooms the map, clicks hosts in the list, the zoom buttons and the Host/Wallet/Play
# modes — then stops it with SIGTERM and prints the FX watchdog's summary (docs/benchmarks.md, "Desktop app").
# Needs: apt-get install xvfb xauth libgtk-3-0 xdotool. Usage: app/bench/demo-fx-watchdog.sh [SECONDS] [DISPLAY_NUMBER]
set -euo pipefail

seconds="${1:-60}"
display=":${2:-97}"
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
data="$(mktemp -d /tmp/shaga-demo-watchdog.XXXXXX)"

Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() {
  [ -n "$app" ] && kill -TERM "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY="$display"
sleep 1

"$root/shaga" --data-dir "$data" demo --fx-watchdog >"$data/demo.out" 2>&1 &
app=$!

window=""
for _ in $(seq 1 300); do
  window="$(xdotool search --onlyvisible --name '^Shaga' 2>/dev/null | head -1 || true)"
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || { cat "$data/demo.out" >&2; exit 1; }
  sleep 1
done
[ -n "$window" ] || { echo "the demo window did not open" >&2; exit 1; }
sleep 3

# Positions inside the 1440x900 window (Play screen: map on the left, host list on the right).
at() { xdotool mousemove --window "$window" "$1" "$2"; }
drag() { # x y dx dy
  at "$1" "$2"; xdotool mousedown 1
  for step in $(seq 1 15); do at $(($1 + $3 * step / 15)) $(($2 + $4 * step / 15)); sleep 0.03; done
  xdotool mouseup 1
}
wheel() { at "$1" "$2"; xdotool click --repeat "$3" --delay 120 "$4"; }
click() { at "$1" "$2"; xdotool click 1; }

end=$((SECONDS + seconds))
round=0
while [ "$SECONDS" -lt "$end" ]; do
  drag 300 450 180 40; sleep 0.5
  drag 480 490 -180 -40; sleep 0.5
  wheel 330 380 3 4; sleep 1          # zoom in over Europe
  drag 300 450 -120 0; sleep 0.5
  wheel 330 380 3 5; sleep 1          # and back out
  for row in 0 1 2 3; do click 726 $((240 + 30 * row)); sleep 0.4; done
  click 604 80; sleep 0.8; click 604 117; sleep 0.8
  if [ $((round % 2)) -eq 1 ]; then
    click 195 26; sleep 1.5; click 266 26; sleep 1.5; click 132 26; sleep 1
  fi
  round=$((round + 1))
done

kill -TERM "$app"
wait "$app" 2>/dev/null || true
app=""
summary="$(ls -t "$data"/logs/fx-watchdog-*.json | head -1)"
grep -h "demo: ready" "$data/demo.out" || true
echo "summary: $summary"
cat "$summary"
