"""Record latent-space clustering runs from Python in dcn-report's run-folder format, and train DCN.

`RunWriter` writes the folder (docs/recording-format.md in the dcn-report repository) from any
training loop; `dcn-report render RUN` then draws the same report as for dcn-report's own runs.
`dcn_report.keras.RecordLatentSpace` and `dcn_report.torch.record_epoch` do the bookkeeping for Keras
and PyTorch. `DCN` trains dcn-report's own engine as a scikit-learn clusterer; `load_run` reads any
run folder and `show` draws one inline in Jupyter. numpy is the only dependency.

`DCN` is imported on first use: it brings scikit-learn's base classes when scikit-learn is installed,
which a recording-only `import dcn_report` should not pay for.
"""

from typing import TYPE_CHECKING, Any

from ._engine import EngineError
from .inline_view import RunView, show
from .latent import kmeans, nearest_centers, reconstruction_error, total_variance
from .metrics import acc, ari, contingency_table, nmi, scores
from .progress import TrainingProgress, read_progress
from .recorded_run import RecordedRun, RunFolderError, load_run
from .writer import RunWriter

from ._version import __version__

if TYPE_CHECKING:
    from .estimator import DCN


def __getattr__(name: str) -> Any:
    """Imports `DCN` when it is first used."""
    if name == "DCN":
        from .estimator import DCN
        return DCN
    raise AttributeError(f"module 'dcn_report' has no attribute {name!r}")


__all__ = [
    "DCN",
    "EngineError",
    "RecordedRun",
    "RunFolderError",
    "RunView",
    "RunWriter",
    "TrainingProgress",
    "acc",
    "ari",
    "contingency_table",
    "kmeans",
    "load_run",
    "nearest_centers",
    "nmi",
    "read_progress",
    "reconstruction_error",
    "scores",
    "show",
    "total_variance",
]
