"""The numpy k-means the helpers use when a model has no centres."""

from __future__ import annotations

import numpy as np

from conftest import blobs
from dcn_report import kmeans, scores


def test_kmeans_recovers_separated_blobs():
    points, truth, _ = blobs(samples_per_class=100, classes=5, dimensions=4)
    assignments, centers = kmeans(points, 5, seed=1)
    assert scores(assignments, truth) == {"nmi": 1.0, "ari": 1.0, "acc": 1.0}
    assert assignments.dtype == np.int32 and centers.shape == (5, 4) and centers.dtype == np.float32


def test_kmeans_is_deterministic_for_a_seed():
    points, _, _ = blobs(samples_per_class=50, classes=4, spread=3.0)
    first, second = kmeans(points, 4, seed=3), kmeans(points, 4, seed=3)
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])


def test_assignments_belong_to_the_returned_centres_even_when_iterations_run_out():
    points, _, _ = blobs(samples_per_class=70, classes=4, spread=4.0)
    for restarts in (1, 3):
        assignments, centers = kmeans(points, 4, iterations=1, restarts=restarts, seed=0)
        distances = ((points[:, None, :] - centers[None].astype(np.float64)) ** 2).sum(-1)
        assert np.array_equal(assignments, distances.argmin(1))


def test_bad_kmeans_arguments_are_named():
    import pytest
    points, _, _ = blobs()
    with pytest.raises(ValueError, match=r"^iterations: must be at least 1"):
        kmeans(points, 3, iterations=0)
    with pytest.raises(ValueError, match=r"^k: 500 clusters for only 180 points"):
        kmeans(points, 500)
