#!/usr/bin/env python3
"""Regenerates the damaged run folders that the run readers are tested on.

    python3 Tests/Fixtures/corrupt-runs/make.py [--binary PATH]

It trains one tiny valid run with dcn-report (12 samples of 3 features in 3 classes, 2-D codes,
epochs 0–3; the binary is --binary, else $DCN_REPORT_BIN, else .build/release/dcn-report), keeps what
a reader needs (run.json, labels.npy, and each epoch's latent.npy, assignments.npy and centers.npy),
and writes it to valid/run. Then, for each kind of damage that
Tests/EndToEndTests/CorruptRunTests.swift exercises, CASE/run is the valid run so damaged and
CASE/expected.txt names the file (relative to the run folder) that a reader's one-line error must
name. python/tests/test_load_run.py loads every case with `dcn_report.load_run`.

Not here: run.json beyond the 64 MB limit (too large to commit; test_load_run.py lowers the limit)
and the damage both readers accept (decoded centres, gallery, timing.json, label ids up to 2³¹ − 1),
which test_load_run.py builds in a temporary folder.

Needs numpy. Each case folder is deleted and rewritten; for the same binary the output is the same
byte for byte (the run is seeded, its data set is named by a relative path, and timing.json,
process.json, model.dcn, final/ and gallery/ are left out).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable

import numpy as np

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[2]
SAMPLES, CLUSTERS, CODE_WIDTH = 12, 3, 2
#: What a reader needs of a run; the rest of what the engine writes is removed.
KEPT = ("run.json", "labels.npy", "epochs")
EPOCH_FILES = ("latent.npy", "assignments.npy", "centers.npy")

Damage = Callable[[Path], None]


# ----------------------------------------------------------------------------------------- the valid run

def train_valid_run(binary: str, destination: Path) -> None:
    """Trains the tiny run and keeps a reader's part of it in `destination`."""
    with tempfile.TemporaryDirectory() as scratch:
        rng = np.random.default_rng(0)
        classes = np.repeat(np.arange(CLUSTERS), SAMPLES // CLUSTERS)
        centres = np.array([[0, 0, 0], [6, 0, 0], [0, 6, 0]], dtype=float)
        np.save(Path(scratch) / "points.npy", (centres[classes] + rng.normal(scale=0.5, size=(SAMPLES, 3))).astype(np.float32))
        np.save(Path(scratch) / "classes.npy", classes.astype(np.int32))
        subprocess.run([binary, "train", "--dataset", "points.npy", "--labels", "classes.npy", "--clusters", str(CLUSTERS),
                        "--hidden", "4", "--latent-dim", str(CODE_WIDTH), "--pretrain-epochs", "2", "--epochs", "3",
                        "--kmeans-restarts", "2", "--batch-size", "4", "--no-keep-better", "--seed", "0", "--quiet",
                        "--out", "out", "--name", "valid"], cwd=scratch, check=True, capture_output=True)
        run = Path(scratch) / "out" / "run"
        destination.mkdir(parents=True)
        for name in KEPT:
            source = run / name
            if source.is_dir():
                shutil.copytree(source, destination / name, ignore=_only_epoch_arrays)
            else:
                shutil.copy2(source, destination / name)


def _only_epoch_arrays(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name.endswith(".npy") and name not in EPOCH_FILES]


# ----------------------------------------------------------------------------------------- damage

def edit_manifest(change: Callable[[dict[str, Any]], None]) -> Damage:
    def damage(run: Path) -> None:
        manifest = json.loads((run / "run.json").read_text(encoding="utf-8"))
        change(manifest)
        (run / "run.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return damage


def set_key(section: str, key: str, value: Any) -> Damage:
    return edit_manifest(lambda manifest: manifest[section].__setitem__(key, value))


def edit_epochs(change: Callable[[list[dict[str, Any]]], None]) -> Damage:
    return edit_manifest(lambda manifest: change(manifest["epochs"]))


def set_path(index: int, path: str) -> Damage:
    return edit_epochs(lambda epochs: epochs[index].__setitem__("path", path))


def write(file: str, data: bytes) -> Damage:
    return lambda run: (run / file).write_bytes(data)


def write_array(file: str, array: np.ndarray) -> Damage:
    return lambda run: np.save(run / file, array)


def remove(file: str) -> Damage:
    return lambda run: (run / file).unlink()


def raw_npy(descriptor: str, shape: str, body: bytes) -> bytes:
    """An .npy file with any header and body, for types numpy will not write (as CorruptRunTests.rawNPY)."""
    header = f"{{'descr': '{descriptor}', 'fortran_order': False, 'shape': {shape}, }}"
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode("latin1") + body


def assignments_with(value: float, index: int = 5, dtype: Any = np.int32) -> np.ndarray:
    values = (np.arange(SAMPLES) % CLUSTERS).astype(dtype)
    values[index] = value
    return values


def codes_with(value: float) -> np.ndarray:
    codes = np.full((SAMPLES, CODE_WIDTH), 0.5, dtype=np.float32)
    codes[3, 1] = value
    return codes


def swap(epochs: list[dict[str, Any]]) -> None:
    epochs[1], epochs[2] = epochs[2], epochs[1]


def symlink_epoch_2_to_1(run: Path) -> None:
    shutil.rmtree(run / "epochs" / "0002")
    os.symlink("0001", run / "epochs" / "0002")


def truncated_codes(run: Path) -> None:
    data = (run / "epochs/0000/latent.npy").read_bytes()
    (run / "epochs/0000/latent.npy").write_bytes(data[:-9])


E0 = "epochs/0000"
#: Each case: its folder name, the file the error must name, and the damage (CorruptRunTests.cases' order).
CASES: list[tuple[str, str, Damage]] = [
    # run.json on its own
    ("k-zero", "run.json", set_key("configuration", "clusterCount", 0)),
    ("k-negative", "run.json", set_key("configuration", "clusterCount", -3)),
    ("k-above-the-samples", "run.json", set_key("configuration", "clusterCount", 100_000)),
    ("k-against-the-cluster-sizes", "run.json", set_key("configuration", "clusterCount", CLUSTERS + 1)),
    ("latent-width-zero", "run.json", set_key("configuration", "latentDimensions", 0)),
    ("no-samples", "run.json", set_key("dataset", "samples", 0)),
    ("negative-dimensions", "run.json", set_key("dataset", "dimensions", -1)),
    ("image-shape-with-a-zero-side", "run.json", set_key("dataset", "imageShape", [0, 100])),
    ("image-shape-of-another-size", "run.json", set_key("dataset", "imageShape", [3, 3])),
    ("image-shape-absurd", "run.json", set_key("dataset", "imageShape", [100_000, 100_000, 4])),
    ("epochs-out-of-order", "run.json", edit_epochs(swap)),
    ("epoch-listed-twice", "run.json", edit_epochs(lambda epochs: epochs.insert(1, dict(epochs[1])))),
    ("epoch-path-leaving-the-folder", "run.json", set_path(1, "../../etc")),
    ("epoch-path-absolute", "run.json", set_path(1, "/tmp")),
    ("two-epochs-in-one-folder", "run.json", set_path(2, "epochs/0001")),
    ("two-epochs-in-one-folder-with-dots", "run.json", set_path(2, "./epochs/./0001")),
    ("two-epochs-in-one-folder-with-slashes", "run.json", set_path(3, "epochs//0001/")),
    ("two-epochs-in-one-folder-through-a-symlink", "run.json", symlink_epoch_2_to_1),
    ("too-few-cluster-sizes", "run.json", edit_epochs(lambda epochs: epochs[0].__setitem__("clusterSizes", [6, 6]))),
    ("negative-cluster-size", "run.json", edit_epochs(lambda epochs: epochs[2].__setitem__("clusterSizes", [-1, 7, 6]))),
    ("no-epochs", "run.json", edit_epochs(lambda epochs: epochs.clear())),
    ("run-json-not-json", "run.json", write("run.json", b"{ not json")),
    ("run-json-empty", "run.json", write("run.json", b"")),
    ("run-json-without-a-name", "run.json", edit_manifest(lambda manifest: manifest.pop("name"))),
    ("run-json-without-epochs", "run.json", edit_manifest(lambda manifest: manifest.pop("epochs"))),
    ("k-as-a-string", "run.json", set_key("configuration", "clusterCount", "four")),
    ("run-json-missing", "run.json", remove("run.json")),
    # labels.npy
    ("absurd-sample-count", "labels.npy", set_key("dataset", "samples", 1_000_000_000_000)),
    ("labels-with-nan", "labels.npy", write_array("labels.npy", np.array([1.0] * (SAMPLES - 1) + [np.nan], np.float32))),
    ("labels-not-integers", "labels.npy", write_array("labels.npy", np.full(SAMPLES, 1.5, np.float32))),
    ("labels-of-the-wrong-count", "labels.npy", write_array("labels.npy", np.ones(SAMPLES - 1, np.int32))),
    ("labels-not-numpy", "labels.npy", write("labels.npy", b"1,2,3")),
    # epoch 0
    ("assignment-beyond-k", f"{E0}/assignments.npy", write_array(f"{E0}/assignments.npy", assignments_with(7))),
    ("assignment-negative", f"{E0}/assignments.npy", write_array(f"{E0}/assignments.npy", assignments_with(-1))),
    ("assignment-nan", f"{E0}/assignments.npy", write_array(f"{E0}/assignments.npy", assignments_with(np.nan, 3, np.float32))),
    ("assignment-fractional", f"{E0}/assignments.npy", write_array(f"{E0}/assignments.npy", np.full(SAMPLES, 1.5, np.float32))),
    ("assignments-too-few", f"{E0}/assignments.npy", write_array(f"{E0}/assignments.npy", np.array([0, 1, 2], np.int32))),
    ("assignments-2d", f"{E0}/assignments.npy", write_array(f"{E0}/assignments.npy", np.zeros((SAMPLES // 2, 2), np.int32))),
    ("assignments-complex", f"{E0}/assignments.npy",
     write(f"{E0}/assignments.npy", raw_npy("<c8", f"({SAMPLES},)", bytes(8 * SAMPLES)))),
    ("assignments-missing", f"{E0}/assignments.npy", remove(f"{E0}/assignments.npy")),
    ("latent-nan", f"{E0}/latent.npy", write_array(f"{E0}/latent.npy", codes_with(np.nan))),
    ("latent-infinite", f"{E0}/latent.npy", write_array(f"{E0}/latent.npy", codes_with(np.inf))),
    ("latent-wrong-count", f"{E0}/latent.npy", write_array(f"{E0}/latent.npy", np.zeros((5, CODE_WIDTH), np.float32))),
    ("latent-1d", f"{E0}/latent.npy", write_array(f"{E0}/latent.npy", np.zeros(SAMPLES * CODE_WIDTH, np.float32))),
    ("latent-truncated", f"{E0}/latent.npy", truncated_codes),
    ("latent-missing", f"{E0}/latent.npy", remove(f"{E0}/latent.npy")),
    ("centers-too-few", f"{E0}/centers.npy", write_array(f"{E0}/centers.npy", np.zeros((CLUSTERS - 1, CODE_WIDTH), np.float32))),
    ("centers-of-another-width", f"{E0}/centers.npy",
     write_array(f"{E0}/centers.npy", np.zeros((CLUSTERS, CODE_WIDTH + 1), np.float32))),
    ("centers-nan", f"{E0}/centers.npy", write_array(f"{E0}/centers.npy", np.array([[0, 0], [1, np.nan], [3, 3]], np.float32))),
    # a later epoch
    ("last-epoch-assignment-beyond-k", "epochs/0003/assignments.npy", write_array("epochs/0003/assignments.npy", assignments_with(7))),
    ("last-epoch-latent-nan", "epochs/0003/latent.npy", write_array("epochs/0003/latent.npy", codes_with(np.nan))),
    ("epoch-2-centers-not-numpy", "epochs/0002/centers.npy", write("epochs/0002/centers.npy", b"garbage")),
]


def make_all(binary: str) -> None:
    """Rewrites valid/ and every case folder."""
    for old in [HERE / "valid", *(HERE / name for name, _, _ in CASES)]:
        shutil.rmtree(old, ignore_errors=True)
    valid = HERE / "valid" / "run"
    train_valid_run(binary, valid)
    for name, expected, damage in CASES:
        run = HERE / name / "run"
        shutil.copytree(valid, run, symlinks=True)
        damage(run)
        (HERE / name / "expected.txt").write_text(expected + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.environ.get("DCN_REPORT_BIN") or str(REPOSITORY / ".build/release/dcn-report"))
    make_all(parser.parse_args().binary)
    print(f"wrote {HERE / 'valid'} and {len(CASES)} damaged runs")


if __name__ == "__main__":
    main()
