"""`load_run` reads a run folder and refuses a damaged one with one ValueError naming the damaged file.

The damaged folders are the committed fixtures in Tests/Fixtures/corrupt-runs (made by its make.py):
one per kind of damage Tests/EndToEndTests/CorruptRunTests.swift exercises, each with expected.txt
naming the file the error must name.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import REPOSITORY, blobs

from dcn_report import DCN, RecordedRun, RunFolderError, RunWriter, load_run
from dcn_report import _manifest_checks

FIXTURES = REPOSITORY / "Tests" / "Fixtures" / "corrupt-runs"
CASES = sorted(path.name for path in FIXTURES.iterdir() if (path / "expected.txt").exists())


def test_there_is_a_fixture_for_each_kind_of_damage():
    assert len(CASES) >= 50 and (FIXTURES / "valid" / "run" / "run.json").exists()


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_run_is_refused_naming_the_file(case):
    expected = (FIXTURES / case / "expected.txt").read_text().strip()
    with pytest.raises(ValueError) as raised:
        load_run(FIXTURES / case / "run")
    message = str(raised.value)
    assert isinstance(raised.value, RunFolderError)
    assert f"/{case}/run/{expected}: " in message, message
    assert "\n" not in message


def test_the_valid_fixture_loads():
    run = load_run(FIXTURES / "valid" / "run")
    assert isinstance(run, RecordedRun) and run.status == "complete" and run.epochs == [0, 1, 2, 3]
    assert np.array_equal(run.labels, np.load(FIXTURES / "valid/run/epochs/0003/assignments.npy"))
    assert run.labels.dtype == np.int32 and run.truth is not None and run.truth.shape == (12,)
    assert run.latent(0).shape == (12, 2) and run.latent(0).dtype == np.float32
    assert run.centers().shape == (3, 2) and np.array_equal(run.assignments(3), run.labels)
    assert sorted(run.scores) == [0, 1, 2, 3] and set(run.scores[3]) == {"nmi", "ari", "acc"}
    assert run.configuration["clusterCount"] == 3 and run.outcome is not None and run.outcome["kept"] == "dcn"
    with pytest.raises(ValueError, match="epoch 7 is not recorded .* the recorded epochs are 0–3"):
        run.latent(7)


def test_the_output_folder_holding_run_loads_too():
    assert load_run(FIXTURES / "valid").path == FIXTURES / "valid" / "run"


def test_a_missing_folder_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        load_run(tmp_path / "nothing")


@pytest.fixture
def valid_copy(tmp_path) -> Path:
    copy = tmp_path / "run"
    shutil.copytree(FIXTURES / "valid" / "run", copy)
    return copy


@pytest.mark.parametrize("damage", [
    lambda run: (run / "epochs/0001/decoded_centers.npy").write_bytes(b"garbage"),
    lambda run: np.save(run / "epochs/0000/decoded_centers.npy", np.full((3, 3), np.nan, np.float32)),
    lambda run: (run / "timing.json").write_text("nope"),
    lambda run: (run / "gallery/0000").mkdir(parents=True) or np.save(run / "gallery/0000/feature_means.npy", np.ones((3, 1))),
    lambda run: np.save(run / "labels.npy", np.where(np.arange(12) < 6, 2**31 - 1, -7).astype(np.int32)),
])
def test_damage_both_readers_accept(valid_copy, damage):
    damage(valid_copy)
    assert load_run(valid_copy).epochs == [0, 1, 2, 3]


def test_run_json_beyond_the_size_limit_is_refused_unread(valid_copy, monkeypatch):
    monkeypatch.setattr(_manifest_checks, "LARGEST_MANIFEST_BYTES", 1024)
    with pytest.raises(RunFolderError, match="run.json: holds .* bytes, more than the 0 MB a run manifest may hold"):
        load_run(valid_copy)


@pytest.mark.parametrize("change, message", [
    (lambda m: m.__setitem__("formatVersion", "4"), "'formatVersion': expected an integer"),
    (lambda m: m.__setitem__("status", "paused"), "'status' is 'paused', expected one of running"),
    (lambda m: m["configuration"].__setitem__("hiddenActivation", "swish"), "'configuration.hiddenActivation' is 'swish'"),
    (lambda m: m["configuration"].__setitem__("lambda", "1"), "'configuration.lambda': expected a number"),
    (lambda m: m["dataset"].pop("scaling"), "missing 'dataset.scaling'"),
    (lambda m: m["epochs"][1].__setitem__("phase", "warmup"), "'epochs.1.phase' is 'warmup'"),
])
def test_run_json_keys_of_the_wrong_type_are_refused(valid_copy, change, message):
    manifest = json.loads((valid_copy / "run.json").read_text())
    change(manifest)
    (valid_copy / "run.json").write_text(json.dumps(manifest))
    with pytest.raises(RunFolderError, match=f"run.json: is not a valid run manifest \\(.*{message}"):
        load_run(valid_copy)


def test_whole_floats_read_as_integers_as_swift_reads_them(valid_copy):
    manifest = json.loads((valid_copy / "run.json").read_text())
    manifest["configuration"]["clusterCount"] = 3.0
    manifest["epochs"][0]["clusterSizes"] = [float(size) for size in manifest["epochs"][0]["clusterSizes"]]
    (valid_copy / "run.json").write_text(json.dumps(manifest))
    run = load_run(valid_copy)
    assert run.configuration["clusterCount"] == 3 and isinstance(run.configuration["clusterCount"], int)
    manifest["configuration"]["clusterCount"] = 3.5
    (valid_copy / "run.json").write_text(json.dumps(manifest))
    with pytest.raises(RunFolderError, match="'configuration.clusterCount': expected an integer, found 3.5"):
        load_run(valid_copy)


def test_nan_in_run_json_is_not_json(valid_copy):
    (valid_copy / "run.json").write_text((valid_copy / "run.json").read_text().replace('"lambda" : 1', '"lambda" : NaN'))
    with pytest.raises(RunFolderError, match="run.json: is not a valid run manifest \\(the data is not valid JSON: NaN"):
        load_run(valid_copy)


def test_a_run_the_python_writer_wrote_loads(tmp_path):
    points, truth, _ = blobs(samples_per_class=5, classes=2, dimensions=2)
    with RunWriter(tmp_path / "run", labels=truth, config={"n_clusters": 2}) as writer:
        for epoch in range(3):
            writer.epoch(epoch, points, truth, np.array([points[truth == c].mean(axis=0) for c in (0, 1)]))
    run = load_run(tmp_path / "run")
    assert run.epochs == [0, 1, 2] and np.array_equal(run.labels, truth) and run.scores[2]["nmi"] == pytest.approx(1.0)


def test_a_dcn_fit_reads_its_run_with_load_run(dcn_report, monkeypatch):
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)
    points, truth, _ = blobs(samples_per_class=15, classes=3, dimensions=4)
    model = DCN(n_clusters=3, hidden=(8,), latent_dim=2, pretrain_epochs=2, epochs=2, verbose=False).fit(points, truth)
    run = load_run(model.run_dir_)
    assert np.array_equal(run.labels, model.labels_) and np.array_equal(run.centers(), model.cluster_centers_)
    assert run.configuration["seed"] == model.random_state_ and sorted(run.scores) == run.epochs
