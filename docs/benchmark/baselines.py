#!/usr/bin/env python3
"""Scores scikit-learn's k-means and Gaussian mixture on every built benchmark set; caches OUT_DIR/baselines.json.

Usage: baselines.py OUT_DIR      (after build.py OUT_DIR [MNIST_DIR]; run with OMP_NUM_THREADS=1 for one core)

For each set in manifest.tsv whose files are in OUT_DIR, and that baselines.json does not hold yet (so an
interrupted run resumes where it stopped), it records the mean NMI and ARI over random_state 1, 2, 3 of
- KMeans(n_clusters=k, n_init=10) on the raw input (kmeans_raw) and on the standardised input (kmeans_std:
  each feature to mean 0, variance 1; constant features stay 0);
- GaussianMixture(n_components=k, n_init=3) on the standardised input, first reduced to its 50 leading
  principal components when it has more than 500 features; covariance_type 'full' when the input has at
  least 10 points per component per dimension (N >= 10 k D), otherwise 'diag' (gmm: covariance, input,
  nmi, ari).
Prints one line per set. Nothing is downloaded.
"""
import csv
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler

MANIFEST = Path(__file__).resolve().parent / "manifest.tsv"
SEEDS = (1, 2, 3)
GMM_MAX_FEATURES = 500
GMM_PCA_COMPONENTS = 50


def scores(y, fit_predict):
    """Mean NMI and ARI of fit_predict(seed) over SEEDS."""
    runs = [fit_predict(seed) for seed in SEEDS]
    return {"nmi": float(np.mean([normalized_mutual_info_score(y, r) for r in runs])),
            "ari": float(np.mean([adjusted_rand_score(y, r) for r in runs]))}


def kmeans_labelling(x, k, seed):
    """The baselines' k-means: KMeans(n_clusters=k, n_init=10, random_state=seed) on `x`."""
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


def kmeans(x, y, k):
    return scores(y, lambda seed: kmeans_labelling(x, k, seed))


def gaussian_mixture(standardised, y, k):
    x, described = standardised, "standardised"
    if x.shape[1] > GMM_MAX_FEATURES:
        x = PCA(n_components=GMM_PCA_COMPONENTS, svd_solver="full").fit_transform(x)
        described = f"standardised, first {GMM_PCA_COMPONENTS} principal components"
    covariance = "full" if len(x) >= 10 * k * x.shape[1] else "diag"
    result = scores(y, lambda seed: GaussianMixture(n_components=k, covariance_type=covariance, n_init=3,
                                                    random_state=seed).fit(x).predict(x))
    return {"covariance": covariance, "input": described, **result}


def baselines(x, y):
    k = len(np.unique(y))
    x = x.astype(np.float64)
    standardised = StandardScaler().fit_transform(x)
    return {"rows": int(x.shape[0]), "features": int(x.shape[1]), "k": int(k),
            "kmeans_raw": kmeans(x, y, k), "kmeans_std": kmeans(standardised, y, k),
            "gmm": gaussian_mixture(standardised, y, k)}


def line(name, entry, note=""):
    g = entry["gmm"]
    return (f"{name:24s} {entry['rows']:6d} x {entry['features']:4d} k={entry['k']:2d}  "
            f"k-means raw NMI {entry['kmeans_raw']['nmi']:.3f} ARI {entry['kmeans_raw']['ari']:.3f}  "
            f"std NMI {entry['kmeans_std']['nmi']:.3f} ARI {entry['kmeans_std']['ari']:.3f}  "
            f"GMM ({g['covariance']}{', PCA' if 'principal' in g['input'] else ''}) NMI {g['nmi']:.3f} ARI {g['ari']:.3f}"
            f"{note}")


def save(path, cache):
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(cache, indent=1) + "\n")
    os.replace(temporary, path)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    path = folder / "baselines.json"
    cache = json.loads(path.read_text()) if path.exists() else {}
    with open(MANIFEST, newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    start = time.perf_counter()
    for name in names:
        if name in cache:
            print(line(name, cache[name], "  (cached)"), flush=True)
            continue
        if not (folder / f"{name}_X.npy").exists():
            print(f"{name:24s} not built", flush=True)
            continue
        began = time.perf_counter()
        entry = baselines(np.load(folder / f"{name}_X.npy"), np.load(folder / f"{name}_y.npy"))
        entry["seconds"] = round(time.perf_counter() - began, 1)
        cache[name] = entry
        save(path, cache)
        print(line(name, entry, f"  {entry['seconds']:.1f} s"), flush=True)
    print(f"done in {time.perf_counter() - start:.1f} s; {path}")


if __name__ == "__main__":
    main()
