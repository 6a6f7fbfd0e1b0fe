#!/usr/bin/env python3
"""Writes the suite's public data sets as X.npy / y.npy pairs and prints scikit-learn's k-means on each.

Usage: suite-data.py OUT_DIR [MNIST_5K_CSV_GZ]
Needs numpy and scikit-learn (docs/suite.sh makes a virtual environment with both). The data are
scikit-learn's bundled tables and digits and draws from its generators with fixed seeds, chosen to be
of different kinds: tables with features on different scales, small images, touching classes lifted
non-linearly into 50-D, imbalanced classes, a noisy many-class set. None of them is tuned to.
"""
import gzip
import json
import os
import sys

import numpy as np
from sklearn import datasets
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score as nmi
from sklearn.preprocessing import StandardScaler


def lifted(points, width, seed):
    """Lifts low-dimensional points into `width` dimensions through a fixed random non-linear map."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(points.shape[1], width))
    b = rng.normal(size=(width, width)) / np.sqrt(width)
    hidden = np.tanh(points @ a)
    return hidden @ b + 0.05 * rng.normal(size=(points.shape[0], width))


def bumps(count, noise, seed):
    """1-D signals of 160 samples: class c has 1 + c % 5 bumps, narrow (c < 5) or wide, spread evenly around
    the circle from a random shift, each bump's height drawn from 0.7–1.3, plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, 160)
    y = rng.integers(0, 10, size=count)
    bumps_per_signal = 1 + (y % 5)
    width = np.where(y >= 5, 0.06, 0.025)
    shift = rng.uniform(0, 1, size=count)
    x = np.zeros((count, 160))
    for i in range(count):
        for j in range(bumps_per_signal[i]):
            centre = (shift[i] + j / bumps_per_signal[i]) % 1.0
            distance = np.minimum(np.abs(t - centre), 1 - np.abs(t - centre))
            x[i] += rng.uniform(0.7, 1.3) * np.exp(-0.5 * (distance / width[i]) ** 2)
    x += noise * rng.normal(size=x.shape)
    return x, y


def sets(mnist_csv):
    out = {}
    for name, loader in [("iris", datasets.load_iris), ("wine", datasets.load_wine),
                         ("breast-cancer", datasets.load_breast_cancer), ("digits", datasets.load_digits)]:
        bunch = loader()
        out[name] = (bunch.data, bunch.target)
    # Six touching classes in 4-D, lifted non-linearly to 50-D (3,000 points).
    x, y = datasets.make_blobs(n_samples=3000, centers=6, n_features=4, cluster_std=1.6, center_box=(-6, 6), random_state=11)
    out["touching-50d"] = (lifted(x, 50, 11), y)
    # Five classes of 2,000, 1,000, 500, 250 and 125 points in 8-D (the smallest 3 %), neighbours touching.
    x, y = datasets.make_blobs(n_samples=[2000, 1000, 500, 250, 125], n_features=8, cluster_std=2.2,
                               center_box=(-5, 5), random_state=12)
    out["imbalanced-8d"] = (x, y)
    # make_classification: 4 classes, 20 features of which 6 informative, features of different scales.
    x, y = datasets.make_classification(n_samples=2000, n_features=20, n_informative=6, n_redundant=4, n_classes=4,
                                        n_clusters_per_class=1, class_sep=1.5, random_state=13)
    x = x * np.geomspace(0.01, 100, x.shape[1])
    out["classification-scaled"] = (x, y)
    # 1-D signals: 10 classes, 2,000 noisy waveforms (128 samples) at random shifts, which raw k-means
    # cannot align.
    rng = np.random.default_rng(14)
    t = np.linspace(0, 1, 128)
    y = rng.integers(0, 10, size=2000)
    shift = rng.uniform(0, 1, size=2000)
    freq = 1 + (y % 5)
    shape = (y >= 5)
    phase = 2 * np.pi * (freq[:, None] * (t[None, :] + shift[:, None]))
    x = np.where(shape[:, None], np.sign(np.sin(phase)), np.sin(phase)) + 0.5 * rng.normal(size=(2000, 128))
    out["signals-1d"] = (x, y)
    # Harder 1-D signals: 10,000 waveforms of 160 samples, 10 classes (1–5 bumps, narrow or wide) at random
    # shifts with amplitude jitter, under noise so strong that raw k-means reaches NMI 0.16.
    out["signals-hard"] = bumps(10000, noise=1.7, seed=71)
    if mnist_csv:
        with gzip.open(mnist_csv, "rt") as handle:
            table = np.loadtxt(handle, delimiter=",")
        out["mnist-5k"] = (table[:, :-1], table[:, -1])
    return out


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    summary = {}
    for name, (x, y) in sets(sys.argv[2] if len(sys.argv) > 2 else None).items():
        x = np.asarray(x, dtype=np.float64 if name not in ("digits", "mnist-5k") else np.int64)
        if name == "mnist-5k":
            x = x.astype(np.uint8)
        np.save(os.path.join(folder, f"{name}_X.npy"), x)
        np.save(os.path.join(folder, f"{name}_y.npy"), np.asarray(y, dtype=np.int64))
        k = len(np.unique(y))
        scores = {}
        for label, data in [("raw", x.astype(np.float64)), ("standardised", StandardScaler().fit_transform(x.astype(np.float64)))]:
            runs = [nmi(y, KMeans(k, n_init=10, random_state=s).fit_predict(data)) for s in (1, 2, 3)]
            scores[label] = float(np.mean(runs))
        summary[name] = {"samples": int(x.shape[0]), "features": int(x.shape[1]), "classes": int(k), **scores}
        print(f"{name:24s} {x.shape[0]:6d} × {x.shape[1]:4d}  k={k:2d}  k-means raw {scores['raw']:.3f}  standardised {scores['standardised']:.3f}", flush=True)
    with open(os.path.join(folder, "kmeans.json"), "w") as handle:
        json.dump(summary, handle, indent=1)


if __name__ == "__main__":
    main()
