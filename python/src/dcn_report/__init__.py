"""Record latent-space clustering runs from Python in dcn-report's run-folder format.

`RunWriter` writes the folder (docs/recording-format.md in the dcn-report repository) from any
training loop; `dcn-report render RUN` then draws the same report as for dcn-report's own runs.
`dcn_report.keras.RecordLatentSpace` and `dcn_report.torch.record_epoch` do the bookkeeping for Keras
and PyTorch. numpy is the only dependency.
"""

from .latent import kmeans, nearest_centers, reconstruction_error, total_variance
from .metrics import acc, ari, contingency_table, nmi, scores
from .writer import RunWriter
from .estimator import DCN, EngineError

from ._version import __version__

__all__ = [
    "DCN",
    "EngineError",
    "RunWriter",
    "acc",
    "ari",
    "contingency_table",
    "kmeans",
    "nearest_centers",
    "nmi",
    "reconstruction_error",
    "scores",
    "total_variance",
]
