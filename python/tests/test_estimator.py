"""`dcn_report.DCN` runs dcn-report's engine: its labelling is the CLI's, predict and transform agree with
the recording, the same seed gives the same labels, and bad input gets one clear line."""

from __future__ import annotations

import gc
import json
import pickle
import subprocess
from pathlib import Path

import numpy as np
import pytest

from conftest import blobs

from dcn_report import DCN, EngineError

SMALL = dict(hidden=(16,), latent_dim=2, pretrain_epochs=3, epochs=3, batch_size=32)


@pytest.fixture(autouse=True)
def engine(dcn_report, monkeypatch):
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)
    return dcn_report


@pytest.fixture
def data():
    points, truth, _ = blobs(samples_per_class=40, classes=3, dimensions=6)
    return points, truth


def test_labels_are_the_command_lines_run(data, tmp_path, dcn_report):
    points, _ = data
    model = DCN(n_clusters=3, random_state=4, **SMALL).fit(points)
    np.save(tmp_path / "X.npy", points)
    subprocess.run([dcn_report, "train", "--dataset", str(tmp_path / "X.npy"), "--clusters", "3", "--seed", "4", "--hidden", "16",
                    "--latent-dim", "2", "--pretrain-epochs", "3", "--epochs", "3", "--batch-size", "32", "--quiet",
                    "--out", str(tmp_path / "cli")], check=True, capture_output=True)
    run = json.loads((tmp_path / "cli/run/run.json").read_text())
    cli = np.load(tmp_path / "cli/run" / run["epochs"][-1]["path"] / "assignments.npy")
    assert model.labels_.tobytes() == cli.tobytes()
    assert model.n_features_in_ == 6 and model.cluster_centers_.shape == (3, 2) and model.random_state_ == 4


def test_predict_and_transform_agree_with_the_recording(data):
    points, truth = data
    # keep_better=False: the run's labelling is DCN's own, which predict reproduces exactly.
    model = DCN(n_clusters=3, random_state=1, keep_better=False, **SMALL).fit(points, truth)
    run = json.loads(open(f"{model.run_dir_}/run.json").read())
    assert run["outcome"]["kept"] == "dcn"
    assert np.array_equal(model.predict(points), model.labels_)
    latent = np.load(f"{model.run_dir_}/{run['epochs'][-1]['path']}/latent.npy")
    codes = model.transform(points)
    assert codes.shape == latent.shape and np.allclose(codes, latent, atol=1e-4)


def test_y_never_reaches_training_and_a_seed_repeats(data):
    points, truth = data
    without = DCN(n_clusters=3, random_state=2, **SMALL).fit(points).labels_
    with_labels = DCN(n_clusters=3, random_state=2, **SMALL).fit(points, truth).labels_
    again = DCN(n_clusters=3, random_state=2, **SMALL).fit_predict(points)
    assert np.array_equal(without, with_labels) and np.array_equal(without, again)


def test_parameters_follow_scikit_learn(data):
    model = DCN(n_clusters=3, clustering_weight=0.5)
    assert model.get_params()["clustering_weight"] == 0.5 and "labels_" not in model.get_params()
    assert model.set_params(epochs=2).epochs == 2
    with pytest.raises(ValueError, match="Invalid parameter 'lamda'"):
        model.set_params(lamda=1)
    with pytest.raises(ValueError, match="not fitted"):
        model.predict(data[0])


class _Sparse:
    """Stands for a scipy sparse matrix (the check knows one by `tocsr` and `nnz`)."""

    nnz = 0

    def tocsr(self):
        return self


@pytest.mark.parametrize("bad, message", [
    (lambda x, y: (np.where(np.arange(x.size).reshape(x.shape) == 7, np.nan, x), None),
     "^X has NaN or infinite values \\(1; first at row 1, column 1: nan\\)"),
    (lambda x, y: (x.reshape(2, 60, 6), None), "^X must be 2-D \\(samples × features\\), got 3-D with shape \\(2, 60, 6\\)"),
    (lambda x, y: (x[:, 0], None), "^X must be 2-D .* one feature\\? X.reshape\\(-1, 1\\)"),
    (lambda x, y: (x[:, :0], None), "^X has 0 feature\\(s\\)"),
    (lambda x, y: (x[:1], None), "^X has 1 sample\\(s\\)"),
    (lambda x, y: (x + 1j, None), "^X: Complex data not supported"),
    (lambda x, y: (_Sparse(), None), "^X is a sparse matrix .* X.toarray\\(\\)"),
    (lambda x, y: (x, y[:-1]), "^y must have one label per sample of X \\(120\\), got shape \\(119,\\)"),
    (lambda x, y: (x, np.array(["a", "b", "c"] * 40)), "^y must hold integer class ids, got text labels; .*np.unique\\(y, return_inverse=True\\)"),
    (lambda x, y: (x, y + 0.5), "^y must hold integer class ids, got dtype float64"),
])
def test_bad_input_gets_one_line_naming_it(data, bad, message):
    X, y = bad(*data)
    with pytest.raises(ValueError, match=message) as raised:
        DCN(n_clusters=3, **SMALL).fit(X, y)
    assert "\n" not in str(raised.value)


