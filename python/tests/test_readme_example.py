"""The README's "Using your own training code" example runs as printed (where PyTorch is importable)."""

from __future__ import annotations

import json
import os
import re

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from conftest import REPOSITORY, blobs  # noqa: E402


def readme_example() -> str:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using your own training code", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_records_a_run_that_renders(tmp_path, render, monkeypatch):
    points, truth, _ = blobs(samples_per_class=40, classes=10, dimensions=6)
    torch.manual_seed(0)
    encoder = torch.nn.Sequential(torch.nn.Linear(6, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
    decoder = torch.nn.Sequential(torch.nn.Linear(3, 16), torch.nn.ReLU(), torch.nn.Linear(16, 6))
    optimizer = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=1e-2)

    def step(loss):
        optimizer.zero_grad(); loss.backward(); optimizer.step()

    def pretrain(encoder, decoder, x):
        for _ in range(20):
            step(((decoder(encoder(x)) - x) ** 2).mean())

    def train_one_epoch(encoder, decoder, centres, x):
        z = encoder(x)
        s = torch.cdist(z.detach(), centres).argmin(1)
        step(((decoder(z) - x) ** 2).mean() + 0.025 * ((z - centres[s]) ** 2).sum(1).mean())

    monkeypatch.chdir(tmp_path)
    exec(readme_example(), {"features": points, "labels": truth, "encoder": encoder, "decoder": decoder,
                            "pretrain": pretrain, "train_one_epoch": train_one_epoch})
    manifest = json.loads((tmp_path / "runs/mine/run/run.json").read_text())
    assert [e["epoch"] for e in manifest["epochs"]] == list(range(21)) and manifest["status"] == "complete"
    render(tmp_path / "runs/mine/run")
