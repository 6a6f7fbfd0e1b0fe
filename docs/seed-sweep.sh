#!/usr/bin/env bash
# Runs the synthetic demo's settings on data/training seeds 0–9 and prints a Markdown table of
# NMI for k-means on the raw input, AE + k-means (epoch 0) and DCN (last epoch).
# Usage: docs/seed-sweep.sh [extra dcn-report flags]   (after `make build`; needs python3 for the table)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
echo "| seed | k-means on raw input | AE + k-means | DCN (final) | final cluster sizes |"
echo "|---:|---:|---:|---:|---|"
for seed in 0 1 2 3 4 5 6 7 8 9; do
  .build/release/dcn-report train --quiet --seed "$seed" --out "$out/s$seed" "$@" > /dev/null
  python3 - "$out/s$seed/run/run.json" "$seed" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); e = m["epochs"]
raw = m["baselines"][0]["metrics"]["nmi"]
print(f"| {sys.argv[2]} | {raw:.3f} | {e[0]['metrics']['nmi']:.3f} | {e[-1]['metrics']['nmi']:.3f} | {e[-1]['clusterSizes']} |")
PY
done
rm -rf "$out"
