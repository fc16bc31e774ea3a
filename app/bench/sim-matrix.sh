#!/usr/bin/env bash
# The simulator benchmarks of docs/benchmarks-sim.md in one go: the growth series (a WAN network with 1 % loss and
# 10 % of the nodes replaced per hour, Pareto sessions, at each size in SIZES) and the fault matrix (kill 10/33/50 %,
# a 50/50 partition that heals, loss 1/5/20 %) at MATRIX_NODES, and the directory growth series (flows F1-F5 with
# N/10 hosts at each size in DIR_SIZES, same WAN, loss and churn of the nodes that are not hosts, the flows timed after a
# DIR_WINDOW-minute window of churn); one JSON file per run and the PNG plots.
# Runs from a copy of the built jar, so the checkout can be rebuilt meanwhile.
# Usage: app/bench/sim-matrix.sh [OUT_DIR]   (default: app/target/sim-bench; plots go to OUT_DIR/plots)
# Environment: SIZES="1000 10000 100000" MATRIX_NODES="1000 10000" DIR_SIZES="1000 10000 100000" DIR_WINDOW=10
#              HEAP=8g SEED=1 SKIP_BUILD=1 (reuse the jar); an empty list skips that series (SIZES= MATRIX_NODES= ...)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
out="$(readlink -f "${1:-$root/app/target/sim-bench}")"
sizes="${SIZES-1000 10000 100000}"
matrix_nodes="${MATRIX_NODES-1000 10000}"
dir_sizes="${DIR_SIZES-1000 10000 100000}"
dir_window="${DIR_WINDOW:-10}"
heap="${HEAP:-8g}"
seed="${SEED:-1}"
mkdir -p "$out/plots"

if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$root" && ./mvnw -q -pl app -am package -DskipTests)
fi
run="$(mktemp -d /tmp/shaga-sim-bench.XXXXXX)"
trap 'rm -rf "$run"' EXIT
cp -r "$root/app/target/shaga-app.jar" "$root/app/target/lib" "$run/"

sim() { # OUTPUT_FILE ARGS... : one run, its JSON in OUTPUT_FILE, peak memory and wall time in OUTPUT_FILE.time
  local file="$1"
  shift
  echo "$(date -u +%H:%M:%S) shaga sim $*" >&2
  /usr/bin/time -f '%e s wall, %M KB peak RSS' -o "$file.time" \
    java "-Xmx$heap" -jar "$run/shaga-app.jar" --data-dir "$run/data" sim "$@" --seed "$seed" --json >"$file"
  cat "$file.time" >&2
}

# A record (and a peer entry) per 20 nodes keeps the storage per node comparable across sizes.
for n in $sizes; do
  sim "$out/growth-$n.json" --nodes "$n" --items $((n / 20)) --lookups 1000 --latency wan --loss 0.01 \
    --churn-per-hour 0.1 --session-dist pareto
done

for n in $matrix_nodes; do
  sim "$out/faults-$n.json" --nodes "$n" --items $((n / 20 > 500 ? 500 : n / 20)) --lookups 500 --latency wan \
    --loss 0.01 --churn-per-hour 0.1 --session-dist pareto --window-minutes 2 --recovery-minutes 10 --heal-after 300 \
    --fault-matrix
done

# The directory flows under churn: a host per ten nodes, 100 hosts followed through each flow.
for n in $dir_sizes; do
  sim "$out/dir-churn-$n.json" --nodes "$n" --hosts $((n / 10)) --queries 12 --heartbeat 30 --sample 100 --latency wan \
    --loss 0.01 --churn-per-hour 0.1 --session-dist pareto --window-minutes "$dir_window"
done

shopt -s nullglob
results=("$out"/growth-*.json "$out"/faults-*.json "$out"/dir-churn-*.json)
java -jar "$run/shaga-app.jar" --data-dir "$run/data" sim --plot-dir "$out/plots" "${results[@]}"
echo "results: $out (JSON) and $out/plots (PNG)" >&2
