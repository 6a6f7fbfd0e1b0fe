"""`RunWriter`: writes dcn-report's run folder (docs/recording-format.md) from a Python training loop."""

from __future__ import annotations

import datetime
import os
import shutil
import socket
from typing import Any, Dict, List, Mapping, Optional, Sequence

import numpy as np

from . import _files
from ._gallery import select_samples, standardised_means
from ._arrays import NonFiniteError, finite_number, labelling, real_matrix, whole_number
from ._configuration import split_settings
from ._version import __version__
from .metrics import scores

FORMAT_VERSION = 4
TOOL_NAME = "dcn_report (Python)"
STATUSES = ("complete", "diverged", "interrupted", "failed")
PHASES = ("pretrain", "train")
#: Titles of the baseline ids dcn-report itself writes (docs/recording-format.md, `baselines[]`): the
#: `title` of each case of Swift's `RunFormat.Labelling`, which the Swift tests check this against.
BASELINE_TITLES = {
    "kmeans-raw": "k-means on raw input",
    "ae-kmeans": "AE + k-means",
    "dcn-online": "DCN online",
    "dcn-nearest-centre": "DCN nearest centre",
    "dcn-final-kmeans": "DCN + final k-means",
}
#: What a run folder holds; a folder holding run.json is a run and these are replaced on reuse.
RUN_FILES = ("run.json", "timing.json", "labels.npy", "model.dcn", "epochs", "final", "gallery")


