"""Checks of a run folder's `run.json`, mirroring dcn-report's Swift reader.

The Swift reader (Sources/RunFormat: `RunManifest`'s decoding, then `RunFolderChecks.check` and
`checkDistinctFolders`) refuses a manifest that lacks a required key, holds a value of the wrong type,
or is inconsistent: k outside 1…min(N, 10,000), no samples, negative dimensions, a code width below 1,
an image shape that is not H × W (× C) or does not multiply to the dimensions, epochs not listed once
each in increasing order, an epoch path leaving the folder or shared with another epoch (also through
a symlink), cluster sizes not one per cluster within 0…N. These functions do the same, in the same
order, and raise `RunFolderError` naming run.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from ._npy_reading import RunFolderError
from ._settings import BY_KEY

#: Largest run.json read (Swift's `RunFolderChecks.largestManifestBytes`).
LARGEST_MANIFEST_BYTES = 64 << 20
#: Largest k and image side a recording may declare (Swift's `largestClusterCount`, `largestImageSide`).
LARGEST_CLUSTER_COUNT = 10_000
LARGEST_IMAGE_SIDE = 100_000

STATUSES = ("running", "complete", "diverged", "interrupted", "failed")
PHASES = ("pretrain", "train")
METHODS = ("dcn-report", "paper")


def read_manifest(folder: Path) -> dict[str, Any]:
    """`folder/run.json`, decoded and checked."""
    path = folder / "run.json"
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise RunFolderError(path, f"not found; is {folder} a dcn-report run folder?") from None
    if size > LARGEST_MANIFEST_BYTES:
        raise RunFolderError(path, f"holds {size} bytes, more than the {LARGEST_MANIFEST_BYTES >> 20} MB a run manifest "
                                   f"may hold (it lists epochs, not data)")
    parsed = _parse(path)
    try:
        manifest = _check_structure(parsed)
    except _Invalid as problem:
        raise RunFolderError(path, f"is not a valid run manifest ({problem})") from None
    check_consistency(manifest, path)
    check_distinct_folders(manifest["epochs"], folder, path)
    return manifest


def _parse(path: Path) -> Any:
    """The JSON value in `path`; NaN and Infinity are not JSON and are refused, as Swift refuses them."""
    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a JSON number")
    try:
        return json.loads(path.read_bytes().decode("utf-8"), parse_constant=refuse)
    except (UnicodeDecodeError, ValueError) as error:
        raise RunFolderError(path, f"is not a valid run manifest (the data is not valid JSON: {error})") from None


# ------------------------------------------------------------------------------------------ structure

class _Invalid(Exception):
    """A key missing or of the wrong type; the message names it as Swift's decoder does."""


def _is_int(value: Any) -> bool:
    """An integer; Swift's decoder also reads a whole float such as 4.0 as one (`_field` stores it as 4)."""
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "int": (_is_int, "an integer"),
    "float": (_is_number, "a number"),
    "bool": (lambda value: isinstance(value, bool), "true or false"),
    "text": (lambda value: isinstance(value, str), "a string"),
    "int list": (lambda value: isinstance(value, list) and all(_is_int(v) for v in value), "a list of integers"),
    "text list": (lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value), "a list of strings"),
    "object": (lambda value: isinstance(value, dict), "an object"),
    "list": (lambda value: isinstance(value, list), "a list"),
}


def _name(where: str, key: str) -> str:
    """A key's path as Swift's decoder names it, e.g. `configuration.clusterCount`."""
    return f"{where}.{key}" if where else key


def _field(owner: dict[str, Any], key: str, kind: str, where: str, required: bool = True) -> Any:
    """`owner[key]` after checking it is present (when required) and of `kind`."""
    name = _name(where, key)
    if key not in owner or owner[key] is None:
        if required:
            raise _Invalid(f"missing '{name}'")
        return None
    accepts, expected = _TYPES[kind]
    if not accepts(owner[key]):
        raise _Invalid(f"'{name}': expected {expected}, found {json.dumps(owner[key])[:40]}")
    if kind == "int":
        owner[key] = int(owner[key])
    elif kind == "int list":
        owner[key] = [int(value) for value in owner[key]]
    return owner[key]


