"""Checks of a run folder's arrays, mirroring dcn-report's Swift reader (`RunFolderChecks`).

`labels.npy`: one finite integer per sample. Each epoch: `latent.npy` 2-D with one finite row per
sample, `centers.npy` k × the codes' width and finite, `assignments.npy` 1-D with one cluster 0…k-1
per sample. Every problem is a `RunFolderError` naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ._npy_reading import RunFolderError, read_npy

#: Labels beyond this are not exact in a float64 (Swift's bound).
_LARGEST_LABEL = 9.0e15


@dataclass(frozen=True)
class EpochArrays:
    """One epoch's arrays: codes (N × d, float32), cluster ids (N, int32) and centres (k × d, float32)."""

    latent: np.ndarray
    assignments: np.ndarray
    centers: np.ndarray


def read_labels(path: Path, samples: int) -> np.ndarray:
    """`labels.npy` as int64 class ids, after checking it holds one finite integer per sample."""
    values = read_npy(path).reshape(-1)
    if values.size != samples:
        raise RunFolderError(path, f"holds {values.size} labels for the {samples} samples in run.json")
    numbers = values.astype(np.float64)
    bad = ~(np.isfinite(numbers) & (numbers == np.round(numbers)) & (np.abs(numbers) <= _LARGEST_LABEL))
    if bad.any():
        index = int(np.argmax(bad))
        raise RunFolderError(path, f"label {index} is {_number(numbers[index])}, expected an integer")
    return values.astype(np.int64)


def read_epoch(folder: Path, manifest: dict[str, Any]) -> EpochArrays:
    """The arrays of the epoch in `folder`, checked against each other and run.json (Swift's order)."""
    latent = _matrix(folder / "latent.npy")
    centers = _matrix(folder / "centers.npy")
    assignments = read_npy(folder / "assignments.npy")
    if assignments.ndim != 1:
        raise RunFolderError(folder / "assignments.npy", f"expected a 1-D array, found shape {list(assignments.shape)}")
    k, samples = manifest["configuration"]["clusterCount"], manifest["dataset"]["samples"]
    _check_latent(folder / "latent.npy", latent, samples)
    _check_centers(folder / "centers.npy", centers, k, latent.shape[1])
    return EpochArrays(latent=latent.astype(np.float32), assignments=_checked_assignments(folder / "assignments.npy",
                       assignments, samples, k), centers=centers.astype(np.float32))


def _matrix(path: Path) -> np.ndarray:
    array = read_npy(path)
    if array.ndim != 2:
        raise RunFolderError(path, f"expected a 2-D array, found shape {list(array.shape)}")
    return array


def _check_latent(path: Path, latent: np.ndarray, samples: int) -> None:
    rows, columns = latent.shape
    if rows != samples:
        raise RunFolderError(path, f"has {rows} rows for the {samples} samples in run.json")
    if columns < 1:
        raise RunFolderError(path, "has no columns")
    bad = ~np.isfinite(latent.astype(np.float32))
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        raise RunFolderError(path, f"row {row}, column {column} is {_number(float(latent[row, column]))}, expected a finite number")


def _check_centers(path: Path, centers: np.ndarray, k: int, width: int) -> None:
    if centers.shape != (k, width):
        raise RunFolderError(path, f"has shape {list(centers.shape)}; expected [{k}, {width}] (k from run.json, the codes' width)")
    bad = ~np.isfinite(centers.astype(np.float32))
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        raise RunFolderError(path, f"centre {row} has {_number(float(centers[row, column]))}, expected finite numbers")


def _checked_assignments(path: Path, assignments: np.ndarray, samples: int, k: int) -> np.ndarray:
    """Assignments as int32 after checking there is one cluster id 0…k-1 per sample."""
    if assignments.size != samples:
        raise RunFolderError(path, f"has {assignments.size} values for the {samples} samples in run.json")
    numbers = assignments.astype(np.float64)
    bad = ~((numbers >= 0) & (numbers < k) & (numbers == np.round(numbers)))
    if bad.any():
        index = int(np.argmax(bad))
        raise RunFolderError(path, f"sample {index} is assigned to {_number(numbers[index])}; expected a cluster 0…{k - 1} "
                                   f"(k = {k} in run.json)")
    return assignments.astype(np.int32)


def _number(value: float) -> str:
    """A value as a person writes it: 7, not 7.0; nan and inf as Swift prints them."""
    if np.isnan(value):
        return "nan"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return str(int(value)) if value == round(value) and abs(value) < 1e15 else repr(float(value))
