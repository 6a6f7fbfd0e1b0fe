"""Galleries: the samples chosen as dcn-report chooses them, and drawn by its report."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from dcn_report import RunWriter, nearest_centers
from dcn_report._gallery import select_samples, standardised_means


def four_by_four_images(per_class=40, seed=0):
    """Three classes of 4 × 4 'images' (a bright row, column or diagonal), noisy."""
    rng = np.random.default_rng(seed)
    patterns = np.stack([np.eye(4)[0].repeat(4), np.tile(np.eye(4)[0], 4), np.eye(4).ravel()])
    labels = np.repeat(np.arange(3), per_class)
    return patterns[labels] + rng.normal(0, 0.25, (labels.size, 16)), labels


def train(dcn_report, tmp_path, *extra):
    images, labels = four_by_four_images()
    data = tmp_path / "images.csv"
    np.savetxt(data, np.hstack([images, labels[:, None]]), delimiter=",", fmt="%.5f")
    out = tmp_path / "trained"
    result = subprocess.run([dcn_report, "train", "--dataset", str(data), "--label-column", "last", "--clusters", "4",
                             "--pretrain-epochs", "3", "--epochs", "3", "--seed", "1", "--out", str(out), "--quiet", *extra],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    inputs = np.loadtxt(data, delimiter=",")[:, :16].astype(np.float32)
    return out / "run", inputs, labels


def last_epoch(run):
    """The last recorded epoch: 3, or 4 when the run kept its start (recorded as one more epoch)."""
    return json.loads((run / "run.json").read_text())["epochs"][-1]["epoch"]


def test_the_selection_matches_dcn_reports_own_recorder(dcn_report, tmp_path):
    run, _, labels = train(dcn_report, tmp_path, "--image-shape", "4x4")
    checked = 0
    for epoch in (0, last_epoch(run)):
        arrays = {name: np.load(run / f"epochs/{epoch:04d}/{name}.npy") for name in ("latent", "assignments", "centers")}
        theirs = np.load(run / f"gallery/{epoch:04d}/members.npy")
        mine, misplaced, samples = select_samples(arrays["latent"], arrays["centers"], arrays["assignments"], labels,
                                                  np.random.default_rng(0))
        assert mine.shape == theirs.shape == (4, 3, 8)
        assert np.array_equal(mine[:, 0], theirs[:, 0])  # nearest the centre
        assert np.array_equal(mine[:, 2], theirs[:, 2])  # least certain
        for cluster in range(4):  # the random sample: members of the cluster, ascending, as many as it has (up to 8)
            picked = mine[cluster, 1][mine[cluster, 1] >= 0]
            assert np.all(arrays["assignments"][picked] == cluster) and np.all(np.diff(picked) > 0)
            assert len(picked) == min(8, int((arrays["assignments"] == cluster).sum()))
        assert np.array_equal(misplaced, np.load(run / f"gallery/{epoch:04d}/misplaced.npy"))
        checked += int((misplaced >= 0).sum())
    assert checked > 0  # four clusters for three classes: some samples are misplaced


def test_feature_means_match_dcn_reports_own_recorder(dcn_report, tmp_path):
    run, inputs, _ = train(dcn_report, tmp_path)
    for epoch in (0, last_epoch(run)):
        assignments = np.load(run / f"epochs/{epoch:04d}/assignments.npy")
        theirs = np.load(run / f"gallery/{epoch:04d}/feature_means.npy")
        assert np.allclose(standardised_means(inputs, assignments, 4), theirs, atol=1e-5)


def write_image_run(folder, epochs=4):
    images, labels = four_by_four_images()
    centers = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
    rng = np.random.default_rng(1)
    with RunWriter(folder, labels=labels, inputs=images, image_shape=(4, 4), config={"seed": 3}) as writer:
        for epoch in range(epochs + 1):
            codes = centers[labels] * (0.2 + epoch / epochs) + rng.normal(size=(labels.size, 2))
            writer.epoch(epoch, codes, nearest_centers(codes, centers), centers, losses={"reconstruction": 0.1})
    return images


def test_the_writer_records_galleries_at_the_first_and_last_epoch_and_the_report_draws_them(tmp_path, render):
    run = tmp_path / "run"
    images = write_image_run(run)
    assert sorted(p.name for p in (run / "gallery").iterdir()) == ["0000", "0004"]
    for folder in (run / "gallery").iterdir():
        samples = np.load(folder / "samples.npy")
        assert np.load(folder / "members.npy").dtype.str == "<i4"
        assert np.array_equal(np.load(folder / "inputs.npy"), images[samples].astype(np.float32))
    render(run)
    figures = {p.name for p in (tmp_path / "report" / "figures").iterdir()}
    assert {"gallery-epoch-0000.png", "gallery-epoch-0004.png", "misplaced-epoch-0000.png"} <= figures


def test_the_same_seed_gives_the_same_gallery(tmp_path):
    write_image_run(tmp_path / "a")
    write_image_run(tmp_path / "b")
    for epoch in ("0000", "0004"):
        assert np.array_equal(np.load(tmp_path / f"a/gallery/{epoch}/members.npy"), np.load(tmp_path / f"b/gallery/{epoch}/members.npy"))


def test_tabular_inputs_give_feature_means(tmp_path, render):
    images, labels = four_by_four_images()
    centers = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0]])
    with RunWriter(tmp_path / "run", labels=labels, inputs=images) as writer:
        for epoch in range(3):
            codes = centers[labels] + np.random.default_rng(epoch).normal(size=(labels.size, 2))
            writer.epoch(epoch, codes, nearest_centers(codes, centers), centers, losses={"reconstruction": 0.1})
    means = np.load(tmp_path / "run/gallery/0002/feature_means.npy")
    assignments = np.load(tmp_path / "run/epochs/0002/assignments.npy")
    standardised = (images - images.mean(0)) / images.std(0)
    assert np.allclose(means[1], standardised[assignments == 1].mean(0), atol=1e-5)
    render(tmp_path / "run")
    assert (tmp_path / "report/figures/feature-means.png").exists()


def test_inputs_of_the_wrong_shape_are_named(tmp_path):
    images, labels = four_by_four_images()
    with pytest.raises(ValueError, match=r"^inputs: expected 120 rows"):
        RunWriter(tmp_path / "run", labels=labels, inputs=images[:10])
    with pytest.raises(ValueError, match=r"^inputs: expected 9 columns"):
        RunWriter(tmp_path / "run", labels=labels, inputs=images, input_dim=9)


KILLED_IN_LAST_GALLERY = """
import os, signal, sys
sys.path.insert(0, sys.argv[2])
from dcn_report import _files
from test_gallery import write_image_run
write_npy = _files.write_npy
def killing(path, array):
    if "0004.partial" in path and path.endswith("samples.npy"):
        os.kill(os.getpid(), signal.SIGKILL)
    write_npy(path, array)
_files.write_npy = killing
write_image_run(sys.argv[1])
"""


def test_a_run_killed_while_writing_its_last_gallery_still_renders(tmp_path, render):
    import sys
    from pathlib import Path
    run = tmp_path / "run"
    child = subprocess.run([sys.executable, "-c", KILLED_IN_LAST_GALLERY, str(run), str(Path(__file__).parent)],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -9, child.stderr
    assert json.loads((run / "run.json").read_text())["status"] == "running"
    assert sorted(p.name for p in (run / "gallery").iterdir()) == ["0000", "0004.partial"]
    render(run)
    figures = {p.name for p in (tmp_path / "report" / "figures").iterdir()}
    assert "gallery-epoch-0000.png" in figures and "gallery-epoch-0004.png" not in figures
