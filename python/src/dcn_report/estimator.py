"""`DCN`: dcn-report's engine as a scikit-learn-style clusterer, run as a child process.

The estimator writes `X` (and `y`, which only scores the report's rows) as `.npy` files, runs
`dcn-report train`, and reads the run folder back: `labels_` is the run's labelling (its last recorded
epoch), `cluster_centers_` its centres in code space. `predict` and `transform` run `dcn-report assign` on
the saved model. The binary is `DCN_REPORT_BIN` when set, else `dcn-report` on PATH.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Optional

import numpy as np

#: Constructor parameters and the `dcn-report train` flag each sets (None: not a flag of its own).
_FLAGS = {
    "n_clusters": "--clusters",
    "method": "--method",
    "preset": "--preset",
    "latent_dim": "--latent-dim",
    "hidden": "--hidden",
    "clustering_weight": "--lambda",
    "learning_rate": "--learning-rate",
    "batch_size": "--batch-size",
    "pretrain_epochs": "--pretrain-epochs",
    "epochs": "--epochs",
    "scaling": "--scaling",
    "random_state": "--seed",
}


class EngineError(RuntimeError):
    """`dcn-report` ended with an error; the message is its one line."""


def engine_binary() -> str:
    """The `dcn-report` executable: `DCN_REPORT_BIN`, else `dcn-report` on PATH."""
    chosen = os.environ.get("DCN_REPORT_BIN") or shutil.which("dcn-report")
    if not chosen or not os.access(chosen, os.X_OK):
        raise EngineError(
            "no dcn-report engine found: this install has no bundled binary; build one (make install in the "
            "dcn-report repository) and set DCN_REPORT_BIN to its path, or put dcn-report on PATH")
    return chosen


def _run(arguments: list[str]) -> None:
    result = subprocess.run([engine_binary(), *arguments], capture_output=True, text=True, start_new_session=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise EngineError(lines[-1] if lines else f"dcn-report exited with {result.returncode}")


def _checked_X(X: Any) -> np.ndarray:
    array = np.asarray(X)
    if array.ndim != 2:
        raise ValueError(f"X must be 2-D (samples × features), got {array.ndim}-D with shape {array.shape}")
    if not np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.complexfloating):
        raise ValueError(f"X must hold real numbers, got dtype {array.dtype}")
    if not np.all(np.isfinite(array)):
        row = int(np.argwhere(~np.isfinite(array))[0][0])
        raise ValueError(f"X has a NaN or infinite value (row {row})")
    return np.ascontiguousarray(array, dtype=np.float64)


class DCN:
    """Deep Clustering Network (Yang et al., ICML 2017) trained by dcn-report's engine.

    Parameters follow scikit-learn's conventions; `None` means the preset's value. `clustering_weight` is
    λ in dcn-report's convention (relative reconstruction error: the paper's eq. 5 λ is λ·V, V the scaled
    input's total variance). `random_state` is an int seed (the seed used is `random_state_`).
    """

    def __init__(self, n_clusters: Optional[int] = None, *, method: Optional[str] = None, preset: Optional[str] = None,
                 latent_dim: Optional[int] = None, hidden: Optional[tuple[int, ...]] = None,
                 clustering_weight: Optional[float] = None, learning_rate: Optional[float] = None,
                 batch_size: Optional[int] = None, pretrain_epochs: Optional[int] = None, epochs: Optional[int] = None,
                 scaling: Optional[str] = None, random_state: Optional[int] = None, run_dir: Optional[str] = None) -> None:
        self.n_clusters = n_clusters
        self.method = method
        self.preset = preset
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.clustering_weight = clustering_weight
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.pretrain_epochs = pretrain_epochs
        self.epochs = epochs
        self.scaling = scaling
        self.random_state = random_state
        self.run_dir = run_dir

    # scikit-learn's parameter protocol, without depending on scikit-learn.
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {name: getattr(self, name) for name in inspect.signature(type(self).__init__).parameters if name != "self"}

    def set_params(self, **params: Any) -> "DCN":
        valid = self.get_params()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"DCN has no parameter {name!r}; its parameters are {', '.join(sorted(valid))}")
            setattr(self, name, value)
        return self

    def _arguments(self) -> list[str]:
        arguments: list[str] = []
        for name, flag in _FLAGS.items():
            value = getattr(self, name)
            if value is None:
                continue
            if name == "hidden":
                value = ",".join(str(int(width)) for width in value)
            arguments += [flag, str(value)]
        return arguments

    def fit(self, X: Any, y: Any = None) -> "DCN":
        """Trains on `X`; `y`, when given, only scores the report's rows (it never reaches training)."""
        data = _checked_X(X)
        if self.n_clusters is not None and not 2 <= int(self.n_clusters) <= data.shape[0]:
            raise ValueError(f"n_clusters must be 2 to the {data.shape[0]} samples, got {self.n_clusters}")
        folder = Path(self.run_dir) if self.run_dir else Path(tempfile.mkdtemp(prefix="dcn-"))
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "X.npy", data)
        arguments = ["train", "--dataset", str(folder / "X.npy"), "--out", str(folder / "out"), "--quiet", "--force"]
        if y is not None:
            labels = np.asarray(y)
            if labels.shape != (data.shape[0],):
                raise ValueError(f"y must have one label per sample of X ({data.shape[0]}), got shape {labels.shape}")
            if not np.issubdtype(labels.dtype, np.integer):
                raise ValueError("y must hold integer class ids; for names use np.unique(y, return_inverse=True)[1]")
            np.save(folder / "y.npy", labels.astype(np.int64))
            arguments += ["--labels", str(folder / "y.npy")]
        if self.n_clusters is None and y is None:
            raise ValueError("n_clusters is needed when no y is given (k defaults to the number of label classes)")
        _run(arguments + self._arguments())
        run = folder / "out" / "run"
        manifest = json.loads((run / "run.json").read_text(encoding="utf-8"))
        last = manifest["epochs"][-1]
        self.labels_ = np.load(run / last["path"] / "assignments.npy")
        self.cluster_centers_ = np.load(run / last["path"] / "centers.npy")
        self.n_features_in_ = data.shape[1]
        self.run_dir_ = str(run)
        self.random_state_ = int(manifest["configuration"].get("seed", 0))
        return self

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
        return self.fit(X, y).labels_

    def _assign(self, X: Any, codes: bool) -> tuple[np.ndarray, Optional[np.ndarray]]:
        if not hasattr(self, "run_dir_"):
            raise ValueError("this DCN is not fitted yet: call fit(X) first")
        data = _checked_X(X)
        if data.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {data.shape[1]} features, but this DCN was fitted on {self.n_features_in_}")
        with tempfile.TemporaryDirectory(prefix="dcn-assign-") as scratch:
            np.save(Path(scratch) / "X.npy", data)
            arguments = ["assign", "--model", str(Path(self.run_dir_) / "model.dcn"), "--dataset", str(Path(scratch) / "X.npy"),
                         "--out", str(Path(scratch) / "a.npy")]
            if codes:
                arguments += ["--codes", str(Path(scratch) / "z.npy")]
            _run(arguments)
            return np.load(Path(scratch) / "a.npy"), (np.load(Path(scratch) / "z.npy") if codes else None)

    def predict(self, X: Any) -> np.ndarray:
        """Each sample's cluster under the fitted network and centres."""
        return self._assign(X, codes=False)[0]

    def transform(self, X: Any) -> np.ndarray:
        """Each sample's code f(x) (float32, N × code width)."""
        codes = self._assign(X, codes=True)[1]
        assert codes is not None
        return codes

    def report(self, path: Optional[str] = None) -> str:
        """Renders the run's HTML report (into `path`, else beside the run) and returns index.html's path."""
        if not hasattr(self, "run_dir_"):
            raise ValueError("this DCN is not fitted yet: call fit(X) first")
        out = Path(path) if path else Path(self.run_dir_).parent
        _run(["render", self.run_dir_, "--out", str(out), "--quiet"])
        return str(out / "index.html")
