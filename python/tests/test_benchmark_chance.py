"""The benchmark's permutation test (docs/benchmark/chance.py), which decides how docs/benchmark.md groups
the runs below half their set's k-means NMI, and score.py's grouping by it."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from conftest import REPOSITORY

sys.path.insert(0, str(REPOSITORY / "docs" / "benchmark"))
import chance  # noqa: E402  (scikit-learn, which `make python-test` installs)
import score  # noqa: E402


def test_a_labelling_equal_to_the_classes_is_beyond_every_shuffle():
    classes = np.repeat([0, 1, 2], 40)
    result = chance.permutation_test(classes, [classes], permutations=200, seed=0)
    assert result["nmi"] == pytest.approx(1.0)
    assert result["p"] == pytest.approx(1 / 201)  # no shuffle reaches it: the smallest p the test gives
    assert result["chance_99th_percentile"] < 0.2


def test_a_labelling_drawn_apart_from_the_classes_is_within_chance():
    rng = np.random.default_rng(7)
    classes = np.repeat([0, 1], 150)
    unrelated = rng.integers(0, 2, size=300)
    result = chance.permutation_test(classes, [unrelated], permutations=500, seed=0)
    assert result["p"] >= score.CHANCE_P
    assert result["nmi"] <= result["chance_99th_percentile"]


def test_a_weak_real_grouping_is_told_from_chance():
    # 1,000 samples whose labelling agrees with the classes on 60 % of them: NMI about 0.03, far above
    # what shuffles of 1,000 samples give (about 0.001).
    rng = np.random.default_rng(3)
    classes = rng.integers(0, 2, size=1000)
    labelling = np.where(rng.random(1000) < 0.6, classes, 1 - classes)
    result = chance.permutation_test(classes, [labelling], permutations=500, seed=0)
    assert result["nmi"] < 0.1
    assert result["p"] < score.CHANCE_P


def test_the_mean_over_labellings_is_what_is_tested():
    classes = np.repeat([0, 1], 50)
    exact, unrelated = classes.copy(), np.tile([0, 1], 50)
    alone = chance.permutation_test(classes, [exact], permutations=100, seed=1)
    together = chance.permutation_test(classes, [exact, unrelated], permutations=100, seed=1)
    assert together["nmi"] == pytest.approx((1.0 + 0.0) / 2, abs=1e-9)
    assert together["nmi"] < alone["nmi"]


def test_runs_are_grouped_by_their_sets_p_value():
    tested = {"clear": {"p": 0.001}, "flat": {"p": 0.5}, "edge": {"p": score.CHANCE_P}}
    assert score.chance_group(tested, "clear") == "beyond"
    assert score.chance_group(tested, "flat") == "within"
    assert score.chance_group(tested, "edge") == "within"  # p at the threshold is not beyond it
    assert score.chance_group(tested, "missing") == "untested"
    assert score.chance_group(None, "clear") == "untested"
