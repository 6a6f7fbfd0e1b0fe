"""Shared fixtures: the dcn-report binary (to render what the package writes) and small data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]

# TensorFlow and PyTorch's compiler each bundle LLVM; with TensorFlow loaded first, importing
# torch._dynamo aborts the process ("Option ... registered more than once"). Loading PyTorch first
# lets the Keras and PyTorch tests run in one pytest process where both frameworks are installed.
try:
    import torch._dynamo  # noqa: F401
except ImportError:
    pass


def _binary() -> str:
    candidates = [os.environ.get("DCN_REPORT"), str(REPOSITORY / ".build/debug/dcn-report"),
                  str(REPOSITORY / ".build/release/dcn-report"), shutil.which("dcn-report")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("dcn-report not found: build it (swift build) or set DCN_REPORT to its path")


@pytest.fixture(scope="session")
def dcn_report() -> str:
    """The path of the dcn-report executable; missing is a failure, not a skip."""
    return _binary()


@pytest.fixture
def render(dcn_report):
    """Renders a run folder into `<run>/../report` and returns the report's index.html text."""

    def run(folder: Path, *extra: str) -> str:
        out = Path(folder).parent / "report"
        result = subprocess.run(
            [dcn_report, "render", str(folder), "--out", str(out), "--quiet", "--templates", str(REPOSITORY / "templates"),
             "--frame-size", "400x200", "--formats", "png", *extra],
            capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return (out / "index.html").read_text(encoding="utf-8")

    return run


def blobs(samples_per_class: int = 60, classes: int = 3, dimensions: int = 2, spread: float = 0.5, seed: int = 0):
    """Well-separated Gaussian blobs: (points float64 (N, d), labels int64 (N,), centres (k, d))."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=6, size=(classes, dimensions))
    labels = np.repeat(np.arange(classes), samples_per_class)
    points = centers[labels] + rng.normal(scale=spread, size=(labels.size, dimensions))
    return points, labels, centers
