#!/usr/bin/env python3
"""The scaling check's contrast between the log and the standardised view, offline (docs/benchmark.md,
*The contrast between the log and the standardised view*).

Usage: log_contrast.py dev|held-out RUNS_DIR     (after build.py; DATA_DIR is .build/benchmark/data)

For every set of the half whose seed-1 run in RUNS_DIR was log-scaled (`run.json` `dataset.scaling`; sets
without such a run are skipped),
prints each view's contrast — k-means' normalised cut of the view's symmetric 10-nearest-neighbour graph
(at most 3,000 rows) over the cut k-means makes of the view's reference, its principal-component scores
each shuffled on their own (Sources/Training/Decision/ClusterContrast.swift, re-written here on
scikit-learn's k-means with 10 restarts and seed 1 and scaling_judge.py's graph and cut, so not the tool's
own draws; where rows repeat, its neighbour lists can differ from the tool's) — and each view's k-means
NMI against the classes (labels used only to score). Nothing is downloaded.
"""
import json
import os
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score

from manifest import read_manifest
from scaling_judge import neighbour_graph, normalised_cut

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "benchmark", "data")


def contrast(view, k, seed=1):
    """(k-means' cut of the view over its cut of the shuffled-components reference, k-means' labels). The
    graphs and cuts are scaling_judge.py's (symmetric 10-nearest-neighbour graph of at most 3,000 rows)."""
    labels = KMeans(k, n_init=10, random_state=seed).fit_predict(view)
    graph = neighbour_graph(view, seed)
    rows = graph[0]
    cut = normalised_cut(labels, graph)
    rng = np.random.default_rng(seed)
    centred = view[rows] - view[rows].mean(axis=0)
    scores = centred @ np.linalg.svd(centred, full_matrices=False)[2].T
    for column in range(scores.shape[1]):
        scores[:, column] = scores[rng.permutation(len(scores)), column]
    reference_labels = KMeans(k, n_init=10, random_state=seed).fit_predict(scores)
    return cut / max(normalised_cut(reference_labels, neighbour_graph(scores, seed)), 0.001), labels


def standardized(x):
    spread = x.std(axis=0)
    spread[spread == 0] = 1
    return (x - x.mean(axis=0)) / spread


def main():
    half, runs = sys.argv[1], sys.argv[2]
    for row in read_manifest():
        name = row["name"]
        if row["half"] != half:
            continue
        recording = os.path.join(runs, f"{name}-s1", "run", "run.json")
        if not os.path.exists(recording):  # a set added after RUNS_DIR was trained
            continue
        with open(recording) as handle:
            if json.load(handle)["dataset"].get("scaling") != "log":
                continue
        x = np.load(os.path.join(DATA, f"{name}_X.npy")).astype(np.float64)
        y = np.load(os.path.join(DATA, f"{name}_y.npy"))
        k = int(row["k"])
        log_contrast, log_labels = contrast(standardized(np.log1p(x)), k)
        std_contrast, std_labels = contrast(standardized(x), k)
        print(f"{name:26s} contrast log {log_contrast:.3f} std {std_contrast:.3f}  k-means NMI log "
              f"{normalized_mutual_info_score(y, log_labels):.3f} std {normalized_mutual_info_score(y, std_labels):.3f}",
              flush=True)


if __name__ == "__main__":
    main()
