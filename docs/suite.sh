#!/usr/bin/env bash
# Runs dcn-report's defaults on a suite of public data sets of different kinds, seeds 1–3 (or SEEDS),
# and prints a table beside scikit-learn's k-means (raw and standardised, n_init=10).
#
#   docs/suite.sh [MNIST_5K_CSV_GZ]        (after `make build`; needs python3 with venv and the network
#                                           for scikit-learn, used only to make the data and score it)
#   SEEDS="1 2 3 4 5" SETS="wine iris" docs/suite.sh
#
# Every run is exactly `dcn-report train --dataset X.npy --labels y.npy --seed S` (plus --out), scored
# on its last recorded epoch's assignments.npy.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-.build/suite}
SEEDS=${SEEDS:-"1 2 3"}
BIN=${BIN:-.build/release/dcn-report}
mkdir -p "$WORK"
if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet numpy scikit-learn
fi
PY="$WORK/venv/bin/python"
[ -f "$WORK/data/kmeans.json" ] || "$PY" docs/suite-data.py "$WORK/data" ${1:-}
SETS=${SETS:-$(cd "$WORK/data" && ls *_X.npy | sed 's/_X.npy//')}
for name in $SETS; do
    for seed in $SEEDS; do
        out="$WORK/runs/$name-s$seed"
        [ -f "$out/run/run.json" ] && grep -q '"status" : "complete"' "$out/run/run.json" && continue
        echo "== $name seed $seed" >&2
        "$BIN" train --dataset "$WORK/data/${name}_X.npy" --labels "$WORK/data/${name}_y.npy" --seed "$seed" \
            --out "$out" --quiet >/dev/null
    done
done
"$PY" docs/suite-score.py "$WORK/data" "$WORK/runs"
