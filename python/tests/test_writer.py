"""RunWriter writes the documented run folder, which dcn-report renders."""

from __future__ import annotations

import json
import os
import re
import subprocess

import numpy as np
import pytest

from conftest import blobs
from dcn_report import RunWriter, nearest_centers, reconstruction_error, scores


def write_run(folder, epochs=4, labels=True, **options):
    points, truth, centers = blobs()
    config = {"n_clusters": 3, "lambda": 0.5, "lr": 1e-3, "epochs": epochs, "optimizer": "adamw"}
    with RunWriter(folder, labels=truth if labels else None, config=config, dataset="blobs",
                   input_dim=2, **options) as writer:
        writer.pretraining_epoch(1, 0.9)
        writer.pretraining_epoch(2, 0.4)
        entries = []
        for epoch in range(epochs + 1):
            codes = centers[truth] * (0.3 + epoch / epochs) + np.random.default_rng(epoch).normal(size=points.shape)
            assignments = nearest_centers(codes, centers)
            entries.append(writer.epoch(epoch, codes, assignments, centers,
                                        losses={"reconstruction": 0.5 / (epoch + 1)}, decoded_centers=centers * 2))
        if labels:
            writer.baseline("kmeans-raw", nearest_centers(points, centers))
    return entries, truth, centers


def test_the_folder_holds_exactly_the_documented_files_and_dtypes(tmp_path):
    run = tmp_path / "blobs" / "run"
    write_run(run)
    assert sorted(p.name for p in run.iterdir()) == ["epochs", "labels.npy", "process.json", "run.json", "timing.json"]
    process = json.loads((run / "process.json").read_text())
    assert process["pid"] == os.getpid() and process["host"] and process["started"]
    assert sorted(p.name for p in (run / "epochs").iterdir()) == ["0000", "0001", "0002", "0003", "0004"]
    for folder in (run / "epochs").iterdir():
        assert sorted(p.name for p in folder.iterdir()) == ["assignments.npy", "centers.npy", "decoded_centers.npy", "latent.npy"]
        assert np.load(folder / "latent.npy").dtype.str == "<f4"
        assert np.load(folder / "latent.npy").shape == (180, 2)
        assert np.load(folder / "assignments.npy").dtype.str == "<i4"
        assert np.load(folder / "centers.npy").shape == (3, 2)
        assert np.load(folder / "decoded_centers.npy").dtype.str == "<f4"
    assert np.load(run / "labels.npy").dtype.str == "<i4"
    assert not list(run.rglob("*.tmp")) and not list(run.rglob("*.partial"))


def test_run_json_lists_each_epoch_with_its_losses_sizes_and_scores(tmp_path):
    run = tmp_path / "run"
    entries, truth, centers = write_run(run)
    manifest = json.loads((run / "run.json").read_text())
    assert manifest["formatVersion"] == 4 and manifest["status"] == "complete"
    assert manifest["name"] == tmp_path.name  # a folder called run is named after its parent
    assert manifest["configuration"] == {"clusterCount": 3, "lambda": 0.5, "learningRate": 1e-3, "epochs": 4, "latentDimensions": 2}
    assert manifest["settings"]["optimizer"] == "adamw"
    assert manifest["dataset"] == {"name": "blobs", "description": "recorded from Python with dcn_report", "samples": 180,
                                   "dimensions": 2, "classes": 3, "scaling": "none"}
    assert [e["epoch"] for e in manifest["epochs"]] == [0, 1, 2, 3, 4]
    assert [e["phase"] for e in manifest["epochs"]] == ["pretrain", "train", "train", "train", "train"]
    assert manifest["pretraining"] == [{"epoch": 1, "reconstruction": 0.9}, {"epoch": 2, "reconstruction": 0.4}]
    for entry in manifest["epochs"]:
        folder = run / entry["path"]
        z, a, m = np.load(folder / "latent.npy"), np.load(folder / "assignments.npy"), np.load(folder / "centers.npy")
        assert entry["clusterSizes"] == np.bincount(a, minlength=3).tolist()
        assert entry["metrics"] == scores(a, truth)
        clustering = float(((z.astype(np.float64) - m.astype(np.float64)[a]) ** 2).sum(1).mean())
        assert entry["losses"]["clustering"] == pytest.approx(clustering, rel=1e-12)
        assert entry["losses"]["total"] == pytest.approx(entry["losses"]["reconstruction"] + 0.25 * clustering, rel=1e-12)
    assert manifest["summary"]["finalEpoch"] == 4
    assert manifest["summary"]["finalMetrics"] == manifest["epochs"][-1]["metrics"]
    assert manifest["baselines"][0]["id"] == "kmeans-raw" and manifest["baselines"][0]["title"] == "k-means on raw input"


