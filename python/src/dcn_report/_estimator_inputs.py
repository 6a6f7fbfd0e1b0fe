"""`DCN`'s checks of X, y and n_clusters: each bad input raises one ValueError naming it.

The wording follows scikit-learn's where its `check_estimator` looks for words ("NaN", "sparse",
"0 feature(s)", "X has 1 features, but DCN is expecting 4 features as input").
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

#: The fewest samples a run can cluster.
MIN_SAMPLES = 2


def checked_X(X: Any, fitted_features: Optional[int] = None) -> np.ndarray:
    """X as a C-ordered float64 (N, D) array of finite numbers.

    `fitted_features`, when given, is the width the model was fitted on (for predict and transform).
    A table of Python objects is converted as numpy converts it (a TypeError for one that is not a number).
    """
    if _is_sparse(X):
        raise ValueError(f"X is a sparse matrix ({type(X).__name__}); DCN needs a dense array: pass X.toarray()")
    array = np.asarray(X)
    if np.iscomplexobj(array):
        raise ValueError(f"X: Complex data not supported (dtype {array.dtype}); DCN clusters real numbers")
    if array.dtype == object:
        array = array.astype(np.float64)
    if array.dtype.kind not in "biuf":
        raise ValueError(f"X must hold numbers, got dtype {array.dtype}"
                         + (" (text: encode it as numbers first)" if array.dtype.kind in "US" else ""))
    if array.ndim != 2:
        hint = " (one sample? use X.reshape(1, -1); one feature? X.reshape(-1, 1))" if array.ndim == 1 else ""
        raise ValueError(f"X must be 2-D (samples × features), got {array.ndim}-D with shape {array.shape}{hint}")
    _check_size(array, fitted_features)
    data = np.ascontiguousarray(array, dtype=np.float64)
    if not np.all(np.isfinite(data)):
        row, column = (int(i) for i in np.argwhere(~np.isfinite(data))[0])
        raise ValueError(f"X has NaN or infinite values ({int((~np.isfinite(data)).sum())}; first at row {row}, column {column}: "
                         f"{data[row, column]}); remove or impute them first")
    return data


def _check_size(array: np.ndarray, fitted_features: Optional[int]) -> None:
    """Enough samples and features, and the fitted width for predict and transform."""
    samples, features = array.shape
    if features == 0:
        raise ValueError(f"X has 0 feature(s) (shape={array.shape}) while a minimum of 1 is required.")
    if fitted_features is not None:
        if features != fitted_features:
            raise ValueError(f"X has {features} features, but DCN is expecting {fitted_features} features as input "
                             f"(the number it was fitted on)")
        if samples == 0:
            raise ValueError(f"X has 0 sample(s) (shape={array.shape}) while a minimum of 1 is required.")
    elif samples < MIN_SAMPLES:
        raise ValueError(f"X has {samples} sample(s) (shape={array.shape}) while a minimum of {MIN_SAMPLES} is required "
                         f"to cluster.")


def checked_y(y: Any, samples: int) -> np.ndarray:
    """y as int64 class ids, one per sample (any integers; only the report's scores use them)."""
    labels = np.asarray(y)
    if labels.dtype == object:
        labels = _object_labels(labels)
    if labels.ndim != 1 or labels.shape[0] != samples:
        raise ValueError(f"y must have one label per sample of X ({samples}), got shape {labels.shape}")
    if labels.dtype.kind in "USO":
        raise ValueError("y must hold integer class ids, got text labels; encode them with "
                         "np.unique(y, return_inverse=True)[1]")
    if labels.dtype.kind == "b" or (labels.dtype.kind == "f" and np.all(np.isfinite(labels))
                                    and np.all(labels == np.round(labels))):
        labels = labels.astype(np.int64)
    if labels.dtype.kind not in "iu":
        raise ValueError(f"y must hold integer class ids, got dtype {labels.dtype} with non-integer values; "
                         f"to use them as classes, encode them with np.unique(y, return_inverse=True)[1]")
    if labels.size and np.abs(labels.astype(np.float64)).max() > np.iinfo(np.int32).max:
        raise ValueError("y: class ids must fit in 32 bits; renumber them with np.unique(y, return_inverse=True)[1]")
    return labels.astype(np.int64)


def _object_labels(labels: np.ndarray) -> np.ndarray:
    """An object array of ids as numbers when every entry is one; text otherwise (refused by the caller)."""
    if all(isinstance(value, (int, np.integer)) and not isinstance(value, bool) for value in labels.ravel()):
        return labels.astype(np.int64)
    return labels.astype(str)


def checked_n_clusters(n_clusters: Any, samples: int, y: Optional[np.ndarray]) -> Optional[int]:
    """n_clusters as an int in 2…N, or None when y gives k (its number of classes)."""
    if n_clusters is None:
        if y is None:
            raise ValueError("n_clusters is needed when no y is given (k defaults to the number of label classes)")
        classes = int(np.unique(y).size)
        if not 2 <= classes <= samples:
            raise ValueError(f"y has {classes} class(es), so n_clusters (k) must be given: 2 to the {samples} samples")
        return None
    if isinstance(n_clusters, (bool, np.bool_)) or not isinstance(n_clusters, (int, np.integer)):
        raise ValueError(f"n_clusters must be a whole number, got {n_clusters!r}")
    if not 2 <= int(n_clusters) <= samples:
        raise ValueError(f"n_clusters must be 2 to the {samples} samples, got {n_clusters}")
    return int(n_clusters)


def _is_sparse(X: Any) -> bool:
    """Whether X is a scipy sparse matrix or array (without importing scipy)."""
    return type(X).__module__.startswith("scipy.sparse") or (hasattr(X, "tocsr") and hasattr(X, "nnz"))
