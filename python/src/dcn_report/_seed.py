"""`random_state` as scikit-learn reads it, turned into the one integer seed the engine takes."""

from __future__ import annotations

from typing import Any

import numpy as np

#: Seeds drawn from a generator lie in [0, 2³¹ − 1), as scikit-learn draws them.
_DRAWN_BELOW = int(np.iinfo(np.int32).max)
#: The engine's seed is a UInt64.
_LARGEST_SEED = 2**64 - 1


def resolve_seed(random_state: Any) -> int:
    """The seed for one fit: the int itself, else one drawn from the generator.

    None draws from numpy's global random state (as scikit-learn's `check_random_state(None)` does),
    so `np.random.seed(...)` makes it repeatable; a `RandomState` or `Generator` is advanced by the draw.
    """
    if random_state is None:
        return int(np.random.randint(_DRAWN_BELOW))
    if isinstance(random_state, np.random.RandomState):
        return int(random_state.randint(_DRAWN_BELOW))
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(_DRAWN_BELOW))
    if isinstance(random_state, (int, np.integer)) and not isinstance(random_state, (bool, np.bool_)):
        if not 0 <= int(random_state) <= _LARGEST_SEED:
            raise ValueError(f"random_state must be 0 to 2**64 - 1 (the engine's seed), got {random_state}")
        return int(random_state)
    raise ValueError(f"random_state must be None, an int, a numpy RandomState or a numpy Generator, got {random_state!r}")
