"""Progress comes from polling run.json (never the engine's terminal output), as a tqdm bar when wanted."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import blobs

from dcn_report import DCN, read_progress
from dcn_report.progress import wants_bar


def write_manifest(folder, pretraining: int, epochs: int, status: str = "running", metrics=None) -> None:
    entries = [{"epoch": epoch, "phase": "pretrain" if epoch == 0 else "train", "path": f"epochs/{epoch:04d}",
                "clusterSizes": [5, 5], **({"metrics": metrics} if metrics else {})} for epoch in range(epochs)]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps({
        "status": status, "configuration": {"clusterCount": 2, "pretrainEpochs": 50, "epochs": 20},
        "pretraining": [{"epoch": e + 1, "reconstruction": 0.5} for e in range(pretraining)], "epochs": entries}))


def test_progress_during_pretraining(tmp_path):
    write_manifest(tmp_path, pretraining=30, epochs=0)
    progress = read_progress(tmp_path)
    assert progress is not None
    assert (progress.done, progress.total) == (30, 71) and progress.description == "pretraining 30/50"


def test_progress_during_dcn_training_with_scores(tmp_path):
    write_manifest(tmp_path, pretraining=50, epochs=6, metrics={"nmi": 0.8125, "ari": 0.7, "acc": 0.9})
    progress = read_progress(tmp_path)
    assert progress is not None and progress.status == "running"
    assert (progress.done, progress.total) == (56, 71)
    assert progress.description == "DCN epoch 5/20 NMI 0.812"


def test_a_run_that_keeps_its_start_ends_at_the_total(tmp_path):
    write_manifest(tmp_path, pretraining=50, epochs=22, status="complete")
    progress = read_progress(tmp_path)
    assert progress is not None and progress.done == progress.total == 71 and progress.description == "DCN epoch 20/20"


@pytest.mark.parametrize("content", [None, "", "{ not json", "[]", '{"configuration": 3}'])
def test_no_readable_run_json_is_no_progress_yet(tmp_path, content):
    if content is not None:
        (tmp_path / "run.json").write_text(content)
    assert read_progress(tmp_path) is None


def test_the_bar_is_shown_when_asked_and_at_a_terminal(monkeypatch):
    pytest.importorskip("tqdm", reason="tqdm is not installed")
    assert wants_bar(True) and not wants_bar(False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert not wants_bar(None)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert wants_bar(None)


def test_no_tqdm_no_bar(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    assert not wants_bar(True)


def test_fit_with_verbose_shows_the_runs_progress(dcn_report, monkeypatch, capsys):
    pytest.importorskip("tqdm", reason="tqdm is not installed")
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)
    points, truth, _ = blobs(samples_per_class=20, classes=2, dimensions=3)
    DCN(n_clusters=2, hidden=(4,), latent_dim=2, pretrain_epochs=2, epochs=3, random_state=0, verbose=True).fit(points, truth)
    shown = capsys.readouterr().err
    assert "DCN epoch 3/3 NMI" in shown and "6/6" in shown
