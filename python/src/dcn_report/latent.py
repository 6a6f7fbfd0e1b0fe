"""Numpy tools for the helpers: relative reconstruction error, nearest centres and k-means."""

from __future__ import annotations

from typing import Optional, Tuple

import numpy as np

from ._arrays import finite_number, real_matrix, whole_number


def total_variance(data) -> float:
    """V = Σ_j Var(x_j): the sum of the per-feature variances of `data` (N, D)."""
    x = real_matrix("data", data, dtype="<f8")
    return float(x.var(axis=0).sum())


def reconstruction_error(data, reconstruction, variance: Optional[float] = None) -> float:
    """The mean relative reconstruction error ‖x − g(f(x))‖²/V per sample, as dcn-report records it.

    On standardised data V = D, so this equals the mean squared error per element (PyTorch's
    `MSELoss()`); on other data it is that MSE times D/V.

    Args:
        data: The inputs x, shape (N, D).
        reconstruction: g(f(x)), the same shape.
        variance: V, when already known (default: `total_variance(data)`).
    """
    x = real_matrix("data", data, dtype="<f8")
    y = real_matrix("reconstruction", reconstruction, rows=x.shape[0], columns=x.shape[1], dtype="<f8")
    if variance is None:
        v = total_variance(x)
        if v <= 0:
            raise ValueError("data: has zero variance, so a relative reconstruction error is undefined")
    else:
        v = finite_number("variance", variance)
        if v <= 0:
            raise ValueError(f"variance: must be above 0, got {v:g}")
    return float(((x - y) ** 2).sum(axis=1).mean() / v)


def squared_distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """‖p_i − c_j‖² for every point and centre, in float64, shape (N, k)."""
    p = np.asarray(points, dtype=np.float64)
    c = np.asarray(centers, dtype=np.float64)
    d = (p * p).sum(1)[:, None] - 2 * p @ c.T + (c * c).sum(1)[None, :]
    return np.maximum(d, 0)


def nearest_centers(points, centers) -> np.ndarray:
    """Each point's nearest centre (int32, shape (N,)); ties go to the lower index."""
    return squared_distances(points, centers).argmin(axis=1).astype(np.int32)


def kmeans(points, k: int, *, restarts: int = 10, iterations: int = 300, seed: int = 0) -> Tuple[np.ndarray, np.ndarray]:
    """k-means++ seeding and Lloyd iterations, the best of `restarts` runs by inertia; deterministic.

    Args:
        points: Shape (N, d).
        k: Clusters.
        restarts: Independent runs; the one with the lowest sum of squared distances wins.
        iterations: At most this many Lloyd steps per run.
        seed: Seeds numpy's generator, so the same inputs give the same result.

    Returns:
        `(assignments, centers)`: int32 (N,) and float32 (k, d).
    """
    x = real_matrix("points", points, dtype="<f8")
    k = whole_number("k", k, minimum=1)
    iterations = whole_number("iterations", iterations, minimum=1)
    if k > x.shape[0]:
        raise ValueError(f"k: {k} clusters for only {x.shape[0]} points")
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(whole_number("restarts", restarts, minimum=1)):
        centers = _plus_plus(x, k, rng)
        previous = None
        for _ in range(iterations):
            distances = squared_distances(x, centers)
            assignments = distances.argmin(axis=1)
            if previous is not None and np.array_equal(assignments, previous):
                break
            previous = assignments
            # Emptied clusters take the points farthest from their centres, a different one each.
            farthest = iter(np.argsort(-distances.min(axis=1)))
            for j in range(k):
                members = x[assignments == j]
                centers[j] = members.mean(axis=0) if len(members) else x[next(farthest)]
        # The returned assignments belong to the returned centres, also when the iteration cap was hit.
        final = squared_distances(x, centers)
        assignments = final.argmin(axis=1)
        inertia = final.min(axis=1).sum()
        if best is None or inertia < best[0]:
            best = (inertia, assignments.astype(np.int32), centers.astype(np.float32))
    assert best is not None  # restarts >= 1 was checked above
    return best[1], best[2]


def _plus_plus(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    centers = np.empty((k, x.shape[1]))
    centers[0] = x[rng.integers(x.shape[0])]
    closest = squared_distances(x, centers[:1]).ravel()
    for j in range(1, k):
        total = closest.sum()
        index = rng.choice(x.shape[0], p=closest / total) if total > 0 else rng.integers(x.shape[0])
        centers[j] = x[index]
        closest = np.minimum(closest, squared_distances(x, centers[j : j + 1]).ravel())
    return centers