def test_n_clusters_beyond_the_samples_or_missing(data):
    with pytest.raises(ValueError, match="^n_clusters must be 2 to the 120 samples, got 500$"):
        DCN(n_clusters=500).fit(data[0])
    with pytest.raises(ValueError, match="^n_clusters is needed when no y is given"):
        DCN().fit(data[0])


def test_predict_checks_the_fitted_width(data):
    model = DCN(n_clusters=3, random_state=0, **SMALL).fit(data[0])
    with pytest.raises(ValueError, match="^X has 2 features, but DCN is expecting 6 features as input"):
        model.predict(data[0][:, :2])


def test_a_log_scaled_model_refuses_negative_values_in_one_line(data):
    points = np.abs(data[0])
    model = DCN(n_clusters=3, random_state=0, scaling="log", **SMALL).fit(points)
    assert json.loads(open(f"{model.run_dir_}/run.json").read())["dataset"]["scaling"] == "log"
    shifted = points.copy()
    shifted[1, 2] = -1
    with pytest.raises(EngineError, match="data row 2, column 3 holds -1.0, but the model was trained on log-scaled data"):
        model.predict(shifted)
    with pytest.raises(EngineError, match="log scaling takes only values ≥ 0"):
        DCN(n_clusters=3, random_state=0, scaling="log", **SMALL).fit(shifted)


def test_a_missing_engine_says_what_to_do(data, monkeypatch):
    monkeypatch.delenv("DCN_REPORT_BIN")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineError) as raised:
        DCN(n_clusters=3, **SMALL).fit(data[0])
    message = str(raised.value)
    assert "\n" not in message
    for words in ("no dcn-report engine found", "bundles no binary for this platform", "RHEL 8/9 and Debian 11",
                  "older glibc", "make install", "set DCN_REPORT_BIN"):
        assert words in message, words
    monkeypatch.setenv("DCN_REPORT_BIN", "/nonexistent/dcn-report")
    with pytest.raises(EngineError, match="^DCN_REPORT_BIN is /nonexistent/dcn-report, which is not an executable file; "
                                          "build it with `make install`"):
        DCN(n_clusters=3, **SMALL).fit(data[0])


def test_the_engines_own_errors_come_back_as_one_line(data):
    with pytest.raises(EngineError, match="--lambda must be a finite number"):
        DCN(n_clusters=3, clustering_weight=-1, **SMALL).fit(data[0])


def test_a_temporary_run_folder_lives_as_long_as_its_estimator(data, tmp_path):
    model = DCN(n_clusters=3, random_state=0, **SMALL).fit(data[0])
    first = Path(model.run_dir_)
    model.fit(data[0])
    second = Path(model.run_dir_)
    assert not first.exists() and second.is_dir(), "a refit replaces the earlier temporary run"
    predicted = model.predict(data[0])
    copy = pickle.loads(pickle.dumps(model))
    del model
    gc.collect()
    assert not second.exists()
    assert np.array_equal(copy.predict(data[0]), predicted), "a pickled DCN keeps its model"
    with pytest.raises(FileNotFoundError, match="is gone .* fit with run_dir="):
        copy.report()
    kept = DCN(n_clusters=3, random_state=0, run_dir=str(tmp_path / "mine"), **SMALL).fit(data[0])
    assert kept.run_dir_ == str(tmp_path / "mine" / "run")
    del kept
    gc.collect()
    assert (tmp_path / "mine" / "run" / "run.json").exists()


def test_predict_reproduces_a_kept_held_partition_as_far_as_the_run_records(data):
    points, truth = data
    held = 0
    for seed in range(0, 3):
        model = DCN(n_clusters=3, random_state=seed, **SMALL).fit(points, truth)
        outcome = json.loads(open(f"{model.run_dir_}/run.json").read())["outcome"]
        agreement = outcome.get("savedModelAgreement")
        share = float(np.mean(model.predict(points) == model.labels_))
        if agreement is None:
            assert share == 1.0
        else:
            held += 1
            assert outcome["kept"] == "start" and abs(share - agreement) < 1e-9
    assert held > 0, "seed 0 keeps its held start's partition (chosen so that the branch runs)"
