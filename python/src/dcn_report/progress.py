"""Training progress read from a run folder's `run.json` while the engine writes it.

The engine replaces `run.json` atomically every 10 pretraining epochs and after every DCN epoch
(docs/recording-format.md), so polling it is safe and needs nothing from the engine's terminal output.
`DCN.fit` shows what it reads as a tqdm bar when tqdm is installed and the bar is wanted (`wants_bar`).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union


@dataclass(frozen=True)
class TrainingProgress:
    """Where a run stands: pretraining epochs, then the start (epoch 0), then the DCN epochs."""

    status: str
    pretraining_done: int
    pretraining_total: int
    #: Recorded epochs, epoch 0 (the start) included.
    epochs_recorded: int
    dcn_epochs_total: int
    #: The last recorded epoch's scores (NMI, ARI, ACC) when the run has labels.
    metrics: Optional[dict[str, float]] = None

    @property
    def total(self) -> int:
        """Steps of the whole run: each pretraining epoch, the start, each DCN epoch."""
        return self.pretraining_total + 1 + self.dcn_epochs_total

    @property
    def done(self) -> int:
        """Steps completed (a run that keeps its start records one epoch more; it counts as the end)."""
        return min(self.pretraining_done + self.epochs_recorded, self.total)

    @property
    def description(self) -> str:
        """A few words for a progress bar: the phase and, once there are scores, NMI."""
        if self.epochs_recorded == 0:
            return f"pretraining {self.pretraining_done}/{self.pretraining_total}"
        epoch = min(self.epochs_recorded - 1, self.dcn_epochs_total)
        text = f"DCN epoch {epoch}/{self.dcn_epochs_total}"
        if self.metrics and "nmi" in self.metrics:
            text += f" NMI {self.metrics['nmi']:.3f}"
        return text


def read_progress(run_folder: Union[str, Path]) -> Optional[TrainingProgress]:
    """The progress `run_folder/run.json` records, or None when there is no readable run.json yet."""
    try:
        manifest = json.loads((Path(run_folder) / "run.json").read_text(encoding="utf-8"))
        configuration = manifest["configuration"]
        epochs = manifest.get("epochs") or []
        metrics = epochs[-1].get("metrics") if epochs else None
        return TrainingProgress(
            status=str(manifest.get("status", "running")),
            pretraining_done=len(manifest.get("pretraining") or []),
            pretraining_total=int(configuration.get("pretrainEpochs", 0)),
            epochs_recorded=len(epochs),
            dcn_epochs_total=int(configuration.get("epochs", 0)),
            metrics=metrics if isinstance(metrics, dict) else None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def wants_bar(verbose: Optional[bool]) -> bool:
    """Whether to show a bar: `verbose` True or False decides; None shows one in Jupyter or at a terminal.

    Either way only when tqdm is installed.
    """
    if verbose is False or (verbose is None and not (_in_jupyter() or _stderr_is_terminal())):
        return False
    try:
        import tqdm  # noqa: F401
    except ImportError:
        return False
    return True


class ProgressBar:
    """A tqdm bar that follows a run folder's `run.json`; it appears once run.json says how long the run is.

    A run.json older than the bar (an earlier run in the same folder, not yet replaced) is not read.
    """

    def __init__(self, run_folder: Union[str, Path]) -> None:
        self.run_folder = Path(run_folder)
        self._started = time.time()
        self._bar: Any = None

    def update(self) -> None:
        """Moves the bar to what run.json says now."""
        progress = read_progress(self.run_folder) if self._is_current() else None
        if progress is None:
            return
        if self._bar is None:
            self._bar = _tqdm_class()(total=progress.total, unit="epoch", leave=True)
        self._bar.total = progress.total
        self._bar.n = progress.done
        self._bar.set_description(progress.description, refresh=False)
        self._bar.refresh()

    def _is_current(self) -> bool:
        try:
            return (self.run_folder / "run.json").stat().st_mtime >= self._started - 1.0
        except OSError:
            return False

    def close(self) -> None:
        """Shows the final state and releases the bar."""
        self.update()
        if self._bar is not None:
            self._bar.close()


def _tqdm_class() -> Any:
    """tqdm's notebook widget in Jupyter when ipywidgets is there, else its text bar."""
    if _in_jupyter():
        try:
            import ipywidgets  # noqa: F401
            from tqdm.notebook import tqdm as notebook_tqdm
            return notebook_tqdm
        except ImportError:
            pass
    from tqdm import tqdm
    return tqdm


def _in_jupyter() -> bool:
    """Whether this runs in a Jupyter kernel (IPython with a kernel attached)."""
    ipython_module = sys.modules.get("IPython")
    get_ipython = getattr(ipython_module, "get_ipython", None)
    shell = get_ipython() if callable(get_ipython) else None
    return shell is not None and hasattr(shell, "kernel")


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
