#!/usr/bin/env bash
# Reproduces docs/results.md: the mnist preset on 5,000 real MNIST digits, seeds 1–5, then a table of
# mean ± std (population) of NMI/ARI/ACC per method. Usage: docs/mnist5k.sh PATH/TO/mnist_5k.csv.gz [extra flags]
# (after `make build`; the table needs python3). About 1.5 min per seed on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: docs/mnist5k.sh mnist_5k.csv.gz [flags]}; shift
# BIN: the dcn-report to run (default the release build); OUT: keep the run folders there (default: a
# temporary folder, removed at the end).
BIN=${BIN:-.build/release/dcn-report}
if [ -n "${OUT:-}" ]; then out=$OUT; mkdir -p "$out"; else out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
for seed in 1 2 3 4 5; do
  "$BIN" train --preset mnist --dataset "$data" --label-column last --scaling unit \
      --seed "$seed" --quiet --out "$out/s$seed" "$@" > /dev/null
done
python3 - "$out" <<'PY'
import json, statistics as st, sys
rows = [{b["id"]: b["metrics"] for b in json.load(open(f"{sys.argv[1]}/s{s}/run/run.json"))["baselines"]} for s in range(1, 6)]
names = {"kmeans-raw": "k-means on raw pixels", "ae-kmeans": "AE + k-means", "ae-merged-start": "AE + boundary-merge start",
         "dcn-online": "DCN (online assignments)",
         "dcn-nearest-centre": "DCN (nearest centre, last epoch)", "kept-start": "the start, kept (DCN ended worse)",
         "dcn-final-kmeans": "DCN + final k-means"}
print("| method | NMI | ARI | ACC |\n|---|---|---|---|")
for key, name in names.items():
    if not all(key in r for r in rows):
        print(f"| {name} | in {sum(key in r for r in rows)} of {len(rows)} seeds | | |")
        continue
    cells = [f"{st.mean(r[key][m] for r in rows):.3f} ± {st.pstdev([r[key][m] for r in rows]):.3f}" for m in ("nmi", "ari", "acc")]
    print(f"| {name} | " + " | ".join(cells) + " |")
PY
