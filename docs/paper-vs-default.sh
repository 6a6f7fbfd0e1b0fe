#!/usr/bin/env bash
# `--method paper` beside the default (`--method dcn-report`) on the synthetic example (seeds 0–19) and on
# 5,000 MNIST digits (`--preset mnist`, seeds 1–5); prints the run's labelling NMI/ARI/ACC per seed and the
# means (docs/results.md, *The paper's DCN beside the default*).
#
#   docs/paper-vs-default.sh [MNIST_5K_CSV_GZ]      (after `make build`; default ../shared/data/mnist_5k.csv.gz)
# BIN: the dcn-report to run; OUT: where the runs go (default .build/paper-vs-default; reruns skip finished runs).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dcn-report}
OUT=${OUT:-.build/paper-vs-default}
MNIST=${1:-../shared/data/mnist_5k.csv.gz}
run() {   # folder, flags...
    local folder=$1; shift
    [ -f "$folder/run/run.json" ] && grep -q '"status" : "complete"' "$folder/run/run.json" && return
    "$BIN" train "$@" --quiet --out "$folder" > /dev/null
}
for method in dcn-report paper; do
    for seed in $(seq 0 19); do run "$OUT/synthetic/$method-s$seed" --method "$method" --seed "$seed"; done
    for seed in 1 2 3 4 5; do
        run "$OUT/mnist5k/$method-s$seed" --method "$method" --preset mnist --dataset "$MNIST" --label-column last --scaling unit --seed "$seed"
    done
done
python3 - "$OUT" <<'PY'
import json, os, statistics as st, sys
out = sys.argv[1]
def labelling(folder):
    run = json.load(open(f"{folder}/run/run.json"))
    metrics = run["epochs"][-1]["metrics"]
    return metrics, run.get("start", {}).get("partition"), run["epochs"][-1]["clusterSizes"]
for data, seeds in (("synthetic", range(20)), ("mnist5k", range(1, 6))):
    print(f"\n{data}: the run's labelling (its last recorded epoch), mean ± std over seeds {seeds[0]}–{seeds[-1]}")
    print("| method | NMI | ARI | ACC | NMI per seed | smallest cluster |\n|---|---|---|---|---|---|")
    for method in ("dcn-report", "paper"):
        rows = [labelling(f"{out}/{data}/{method}-s{s}") for s in seeds]
        cells = [f"{st.mean(r[0][m] for r in rows):.3f} ± {st.pstdev([r[0][m] for r in rows]):.3f}" for m in ("nmi", "ari", "acc")]
        per = " ".join(f"{r[0]['nmi']:.3f}" for r in rows)
        smallest = min(min(r[2]) / sum(r[2]) for r in rows)
        print(f"| {method} | " + " | ".join(cells) + f" | {per} | {100 * smallest:.1f}% |")
PY
