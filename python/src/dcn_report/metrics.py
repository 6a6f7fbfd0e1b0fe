"""External clustering metrics (NMI, ARI, ACC) with numpy alone.

The formulas, and their values in degenerate cases, are those of dcn-report's Swift `Scoring` module
(and scikit-learn's), so a run written from Python and one written by `dcn-report train` are scored
the same way: the values agree to 1e-9 on the same arrays.
"""

from __future__ import annotations

from typing import Dict, Tuple

import numpy as np

from ._hungarian import maximum_weight_matching


def tabulate(predicted: np.ndarray, truth: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contingency table, and each sample's row (cluster) and column (class) in it.

    Rows follow the distinct cluster ids in ascending order, columns the distinct class ids.

    Returns:
        `(table, rows, columns)`: int64 (distinct clusters, distinct classes), and two (N,) index arrays.
    """
    predicted = np.asarray(predicted).ravel()
    truth = np.asarray(truth).ravel()
    if predicted.shape != truth.shape:
        raise ValueError(f"predicted: {predicted.size} values for {truth.size} labels")
    _, rows = np.unique(predicted, return_inverse=True)
    _, columns = np.unique(truth, return_inverse=True)
    rows, columns = rows.ravel(), columns.ravel()
    table = np.zeros((rows.max(initial=-1) + 1, columns.max(initial=-1) + 1), dtype=np.int64)
    np.add.at(table, (rows, columns), 1)
    return table, rows, columns


def contingency_table(predicted: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Counts of samples per (predicted cluster, true class) pair: `tabulate(predicted, truth)[0]`.

    Args:
        predicted: Cluster per sample, shape (N,).
        truth: Class per sample, shape (N,).

    Returns:
        An int64 array of shape (distinct clusters, distinct classes).
    """
    return tabulate(predicted, truth)[0]


def _entropy(sizes: np.ndarray, n: float) -> float:
    p = sizes[sizes > 0].astype(np.float64) / n
    return float(-(p * np.log(p)).sum())


def nmi(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Normalised mutual information, arithmetic-mean normalisation (scikit-learn's default).

    1 when both partitions have one block; 0 when only one of them does.
    """
    table = contingency_table(predicted, truth)
    n = float(table.sum())
    if n == 0:
        return 1.0
    if table.shape[0] == table.shape[1] and table.shape[1] <= 1:
        return 1.0
    rows = table.sum(axis=1).astype(np.float64)
    columns = table.sum(axis=0).astype(np.float64)
    i, j = np.nonzero(table)
    counts = table[i, j].astype(np.float64)
    mutual = float((counts / n * np.log(counts * n / (rows[i] * columns[j]))).sum())
    normaliser = (_entropy(rows, n) + _entropy(columns, n)) / 2
    if normaliser <= 0:
        return 0.0
    return min(max(mutual / normaliser, 0.0), 1.0)


def ari(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Adjusted Rand index (Hubert & Arabie, 1985); 1 when both partitions are identical."""
    table = contingency_table(predicted, truth)
    n = float(table.sum())
    if n <= 1:
        return 1.0

    def pairs(x: np.ndarray) -> float:
        x = np.asarray(x, dtype=np.float64)
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    a = pairs(table.sum(axis=1))
    b = pairs(table.sum(axis=0))
    expected = a * b / (n * (n - 1) / 2)
    maximum = (a + b) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def acc(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Accuracy under the best one-to-one cluster-to-class matching (Hungarian method)."""
    table = contingency_table(predicted, truth)
    total = int(table.sum())
    if total == 0:
        return 1.0
    matching = maximum_weight_matching(table)
    agreeing = sum(int(table[row, column]) for row, column in enumerate(matching) if column is not None)
    return agreeing / total


def scores(predicted: np.ndarray, truth: np.ndarray) -> Dict[str, float]:
    """NMI, ARI and ACC of `predicted` against `truth`, as `{"nmi": …, "ari": …, "acc": …}`."""
    return {"nmi": nmi(predicted, truth), "ari": ari(predicted, truth), "acc": acc(predicted, truth)}