def test_dcn_report_renders_the_run_with_its_scores(tmp_path, render):
    run = tmp_path / "run"
    entries, _, _ = write_run(run, image_shape=None)
    html = render(run)
    report = tmp_path / "report"
    for epoch in range(5):
        assert (report / "frames" / f"epoch_{epoch:04d}.png").stat().st_size > 1000
    assert "Recorded by" in html and "dcn_report (Python)" in html
    last = entries[-1]["metrics"]
    assert f"{last['nmi']:.4f}" in html and f"{last['acc']:.4f}" in html
    assert "adamw" in html  # the user's own settings are shown
    assert "Centre counts" not in html  # and none of dcn-report's defaults that this run never had


def test_image_runs_record_their_shape_for_decoded_centre_images(tmp_path, render):
    rng = np.random.default_rng(0)
    truth = np.repeat(np.arange(2), 20)
    images = np.where(truth[:, None] == 0, np.tile([1.0, 0.0], 8), np.tile([0.0, 1.0], 8)) + rng.normal(0, 0.05, (40, 16))
    centers = np.array([[0.0, 0.0, 0.0], [3.0, 3.0, 3.0]])
    codes = centers[truth] + rng.normal(0, 0.3, (40, 3))
    with RunWriter(tmp_path / "run", labels=truth, input_dim=16, image_shape=(4, 4), class_names=["left", "right"]) as writer:
        writer.epoch(0, codes, truth, centers, losses={"reconstruction": 0.1}, decoded_centers=images[[0, 20]])
        writer.epoch(1, codes, truth, centers, losses={"reconstruction": 0.05}, decoded_centers=images[[0, 20]])
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert manifest["dataset"]["imageShape"] == [4, 4] and manifest["dataset"]["classNames"] == ["left", "right"]
    render(tmp_path / "run")
    assert list((tmp_path / "report").rglob("decoded-centres*.png"))


def test_an_existing_run_folder_is_replaced_and_other_folders_are_kept(tmp_path):
    run = tmp_path / "run"
    write_run(run, epochs=4)
    write_run(run, epochs=2)
    assert sorted(p.name for p in (run / "epochs").iterdir()) == ["0000", "0001", "0002"]
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match=r"^path: .*not empty"):
        RunWriter(mine)
    assert (mine / "notes.txt").read_text() == "keep me"


def test_the_minimal_call_records_no_losses_and_renders_without_loss_curves(tmp_path, render):
    points, truth, centers = blobs()
    with RunWriter(tmp_path / "run", labels=truth) as writer:  # k-means on embeddings: no decoder, no losses given
        for epoch in range(3):
            writer.epoch(epoch, points, nearest_centers(points, centers), centers)
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert all("losses" not in entry for entry in manifest["epochs"])  # nothing invented
    html = render(tmp_path / "run")
    figures = tmp_path / "report" / "figures"
    assert not list(figures.glob("losses.*")) and not list(figures.glob("loss-share.*"))
    assert list(figures.glob("metrics.*")) and "epoch_0002.png" in html and "Loss curves" not in html


def test_a_clustering_loss_alone_draws_its_curve_and_no_share(tmp_path, render):
    points, truth, centers = blobs()
    with RunWriter(tmp_path / "run", labels=truth) as writer:
        for epoch in range(3):
            writer.epoch(epoch, points, nearest_centers(points, centers), centers, losses={})
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert all(set(entry["losses"]) == {"clustering"} for entry in manifest["epochs"])  # measured from the arrays
    render(tmp_path / "run")
    figures = tmp_path / "report" / "figures"
    assert list(figures.glob("losses.*")) and not list(figures.glob("loss-share.*"))


def test_runs_without_labels_have_no_scores(tmp_path, render):
    write_run(tmp_path / "run", labels=False)
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert "metrics" not in manifest["epochs"][0] and not (tmp_path / "run" / "labels.npy").exists()
    render(tmp_path / "run")


def test_the_context_manager_marks_failures_and_interruptions(tmp_path):
    points, truth, centers = blobs()
    with pytest.raises(ZeroDivisionError):
        with RunWriter(tmp_path / "failed") as writer:
            writer.epoch(0, points, truth, centers, losses={"reconstruction": 1})
            1 / 0
    failed = json.loads((tmp_path / "failed" / "run.json").read_text())
    assert failed["status"] == "failed" and failed["statusMessage"].startswith("ZeroDivisionError")
    with pytest.raises(KeyboardInterrupt):
        with RunWriter(tmp_path / "stopped"):
            raise KeyboardInterrupt
    assert json.loads((tmp_path / "stopped" / "run.json").read_text())["status"] == "interrupted"


def test_reconstruction_error_is_relative_to_the_total_variance():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 4)) * [1, 2, 3, 4]
    noise = rng.normal(size=x.shape)
    expected = (noise ** 2).sum(1).mean() / x.var(0).sum()
    assert reconstruction_error(x, x + noise) == pytest.approx(expected, rel=1e-12)
    assert reconstruction_error(x, x) == 0
