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
from sklearn.preprocessing import StandardScaler


def zero_inflated(seed, rows, features, sizes, zero_probability):
    rng = np.random.default_rng(seed)
    rates = rng.uniform(2, 20, size=(len(sizes), features))
    y = np.repeat(np.arange(len(sizes)), sizes)[:rows]
    x = rng.poisson(rates[y]) * (rng.random(size=(len(y), features)) >= zero_probability)
    return x, y


def hurdle(seed, features, sizes, low, high):
    rng = np.random.default_rng(seed)
    present = rng.uniform(low, high, size=(len(sizes), features))
    rates = rng.uniform(1, 15, size=(len(sizes), features))
    y = np.repeat(np.arange(len(sizes)), sizes)
    x = (rng.random(size=(len(y), features)) < present[y]) * (1 + rng.poisson(rates[y]))
    return x, y


def negbin_small(seed, features, sizes, high):
    rng = np.random.default_rng(seed)
    means = rng.uniform(0.1, high, size=(len(sizes), features))
    y = np.repeat(np.arange(len(sizes)), sizes)
    x = rng.negative_binomial(1, 1 / (1 + means[y]))
    return x, y


def topics(seed, documents, words, k, mean_length, share):
    rng = np.random.default_rng(seed)
    background = rng.dirichlet(np.ones(words))
    topic = rng.dirichlet(np.full(words, 0.1), size=k)
    y = rng.integers(0, k, size=documents)
    lengths = 5 + rng.poisson(mean_length, size=documents)
    x = np.stack([rng.multinomial(n, (1 - share) * background + share * topic[c]) for n, c in zip(lengths, y)])
    return x, y


def compositions(seed, parts, sizes, concentration):
    rng = np.random.default_rng(seed)
    means = rng.dirichlet(np.full(parts, 1.0), size=len(sizes))
    y = np.repeat(np.arange(len(sizes)), sizes)
    x = np.vstack([rng.dirichlet(concentration * means[c], size=n) for c, n in enumerate(sizes)])
    return np.rint(100 * x), y


SETS = {
    "fresh-zip-2": lambda: zero_inflated(301, 900, 8, [600, 300], 0.6),
    "fresh-zip-3": lambda: zero_inflated(302, 1200, 10, [500, 400, 300], 0.5),
    "fresh-zip-4": lambda: zero_inflated(303, 1000, 12, [250, 250, 250, 250], 0.7),
    "fresh-hurdle-3": lambda: hurdle(304, 10, [700, 500, 300], 0.1, 0.6),
    "fresh-hurdle-4": lambda: hurdle(305, 14, [400, 400, 300, 200], 0.2, 0.7),
    "fresh-hurdle-2": lambda: hurdle(306, 6, [500, 250], 0.15, 0.5),
    "fresh-negbin-3": lambda: negbin_small(307, 10, [500, 500, 500], 3),
    "fresh-negbin-4": lambda: negbin_small(308, 16, [300, 300, 300, 300], 5),
    "fresh-topics-4": lambda: topics(309, 1200, 120, 4, 30, 0.2),
    "fresh-topics-3": lambda: topics(310, 800, 80, 3, 20, 0.25),
    "fresh-compositions-3": lambda: compositions(311, 12, [400, 300, 200], 3),
    "fresh-compositions-4": lambda: compositions(312, 15, [300, 300, 200, 200], 4),
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    cache = {}
    for name, make in SETS.items():
        x, y = make()
        x = x[:, x.std(axis=0) > 0].astype(np.int64)
        order = np.random.default_rng(0).permutation(len(y))
        x, y = x[order], y[order]
        np.save(out / f"{name}_X.npy", x)
        np.save(out / f"{name}_y.npy", y.astype(np.int64))
        k = len(np.unique(y))
        raw = x.astype(np.float64)
        cache[name] = {"rows": int(x.shape[0]), "features": int(x.shape[1]), "k": int(k),
                       "median_zero_share": float(np.median((x == 0).mean(axis=0))),
                       "kmeans_raw": kmeans(raw, y, k), "kmeans_std": kmeans(StandardScaler().fit_transform(raw), y, k)}
        print(f"{name}: {x.shape[0]} x {x.shape[1]}, k={k}, median zeros {cache[name]['median_zero_share']:.2f}, "
              f"k-means raw {cache[name]['kmeans_raw']['nmi']:.3f} std {cache[name]['kmeans_std']['nmi']:.3f}", flush=True)
    save(out / "baselines.json", cache)


if __name__ == "__main__":
    main()
