"""The Hungarian method for the assignment problem, in numpy (no scipy)."""

from __future__ import annotations

from typing import List, Optional

import numpy as np


def minimum_cost_matching(cost: np.ndarray) -> List[Optional[int]]:
    """A minimum-cost matching of rows to columns (Kuhn–Munkres with potentials, O(n³)).

    A rectangular matrix is padded with zero-cost dummy rows or columns.

    Args:
        cost: A (rows, columns) array of costs.

    Returns:
        For each row, its matched column, or None when it was matched to a dummy column.
    """
    cost = np.asarray(cost, dtype=np.float64)
    rows, columns = cost.shape
    if rows == 0 or columns == 0:
        return [None] * rows
    n = max(rows, columns)
    square = np.zeros((n + 1, n + 1))
    square[1 : rows + 1, 1 : columns + 1] = cost
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    owner = np.zeros(n + 1, dtype=np.int64)  # owner[j]: the row matched to column j (1-based, 0 = none)
    way = np.zeros(n + 1, dtype=np.int64)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minimum = np.full(n + 1, np.inf)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = owner[j0]
            free = ~used
            free[0] = False
            reduced = square[i0] - u[i0] - v
            better = free & (reduced < minimum)
            minimum[better] = reduced[better]
            way[better] = j0
            candidates = np.where(free, minimum, np.inf)
            j1 = int(np.argmin(candidates))
            delta = candidates[j1]
            u[owner[used]] += delta
            v[used] -= delta
            minimum[free] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    matching: List[Optional[int]] = [None] * rows
    for j in range(1, columns + 1):
        if 0 < owner[j] <= rows:
            matching[owner[j] - 1] = j - 1
    return matching


def maximum_weight_matching(weights: np.ndarray) -> List[Optional[int]]:
    """A maximum-weight matching of rows to columns: `minimum_cost_matching(-weights)`."""
    return minimum_cost_matching(-np.asarray(weights, dtype=np.float64))
