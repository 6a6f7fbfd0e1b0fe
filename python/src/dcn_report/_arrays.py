"""Argument checks shared by the writer and the framework helpers.

Every check raises one `ValueError` whose message starts with the argument's name and says what was
expected, e.g. ``latent: expected a 2-D array (samples × dimensions), got shape (100,)``. NaN and
infinite values raise `NonFiniteError`, a `ValueError` that `RunWriter` records as divergence.
"""

from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np

#: The largest values run.json may hold for dcn-report to read them (Float, Int and UInt64 in Swift).
FLOAT32_MAX = float(np.finfo(np.float32).max)
INT64_MAX = 2**63 - 1
UINT64_MAX = 2**64 - 1


class NonFiniteError(ValueError):
    """A loss, code or centre was NaN or infinite: the run diverged."""


def to_numpy(value: Any, name: str = "value") -> np.ndarray:
    """An ndarray from a numpy array, a list, or a framework tensor (PyTorch, TensorFlow, JAX)."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a PyTorch tensor, possibly on a GPU with grad
        value = value.detach().cpu()
        if str(value.dtype) == "torch.bfloat16":  # numpy has no bfloat16
            value = value.float()
        value = value.numpy()
    elif not isinstance(value, np.ndarray) and hasattr(value, "numpy"):  # a TensorFlow eager tensor
        value = value.numpy()
    try:
        return np.asarray(value)
    except (ValueError, TypeError) as error:  # e.g. ragged nested lists
        raise ValueError(f"{name}: cannot be read as an array ({error})") from None


def real_matrix(name: str, value: Any, rows: Optional[int] = None, columns: Optional[int] = None,
                row_meaning: str = "samples", column_meaning: str = "dimensions", dtype: str = "<f4") -> np.ndarray:
    """A finite 2-D real array as `dtype` (little-endian float32 unless told), C order."""
    array = to_numpy(value, name)
    if array.dtype.kind not in "fiu" or array.dtype == np.bool_:
        raise ValueError(f"{name}: expected real numbers, got dtype {array.dtype}")
    if array.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D array ({row_meaning} × {column_meaning}), got shape {array.shape}")
    if rows is not None and array.shape[0] != rows:
        raise ValueError(f"{name}: expected {rows} rows ({row_meaning}), got {array.shape[0]}")
    if columns is not None and array.shape[1] != columns:
        raise ValueError(f"{name}: expected {columns} columns ({column_meaning}), got {array.shape[1]}")
    if array.size == 0:
        raise ValueError(f"{name}: is empty (shape {array.shape})")
    with np.errstate(over="ignore"):
        converted = np.ascontiguousarray(array, dtype=dtype)
    bad = ~np.isfinite(converted)
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        what = "NaN" if math.isnan(float(array[row, column])) else "infinite or beyond float32"
        raise NonFiniteError(f"{name}: {int(bad.sum())} values are NaN or infinite (first at row {row}, column {column}: {what})")
    return converted


def labelling(name: str, value: Any, length: Optional[int] = None, below: Optional[int] = None) -> np.ndarray:
    """A 1-D array of non-negative integer ids as little-endian int32."""
    array = to_numpy(value, name)
    if array.ndim == 2 and array.shape[1] > 1 and array.dtype.kind == "f":
        raise ValueError(f"{name}: expected one integer id per sample, got a {array.shape} array of floats "
                         f"(soft assignments? pass their argmax along axis 1)")
    if array.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D array (one id per sample), got shape {array.shape}")
    if array.dtype.kind not in "iu":
        raise ValueError(f"{name}: expected integer ids, got dtype {array.dtype}")
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{name}: expected {length} values (one per sample), got {array.shape[0]}")
    if array.size == 0:
        raise ValueError(f"{name}: is empty")
    if array.min() < 0:
        raise ValueError(f"{name}: ids must be 0 or more, found {array.min()}")
    if below is not None and array.max() >= below:
        raise ValueError(f"{name}: ids must be below {below} (the number of clusters), found {array.max()}")
    if array.max() > np.iinfo(np.int32).max:
        raise ValueError(f"{name}: ids must fit in 32 bits, found {array.max()}")
    return np.ascontiguousarray(array, dtype="<i4")


def finite_number(name: str, value: Any, minimum: Optional[float] = None, maximum: float = FLOAT32_MAX) -> float:
    """A finite float in [`minimum`, `maximum`]; strings and booleans are refused."""
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    try:
        number = float(value) if isinstance(value, (int, float)) else float(to_numpy(value, name))
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name}: expected a number, got {value!r}") from None
    if not math.isfinite(number):
        raise NonFiniteError(f"{name}: must be finite, got {number}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name}: must be at least {minimum:g}, got {number:g}")
    if abs(number) > maximum:
        raise ValueError(f"{name}: must be at most {maximum:g} in size, got {number:g}")
    return number


def whole_number(name: str, value: Any, minimum: int = 0, maximum: int = INT64_MAX) -> int:
    """An int (Python or numpy integer, not bool) in [`minimum`, `maximum`]."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name}: expected a whole number, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name}: must be at least {minimum}, got {value}")
    if value > maximum:
        raise ValueError(f"{name}: must be at most {maximum}, got {value}")
    return int(value)
