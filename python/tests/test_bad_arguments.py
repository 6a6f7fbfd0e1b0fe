"""Every bad argument raises one ValueError that names it, and nothing already written is lost."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import blobs
from dcn_report import RunWriter

POINTS, TRUTH, CENTERS = blobs()
GOOD = {"reconstruction": 0.1}


@pytest.fixture
def writer(tmp_path):
    writer = RunWriter(tmp_path / "run", labels=TRUTH, config={"n_clusters": 3})
    writer.epoch(0, POINTS, TRUTH, CENTERS, losses=GOOD)
    return writer


def with_nan(array):
    array = np.array(array, dtype=np.float64)
    array[3, 1] = np.nan
    return array


CASES = [
    ("latent", lambda w: w.epoch(1, POINTS[:, :1].ravel(), TRUTH, CENTERS, losses=GOOD), r"2-D array"),
    ("latent", lambda w: w.epoch(1, POINTS[:-1], TRUTH[:-1], CENTERS, losses=GOOD), r"expected 180 rows"),
    ("latent", lambda w: w.epoch(1, with_nan(POINTS), TRUTH, CENTERS, losses=GOOD), r"NaN or infinite \(first at row 3, column 1"),
    ("latent", lambda w: w.epoch(1, POINTS.astype(str), TRUTH, CENTERS, losses=GOOD), r"real numbers"),
    ("latent", lambda w: w.epoch(1, np.hstack([POINTS, POINTS]), TRUTH, CENTERS, losses=GOOD), r"expected 2 columns"),
    ("centers", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS[:2], losses=GOOD), r"expected 3 rows \(clusters\)"),
    ("centers", lambda w: w.epoch(1, POINTS, TRUTH, np.full((3, 2), np.inf), losses=GOOD), r"NaN or infinite"),
    ("assignments", lambda w: w.epoch(1, POINTS, TRUTH.astype(float), CENTERS, losses=GOOD), r"integer ids"),
    ("assignments", lambda w: w.epoch(1, POINTS, np.eye(3)[TRUTH], CENTERS, losses=GOOD), r"soft assignments\? pass their argmax"),
    ("assignments", lambda w: w.epoch(1, POINTS, TRUTH + 1, CENTERS, losses=GOOD), r"below 3"),
    ("assignments", lambda w: w.epoch(1, POINTS, TRUTH - 1, CENTERS, losses=GOOD), r"0 or more"),
    ("assignments", lambda w: w.epoch(1, POINTS, TRUTH[:10], CENTERS, losses=GOOD), r"expected 180 values"),
    ("epoch", lambda w: w.epoch(0, POINTS, TRUTH, CENTERS, losses=GOOD), r"epochs must increase; 0 follows 0"),
    ("epoch", lambda w: w.epoch(-1, POINTS, TRUTH, CENTERS, losses=GOOD), r"at least 0"),
    ("epoch", lambda w: w.epoch(1.5, POINTS, TRUTH, CENTERS, losses=GOOD), r"whole number"),
    ("losses", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS, losses={"reconstruction": float("nan")}), r"must be finite"),
    ("losses", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS, losses={"recon": 1}), r"unknown key 'recon'"),
    ("losses", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS, losses=0.5), r"expected a dict"),
    ("phase", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS, losses=GOOD, phase="warmup"), r"'pretrain' or 'train'"),
    ("decoded_centers", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS, losses=GOOD, decoded_centers=np.zeros((2, 5))), r"expected 3 rows"),
    ("seconds", lambda w: w.epoch(1, POINTS, TRUTH, CENTERS, losses=GOOD, seconds=-1), r"at least 0"),
    ("epoch", lambda w: (w.pretraining_epoch(2, 0.1), w.pretraining_epoch(1, 0.1)), r"pretraining epochs must increase"),
    ("reconstruction", lambda w: w.pretraining_epoch(1, np.inf), r"must be finite"),
    ("id", lambda w: w.baseline("", TRUTH), r"non-empty string"),
    ("status", lambda w: w.finish("done"), r"expected one of complete, diverged, interrupted, failed"),
]


@pytest.mark.parametrize("argument,call,message", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_bad_argument_is_named_and_the_run_keeps_its_epochs(writer, argument, call, message):
    before = (writer.path + "/run.json", open(writer.path + "/run.json").read())
    with pytest.raises(ValueError, match=rf"^{argument}(\[[^\]]*\])?: .*{message}") as raised:
        call(writer)
    assert "\n" not in str(raised.value)
    manifest = json.loads(open(before[0]).read())
    assert [e["epoch"] for e in manifest["epochs"]] == [0]
    assert manifest["status"] == "running"
    import os
    assert not [name for name in os.listdir(writer.path + "/epochs") if name != "0000"]
    # The writer still works after refusing.
    writer.epoch(5, POINTS, TRUTH, CENTERS, losses=GOOD)


CONSTRUCTOR_CASES = [
    ({"labels": TRUTH.astype(float)}, r"^labels: expected integer ids"),
    ({"labels": TRUTH.reshape(-1, 2)}, r"^labels: expected a 1-D array"),
    ({"config": {"n_clusters": 0}}, r"^config\['n_clusters'\]: must be at least 1"),
    ({"config": {"n_clusters": 3, "k": 3}}, r"^config: 'clusterCount' and|^config: 'n_clusters' and 'k' both set"),
    ({"config": {"lambda": -1}}, r"^config\['lambda'\]: must be at least 0"),
    ({"config": {"hidden": [500, "x"]}}, r"^config\['hidden'\]\[1\]: expected a whole number"),
    ({"config": {"callback": object()}}, r"^config\['callback'\]: .* cannot be written as JSON"),
    ({"config": [("k", 3)]}, r"^config: expected a dict"),
    ({"class_names": ["a", "b"]}, r"^class_names: needs labels="),
    ({"labels": TRUTH, "class_names": ["a", "b"]}, r"^class_names: expected 3 names"),
    ({"input_dim": 10, "image_shape": (3, 3)}, r"^image_shape: \(3, 3\) holds 9 values, but input_dim is 10"),
    ({"image_shape": (4, 4)}, r"^image_shape: needs input_dim="),
    ({"input_dim": 0}, r"^input_dim: must be at least 1"),
    ({"name": ""}, r"^name: expected a non-empty string"),
    ({"config": {"seed": 2**70}}, r"^config\['seed'\]: must be at most 18446744073709551615"),
    ({"config": {"lambda": 1e39}}, r"^config\['lambda'\]: must be at most"),
    ({"config": {"lr": "0.001"}}, r"^config\['lr'\]: expected a number, got '0.001'"),
    ({"image_shape": 4, "input_dim": 4}, r"^image_shape: expected \(height, width\)"),
    ({"labels": TRUTH, "class_names": 5}, r"^class_names: expected a list of strings"),
    ({"labels": [[0, 1], [2]]}, r"^labels: cannot be read as an array"),
]


@pytest.mark.parametrize("options,message", CONSTRUCTOR_CASES)
def test_bad_constructor_arguments_are_named_before_anything_is_written(tmp_path, options, message):
    with pytest.raises(ValueError, match=message):
        RunWriter(tmp_path / "run", **options)
    assert not (tmp_path / "run").exists()


def test_writing_after_finish_is_refused(tmp_path):
    writer = RunWriter(tmp_path / "run")
    writer.finish()
    with pytest.raises(RuntimeError, match="finished"):
        writer.epoch(0, POINTS, TRUTH, CENTERS, losses=GOOD)


@pytest.mark.parametrize("path", ["", None])
def test_an_empty_path_is_refused_rather_than_writing_into_the_working_folder(path):
    with pytest.raises(ValueError, match=r"^path: expected the run folder's path"):
        RunWriter(path)


def test_a_folder_left_by_a_writer_killed_before_its_first_run_json_can_be_reused(tmp_path):
    run = tmp_path / "run"
    (run / "epochs").mkdir(parents=True)
    np.save(run / "labels.npy", TRUTH.astype(np.int32))
    (run / ".run.json.123.tmp").write_text("{")
    RunWriter(run, labels=TRUTH).finish()
    assert sorted(p.name for p in run.iterdir()) == ["epochs", "labels.npy", "process.json", "run.json", "timing.json"]


def test_non_finite_values_mark_the_run_diverged(tmp_path):
    codes = POINTS.copy()
    codes[7, 0] = np.inf
    with pytest.raises(ValueError, match=r"^latent: 1 values are NaN or infinite"):
        with RunWriter(tmp_path / "run", labels=TRUTH) as writer:
            writer.epoch(0, POINTS, TRUTH, CENTERS, losses=GOOD)
            writer.epoch(1, codes, TRUTH, CENTERS, losses=GOOD)
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert manifest["status"] == "diverged" and "NaN or infinite" in manifest["statusMessage"]
    assert [e["epoch"] for e in manifest["epochs"]] == [0]


def test_recording_a_baseline_again_keeps_its_place(tmp_path):
    with RunWriter(tmp_path / "run", labels=TRUTH) as writer:
        writer.baseline("kmeans-raw", TRUTH)
        writer.baseline("ae-kmeans", TRUTH)
        writer.baseline("kmeans-raw", (TRUTH + 1) % 3)
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert [b["id"] for b in manifest["baselines"]] == ["kmeans-raw", "ae-kmeans"]
    with pytest.raises(ValueError, match=r"^labels: a baseline is scored against the labels"):
        RunWriter(tmp_path / "unlabelled").baseline("kmeans-raw", TRUTH)


def test_an_unwritable_folder_is_named(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    with pytest.raises(ValueError, match=r"^path: .*blocked exists and is not a folder"):
        RunWriter(blocked)
