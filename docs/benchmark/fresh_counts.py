#!/usr/bin/env python3
"""Fresh count tables in neither half of the benchmark, to check a rule for count tables chosen on the
development half (docs/benchmark.md, *Zero-count tables and the merge*) on data nobody has seen.

Usage: fresh_counts.py OUT_DIR      writes NAME_X.npy, NAME_y.npy and baselines.json (k-means raw and
                                    standardised, n_init=10, random_state 1-3, as baselines.py) for each set

Twelve tables from the generators of the benchmark's count kinds, each with seeds 301-312 drawn for this
check: zero-inflated Poisson, hurdle counts, negative binomial with small means, sparse bag-of-words and
sparse compositions, at sizes and class counts of their own. Nothing is downloaded. Each table was then
trained by both binaries, seeds 1-3, as the benchmark trains (one OpenBLAS thread, two runs at a time):
`BIN train --dataset OUT_DIR/NAME_X.npy --labels OUT_DIR/NAME_y.npy --seed S --out RUNS/NAME-sS --quiet`.
"""
import json
import sys
from pathlib import Path

import numpy as np

from baselines import kmeans, save
from build import dirichlet_compositions, hurdle_counts, negbin_counts, topic_documents, zero_inflated_counts
from sklearn.preprocessing import StandardScaler


def rng(seed):
    return np.random.default_rng(seed)


SETS = {
    "fresh-zip-2": lambda: zero_inflated_counts(rng(301), (2, 20), 8, [600, 300], 0.6),
    "fresh-zip-3": lambda: zero_inflated_counts(rng(302), (2, 20), 10, [500, 400, 300], 0.5),
    "fresh-zip-4": lambda: zero_inflated_counts(rng(303), (2, 20), 12, [250] * 4, 0.7),
    "fresh-hurdle-3": lambda: hurdle_counts(rng(304), (0.1, 0.6), (1, 15), 10, [700, 500, 300]),
    "fresh-hurdle-4": lambda: hurdle_counts(rng(305), (0.2, 0.7), (1, 15), 14, [400, 400, 300, 200]),
    "fresh-hurdle-2": lambda: hurdle_counts(rng(306), (0.15, 0.5), (1, 15), 6, [500, 250]),
    "fresh-negbin-3": lambda: negbin_counts(rng(307), 1, (0.1, 3), 10, [500] * 3),
    "fresh-negbin-4": lambda: negbin_counts(rng(308), 1, (0.1, 5), 16, [300] * 4),
    "fresh-topics-4": lambda: topic_documents(rng(309), 1200, 120, 4, 5, 30, 0.2),
    "fresh-topics-3": lambda: topic_documents(rng(310), 800, 80, 3, 5, 20, 0.25),
    "fresh-compositions-3": lambda: rounded_percent(dirichlet_compositions(rng(311), 12, [400, 300, 200], 1.0, 3)),
    "fresh-compositions-4": lambda: rounded_percent(dirichlet_compositions(rng(312), 15, [300, 300, 200, 200], 1.0, 4)),
}


def rounded_percent(table):
    x, y = table
    return np.rint(100 * x), y


def write_fresh(out, sets, integer):
    """Builds each of `sets` ({name: maker returning (x, y)}), drops constant columns, shuffles the rows with
    seed 0 and writes NAME_X.npy, NAME_y.npy and baselines.json (k-means raw and standardised) to `out`;
    `integer` keeps the values as int64 and records each table's median share of zeros."""
    out.mkdir(parents=True, exist_ok=True)
    cache = {}
    for name, make in sets.items():
        x, y = make()
        x = x[:, x.std(axis=0) > 0].astype(np.int64 if integer else np.float64)
        order = np.random.default_rng(0).permutation(len(y))
        x, y = x[order], y[order]
        np.save(out / f"{name}_X.npy", x)
        np.save(out / f"{name}_y.npy", y.astype(np.int64))
        k = len(np.unique(y))
        raw = x.astype(np.float64)
        cache[name] = {"rows": int(x.shape[0]), "features": int(x.shape[1]), "k": int(k)}
        if integer:
            cache[name]["median_zero_share"] = float(np.median((x == 0).mean(axis=0)))
        cache[name].update(kmeans_raw=kmeans(raw, y, k), kmeans_std=kmeans(StandardScaler().fit_transform(raw), y, k))
        print(f"{name}: {x.shape[0]} x {x.shape[1]}, k={k}, "
              f"k-means raw {cache[name]['kmeans_raw']['nmi']:.3f} std {cache[name]['kmeans_std']['nmi']:.3f}", flush=True)
    save(out / "baselines.json", cache)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    write_fresh(Path(sys.argv[1]), SETS, integer=True)


if __name__ == "__main__":
    main()
