#!/usr/bin/env bash
# Side-by-side benchmark of real DHT processes on this machine: networks of Shaga nodes, of mldht
# nodes (bt-dht 1.10), of npm bittorrent-dht nodes (11.0.12) and a mixed network, each of every
# size, with the same workload; prints a table (p50/p95/p99 latency, success, packets per
# operation, CPU and memory per node) and writes results.json, results.csv, results.txt and
# side-latency-<size>.png to the output directory (docs/benchmarks.md, "Side by side").
#
# mldht refuses loopback and private addresses, so every network runs in a network namespace
# with one 198.18.0.0/15 address per node; the benchmark creates it and deletes it at exit (which
# removes the interface and every address), even on failure. Needs root, iproute2, node >= 18
# and JDK 17. Without root, pass --no-netns: Shaga and bittorrent-dht then run on 127.0.0.1 and
# mldht and the mixed network are reported as skipped.
#
# Usage: app/bench/side-by-side.sh [--sizes 50,200,1000] [--lookups N] [--items N]
#          [--concurrency N] [--networks shaga,mldht,bittorrent-dht,mixed] [--seed N] [--timeout-s N]
#          [--nodes-per-process N] [--out DIR] [--plots DIR] [--no-netns]
#   --lookups   gets and get_peers lookups per network (default 200)
#   --warmup    untimed gets and get_peers per network before the timed operations, of --items
#               untimed puts and announces of their own, the same for every implementation
#               (default 0: the runtimes are measured cold)
#   --items     mutable items put and infohashes announced per network (default 50)
#   --out       result directory (default dht/target/side-by-side)
#   --plots     also copy the PNG plots there (e.g. docs/plots)
#   --nodes-per-process  split single-implementation networks into processes of at most N nodes
#               (1000 mldht nodes in one JVM did not start within 9 min on 2 loaded cores;
#               --nodes-per-process 200 runs them as 5 JVMs)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
out="$root/dht/target/side-by-side"
plots=""
netns="shaga-sbs-$$"
args=()
use_netns=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(readlink -m "$2")"; shift 2 ;;
    --plots) plots="$(readlink -m "$2")"; shift 2 ;;
    --no-netns) use_netns=0; shift ;;
    --sizes|--lookups|--warmup|--items|--concurrency|--networks|--seed|--seed-nodes|--timeout-s|--nodes-per-process)
      args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$use_netns" = 1 ] && [ "$(id -u)" != 0 ]; then
  echo "network namespaces need root; run as root or pass --no-netns (mldht is then skipped)" >&2
  exit 2
fi

# The Java side creates and deletes the namespace; this trap is the safety net for a killed JVM.
cleanup() {
  if [ "$use_netns" = 1 ] && ip netns list 2>/dev/null | grep -qw "$netns"; then
    for pid in $(ip netns pids "$netns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$netns" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

cd "$root"
echo "== building the dht test classes (and npm ci of the interop harness on a fresh checkout)" >&2
./mvnw -q -pl dht test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/side-by-side-classpath.txt -Dmdep.includeScope=test >&2
classpath="$root/dht/target/test-classes:$root/dht/target/classes:$(cat dht/target/side-by-side-classpath.txt)"

if [ "$use_netns" = 1 ]; then
  args+=(--netns "$netns")
else
  args+=(--no-netns)
fi
echo "== running (results in $out)" >&2
java -cp "$classpath" network.shaga.dht.bench.SideBySide --out "$out" "${args[@]}"

if [ -n "$plots" ]; then
  mkdir -p "$plots"
  cp "$out"/side-latency-*.png "$plots"/
  echo "plots copied to $plots" >&2
fi