def _choice(owner: dict[str, Any], key: str, choices: tuple[str, ...], where: str, required: bool = False) -> None:
    """`owner[key]` is one of `choices` (a Swift enum's raw values), or absent when not required."""
    value = _field(owner, key, "text", where, required)
    if value is not None and value not in choices:
        raise _Invalid(f"'{_name(where, key)}' is '{value}', expected one of {', '.join(choices)}")


def _check_structure(manifest: Any) -> dict[str, Any]:
    """The manifest, after checking the keys Swift's `RunManifest` decoding requires and the type of every key it reads."""
    if not isinstance(manifest, dict):
        raise _Invalid("expected a JSON object")
    _field(manifest, "name", "text", "")
    _check_configuration(_field(manifest, "configuration", "object", ""))
    _check_dataset(_field(manifest, "dataset", "object", ""))
    epochs = _field(manifest, "epochs", "list", "")
    for index, entry in enumerate(epochs):
        _check_epoch_entry(entry, f"epochs.{index}")
    _field(manifest, "formatVersion", "int", "", required=False)
    _choice(manifest, "status", STATUSES, "")
    _field(manifest, "statusMessage", "text", "", required=False)
    tool = _field(manifest, "tool", "object", "", required=False)
    if tool is not None:
        _field(tool, "name", "text", "tool")
        _field(tool, "version", "text", "tool")
    method = _field(manifest, "method", "object", "", required=False)
    if method is not None:
        _choice(method, "name", METHODS, "method", required=True)
        _field(method, "version", "int", "method")
    for key in ("baselines", "pretraining"):
        _field(manifest, key, "list", "", required=False)
    for key in ("summary", "start", "outcome"):
        _field(manifest, key, "object", "", required=False)
    return manifest


def _check_configuration(configuration: dict[str, Any]) -> None:
    """`clusterCount` is required; every other recorded setting is optional but typed."""
    _field(configuration, "clusterCount", "int", "configuration")
    for key, value in configuration.items():
        setting = BY_KEY.get(key)
        if setting is None or value is None:
            continue
        if setting.choices:
            _choice(configuration, key, setting.choices, "configuration")
        else:
            _field(configuration, key, setting.kind, "configuration")


def _check_dataset(dataset: dict[str, Any]) -> None:
    for key, kind in (("name", "text"), ("description", "text"), ("samples", "int"), ("dimensions", "int"), ("scaling", "text")):
        _field(dataset, key, kind, "dataset")
    for key, kind in (("classes", "int"), ("scalingReason", "text"), ("classNames", "text list"), ("imageShape", "int list"),
                      ("subsampledFrom", "int")):
        _field(dataset, key, kind, "dataset", required=False)


def _check_epoch_entry(entry: Any, where: str) -> None:
    if not isinstance(entry, dict):
        raise _Invalid(f"'{where}': expected an object")
    _field(entry, "epoch", "int", where)
    _choice(entry, "phase", PHASES, where, required=True)
    _field(entry, "path", "text", where)
    _field(entry, "clusterSizes", "int list", where)
    _field(entry, "refilledClusters", "int list", where, required=False)
    losses = _field(entry, "losses", "object", where, required=False)
    for key in ("reconstruction", "clustering", "total"):
        if losses is not None:
            _field(losses, key, "float", f"{where}.losses", required=False)
    metrics = _field(entry, "metrics", "object", where, required=False)
    for key in ("nmi", "ari", "acc"):
        if metrics is not None:
            _field(metrics, key, "float", f"{where}.metrics")


# ---------------------------------------------------------------------------------------- consistency