class RunWriter:
    """Writes one run folder that `dcn-report render` turns into a report.

    The folder follows docs/recording-format.md exactly: `run.json`, `timing.json`, `labels.npy` and
    `epochs/NNNN/{latent,assignments,centers}.npy` (float32 / int32, little-endian). Every file is
    written under a temporary name and renamed into place; an epoch's arrays go to
    `epochs/NNNN.partial/`, which is renamed when complete, and only then is the epoch listed in
    `run.json`. A process killed at any moment leaves a folder that renders up to its last complete
    epoch.

    Use it as a context manager: leaving the block marks the run `complete`, an exception marks it
    `failed` (with the exception's text), a NaN or infinite loss, code or centre given to the writer
    marks it `diverged`, and Ctrl-C marks it `interrupted`.

    Example:
        >>> with RunWriter("out/run", labels=y, config={"n_clusters": 10, "lambda": 0.05}) as writer:
        ...     writer.epoch(0, z, assignments, centers, losses={"reconstruction": r})
        # then: dcn-report render out/run  → out/index.html

    Every bad argument raises one `ValueError` whose message starts with the argument's name.
    """

    def __init__(
        self,
        path: "str | os.PathLike[str]",
        labels: Any = None,
        *,
        name: Optional[str] = None,
        config: Optional[Mapping[str, Any]] = None,
        class_names: Optional[Sequence[str]] = None,
        dataset: str = "data",
        description: str = "recorded from Python with dcn_report",
        input_dim: Optional[int] = None,
        image_shape: Optional[Sequence[int]] = None,
        scaling: str = "none",
        inputs: Any = None,
    ) -> None:
        """Creates (or replaces) the run folder and writes `run.json` and `labels.npy`.

        Args:
            path: The run folder. It is created if missing. An existing run folder (one holding
                `run.json`) is replaced; any other non-empty folder is refused.
            labels: Ground-truth class per sample (1-D integers), or None. With labels, every epoch
                is scored (NMI, ARI, ACC) exactly as dcn-report scores its own runs.
            name: The run's name in the report; default: the folder's name (its parent's when the
                folder is called `run`, as `dcn-report train --out NAME` writes `NAME/run`).
            config: Your settings, recorded as given and shown in the report. These keys (or the
                names in brackets) also fill the report's summary: `clusterCount` (`n_clusters`,
                `clusters`, `k`), `latentDimensions` (`latent_dim`), `hiddenLayers` (`hidden`,
                `hidden_layers`, `hidden_dims`), `lambda` (`lamda`, `lam`), `learningRate` (`lr`,
                `learning_rate`), `batchSize` (`batch_size`), `pretrainEpochs` (`pretrain_epochs`),
                `epochs` and `seed`.
            class_names: Display names of the classes in ascending label order (needs `labels`).
            dataset: The data set's short name.
            description: The data set's provenance in one line.
            input_dim: Input dimensions D (taken from `decoded_centers` when not given).
            image_shape: `(H, W)` or `(H, W, C)` when each sample is an image, so the report draws
                decoded centres as images. H·W·C must equal `input_dim`.
            scaling: How the inputs were scaled before training (`none`, `unit`, `minmax`,
                `standardize`, `shared`, `log` or your own word).
            inputs: Optional: the unscaled input rows (N, D). With them the report gets its galleries at
                the first and the last recorded epoch: with `image_shape`, images of each cluster's
                members (nearest its centre, random, least certain) and of each class's misplaced
                members; otherwise each cluster's standardised feature means.

        Raises:
            ValueError: a malformed argument, or `path` is a non-empty folder that is not a run.
            OSError: the folder cannot be created or written.
        """
        if not isinstance(path, (str, os.PathLike)) or not os.fspath(path):
            raise ValueError(f"path: expected the run folder's path, got {path!r}")
        self._path = os.fspath(path)
        configuration, settings = split_settings(config)
        self._labels = None if labels is None else labelling("labels", labels)
        samples = 0 if self._labels is None else int(self._labels.shape[0])
        dataset_info: Dict[str, Any] = {
            "name": self._text("dataset", dataset),
            "description": self._text("description", description, allow_empty=True),
            "samples": samples,
            "dimensions": 0 if input_dim is None else whole_number("input_dim", input_dim, minimum=1),
            "scaling": self._text("scaling", scaling),
        }
        if self._labels is not None:
            dataset_info["classes"] = int(np.unique(self._labels).size)
        if class_names is not None:
            dataset_info["classNames"] = self._class_names(class_names)
        self._inputs = None
        if inputs is not None:
            self._inputs = real_matrix("inputs", inputs, rows=samples or None, columns=dataset_info["dimensions"] or None)
            dataset_info["dimensions"] = int(self._inputs.shape[1])
        if image_shape is not None:
            dataset_info["imageShape"] = self._image_shape(image_shape, dataset_info["dimensions"])
        self._manifest: Dict[str, Any] = {
            "formatVersion": FORMAT_VERSION,
            "tool": {"name": TOOL_NAME, "version": __version__},
            "status": "running",
            "name": self._text("name", name) if name is not None else self._default_name(self._path),
            "configuration": configuration,
            "dataset": dataset_info,
            "baselines": [],
            "pretraining": [],
            "epochs": [],
        }
        if settings:
            self._manifest["settings"] = settings
        self._timing: Dict[str, Any] = {"pretrainingSeconds": [], "epochSeconds": [], "totalSeconds": 0.0}
        self._finished = False
        self._last_arrays: Optional[tuple] = None  # the last epoch's (number, latent, assignments, centres), for its gallery
        self._prepare_folder()
        if self._labels is not None:
            _files.write_npy(os.path.join(self._path, "labels.npy"), self._labels)
        # Who writes the folder, so that `dcn-report serve` can tell a killed run from a training one.
        _files.write_json(os.path.join(self._path, "process.json"), {
            "pid": os.getpid(), "host": socket.gethostname(),
            "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")})
        self._write_manifest()

    # MARK: recording

    @property
    def path(self) -> str:
        """The run folder."""
        return self._path

    @property
    def last_epoch(self) -> Optional[int]:
        """The last epoch recorded with `epoch()`, or None before the first."""
        epochs = self._manifest["epochs"]
        return epochs[-1]["epoch"] if epochs else None

    @property
    def cluster_count(self) -> Optional[int]:
        """Clusters k: from `config`, else from the first recorded epoch's centres."""
        return self._manifest["configuration"].get("clusterCount")

    @property
    def lam(self) -> Optional[float]:
        """λ from `config`, or None when it was not given."""
        return self._manifest["configuration"].get("lambda")

    def pretraining_epoch(self, epoch: int, reconstruction: float, *, seconds: Optional[float] = None) -> None:
        """Records one autoencoder pretraining epoch's loss (the report's pretraining curve).

        Args:
            epoch: 1-based pretraining epoch, each above the previous one.
            reconstruction: Mean relative reconstruction error ‖x − g(f(x))‖²/V per sample, V being
                the data's total variance (see `reconstruction_error`).
            seconds: Wall-clock seconds of the epoch, for `timing.json`.
        """
        self._check_open()
        epoch = whole_number("epoch", epoch, minimum=1)
        entries: List[Dict[str, Any]] = self._manifest["pretraining"]
        if entries and epoch <= entries[-1]["epoch"]:
            raise ValueError(f"epoch: pretraining epochs must increase; {epoch} follows {entries[-1]['epoch']}")
        value = finite_number("reconstruction", reconstruction, minimum=0)
        if seconds is not None:
            self._timing["pretrainingSeconds"].append(finite_number("seconds", seconds, minimum=0))
            self._timing["totalSeconds"] += self._timing["pretrainingSeconds"][-1]
        entries.append({"epoch": epoch, "reconstruction": value})
        self._write_manifest()

    def epoch(
        self,
        epoch: int,
        latent: Any,
        assignments: Any,
        centers: Any,
        *,
        losses: Optional[Mapping[str, float]] = None,
        phase: Optional[str] = None,
        decoded_centers: Any = None,
        seconds: Optional[float] = None,
    ) -> Dict[str, Any]:
        """Records one epoch: the codes, assignments and centres after it, and its losses.

        Args:
            epoch: 0 for the state after pretraining and initialisation, then 1, 2, … (each above the
                previous recorded epoch; gaps are allowed).
            latent: f(x) for every sample, in data-set order, shape (N, d).
            assignments: Each sample's cluster in 0..k−1, shape (N,), integers.
            centers: The cluster centres, shape (k, d).
            losses: Means per sample over the epoch, each optional: `reconstruction`
                (‖x − g(f(x))‖²/V, see `reconstruction_error`; leave it out for a method without a
                decoder), `clustering` (default: the mean ‖f(x) − m_s‖² of these arrays) and `total`
                (default, when reconstruction is given: reconstruction + λ/2 · clustering, λ from
                `config`, 1 when not given). Without `losses` the epoch records none, and the report
                draws no loss curves; it draws the curves a run has.
            phase: `pretrain` or `train`; default: `pretrain` for epoch 0, else `train`.
            decoded_centers: Optional g(m_k), the decoder's image of each centre, shape (k, D).
            seconds: Wall-clock seconds of the epoch, for `timing.json`.

        Returns:
            The epoch's `run.json` entry, with `metrics` (NMI, ARI, ACC) when labels were given.
        """
        self._check_open()
        epoch = whole_number("epoch", epoch, minimum=0)
        if self.last_epoch is not None and epoch <= self.last_epoch:
            raise ValueError(f"epoch: epochs must increase; {epoch} follows {self.last_epoch}")
        samples = self._manifest["dataset"]["samples"] or (None if self._inputs is None else self._inputs.shape[0])
        latent = real_matrix("latent", latent, rows=samples, columns=self._latent_dim())
        centers = real_matrix("centers", centers, rows=self.cluster_count, columns=latent.shape[1],
                              row_meaning="clusters", column_meaning="latent dimensions")
        k = centers.shape[0]
        assignments = labelling("assignments", assignments, length=latent.shape[0], below=k)
        dimensions = self._manifest["dataset"]["dimensions"] or None
        if decoded_centers is not None:
            decoded_centers = real_matrix("decoded_centers", decoded_centers, rows=k, columns=dimensions,
                                          row_meaning="clusters", column_meaning="input dimensions")
        phase = ("pretrain" if epoch == 0 else "train") if phase is None else phase
        if phase not in PHASES:
            raise ValueError(f"phase: expected 'pretrain' or 'train', got {phase!r}")
        entry_losses = self._losses(losses, latent, assignments, centers)
        if seconds is not None:
            seconds = finite_number("seconds", seconds, minimum=0)

        name = f"{epoch:04d}"
        epochs_folder = os.path.join(self._path, "epochs")
        partial = os.path.join(epochs_folder, name + ".partial")
        final = os.path.join(epochs_folder, name)
        shutil.rmtree(partial, ignore_errors=True)
        os.makedirs(partial)
        _files.write_npy(os.path.join(partial, "latent.npy"), latent)
        _files.write_npy(os.path.join(partial, "assignments.npy"), assignments)
        _files.write_npy(os.path.join(partial, "centers.npy"), centers)
        if decoded_centers is not None:
            _files.write_npy(os.path.join(partial, "decoded_centers.npy"), decoded_centers)
        shutil.rmtree(final, ignore_errors=True)
        os.rename(partial, final)

        entry: Dict[str, Any] = {
            "epoch": epoch,
            "phase": phase,
            "path": f"epochs/{name}",
            "clusterSizes": np.bincount(assignments, minlength=k).tolist(),
        }
        if entry_losses:
            entry["losses"] = entry_losses
        if self._labels is not None:
            entry["metrics"] = scores(assignments, self._labels)
        configuration = self._manifest["configuration"]
        configuration.setdefault("clusterCount", k)
        configuration.setdefault("latentDimensions", int(latent.shape[1]))
        self._manifest["dataset"]["samples"] = int(latent.shape[0])
        if decoded_centers is not None:
            self._manifest["dataset"]["dimensions"] = int(decoded_centers.shape[1])
        first = not self._manifest["epochs"]
        self._manifest["epochs"].append(entry)
        if seconds is not None:
            self._timing["epochSeconds"].append(seconds)
            self._timing["totalSeconds"] += seconds
        self._write_manifest()
        self._last_arrays = (epoch, latent, assignments, centers)
        if first:
            self._write_gallery()
        return entry

    def baseline(self, id: str, assignments: Any, *, title: Optional[str] = None) -> Dict[str, float]:
        """Scores a reference clustering against the labels and lists it in the report's table.

        Args:
            id: A short machine name, e.g. `kmeans-raw` (k-means on the input) or `ae-kmeans`
                (k-means on the pretrained codes); recording the same id again replaces it.
            assignments: The reference clustering, one id per sample.
            title: The report's name for it; default: dcn-report's title for its own ids, else `id`.

        Returns:
            Its NMI, ARI and ACC.
        """
        self._check_open()
        if self._labels is None:
            raise ValueError("labels: a baseline is scored against the labels; pass labels= to RunWriter")
        id = self._text("id", id)
        assignments = labelling("assignments", assignments, length=self._labels.shape[0])
        metrics = scores(assignments, self._labels)
        title = self._text("title", title) if title is not None else BASELINE_TITLES.get(id, id)
        entry = {"id": id, "title": title, "metrics": metrics}
        baselines: List[Dict[str, Any]] = self._manifest["baselines"]
        same = [index for index, b in enumerate(baselines) if b["id"] == id]
        if same:
            baselines[same[0]] = entry  # keeps its place in the table
        else:
            baselines.append(entry)
        self._write_manifest()
        return metrics

    def finish(self, status: str = "complete", message: Optional[str] = None) -> None:
        """Marks the run finished and writes its summary; later calls do nothing.

        Args:
            status: `complete`, `diverged` (a loss became NaN or infinite), `interrupted` or `failed`.
            message: Why the run stopped early, shown in the report.
        """
        if self._finished:
            return
        if status not in STATUSES:
            raise ValueError(f"status: expected one of {', '.join(STATUSES)}, got {status!r}")
        if self._last_arrays is not None and len(self._manifest["epochs"]) > 1:
            self._write_gallery()
        self._manifest["status"] = status
        if message is not None:
            self._manifest["statusMessage"] = str(message)
        epochs = self._manifest["epochs"]
        if epochs:
            last = epochs[-1]
            summary: Dict[str, Any] = {
                "finalEpoch": last["epoch"],
                "smallestCluster": min(last["clusterSizes"]),
                "emptyClusters": sum(1 for size in last["clusterSizes"] if size == 0),
            }
            if "metrics" in last:
                summary["finalMetrics"] = last["metrics"]
            self._manifest["summary"] = summary
        self._write_manifest()
        self._finished = True

    def __enter__(self) -> "RunWriter":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is None:
            self.finish("complete")
        elif issubclass(kind, KeyboardInterrupt):
            self.finish("interrupted", "interrupted (Ctrl-C)")
        elif issubclass(kind, NonFiniteError):
            self.finish("diverged", str(error))
        else:
            self.finish("failed", f"{kind.__name__}: {error}")

    # MARK: helpers

    def _losses(self, losses: Optional[Mapping[str, float]], latent: np.ndarray, assignments: np.ndarray,
                centers: np.ndarray) -> Dict[str, float]:
        if losses is not None and not isinstance(losses, Mapping):
            raise ValueError(f"losses: expected a dict such as {{'reconstruction': 0.12}}, got {type(losses).__name__}")
        if losses is None:
            return {}  # nothing measured: record no losses rather than invent them
        given = dict(losses)
        unknown = sorted(set(given) - {"reconstruction", "clustering", "total"})
        if unknown:
            raise ValueError(f"losses: unknown key {unknown[0]!r} (expected reconstruction, clustering, total)")
        recorded: Dict[str, float] = {}
        if "reconstruction" in given:
            recorded["reconstruction"] = finite_number("losses['reconstruction']", given["reconstruction"], minimum=0)
        if "clustering" in given:
            clustering = finite_number("losses['clustering']", given["clustering"], minimum=0)
        else:
            offsets = latent.astype(np.float64) - centers.astype(np.float64)[assignments]
            clustering = float(np.einsum("ij,ij->", offsets, offsets) / latent.shape[0])
        recorded["clustering"] = clustering
        lam = self.lam if self.lam is not None else 1.0
        if "total" in given:
            recorded["total"] = finite_number("losses['total']", given["total"])
        elif "reconstruction" in recorded:
            recorded["total"] = recorded["reconstruction"] + lam / 2 * clustering
        # Key order as dcn-report writes them.
        return {key: recorded[key] for key in ("reconstruction", "clustering", "total") if key in recorded}

    def _write_gallery(self) -> None:
        """`gallery/NNNN/` for the last recorded epoch, written as `NNNN.partial/` and renamed when complete."""
        if self._inputs is None or self._last_arrays is None:
            return
        epoch, latent, assignments, centers = self._last_arrays
        folder = os.path.join(self._path, "gallery", f"{epoch:04d}")
        partial = folder + ".partial"
        shutil.rmtree(partial, ignore_errors=True)
        os.makedirs(partial)
        if "imageShape" in self._manifest["dataset"]:
            seed = self._manifest["configuration"].get("seed", 0)
            members, misplaced, samples = select_samples(latent, centers, assignments, self._labels,
                                                         np.random.default_rng(seed + epoch))
            _files.write_npy(os.path.join(partial, "members.npy"), members)
            if misplaced is not None:
                _files.write_npy(os.path.join(partial, "misplaced.npy"), misplaced)
            _files.write_npy(os.path.join(partial, "samples.npy"), samples)
            _files.write_npy(os.path.join(partial, "inputs.npy"), np.ascontiguousarray(self._inputs[samples]))
        else:
            _files.write_npy(os.path.join(partial, "feature_means.npy"),
                             standardised_means(self._inputs, assignments, centers.shape[0]))
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(partial, folder)

    def _latent_dim(self) -> Optional[int]:
        if self._manifest["epochs"]:
            return self._manifest["configuration"]["latentDimensions"]
        return self._manifest["configuration"].get("latentDimensions")

    def _check_open(self) -> None:
        if self._finished:
            raise RuntimeError(f"{self._path}: the run is finished; create a new RunWriter to record another")

    def _write_manifest(self) -> None:
        _files.write_json(os.path.join(self._path, "run.json"), self._manifest)
        _files.write_json(os.path.join(self._path, "timing.json"), self._timing)

    def _prepare_folder(self) -> None:
        path = self._path
        if os.path.exists(path) and not os.path.isdir(path):
            raise ValueError(f"path: {path} exists and is not a folder")
        if os.path.isdir(path):
            entries = os.listdir(path)
            # A folder holding only a run's own files (a run killed before its first run.json) is a run too.
            ours = all(entry in RUN_FILES or (entry.startswith(".") and entry.endswith(".tmp")) for entry in entries)
            if entries and "run.json" not in entries and not ours:
                raise ValueError(f"path: {path} is not empty and holds no run.json; "
                                 f"choose an empty or new folder so that nothing of yours is replaced")
            for entry in RUN_FILES + tuple(e for e in entries if e.startswith(".") and e.endswith(".tmp")):
                target = os.path.join(path, entry)
                if os.path.isdir(target):
                    shutil.rmtree(target)
                elif os.path.exists(target):
                    os.remove(target)
        try:
            os.makedirs(os.path.join(path, "epochs"), exist_ok=True)
        except OSError as error:
            raise OSError(error.errno, f"{path}: cannot create the run folder ({error.strerror})") from None

    def _class_names(self, class_names: Sequence[str]) -> List[str]:
        if self._labels is None:
            raise ValueError("class_names: needs labels= (names are given per label, in ascending label order)")
        if isinstance(class_names, (str, bytes)) or not isinstance(class_names, Sequence) \
                or not all(isinstance(n, str) for n in class_names):
            raise ValueError(f"class_names: expected a list of strings, got {class_names!r}")
        classes = int(np.unique(self._labels).size)
        if len(class_names) != classes:
            raise ValueError(f"class_names: expected {classes} names (one per distinct label), got {len(class_names)}")
        return list(class_names)

    @staticmethod
    def _image_shape(shape: Sequence[int], dimensions: int) -> List[int]:
        if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence):
            raise ValueError(f"image_shape: expected (height, width) or (height, width, channels), got {shape!r}")
        values = [whole_number(f"image_shape[{index}]", side, minimum=1) for index, side in enumerate(shape)]
        if len(values) not in (2, 3):
            raise ValueError(f"image_shape: expected (height, width) or (height, width, channels), got {tuple(values)}")
        if dimensions and int(np.prod(values)) != dimensions:
            raise ValueError(f"image_shape: {tuple(values)} holds {int(np.prod(values))} values, but input_dim is {dimensions}")
        if not dimensions:
            raise ValueError("image_shape: needs input_dim= as well")
        return values

    @staticmethod
    def _text(argument: str, value: Any, allow_empty: bool = False) -> str:
        if not isinstance(value, str) or (not value.strip() and not allow_empty):
            raise ValueError(f"{argument}: expected a non-empty string, got {value!r}")
        return value

    @staticmethod
    def _default_name(path: str) -> str:
        folder = os.path.abspath(path)
        if os.path.basename(folder) == "run":
            folder = os.path.dirname(folder)
        return os.path.basename(folder) or "run"
