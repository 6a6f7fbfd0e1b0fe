"""A writer killed at any point leaves a run that renders its complete epochs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from conftest import blobs

CHILD = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    from dcn_report import RunWriter, _files

    folder, kill_at = sys.argv[1], sys.argv[2]
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 40)
    centers = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]])

    # SIGKILL (no cleanup, no exception) at a chosen point of epoch 3.
    write_npy, replace = _files.write_npy, os.replace
    def killing_write_npy(path, array):
        if kill_at == "between-arrays" and "0003.partial" in path and path.endswith("assignments.npy"):
            os.kill(os.getpid(), signal.SIGKILL)
        write_npy(path, array)
    def killing_replace(source, target):
        if kill_at == "run-json" and str(target).endswith("run.json") and os.path.isdir(os.path.join(folder, "epochs", "0003")):
            os.kill(os.getpid(), signal.SIGKILL)
        replace(source, target)
    _files.write_npy = killing_write_npy
    _files.os.replace = killing_replace

    with RunWriter(folder, labels=labels, config={"n_clusters": 3, "epochs": 6}) as writer:
        for epoch in range(7):
            codes = centers[labels] + rng.normal(size=(120, 2))
            writer.epoch(epoch, codes, labels, centers, losses={"reconstruction": 1.0 / (epoch + 1)})
""")


@pytest.mark.parametrize("kill_at", ["between-arrays", "run-json"])
def test_a_run_killed_during_epoch_3_renders_epochs_0_to_2(tmp_path, render, kill_at):
    run = tmp_path / "run"
    child = subprocess.run([sys.executable, "-c", CHILD, str(run), kill_at], capture_output=True, text=True, timeout=120)
    assert child.returncode == -9, child.stderr  # it really was killed
    manifest = json.loads((run / "run.json").read_text())
    assert manifest["status"] == "running"
    assert [e["epoch"] for e in manifest["epochs"]] == [0, 1, 2]
    leftovers = sorted(p.name for p in (run / "epochs").iterdir())
    # Killed between two arrays, epoch 3's folder is still partial; killed before run.json was replaced,
    # the folder is complete but unlisted. Either way readers use run.json's epochs.
    assert leftovers == (["0000", "0001", "0002", "0003.partial"] if kill_at == "between-arrays" else ["0000", "0001", "0002", "0003"])
    html = render(run)
    frames = sorted(p.name for p in (tmp_path / "report" / "frames").glob("epoch_*.png"))
    assert frames == ["epoch_0000.png", "epoch_0001.png", "epoch_0002.png"]
    assert "This run is incomplete: the recording ends at epoch 2 of 6" in html
