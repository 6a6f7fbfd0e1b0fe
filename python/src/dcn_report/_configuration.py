"""The user's settings, and the few of them a report reads (run.json's `configuration`)."""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Tuple

import numpy as np

from ._arrays import UINT64_MAX, finite_number, whole_number

#: run.json `configuration` key → the names a Python script may give it in `config`.
KNOWN_SETTINGS: Dict[str, Tuple[str, ...]] = {
    "clusterCount": ("clusterCount", "n_clusters", "clusters", "k"),
    "latentDimensions": ("latentDimensions", "latent_dim", "latent_dims", "latent_dimensions"),
    "hiddenLayers": ("hiddenLayers", "hidden", "hidden_layers", "hidden_dims", "auto_encoder_dims"),
    "lambda": ("lambda", "lamda", "lam", "lmbda"),
    "learningRate": ("learningRate", "lr", "learning_rate"),
    "batchSize": ("batchSize", "batch_size"),
    "pretrainEpochs": ("pretrainEpochs", "pretrain_epochs"),
    "epochs": ("epochs",),
    "seed": ("seed",),
}


def _plain(name: str, value: Any) -> Any:
    """`value` as plain JSON data (numpy scalars and arrays become numbers and lists)."""
    if isinstance(value, np.generic):
        value = value.item()
    elif isinstance(value, np.ndarray):
        value = value.tolist()
    elif isinstance(value, (tuple, set)):
        value = list(value)
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        if isinstance(value, Mapping):
            return {str(key): _plain(f"{name}[{key!r}]", item) for key, item in value.items()}
        if isinstance(value, list):
            return [_plain(f"{name}[{index}]", item) for index, item in enumerate(value)]
        raise ValueError(f"{name}: {value!r} cannot be written as JSON (use numbers, strings, lists or dicts)") from None
    return value


def split_settings(config: Optional[Mapping[str, Any]]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """The report's `configuration` (known keys, checked) and the user's settings as given.

    Raises:
        ValueError: naming the `config` key that is malformed or given twice under two names.
    """
    if config is None:
        return {}, {}
    if not isinstance(config, Mapping):
        raise ValueError(f"config: expected a dict of settings, got {type(config).__name__}")
    settings = {str(key): _plain(f"config[{key!r}]", value) for key, value in config.items()}
    known: Dict[str, Any] = {}
    for field, names in KNOWN_SETTINGS.items():
        given = [name for name in names if name in settings]
        if len(given) > 1:
            raise ValueError(f"config: {given[0]!r} and {given[1]!r} both set the same setting; keep one")
        if not given:
            continue
        name, value = given[0], settings[given[0]]
        label = f"config[{name!r}]"
        if field in ("clusterCount", "latentDimensions", "batchSize"):
            known[field] = whole_number(label, value, minimum=1)
        elif field == "seed":
            known[field] = whole_number(label, value, minimum=0, maximum=UINT64_MAX)
        elif field in ("pretrainEpochs", "epochs"):
            known[field] = whole_number(label, value, minimum=0)
        elif field == "hiddenLayers":
            if not isinstance(value, list):
                raise ValueError(f"{label}: expected a list of layer widths, got {value!r}")
            known[field] = [whole_number(f"{label}[{index}]", width, minimum=1) for index, width in enumerate(value)]
        elif field == "lambda":
            known[field] = finite_number(label, value, minimum=0)
        else:
            known[field] = finite_number(label, value, minimum=0)
            if known[field] == 0:
                raise ValueError(f"{label}: must be above 0, got 0")
    return known, settings
