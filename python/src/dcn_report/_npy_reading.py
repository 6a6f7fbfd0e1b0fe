"""Reading one `.npy` file of a run folder as strictly as dcn-report's Swift reader (NPYFormat.NPYReader).

Only real numbers are read (float32/64, signed and unsigned integers of 1–8 bytes); the file must hold
exactly the bytes its header's shape needs. Every problem is a `RunFolderError` naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import numpy as np

#: numpy's words for the kinds of array the reader refuses, by dtype kind.
_REFUSED_KINDS = {"O": "Python objects", "b": "bool", "c": "complex", "U": "text", "S": "text", "M": "dates or time spans",
                  "m": "dates or time spans", "V": "raw bytes or a structured type"}
_MAGIC = b"\x93NUMPY"


class RunFolderError(ValueError):
    """A run folder that cannot be read: the message is one line, the file's path first."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


def read_npy(path: Path) -> np.ndarray:
    """The array in `path`, in its own dtype; RunFolderError when it is missing or not a readable real array."""
    try:
        with open(path, "rb") as file:
            if file.read(len(_MAGIC)) != _MAGIC:
                raise RunFolderError(path, "not a NumPy .npy file (missing the \\x93NUMPY magic)")
            file.seek(0)
            version = np.lib.format.read_magic(file)
            shape, fortran_order, dtype = _read_header(file, version)
            _check_dtype(path, dtype)
            needed = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
            available = path.stat().st_size - file.tell()
            if available < needed:
                raise RunFolderError(path, f"shape {list(shape)} needs {int(np.prod(shape))} × {dtype.itemsize} bytes "
                                           f"but the file holds {available}")
            if available > needed:
                raise RunFolderError(path, f"file has {available - needed} bytes after the data that shape {list(shape)} describes")
            data = np.fromfile(file, dtype=dtype, count=int(np.prod(shape)))
    except FileNotFoundError:
        raise RunFolderError(path, "not found") from None
    except (OSError, ValueError) as error:
        if isinstance(error, RunFolderError):
            raise
        raise RunFolderError(path, f"not a readable NumPy .npy file ({error})") from None
    return data.reshape(shape, order="F" if fortran_order else "C")


def _read_header(file: BinaryIO, version: tuple[int, int]) -> tuple[tuple[int, ...], bool, np.dtype]:
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(file)
    if version in ((2, 0), (3, 0)):
        return np.lib.format.read_array_header_2_0(file)
    raise ValueError(f"unsupported .npy format version {version[0]}.{version[1]} (supported: 1.0, 2.0, 3.0)")


def _check_dtype(path: Path, dtype: np.dtype) -> None:
    """Refuses what the Swift reader refuses: anything but float32/64 and integers."""
    if dtype.kind in "iu" or (dtype.kind == "f" and dtype.itemsize in (4, 8)):
        return
    kind = _REFUSED_KINDS.get(dtype.kind) or ("float16" if dtype.itemsize == 2 else f"a float of {dtype.itemsize} bytes")
    raise RunFolderError(path, f"dtype '{dtype.str}' ({kind}) is not supported; save the array as float32, float64 or an integer type (numpy: x.astype('float32'))")
