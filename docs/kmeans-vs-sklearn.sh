#!/usr/bin/env bash
# Our k-means beside scikit-learn's on the 70,000 MNIST pixels, in one run (docs/performance.md).
# Usage: docs/kmeans-vs-sklearn.sh MNIST_FOLDER [PYTHON]   (after `make build`)
#   PYTHON: an interpreter with scikit-learn, e.g. from `python3 -m venv v && v/bin/pip install scikit-learn`.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:?usage: docs/kmeans-vs-sklearn.sh MNIST_FOLDER [PYTHON]}
python=${2:-python3}
npy=$(mktemp --suffix .npy)
trap 'rm -f "$npy"' EXIT
.build/release/dcn-bench --only kmeans --mnist "$folder" --write-npy "$npy" | tee "$npy.ours"
"$python" docs/kmeans-vs-sklearn.py "$npy" | tee "$npy.theirs"
python3 - "$npy.ours" "$npy.theirs" <<'PY'
import re, sys
def rows(path):
    return [(float(a), float(b)) for a, b in re.findall(r"seed \d+: ([\d.]+) s  inertia ([\d.]+)", open(path).read())]
ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
for i, ((t1, i1), (t2, i2)) in enumerate(zip(ours, theirs)):
    print(f"seed {i}: ours {t1:.2f} s, scikit-learn {t2:.2f} s: {t2 / t1:.2f}x faster; inertia ours/theirs {i1 / i2:.6f}")
PY
rm -f "$npy.ours" "$npy.theirs"
