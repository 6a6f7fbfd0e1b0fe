#!/usr/bin/env bash
# Identity check: a refactor that claims "behaviour unchanged" must record the same runs, array for array.
#
#   docs/identity-check.sh BASE_COMMIT [OUT]          builds BASE_COMMIT (release) in a worktree, then compares
#   BASE_BIN=path/to/old/dcn-report docs/identity-check.sh - [OUT]     uses an old binary you already have
#
# NEW_BIN (default .build/release/dcn-report, run `make build` first) is compared with the base on:
#   - the demo (the synthetic example, seed 0);
#   - every data set of the suite in docs/results.md, seed 1, and mnist_5k seed 1 (the suite's mnist-5k
#     table, made by docs/suite-data.py from MNIST_5K, default ../shared/data/mnist_5k.csv.gz);
#   - a matrix the defaults do not reach, on the demo and on wine: no labels, each explicit --start,
#     --no-keep-better, --no-refill, --clustering-scale codes, --keep-assignments.
# For each pair: the same files; every .npy and model.dcn byte-identical; run.json identical once
# normalised (the run's name, the tool version and the `method` block the 0.2.0 release added are left
# out, and the retired experiments' keys holdMargin/freshOptimizer when false). timing.json and
# process.json are never compared (wall times). Prints one line per run and exits non-zero on any
# difference. Full MNIST without training twice: train with the base and --save-pretrained CKPT, then with
# the new binary and --from-pretrained CKPT (same flags), and compare the two run folders with
# `python3 docs/identity-compare.py BASE/run NEW/run` (docs/results.md has the seed 1 check).
# SETS / MATRIX narrow the runs (space-separated names); ONLY=base records the base side
# alone (e.g. while the new side is still being written), and a later run reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: docs/identity-check.sh BASE_COMMIT|- [OUT]}
OUT=${2:-.build/identity}
NEW_BIN=${NEW_BIN:-.build/release/dcn-report}
MNIST_5K=${MNIST_5K:-../shared/data/mnist_5k.csv.gz}
mkdir -p "$OUT"
if [ "$base" != "-" ]; then
    tree="$OUT/base-tree"
    [ -d "$tree" ] || git worktree add --detach "$tree" "$base"
    (cd "$tree" && git checkout --quiet --detach "$base" && swift build -c release --static-swift-stdlib)
    BASE_BIN="$tree/.build/release/dcn-report"
fi
BASE_BIN=${BASE_BIN:?set BASE_BIN or give a commit}
# The suite's data, made once (scikit-learn in a virtual environment, as docs/suite.sh does).
data="$OUT/data"
if [ ! -f "$data/kmeans.json" ]; then
    [ -x "$OUT/venv/bin/python" ] || { python3 -m venv "$OUT/venv" && "$OUT/venv/bin/pip" install --quiet numpy scikit-learn; }
    "$OUT/venv/bin/python" docs/suite-data.py "$data" "$MNIST_5K" >/dev/null
fi
suite="breast-cancer classification-scaled digits imbalanced-8d iris signals-1d signals-hard touching-50d wine"
SETS=${SETS:-demo $suite mnist-5k}
MATRIX=${MATRIX:-no-labels start-kmeans start-merged start-joint start-input no-keep-better no-refill scale-codes keep-assignments}
args_for() {   # run name -> train flags
    case $1 in
        demo) echo "--seed 0" ;;
        mnist-5k) echo "--preset mnist --dataset $data/mnist-5k_X.npy --labels $data/mnist-5k_y.npy --scaling unit --seed 1" ;;
        no-labels) echo "--dataset $data/wine_X.npy --clusters 3 --seed 1" ;;
        start-*) echo "--seed 0 --start ${1#start-}" ;;
        no-keep-better|no-refill|keep-assignments) echo "--seed 0 --$1" ;;
        scale-codes) echo "--seed 0 --clustering-scale codes" ;;
        wine-*) echo "--dataset $data/wine_X.npy --labels $data/wine_y.npy --seed 1 $(args_for "${1#wine-}" | sed 's/--seed 0//')" ;;
        *) echo "--dataset $data/${1}_X.npy --labels $data/${1}_y.npy --seed 1" ;;
    esac
}
runs="$SETS $MATRIX $(for m in $MATRIX; do [ "$m" = no-labels ] || echo "wine-$m"; done)"
failed=0
for name in $runs; do
    read -r -a flags <<< "$(args_for "$name")"
    for side in ${ONLY:-base new}; do
        bin=$BASE_BIN; [ $side = new ] && bin=$NEW_BIN
        dir="$OUT/$side/$name"
        [ -f "$dir/run/run.json" ] && grep -q '"status" : "complete"' "$dir/run/run.json" && continue
        rm -rf "$dir"
        "$bin" train "${flags[@]}" --out "$dir" --quiet >/dev/null
    done
    [ -n "${ONLY:-}" ] && continue
    if python3 docs/identity-compare.py "$OUT/base/$name/run" "$OUT/new/$name/run"; then
        echo "identical  $name"
    else
        echo "DIFFERENT  $name"; failed=1
    fi
done
exit $failed
