#!/usr/bin/env python3
"""Tests whether k-means finds more than chance on each benchmark set; caches OUT_DIR/chance.json.

Usage: chance.py OUT_DIR      (after baselines.py OUT_DIR; run with OMP_NUM_THREADS=1 for one core)

The issue's check "no run below half its set's k-means line" means little where k-means itself finds
no more than a random partition would: half of a line of 0.001 is no grouping at all. For each set in
manifest.tsv that baselines.json holds and chance.json does not (so an interrupted run resumes), this
takes KMeans(n_clusters=k, n_init=10, random_state=1) on the input view where the baselines' k-means
did better (raw or standardised), and compares its NMI against the classes with the NMI of the same
labelling against 1,000 random permutations of the classes (a permutation test: the classes shuffled
keep their sizes but lose any link to the data). It records the labelling's NMI, the permutations'
99th percentile, and p = (1 + permutations at or above the NMI) / 1,001. score.py reads it to say which
runs below half their line are on sets where k-means finds more than chance (p < 0.01). Prints one
line per set. Nothing is downloaded.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import StandardScaler

from manifest import rows_of

PERMUTATIONS = 1000
PERMUTATION_SEED = 0
KMEANS_SEED = 1


def permutation_test(labels, labelling, permutations=PERMUTATIONS, seed=PERMUTATION_SEED):
    """The NMI of `labelling` against `labels`, the 99th percentile of its NMI against shuffled labels,
    and the permutation p-value (one-sided: chance at or above the observed NMI)."""
    rng = np.random.default_rng(seed)
    observed = normalized_mutual_info_score(labels, labelling)
    shuffled = np.array([normalized_mutual_info_score(rng.permutation(labels), labelling)
                         for _ in range(permutations)])
    p = (1 + int((shuffled >= observed).sum())) / (permutations + 1)
    return {"nmi": observed, "chance99": float(np.quantile(shuffled, 0.99)), "p": p}


def better_view(features, baseline):
    """The input as the better of the baselines' two k-means saw it: raw or standardised."""
    if baseline["kmeans_raw"]["nmi"] >= baseline["kmeans_std"]["nmi"]:
        return "raw", features
    return "standardised", StandardScaler().fit_transform(features)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    out_dir = sys.argv[1]
    baselines = json.load(open(os.path.join(out_dir, "baselines.json")))
    path = os.path.join(out_dir, "chance.json")
    cache = json.load(open(path)) if os.path.exists(path) else {}
    warnings.simplefilter("ignore", ConvergenceWarning)
    for row in rows_of("all"):
        name = row["name"]
        if name in cache or name not in baselines:
            continue
        started = time.perf_counter()
        features = np.load(os.path.join(out_dir, f"{name}_X.npy")).astype(np.float64)
        labels = np.load(os.path.join(out_dir, f"{name}_y.npy"))
        view, data = better_view(features, baselines[name])
        labelling = KMeans(n_clusters=int(row["k"]), n_init=10, random_state=KMEANS_SEED).fit_predict(data)
        cache[name] = {"view": view, **permutation_test(labels, labelling)}
        with open(path + ".tmp", "w") as handle:
            json.dump(cache, handle, indent=1, sort_keys=True)
        os.replace(path + ".tmp", path)
        entry = cache[name]
        print(f"{name}: k-means ({view}) NMI {entry['nmi']:.3f}, chance 99th percentile {entry['chance99']:.3f}, "
              f"p {entry['p']:.3f} ({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
