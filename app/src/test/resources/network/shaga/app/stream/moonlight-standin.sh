#!/usr/bin/env bash
# A stand-in for the `moonlight` command line in tests. It speaks to SunshineTestServer instead of a real
# Sunshine, and behaves like Moonlight where it matters: `pair` and `stream` exit 0 whatever happens;
# only `list` has a meaningful exit code.
#   moonlight pair HOST:PORT --pin NNNN | list HOST:PORT | stream HOST:PORT APP [--fps N ...] | quit HOST:PORT
set -u
state="${MOONLIGHT_STANDIN_HOME:-$HOME}/.moonlight-standin"
mkdir -p "$state"
[ -f "$state/uniqueid" ] || od -An -N8 -tx1 /dev/urandom | tr -d ' \n' > "$state/uniqueid"
id="$(cat "$state/uniqueid")"
cmd="${1:-}"; host="${2:-}"
base="http://$host/standin"
get() { curl -fsS --max-time 5 "$base/$1?uniqueid=$id${2:-}"; }

case "$cmd" in
  pair)
    pin=""; [ "${3:-}" = "--pin" ] && pin="${4:-}"
    echo "Pairing with $host, PIN $pin"
    get pair "&pin=$pin&devicename=standin-$id" >/dev/null || { echo "Failed to connect to $host"; exit 0; }
    for _ in $(seq 1 ${MOONLIGHT_STANDIN_PAIR_POLLS:-100}); do
      status="$(get pairstatus)"
      case "$status" in
        paired) echo "Successfully paired with $host"; exit 0 ;;
        failed) echo "Pairing failed: incorrect PIN"; exit 0 ;;
      esac
      sleep 0.1
    done
    echo "Pairing timed out"; exit 0 ;;
  list)
    [ "$(get paired 2>/dev/null)" = "yes" ] && { echo "Desktop"; exit 0; }
    echo "$host is not paired"; exit 1 ;;
  stream)
    app="${3:-Desktop}"; shift 3 || true
    echo "Streaming $app from $host $*"
    [ "$(get launch)" = "streaming" ] || { echo "Failed to launch: not paired"; exit 0; }
    # Runs as long as the host streams to us, like the real client's window.
    while [ "$(get streaming 2>/dev/null)" = "yes" ]; do sleep 0.2; done
    echo "Stream ended"; exit 0 ;;
  quit)
    echo "Quit $host"; exit 0 ;;
  *)
    echo "usage: moonlight pair|list|stream|quit HOST ..."; exit 0 ;;
esac
