"""`load_run`: a run folder (docs/recording-format.md) read and checked as dcn-report's renderer reads it.

Every listed epoch is read and checked once when the run is loaded, so a damaged folder fails there
with one `ValueError` (`RunFolderError`) naming the file, rather than halfway through an analysis.
Unlike the renderer, which draws a damaged or missing later epoch's predecessors and warns, `load_run`
refuses any damaged listed epoch: its `labels` are the last epoch's, so that epoch must be sound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np

from ._array_checks import EpochArrays, read_epoch, read_labels
from ._manifest_checks import read_manifest
from ._npy_reading import RunFolderError

__all__ = ["RecordedRun", "RunFolderError", "load_run"]


@dataclass(frozen=True, eq=False)
class RecordedRun:
    """A checked run folder. Epoch arrays are read from the folder when asked for."""

    #: The run folder (the one holding run.json).
    path: Path
    #: run.json as written.
    manifest: dict[str, Any] = field(repr=False)
    #: The run's labelling: the cluster of each sample at the last recorded epoch (int32, N).
    labels: np.ndarray = field(repr=False)
    #: The recorded epochs, in order (0: after pretraining and the start).
    epochs: list[int]
    #: The ground truth (`labels.npy`) as int64 class ids, when the run has one.
    truth: Optional[np.ndarray] = field(default=None, repr=False)

    @property
    def status(self) -> str:
        """`running`, `complete`, `diverged`, `interrupted` or `failed`."""
        return str(self.manifest.get("status", "running"))

    @property
    def configuration(self) -> dict[str, Any]:
        """The recorded settings (run.json's `configuration`)."""
        return dict(self.manifest["configuration"])

    @property
    def outcome(self) -> Optional[dict[str, Any]]:
        """How DCN's labelling compared with its start's and which the run kept; None before a run ends."""
        return self.manifest.get("outcome")

    @property
    def scores(self) -> dict[int, dict[str, float]]:
        """Each epoch's NMI, ARI and ACC against the ground truth, by epoch; empty without labels."""
        return {entry["epoch"]: dict(entry["metrics"]) for entry in self.manifest["epochs"] if entry.get("metrics")}

    @property
    def baselines(self) -> list[dict[str, Any]]:
        """The reference clusterings and their scores (run.json's `baselines`)."""
        return list(self.manifest.get("baselines") or [])

    def latent(self, epoch: Optional[int] = None) -> np.ndarray:
        """The codes f(x) at `epoch` (default: the last), N × d float32."""
        return self._arrays(epoch).latent

    def assignments(self, epoch: Optional[int] = None) -> np.ndarray:
        """Each sample's cluster at `epoch` (default: the last), int32."""
        return self._arrays(epoch).assignments

    def centers(self, epoch: Optional[int] = None) -> np.ndarray:
        """The cluster centres at `epoch` (default: the last), k × d float32."""
        return self._arrays(epoch).centers

    def _arrays(self, epoch: Optional[int]) -> EpochArrays:
        wanted = self.epochs[-1] if epoch is None else epoch
        for entry in self.manifest["epochs"]:
            if entry["epoch"] == wanted:
                return read_epoch(self.path / entry["path"], self.manifest)
        raise ValueError(f"epoch {epoch} is not recorded in {self.path}; the recorded epochs are {_span(self.epochs)}")

    def _repr_html_(self) -> str:
        """The run's final frame, a small animation and its scores, for Jupyter (see `inline_view`)."""
        from .inline_view import run_html
        return run_html(self)


def load_run(path: Union[str, Path]) -> RecordedRun:
    """Reads and checks a run folder (or the folder given to `dcn-report train --out`, holding run/).

    Raises FileNotFoundError when `path` does not exist, and one `RunFolderError` (a ValueError whose
    message starts with the damaged file's path) for anything a reader could not use.
    """
    folder = _run_folder(Path(path))
    manifest = read_manifest(folder)
    truth = None
    if (folder / "labels.npy").exists():
        truth = read_labels(folder / "labels.npy", manifest["dataset"]["samples"])
    if not manifest["epochs"]:
        raise RunFolderError(folder / "run.json", "lists no epoch: the run recorded nothing to read yet")
    last = None
    for entry in manifest["epochs"]:
        last = read_epoch(folder / entry["path"], manifest)
    assert last is not None
    return RecordedRun(path=folder, manifest=manifest, labels=last.assignments,
                       epochs=[entry["epoch"] for entry in manifest["epochs"]], truth=truth)


def _run_folder(path: Path) -> Path:
    """`path`, or its `run/` when `path` is an output folder holding one."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such folder")
    if not path.is_dir():
        raise RunFolderError(path, "is a file; give the run folder (the one holding run.json)")
    if not (path / "run.json").exists() and (path / "run" / "run.json").exists():
        return path / "run"
    return path


def _span(epochs: list[int]) -> str:
    if len(epochs) > 2 and epochs == list(range(epochs[0], epochs[-1] + 1)):
        return f"{epochs[0]}–{epochs[-1]}"
    return ", ".join(str(epoch) for epoch in epochs)
