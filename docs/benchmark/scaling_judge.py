#!/usr/bin/env python3
"""A candidate scaling rule, measured offline (docs/benchmark.md, *Scaling, looked at again and left*).

Since 0.5.0 the rule is `--scaling auto`'s scaling check (Sources/Training/Decision/ScalingCheck.swift,
docs/benchmark.md, *The scaling check*): the same sums, with the margin of 0.02 per cluster and only for
tables whose spreads lie within 200×. From 0.9.0 the sums decided only when the views' contrasts tied
(docs/benchmark.md, *The scaling check's contrast*), and since 0.10.0 not at all: a tie is standardised
(*Ties of the scaling check*). This script does not compute the contrasts; it is kept for the record. Its k-means is the tool's, so its sums differ from these where the
two k-means land in different optima (tissue-genes).

Usage: scaling_judge.py DATA_DIR [--half dev|held-out]

For every table of the half (not pixels: the unit rule stays), k-means (10 restarts) on the shared view
(centred, one common spread: the same geometry as raw) and on the standardised view; each labelling's
normalised cut on both views' 10-nearest-neighbour graphs (≤ 3,000 samples, symmetric), summed; the lower
sum picks the scaling. Prints the spread ratio (largest over smallest feature standard deviation), what
`--scaling auto`'s spread rule chooses today (its unit rule for integer tables on one scale aside), the pick, and each view's k-means NMI (labels used only to score).
"""
import argparse

import numpy as np
import scipy.sparse as sparse
from sklearn.cluster import KMeans
from sklearn.metrics import normalized_mutual_info_score
from sklearn.neighbors import NearestNeighbors

from manifest import read_manifest

NEIGHBOURS = 10
SAMPLE_CAP = 3_000
SHARED_RATIO = 10  # AutoScaling.sharedScaleRatio


def neighbour_graph(points, seed=0):
    """The sampled rows and their symmetric k-nearest-neighbour adjacency."""
    rows = np.arange(len(points))
    if len(points) > SAMPLE_CAP:
        rows = np.sort(np.random.default_rng(seed).choice(len(points), SAMPLE_CAP, replace=False))
    _, neighbours = NearestNeighbors(n_neighbors=NEIGHBOURS + 1).fit(points[rows]).kneighbors(points[rows])
    n = len(rows)
    edges = sparse.coo_matrix(
        (np.ones(n * NEIGHBOURS), (np.repeat(np.arange(n), NEIGHBOURS), neighbours[:, 1:].ravel())), shape=(n, n)).tocsr()
    return rows, ((edges + edges.T) > 0).astype(float)


def normalised_cut(labels, graph):
    """Σ over clusters of (edges leaving the cluster) / (edges touching it)."""
    rows, adjacency = graph
    labels = labels[rows]
    degree = np.asarray(adjacency.sum(1)).ravel()
    total = 0.0
    for cluster in np.unique(labels):
        members = labels == cluster
        volume = degree[members].sum()
        if volume > 0:
            total += (volume - adjacency[members][:, members].sum()) / volume
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--half", default="dev", choices=["dev", "held-out"])
    arguments = parser.parse_args()
    print("| data set | spread ratio | auto today | judged pick | k-means NMI shared / standardised |\n|---|---|---|---|---|")
    for row in read_manifest():
        if row["half"] != arguments.half or row["kind"] == "images":
            continue
        features = np.load(f"{arguments.data}/{row['name']}_X.npy").astype(np.float64)
        truth = np.load(f"{arguments.data}/{row['name']}_y.npy")
        k = int(row["k"])
        spreads = features.std(0)
        varying = spreads[spreads > 0]
        ratio = varying.max() / varying.min()
        shared = features - features.mean(0)
        standardised = shared / np.where(spreads > 0, spreads, 1)
        graphs = neighbour_graph(shared), neighbour_graph(standardised)
        on_shared = KMeans(k, n_init=10, random_state=0).fit_predict(shared)
        on_standardised = KMeans(k, n_init=10, random_state=0).fit_predict(standardised)
        shared_sum = sum(normalised_cut(on_shared, graph) for graph in graphs)
        standardised_sum = sum(normalised_cut(on_standardised, graph) for graph in graphs)
        pick = "standardize" if standardised_sum < shared_sum else "shared"
        today = "shared" if ratio <= SHARED_RATIO else "standardize"
        print(f"| {row['name']} | {ratio:.1f}× | {today} | {pick} ({shared_sum:.2f} / {standardised_sum:.2f}) | "
              f"{normalized_mutual_info_score(truth, on_shared):.3f} / {normalized_mutual_info_score(truth, on_standardised):.3f} |")


if __name__ == "__main__":
    main()
