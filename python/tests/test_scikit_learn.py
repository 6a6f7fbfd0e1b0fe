"""DCN is a scikit-learn clusterer: `check_estimator` passes, and clone, get_params/set_params and a
Pipeline work. Without scikit-learn, DCN keeps the same protocol through its stand-in base classes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import blobs

sklearn = pytest.importorskip("sklearn", minversion="1.6", reason="scikit-learn 1.6 or later is not installed")

from sklearn.base import clone  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.estimator_checks import check_estimator  # noqa: E402

from dcn_report import DCN  # noqa: E402

#: Tiny settings: check_estimator fits some 60 times.
TINY = dict(hidden=(8,), latent_dim=2, pretrain_epochs=2, epochs=2, batch_size=16, verbose=False)

_K_IS_ONE = ("sets n_clusters=1, and dcn-report's engine clusters into k >= 2 (DCN refuses k = 1 with a ValueError); "
             "test_scikit_learn.py checks the same property with k = 2")
#: Checks that set n_clusters=1 before fitting; each property is tested below with k = 2 instead.
EXPECTED_FAILURES = {
    "check_dont_overwrite_parameters": _K_IS_ONE,
    "check_methods_subset_invariance": _K_IS_ONE,
    "check_fit2d_1feature": _K_IS_ONE,
    "check_fit2d_predict1d": _K_IS_ONE,
}
#: Checks that must pass: never expected to fail.
MUST_PASS = ("check_clustering", "check_fit_idempotent", "check_estimators_pickle", "check_n_features_in",
             "check_n_features_in_after_fitting")


@pytest.fixture(autouse=True)
def engine(dcn_report, monkeypatch):
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)


@pytest.fixture
def data():
    points, truth, _ = blobs(samples_per_class=15, classes=3, dimensions=4)
    return points, truth


def test_check_estimator_passes():
    assert not set(MUST_PASS) & set(EXPECTED_FAILURES)
    results = check_estimator(DCN(n_clusters=3, **TINY), expected_failed_checks=EXPECTED_FAILURES, on_fail=None,
                              on_skip=None)
    outcome = {result["check_name"]: result["status"] for result in results}
    failed = {result["check_name"]: repr(result["exception"]) for result in results if result["status"] == "failed"}
    assert not failed, failed
    assert all(outcome.get(name) == "passed" for name in MUST_PASS), {name: outcome.get(name) for name in MUST_PASS}
    assert all(outcome[name] == "xfail" for name in EXPECTED_FAILURES)


def test_clone_gives_an_unfitted_copy_with_the_same_parameters(data):
    model = DCN(n_clusters=3, clustering_weight=0.5, random_state=2, **TINY).fit(data[0])
    copy = clone(model)
    assert copy.get_params() == model.get_params() and copy is not model
    assert not hasattr(copy, "labels_") and hasattr(model, "labels_")


def test_get_params_and_set_params_round_trip():
    model = DCN(n_clusters=3, hidden=(16, 8), keep_better=False)
    params = model.get_params()
    assert params["hidden"] == (16, 8) and params["keep_better"] is False and params["epochs"] is None
    assert DCN().set_params(**params).get_params() == params
    assert model.set_params(epochs=5, start="kmeans") is model and model.epochs == 5 and model.start == "kmeans"
    with pytest.raises(ValueError, match="Invalid parameter 'lamda'"):
        model.set_params(lamda=1)
    assert "clustering_weight" in repr(DCN(clustering_weight=0.5)) and "epochs" not in repr(DCN(clustering_weight=0.5))


def test_a_pipeline_scales_then_clusters(data):
    points, truth = data
    pipeline = Pipeline([("scale", StandardScaler()), ("dcn", DCN(n_clusters=3, random_state=0, **TINY))])
    labels = pipeline.fit_predict(points * 1000.0 + 5.0)
    assert labels.shape == truth.shape and set(np.unique(labels)) <= {0, 1, 2}
    assert np.array_equal(pipeline.predict(points * 1000.0 + 5.0), pipeline.named_steps["dcn"].predict(
        pipeline.named_steps["scale"].transform(points * 1000.0 + 5.0)))
    assert pipeline.transform(points).shape == (points.shape[0], 2)


# The properties of the checks that set n_clusters=1, with k = 2.

def test_predict_and_transform_are_the_same_on_subsets(data):
    model = DCN(n_clusters=2, random_state=1, **TINY).fit(data[0])
    whole_labels, whole_codes = model.predict(data[0]), model.transform(data[0])
    halves = np.array_split(np.arange(len(data[0])), 3)
    assert np.array_equal(np.concatenate([model.predict(data[0][part]) for part in halves]), whole_labels)
    assert np.allclose(np.concatenate([model.transform(data[0][part]) for part in halves]), whole_codes, atol=1e-6)


def test_fit_sets_only_private_and_trailing_underscore_attributes(data):
    model = DCN(n_clusters=2, **TINY)
    before = dict(vars(model))
    model.fit(data[0])
    added = set(vars(model)) - set(before)
    assert all(name.endswith("_") or name.startswith("_") for name in added), added
    assert all(vars(model)[name] is value for name, value in before.items())


def test_one_feature_fits_and_1d_input_to_predict_is_refused(data):
    model = DCN(n_clusters=2, random_state=0, **TINY).fit(data[0][:, :1])
    assert model.n_features_in_ == 1 and model.labels_.shape == (len(data[0]),)
    with pytest.raises(ValueError, match="X must be 2-D"):
        model.predict(data[0][:, 0])


def test_without_scikit_learn_dcn_keeps_the_protocol(dcn_report, tmp_path):
    """In a process where scikit-learn cannot be imported, DCN uses its stand-in base classes."""
    script = tmp_path / "no_sklearn.py"
    script.write_text(
        "import sys\n"
        "sys.modules['sklearn'] = None  # import sklearn now raises ImportError\n"
        "import numpy as np\n"
        "from dcn_report import DCN\n"
        "from dcn_report._estimator_base import SCIKIT_LEARN\n"
        "assert not SCIKIT_LEARN\n"
        "model = DCN(n_clusters=2, hidden=(4,), latent_dim=2, pretrain_epochs=1, epochs=1, verbose=False)\n"
        "assert model.get_params()['hidden'] == (4,) and model.set_params(epochs=2).epochs == 2\n"
        "assert repr(model).startswith('DCN(') and 'epochs=2' in repr(model)\n"
        "points = np.random.default_rng(0).normal(size=(30, 3)); points[:15] += 5\n"
        "assert model.fit_predict(points).shape == (30,) and model.fit_transform(points).shape == (30, 2)\n"
        "try:\n"
        "    DCN().predict(points)\n"
        "except ValueError as error:\n"
        "    assert 'not fitted' in str(error)\n"
        "print('ok')\n")
    environment = dict(os.environ, DCN_REPORT_BIN=dcn_report, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
