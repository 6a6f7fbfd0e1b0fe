"""What the Keras callback and the PyTorch helper share: from codes to one recorded epoch."""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional

import numpy as np

from ._arrays import real_matrix, to_numpy
from .latent import kmeans, nearest_centers
from .writer import RunWriter


def record_codes(
    writer: RunWriter,
    latent: np.ndarray,
    *,
    centers: Any = None,
    assign: Optional[Callable[[np.ndarray], Any]] = None,
    assignments: Any = None,
    reconstruction: Optional[float] = None,
    decoded_centers: Any = None,
    losses: Optional[Mapping[str, float]] = None,
    epoch: Optional[int] = None,
    phase: Optional[str] = None,
    cluster_count: Optional[int] = None,
    seed: int = 0,
    seconds: Optional[float] = None,
) -> Dict[str, Any]:
    """Completes what the caller left out, then calls `writer.epoch`.

    Without centres, k-means (k from the writer's config, else `cluster_count`) provides centres and
    assignments; with centres, assignments come from `assign`, else each code's nearest centre.
    """
    latent = real_matrix("latent", latent)
    if centers is None:
        k = writer.cluster_count or cluster_count
        if k is None:
            raise ValueError("centers: none given and the number of clusters is unknown; "
                             "pass config={'n_clusters': k} to RunWriter")
        found, centers = kmeans(latent, k, seed=seed)
        if assignments is None:
            assignments = found
    centers = real_matrix("centers", to_numpy(centers), row_meaning="clusters", column_meaning="latent dimensions")
    if assignments is None:
        assignments = to_numpy(assign(latent)) if assign is not None else nearest_centers(latent, centers)
    given = dict(losses or {})
    if reconstruction is not None:
        given.setdefault("reconstruction", reconstruction)
    if epoch is None:
        epoch = 0 if writer.last_epoch is None else writer.last_epoch + 1
    return writer.epoch(epoch, latent, assignments, centers, losses=given, phase=phase,
                        decoded_centers=decoded_centers, seconds=seconds)
