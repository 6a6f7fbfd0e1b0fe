"""DCN's parameters and the engine's recorded settings match in both directions: every key of a run's
`configuration` has a parameter, every parameter (but the documented extras) is a key, each parameter's
flag sets what the run records, and random_state follows scikit-learn."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from conftest import blobs

from dcn_report import DCN
from dcn_report._seed import resolve_seed
from dcn_report._settings import (BY_KEY, BY_PARAMETER, EXTRA_PARAMETERS, RETIRED_KEYS, SETTINGS, flag_arguments)

#: A value other than every preset's for each parameter, and what run.json then records.
EVERY_PARAMETER = dict(
    n_clusters=3, latent_dim=3, hidden=(7, 5), clustering_weight=0.5, learning_rate=0.002, batch_size=16,
    pretrain_epochs=1, epochs=1, random_state=11, center_count_start=50, reset_counts_each_epoch=True,
    kmeans_restarts=2, activation="tanh", initialization="glorot", assign_before_step=False, start="kmeans",
    optimizer="sgd", pretrain_learning_rate=0.003, momentum=0.5, nesterov=True, weight_decay=0.0001,
    batch_normalization=True, refill_collapsed_clusters=False, keep_better=False, clustering_scale="codes")


@pytest.fixture(autouse=True)
def engine(dcn_report, monkeypatch):
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)


@pytest.fixture(scope="module")
def recorded_keys(dcn_report, tmp_path_factory) -> set[str]:
    """The configuration keys of a tiny synthetic run (with the one optional setting given)."""
    out = tmp_path_factory.mktemp("keys")
    subprocess.run([dcn_report, "train", "--dataset", "synthetic", "--points-per-cluster", "20", "--pretrain-epochs", "1",
                    "--epochs", "1", "--hidden", "8", "--pretrain-learning-rate", "0.001", "--quiet", "--out", str(out)],
                   check=True, capture_output=True)
    return set(json.loads((out / "run/run.json").read_text())["configuration"])


def test_every_recorded_setting_is_a_parameter(recorded_keys):
    missing = sorted(key for key in recorded_keys - set(RETIRED_KEYS) if key not in BY_KEY)
    assert not missing, f"run.json records settings DCN has no parameter for: {missing}"
    assert all(BY_KEY[key].parameter in DCN().get_params() for key in recorded_keys)


def test_every_parameter_is_a_recorded_setting_or_a_documented_extra(recorded_keys):
    for name in DCN().get_params():
        if name in EXTRA_PARAMETERS:
            assert name not in BY_PARAMETER
        else:
            assert name in BY_PARAMETER, f"{name} is neither a setting nor in EXTRA_PARAMETERS"
            assert BY_PARAMETER[name].key in recorded_keys, f"{name} maps to {BY_PARAMETER[name].key}, which runs do not record"
    assert set(EXTRA_PARAMETERS) <= set(DCN().get_params())


def test_every_flag_is_one_train_takes(dcn_report):
    usage = subprocess.run([dcn_report, "train", "--help"], check=True, capture_output=True, text=True).stdout
    for setting in SETTINGS:
        assert f"{setting.flag} " in usage or f"{setting.flag}\n" in usage, setting.flag
    for retired in ("--fresh-optimizer", "--hold-margin"):
        assert retired not in usage


def test_each_parameter_sets_what_the_run_records():
    points, truth, _ = blobs(samples_per_class=20, classes=3, dimensions=4)
    assert set(EVERY_PARAMETER) | set(EXTRA_PARAMETERS) == set(DCN().get_params())
    model = DCN(**EVERY_PARAMETER, verbose=False).fit(points)
    recorded = model.run_.configuration
    for name, value in EVERY_PARAMETER.items():
        key = BY_PARAMETER[name].key
        expected = list(value) if isinstance(value, tuple) else value
        if isinstance(value, float):
            assert recorded[key] == pytest.approx(value, rel=1e-6), key
        else:
            assert recorded[key] == expected, key
    assert model.random_state_ == 11


@pytest.mark.parametrize("name, value, arguments", [
    ("refill_collapsed_clusters", None, []),
    ("refill_collapsed_clusters", True, []),
    ("refill_collapsed_clusters", False, ["--no-refill"]),
    ("nesterov", True, ["--nesterov"]),
    ("nesterov", False, []),
    ("hidden", (100, 50), ["--hidden", "100,50"]),
    ("clustering_weight", 0.25, ["--lambda", "0.25"]),
    ("n_clusters", np.int64(4), ["--clusters", "4"]),
])
def test_switches_pass_their_flag_only_against_the_default(name, value, arguments):
    assert flag_arguments(BY_PARAMETER[name], value) == arguments


@pytest.mark.parametrize("name, value, message", [
    ("nesterov", "yes", "nesterov must be True, False or None"),
    ("batch_size", 2.5, "batch_size must be a whole number"),
    ("hidden", 100, "hidden must be a sequence of layer widths"),
])
def test_bad_parameter_values_name_the_parameter(name, value, message):
    with pytest.raises(ValueError, match=message):
        flag_arguments(BY_PARAMETER[name], value)


def test_the_papers_method_refuses_what_it_fixes():
    points, _, _ = blobs(samples_per_class=10, classes=2, dimensions=3)
    with pytest.raises(ValueError, match="method='paper' fixes refill_collapsed_clusters"):
        DCN(n_clusters=2, method="paper", refill_collapsed_clusters=True).fit(points)


def test_random_state_follows_scikit_learn():
    assert resolve_seed(7) == 7 and resolve_seed(np.int32(7)) == 7
    np.random.seed(3)
    first = resolve_seed(None)
    np.random.seed(3)
    assert resolve_seed(None) == first, "None draws from numpy's global random state"
    assert resolve_seed(np.random.RandomState(5)) == resolve_seed(np.random.RandomState(5))
    generator = np.random.default_rng(5)
    assert resolve_seed(generator) != resolve_seed(generator), "a generator is advanced by each draw"
    for bad in (-1, 1.5, "0", True):
        with pytest.raises(ValueError, match="random_state"):
            resolve_seed(bad)


def test_the_seed_used_is_random_state_():
    points, _, _ = blobs(samples_per_class=10, classes=2, dimensions=3)
    small = dict(n_clusters=2, hidden=(4,), pretrain_epochs=1, epochs=1, verbose=False)
    model = DCN(random_state=np.random.RandomState(0), **small).fit(points)
    assert model.random_state_ == np.random.RandomState(0).randint(np.iinfo(np.int32).max)
    assert model.run_.configuration["seed"] == model.random_state_
