"""Which samples a report's galleries show, chosen as dcn-report's own recorder chooses them.

Image data: per cluster the members nearest its centre, a random sample of its members and its least
certain members (smallest margin between the nearest and second-nearest centre); per class the
members placed in a cluster matched to another class, most confident first. Tabular data: each
cluster's mean of every standardised feature. See `gallery/` in docs/recording-format.md.
"""

from __future__ import annotations

from typing import Optional, Tuple

import numpy as np

from ._hungarian import maximum_weight_matching
from .metrics import tabulate

#: Samples per group, as in dcn-report.
PER_GROUP = 8


def _order(keys: np.ndarray, indices: np.ndarray, descending: bool = False) -> np.ndarray:
    """`indices` sorted by (key, index), both ascending or both descending."""
    order = np.lexsort((indices, keys))
    return indices[order[::-1]] if descending else indices[order]


def select_samples(latent: np.ndarray, centers: np.ndarray, assignments: np.ndarray, labels: Optional[np.ndarray],
                   rng: np.random.Generator) -> Tuple[np.ndarray, Optional[np.ndarray], np.ndarray]:
    """The gallery's samples for one epoch.

    Returns:
        `members` int32 (k, 3, 8): nearest the centre, random, least certain, −1 padded;
        `misplaced` int32 (classes, 8) or None without labels; `samples`: every selected index once, ascending.
    """
    n, k, m = latent.shape[0], centers.shape[0], PER_GROUP
    z, c = latent.astype(np.float64), centers.astype(np.float64)
    # Direct differences, not latent.squared_distances's expansion: near-ties then order as dcn-report orders them.
    distances = ((z[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
    own = distances[np.arange(n), assignments]  # a kept start partition may not be the nearest centre
    ranked = np.sort(distances, axis=1)
    margin = ranked[:, 1] - ranked[:, 0] if k > 1 else np.zeros(n)
    members = np.full((k, 3, m), -1, dtype=np.int32)
    for cluster in range(k):
        indices = np.flatnonzero(assignments == cluster)
        groups = (_order(own[indices], indices)[:m], np.sort(rng.permutation(indices)[:m]), _order(margin[indices], indices)[:m])
        for group, picked in enumerate(groups):
            members[cluster, group, : len(picked)] = picked
    misplaced = None
    if labels is not None:
        table, rows, columns = tabulate(assignments, labels)
        matched = np.full(table.shape[0], -1)
        for row, column in enumerate(maximum_weight_matching(table)):
            if column is not None:
                matched[row] = column
        misplaced = np.full((table.shape[1], m), -1, dtype=np.int32)
        for column in range(table.shape[1]):
            wrong = np.flatnonzero((columns == column) & (matched[rows] != column))
            picked = _order(margin[wrong], wrong, descending=True)[:m]
            misplaced[column, : len(picked)] = picked
    chosen = np.concatenate([members.ravel()] + ([misplaced.ravel()] if misplaced is not None else []))
    return members, misplaced, np.unique(chosen[chosen >= 0]).astype(np.int32)


def standardised_means(inputs: np.ndarray, assignments: np.ndarray, k: int) -> np.ndarray:
    """Each cluster's mean of every feature standardised over all samples (0 for a constant feature or an
    empty cluster), float32 (k, D)."""
    x = inputs.astype(np.float64)
    mean = x.mean(axis=0)
    deviation = np.sqrt(np.maximum((x * x).mean(axis=0) - mean * mean, 0))
    means = np.zeros((k, x.shape[1]))
    for cluster in range(k):
        rows = assignments == cluster
        if rows.any():
            means[cluster] = np.divide(x[rows].mean(axis=0) - mean, deviation, out=np.zeros(x.shape[1]), where=deviation > 0)
    return means.astype("<f4")
