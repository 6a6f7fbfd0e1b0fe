"""`DCN`: dcn-report's engine as a scikit-learn clusterer, run as a child process.

`fit` writes `X` (and `y`, which only scores the report's rows) as `.npy` files to a scratch folder,
runs `dcn-report train` (see `_engine` for Ctrl-C, `progress` for the bar) and reads the run folder
back with `load_run`: `labels_` is the run's labelling (its last recorded epoch), `cluster_centers_` its
centres in code space. `predict` and `transform` run `dcn-report assign` on the trained model, which
the estimator keeps in memory, so a pickled DCN predicts wherever it is unpickled.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from . import _settings
from ._engine import EngineError, run_engine
from ._estimator_base import BaseEstimator, ClusterMixin, NotFittedError, TransformerMixin
from ._estimator_inputs import checked_n_clusters, checked_X, checked_y
from ._seed import resolve_seed
from .inline_view import run_html
from .progress import ProgressBar, wants_bar
from .recorded_run import load_run

__all__ = ["DCN", "EngineError"]


class DCN(ClusterMixin, TransformerMixin, BaseEstimator):
    """Deep Clustering Network (Yang et al., ICML 2017) trained by dcn-report's engine.

    Every training setting is a parameter; `None` (the default) means the preset's value. Each maps to
    one `dcn-report train` flag and one key of the run's `run.json` `configuration` (`_settings.SETTINGS`;
    python/README.md lists them). `clustering_weight` is λ in dcn-report's convention (relative
    reconstruction error: the paper's eq. 5 λ is λ·V, V the scaled input's total variance). The
    switches `reset_counts_each_epoch`, `assign_before_step`, `nesterov`, `batch_normalization`,
    `refill_collapsed_clusters` and `keep_better` take True, False or None.

    Parameters that are not recorded settings: `preset` (synthetic, general or mnist: whose values the
    `None` parameters take; default general), `method` (dcn-report or paper), `scaling` (auto, none,
    unit, minmax, standardize, shared or log), `random_state` (None, an int, or a numpy RandomState or
    Generator; an int seed is drawn from the others, and the seed used is `random_state_`), `run_dir`
    (where the run folder goes: `run_dir/run`; default a temporary folder that lives as long as this
    estimator) and `verbose` (a progress bar while fitting: True, False, or None for one in Jupyter
    and at a terminal; needs tqdm).

    Attributes after `fit`: `labels_`, `cluster_centers_` (k × code width), `n_features_in_`,
    `random_state_`, `run_dir_` (the run folder) and `run_` (the run, as `load_run` reads it).
    """

    def __init__(self, n_clusters: Optional[int] = None, *, preset: Optional[str] = None, method: Optional[str] = None,
                 latent_dim: Optional[int] = None, hidden: Optional[Sequence[int]] = None,
                 clustering_weight: Optional[float] = None, learning_rate: Optional[float] = None,
                 batch_size: Optional[int] = None, pretrain_epochs: Optional[int] = None, epochs: Optional[int] = None,
                 center_count_start: Optional[int] = None, reset_counts_each_epoch: Optional[bool] = None,
                 kmeans_restarts: Optional[int] = None, activation: Optional[str] = None,
                 initialization: Optional[str] = None, assign_before_step: Optional[bool] = None,
                 start: Optional[str] = None, optimizer: Optional[str] = None,
                 pretrain_learning_rate: Optional[float] = None, momentum: Optional[float] = None,
                 nesterov: Optional[bool] = None, weight_decay: Optional[float] = None,
                 batch_normalization: Optional[bool] = None, refill_collapsed_clusters: Optional[bool] = None,
                 keep_better: Optional[bool] = None, clustering_scale: Optional[str] = None,
                 scaling: Optional[str] = None, random_state: Any = None, run_dir: Optional[str] = None,
                 verbose: Optional[bool] = None) -> None:
        self.n_clusters = n_clusters
        self.preset = preset
        self.method = method
        self.latent_dim = latent_dim
        self.hidden = hidden
        self.clustering_weight = clustering_weight
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.pretrain_epochs = pretrain_epochs
        self.epochs = epochs
        self.center_count_start = center_count_start
        self.reset_counts_each_epoch = reset_counts_each_epoch
        self.kmeans_restarts = kmeans_restarts
        self.activation = activation
        self.initialization = initialization
        self.assign_before_step = assign_before_step
        self.start = start
        self.optimizer = optimizer
        self.pretrain_learning_rate = pretrain_learning_rate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weight_decay = weight_decay
        self.batch_normalization = batch_normalization
        self.refill_collapsed_clusters = refill_collapsed_clusters
        self.keep_better = keep_better
        self.clustering_scale = clustering_scale
        self.scaling = scaling
        self.random_state = random_state
        self.run_dir = run_dir
        self.verbose = verbose

    # ----------------------------------------------------------------------------------------- fitting

    def fit(self, X: Any, y: Any = None) -> "DCN":
        """Trains on `X`; `y`, when given, only scores the report's rows (it never reaches training)."""
        data = checked_X(X)
        labels = None if y is None else checked_y(y, data.shape[0])
        checked_n_clusters(self.n_clusters, data.shape[0], labels)
        seed = resolve_seed(self.random_state)
        arguments = self._training_arguments(seed)
        earlier = self.__dict__.pop("_cleanup", None)  # an earlier fit's temporary folder, deleted once this fit succeeds
        try:
            run_folder = self._train(data, labels, arguments)
        except BaseException:
            if earlier is not None:
                self._cleanup = earlier
            raise
        self._read_run(run_folder, data.shape[1], seed)
        if earlier is not None:
            earlier()
        return self

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
        """`fit(X, y)`, then the run's labelling `labels_`."""
        return self.fit(X, y).labels_

    def _training_arguments(self, seed: int) -> list[str]:
        """The `dcn-report train` flags of the parameters that are set (None ones take the preset's value)."""
        if self.method == "paper" and (clash := _settings.paper_clash(self.get_params())) is not None:
            raise ValueError(f"method='paper' fixes {clash} (DCN as the paper states it); leave {clash} None, "
                             f"or use method='dcn-report'")
        arguments = ["--seed", str(seed)]
        for name, flag in (("preset", "--preset"), ("method", "--method"), ("scaling", "--scaling")):
            if getattr(self, name) is not None:
                arguments += [flag, str(getattr(self, name))]
        for setting in _settings.SETTINGS:
            if setting.parameter != "random_state":
                arguments += _settings.flag_arguments(setting, getattr(self, setting.parameter))
        return arguments

    def _train(self, data: np.ndarray, labels: Optional[np.ndarray], arguments: list[str]) -> Path:
        """Runs the engine on the data; returns the run folder it wrote (`run_dir/run`)."""
        out = Path(self.run_dir) if self.run_dir else Path(tempfile.mkdtemp(prefix="dcn-"))
        out.mkdir(parents=True, exist_ok=True)
        name = [] if self.run_dir else ["--name", "DCN"]  # else the engine names the run after run_dir
        try:
            with tempfile.TemporaryDirectory(prefix="dcn-inputs-") as scratch:
                inputs = _write_inputs(Path(scratch), data, labels)
                self._run_with_progress(["train", *inputs, "--out", str(out), *name, "--quiet", "--force", *arguments],
                                        out / "run")
        except KeyboardInterrupt:
            raise KeyboardInterrupt(f"training interrupted; {out / 'run'} keeps the epochs recorded so far "
                                    f"(dcn_report.show or `dcn-report render` draws them)") from None
        except BaseException:
            if not self.run_dir:  # a temporary folder of a failed run: the error says all there is
                shutil.rmtree(out, ignore_errors=True)
            raise
        if not self.run_dir:
            self._cleanup = weakref.finalize(self, shutil.rmtree, str(out), True)
        return out / "run"

    def _run_with_progress(self, arguments: list[str], run_folder: Path) -> None:
        """Runs the engine, with a progress bar following `run_folder` when `verbose` asks for one."""
        bar = ProgressBar(run_folder) if wants_bar(self.verbose) else None
        try:
            run_engine(arguments, on_tick=bar.update if bar else None)
        finally:
            if bar:
                bar.close()

    def _read_run(self, run_folder: Path, features: int, seed: int) -> None:
        """Sets the fitted attributes from the run folder the engine wrote."""
        run = load_run(run_folder)
        self.run_ = run
        self.labels_ = run.labels
        self.cluster_centers_ = run.centers()
        self.n_features_in_ = features
        self.random_state_ = seed
        self.run_dir_ = str(run_folder)
        self._model = (run_folder / "model.dcn").read_bytes()

    def __getstate__(self) -> dict[str, Any]:
        """Pickles everything but the temporary folder's clean-up, which stays with this estimator."""
        state = dict(self.__dict__)
        state.pop("_cleanup", None)
        return state

    # ----------------------------------------------------------------------------------------- using

    def predict(self, X: Any) -> np.ndarray:
        """Each sample's cluster under the fitted network and centres (nearest centre).

        On the training data this equals `labels_` unless the run kept its start's held partition
        (`run.json` `outcome.savedModelAgreement` gives the share it reproduces then); pass
        `keep_better=False` for a labelling `predict` always reproduces."""
        return self._assign(X, codes=False)[0]

    def transform(self, X: Any) -> np.ndarray:
        """Each sample's code f(x) (float32, N × code width)."""
        codes = self._assign(X, codes=True)[1]
        assert codes is not None
        return codes

    def _assign(self, X: Any, codes: bool) -> tuple[np.ndarray, Optional[np.ndarray]]:
        """Runs `dcn-report assign` with the trained model on X."""
        self._check_fitted()
        data = checked_X(X, fitted_features=self.n_features_in_)
        with tempfile.TemporaryDirectory(prefix="dcn-assign-") as scratch:
            folder = Path(scratch)
            (folder / "model.dcn").write_bytes(self._model)
            np.save(folder / "X.npy", data)
            arguments = ["assign", "--model", str(folder / "model.dcn"), "--dataset", str(folder / "X.npy"),
                         "--out", str(folder / "a.npy")]
            if codes:
                arguments += ["--codes", str(folder / "z.npy")]
            run_engine(arguments)
            return np.load(folder / "a.npy"), (np.load(folder / "z.npy") if codes else None)

    def _check_fitted(self) -> None:
        if not hasattr(self, "_model"):
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet: call fit(X) first")

    def report(self, path: Optional[str] = None) -> str:
        """Renders the run's HTML report (into `path`, else beside the run) and returns index.html's path."""
        self._check_fitted()
        if not Path(self.run_dir_).is_dir():
            raise FileNotFoundError(f"the run folder {self.run_dir_} is gone (a temporary one lives as long as the DCN "
                                    f"that trained it); fit with run_dir=… to keep it")
        out = Path(path) if path else Path(self.run_dir_).parent
        run_engine(["render", self.run_dir_, "--out", str(out), "--quiet"])
        return str(out / "index.html")

    # ----------------------------------------------------------------------------------------- Jupyter

    def _repr_html_(self) -> Optional[str]:
        """A fitted DCN: its run's final frame, animation and scores (`inline_view`); else scikit-learn's diagram."""
        if hasattr(self, "run_") and Path(self.run_dir_).is_dir():
            return run_html(self.run_)
        return None

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        """What Jupyter shows: scikit-learn's bundle (text and diagram), with the run's view once fitted."""
        parent = getattr(super(), "_repr_mimebundle_", None)
        bundle: dict[str, str] = parent(**kwargs) if parent else {"text/plain": repr(self)}
        view = self._repr_html_()
        if view is not None:
            bundle["text/html"] = view
        return bundle

    def __sklearn_tags__(self) -> Any:
        """scikit-learn's tags: codes are float32 whatever the input's precision."""
        tags = super().__sklearn_tags__()
        if tags.transformer_tags is not None:
            tags.transformer_tags.preserves_dtype = ["float32"]
        return tags


def _write_inputs(folder: Path, data: np.ndarray, labels: Optional[np.ndarray]) -> list[str]:
    """Saves X (and y) in `folder` for the engine; returns the flags that name them."""
    np.save(folder / "X.npy", data)
    if labels is None:
        return ["--dataset", str(folder / "X.npy")]
    np.save(folder / "y.npy", labels)
    return ["--dataset", str(folder / "X.npy"), "--labels", str(folder / "y.npy")]
