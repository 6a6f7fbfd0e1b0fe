"""Crash-safe writes: a reader sees either nothing, the old file, or the complete new file."""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np


def _temporary_sibling(path: str) -> str:
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.{os.getpid()}.tmp")


def write_bytes(path: str, data: bytes) -> None:
    """Writes `data` to a hidden sibling of `path`, then renames it over `path`."""
    temporary = _temporary_sibling(path)
    try:
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def write_npy(path: str, array: np.ndarray) -> None:
    """Writes one array as a NumPy `.npy` file (format 1.0, the array's own little-endian dtype)."""
    temporary = _temporary_sibling(path)
    try:
        with open(temporary, "wb") as file:
            np.lib.format.write_array(file, array, version=(1, 0), allow_pickle=False)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def write_json(path: str, value: Any) -> None:
    """Writes `value` as indented JSON with sorted keys and a final newline."""
    write_bytes(path, (json.dumps(value, indent=2, sort_keys=True, allow_nan=False) + "\n").encode("utf-8"))
