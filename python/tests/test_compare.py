"""A run written from Python and one trained by dcn-report, side by side in one comparison report."""

from __future__ import annotations

import csv
import json
import subprocess

import numpy as np

from conftest import REPOSITORY, blobs
from dcn_report import RunWriter, kmeans, scores


def test_compare_puts_a_python_run_beside_a_dcn_report_run(dcn_report, tmp_path):
    points, truth, _ = blobs(samples_per_class=50, classes=3, dimensions=8)
    data = tmp_path / "blobs.csv"
    np.savetxt(data, np.hstack([points, truth[:, None]]), delimiter=",", fmt="%.6f")
    trained = subprocess.run([dcn_report, "train", "--dataset", str(data), "--label-column", "last", "--pretrain-epochs", "3",
                              "--epochs", "3", "--out", str(tmp_path / "swift"), "--quiet"], capture_output=True, text=True, timeout=600)
    assert trained.returncode == 0, trained.stderr
    theirs = json.loads((tmp_path / "swift/run/run.json").read_text())

    # The same data set, described as dcn-report describes it, and the same λ.
    assignments, centers = kmeans(points, 3, seed=0)
    assignments[:20] = (assignments[:20] + 1) % 3  # not a perfect clustering, so the scores say something
    with RunWriter(tmp_path / "python/run", labels=truth, config={"k": 3, "lambda": theirs["configuration"]["lambda"]},
                   dataset=theirs["dataset"]["name"], input_dim=8) as writer:
        for epoch in range(4):
            writer.epoch(epoch, points[:, :2] * (1 + epoch), assignments, centers[:, :2] * (1 + epoch), losses={"reconstruction": 0.1})
    mine = scores(assignments, truth)

    out = tmp_path / "comparison"
    compared = subprocess.run([dcn_report, "compare", str(tmp_path / "swift"), str(tmp_path / "python"), "--out", str(out),
                               "--quiet", "--no-run-reports", "--templates", str(REPOSITORY / "templates")],
                              capture_output=True, text=True, timeout=600)
    assert compared.returncode == 0, compared.stderr
    with open(out / "results.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 2  # two settings: the recording tool tells them apart
    tools = {row["tool"]: row for row in rows}
    assert set(tools) == {"dcn-report", "dcn_report (Python)"}
    python_row = tools["dcn_report (Python)"]
    assert mine["nmi"] < 0.95
    for metric in ("NMI", "ARI", "ACC"):  # the final epoch's scores, as numbers (one seed: std 0)
        # Another trainer's final assignments share DCN's column, titled for both.
        assert abs(float(python_row[f"Final labelling (DCN: nearest centre) {metric} mean"]) - mine[metric.lower()]) < 1e-6
        assert float(python_row[f"Final labelling (DCN: nearest centre) {metric} std"]) == 0
    # Only the settings the Python run recorded are listed for it; dcn-report's defaults are not.
    assert python_row["hidden"] == "" and python_row["learning-rate"] == ""
