#!/usr/bin/env bash
# Runs the synthetic demo's default settings on data/training seeds 0–19 and prints a Markdown table of
# NMI for k-means on the raw input, AE + k-means, DCN's start (epoch 0) and DCN (last epoch), then a
# summary line (mean, draws ≥ 0.90, draws where DCN ≥ AE + k-means).
# Usage: docs/seed-sweep.sh [extra dcn-report flags]   (after `make build`; needs python3 for the table)
# BIN: the dcn-report to run (default the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dcn-report}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for seed in $(seq 0 19); do
  "$BIN" train --quiet --seed "$seed" --out "$out/s$seed" "$@" > /dev/null
done
python3 - "$out" <<'PY'
import json, sys
print("| seed | k-means on raw input | AE + k-means | DCN start (epoch 0) | DCN (final) | final cluster sizes |")
print("|---:|---:|---:|---|---:|---|")
finals, above, kept = [], 0, 0
for seed in range(20):
    m = json.load(open(f"{sys.argv[1]}/s{seed}/run/run.json"))
    b = {x["id"]: x["metrics"]["nmi"] for x in m["baselines"]}
    e = m["epochs"]
    start = (m.get("start") or {}).get("partition", "kmeans")
    final = e[-1]["metrics"]["nmi"]
    finals.append(final); above += final >= 0.90; kept += final >= b["ae-kmeans"] - 1e-12
    print(f"| {seed} | {b['kmeans-raw']:.3f} | {b['ae-kmeans']:.3f} | {e[0]['metrics']['nmi']:.3f} ({start}) | {final:.3f} | {e[-1]['clusterSizes']} |")
print(f"\nMean final NMI {sum(finals) / len(finals):.3f}; {above} of 20 draws ≥ 0.90; DCN ≥ AE + k-means on {kept} of 20.")
PY
