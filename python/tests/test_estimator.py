"""`dcn_report.DCN` runs dcn-report's engine: its labelling is the CLI's, predict and transform agree with
the recording, the same seed gives the same labels, and bad input gets one clear line."""

from __future__ import annotations

import json
import subprocess

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
    model = DCN(n_clusters=3, random_state=1, **SMALL).fit(points, truth)
    run = json.loads(open(f"{model.run_dir_}/run.json").read())
    assert run["outcome"]["kept"] == "dcn", "this seed keeps DCN's labelling (the case predict must reproduce)"
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
    with pytest.raises(ValueError, match="has no parameter 'lamda'"):
        model.set_params(lamda=1)
    with pytest.raises(ValueError, match="not fitted"):
        model.predict(data[0])


@pytest.mark.parametrize("bad, message", [
    (lambda x, y: (np.where(np.arange(x.size).reshape(x.shape) == 7, np.nan, x), None), "NaN or infinite value \\(row 1\\)"),
    (lambda x, y: (x.reshape(2, 60, 6), None), "X must be 2-D"),
    (lambda x, y: (x, y[:-1]), "one label per sample of X \\(120\\)"),
    (lambda x, y: (x, np.array(["a", "b", "c"] * 40)), "np.unique\\(y, return_inverse=True\\)"),
])
def test_bad_input_gets_one_line(data, bad, message):
    X, y = bad(*data)
    with pytest.raises(ValueError, match=message):
        DCN(n_clusters=3, **SMALL).fit(X, y)


def test_too_many_clusters_and_a_missing_engine(data, monkeypatch):
    with pytest.raises(ValueError, match="n_clusters must be 2 to the 120 samples"):
        DCN(n_clusters=500).fit(data[0])
    monkeypatch.setenv("DCN_REPORT_BIN", "/nonexistent/dcn-report")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineError, match="DCN_REPORT_BIN"):
        DCN(n_clusters=3).fit(data[0])


def test_the_engines_own_errors_come_back_as_one_line(data):
    with pytest.raises(EngineError, match="--lambda must be a finite number"):
        DCN(n_clusters=3, clustering_weight=-1, **SMALL).fit(data[0])