def check_consistency(manifest: dict[str, Any], path: Path) -> None:
    """Swift's `RunFolderChecks.check`: the header's counts, then the epochs' order, paths and sizes."""
    _check_header(manifest, path)
    _check_order(manifest["epochs"], path)
    k, samples = manifest["configuration"]["clusterCount"], manifest["dataset"]["samples"]
    for index, entry in enumerate(manifest["epochs"]):
        sizes = entry["clusterSizes"]
        name = f"epochs[{index}] (epoch {entry['epoch']})"
        if len(sizes) != k:
            raise RunFolderError(path, f"{name} lists {len(sizes)} cluster sizes for k = {k}")
        if not all(0 <= size <= samples for size in sizes):
            raise RunFolderError(path, f"{name} has a cluster size outside 0…{samples}")


def _check_header(manifest: dict[str, Any], path: Path) -> None:
    """k, the sample and dimension counts, the code width and the image shape."""
    dataset, configuration = manifest["dataset"], manifest["configuration"]
    samples, dimensions, k = dataset["samples"], dataset["dimensions"], configuration["clusterCount"]
    if samples < 1:
        raise RunFolderError(path, f"dataset.samples is {samples}; a run needs at least one sample")
    if dimensions < 0:
        raise RunFolderError(path, f"dataset.dimensions is {dimensions}, expected ≥ 0")
    largest = min(samples, LARGEST_CLUSTER_COUNT)
    if not 1 <= k <= largest:
        raise RunFolderError(path, f"configuration.clusterCount is {k}; expected 1 to {largest} "
                                   f"(the samples, at most {LARGEST_CLUSTER_COUNT})")
    latent = configuration.get("latentDimensions")
    if latent is not None and latent < 1:
        raise RunFolderError(path, f"configuration.latentDimensions is {latent}, expected ≥ 1")
    shape = dataset.get("imageShape")
    if shape is not None:
        if len(shape) not in (2, 3) or not all(1 <= side <= LARGEST_IMAGE_SIDE for side in shape):
            raise RunFolderError(path, f"dataset.imageShape {shape} is not H × W or H × W × C with sides of 1 to "
                                       f"{LARGEST_IMAGE_SIDE}")
        size = 1
        for side in shape:
            size *= side
        if size != dimensions:
            raise RunFolderError(path, f"dataset.imageShape {shape} holds {size} values per sample, but dataset.dimensions "
                                       f"is {dimensions}")


def _check_order(epochs: list[dict[str, Any]], path: Path) -> None:
    """Epochs listed once each, in increasing order, with paths inside the folder and a folder each."""
    previous = -1
    folders: dict[str, int] = {}
    for index, entry in enumerate(epochs):
        name = f"epochs[{index}] (epoch {entry['epoch']})"
        if entry["epoch"] <= previous:
            raise RunFolderError(path, f"{name} is not after the epoch before it; epochs must be listed once each, "
                                       f"in increasing order")
        previous = entry["epoch"]
        if not is_inside(entry["path"]):
            raise RunFolderError(path, f"{name} has path '{entry['path']}', which leaves the run folder")
        folder = normalised(entry["path"])
        if folder in folders:
            raise RunFolderError(path, f"{name} has path '{entry['path']}', the folder of epochs[{folders[folder]}] too; "
                                       f"every epoch needs a folder of its own")
        folders[folder] = index


def is_inside(relative: str) -> bool:
    """Whether a relative path stays inside the folder it is relative to."""
    return bool(relative) and not relative.startswith("/") and "\0" not in relative and ".." not in relative.split("/")


def normalised(relative: str) -> str:
    """A relative path without `.` and empty components."""
    return "/".join(part for part in relative.split("/") if part not in ("", "."))


def check_distinct_folders(epochs: list[dict[str, Any]], folder: Path, path: Path) -> None:
    """No two epoch folders are one once symlinks are followed (Swift's `checkDistinctFolders`)."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(epochs):
        target = folder / entry["path"]
        if not target.exists():
            continue
        resolved = os.path.realpath(target)
        if resolved in seen:
            raise RunFolderError(path, f"epochs[{index}] (epoch {entry['epoch']}) has path '{entry['path']}', which leads "
                                       f"to the folder of epochs[{seen[resolved]}]; every epoch needs a folder of its own")
        seen[resolved] = index
