"""The training settings a run records in `run.json`'s `configuration`, and DCN's parameter for each.

This mirrors Swift's `SettingSchema` (Sources/DCNCore/SettingSchema.swift): one entry per setting, with
its `run.json` key, the `dcn-report train` flag that sets it and how that flag is given, the JSON type
the recording holds, and the `DCN` constructor parameter (scikit-learn style: snake_case, no trailing
underscore). A parameter left `None` passes no flag, so the engine uses its preset's value.

Naming: a setting given as `--flag VALUE` is named after its flag (`--latent-dim` → `latent_dim`), a
switch after its key, whose sense the parameter keeps (`refillCollapsedClusters`, switched off by
`--no-refill` → `refill_collapsed_clusters=False`); `clusterCount` is scikit-learn's `n_clusters`,
`lambda` (a Python keyword) is `clustering_weight` and `hiddenLayers` is `hidden`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

#: How `dcn-report train` gives a setting (Swift's `SettingDescription.Form`).
VALUE, ON_SWITCH, OFF_SWITCH = "value", "on-switch", "off-switch"


@dataclass(frozen=True)
class Setting:
    """One training setting: its `run.json` key, `DCN` parameter and `dcn-report train` flag."""

    key: str
    parameter: str
    flag: str
    form: str = VALUE
    #: The recorded JSON type: "int", "float", "bool", "text" or "int list".
    kind: str = "int"
    #: The values a text setting may take (the Swift enum's raw values).
    choices: tuple[str, ...] = ()


#: Every setting `DCNConfiguration` records, in `SettingSchema.all`'s order. `seed` is `random_state`,
#: whose value is resolved to an int first (`_seed.resolve_seed`): the seed the run records.
SETTINGS: tuple[Setting, ...] = (
    Setting("clusterCount", "n_clusters", "--clusters"),
    Setting("latentDimensions", "latent_dim", "--latent-dim"),
    Setting("hiddenLayers", "hidden", "--hidden", kind="int list"),
    Setting("lambda", "clustering_weight", "--lambda", kind="float"),
    Setting("learningRate", "learning_rate", "--learning-rate", kind="float"),
    Setting("batchSize", "batch_size", "--batch-size"),
    Setting("pretrainEpochs", "pretrain_epochs", "--pretrain-epochs"),
    Setting("epochs", "epochs", "--epochs"),
    Setting("seed", "random_state", "--seed"),
    Setting("centerCountStart", "center_count_start", "--center-count-start"),
    Setting("resetCountsEachEpoch", "reset_counts_each_epoch", "--reset-counts", ON_SWITCH, "bool"),
    Setting("kmeansRestarts", "kmeans_restarts", "--kmeans-restarts"),
    Setting("hiddenActivation", "activation", "--activation", kind="text",
            choices=("relu", "leaky-relu", "tanh", "sigmoid", "linear")),
    Setting("initialization", "initialization", "--initialization", kind="text", choices=("fan-in", "auto", "he", "glorot")),
    Setting("assignBeforeStep", "assign_before_step", "--keep-assignments", OFF_SWITCH, "bool"),
    Setting("startPartition", "start", "--start", kind="text", choices=("kmeans", "merged", "joint", "input", "auto")),
    Setting("optimizer", "optimizer", "--optimizer", kind="text", choices=("adam", "sgd")),
    Setting("pretrainLearningRate", "pretrain_learning_rate", "--pretrain-learning-rate", kind="float"),
    Setting("momentum", "momentum", "--momentum", kind="float"),
    Setting("nesterov", "nesterov", "--nesterov", ON_SWITCH, "bool"),
    Setting("weightDecay", "weight_decay", "--weight-decay", kind="float"),
    Setting("batchNormalization", "batch_normalization", "--batch-norm", ON_SWITCH, "bool"),
    Setting("refillCollapsedClusters", "refill_collapsed_clusters", "--no-refill", OFF_SWITCH, "bool"),
    Setting("keepBetter", "keep_better", "--no-keep-better", OFF_SWITCH, "bool"),
    Setting("clusteringScale", "clustering_scale", "--clustering-scale", kind="text", choices=("auto", "paper", "codes")),
)

#: Configuration keys a recording may hold that no parameter sets: experiments retired in 0.2.0
#: (Swift's `RetiredFlag`; the engine refuses their flags).
RETIRED_KEYS = ("freshOptimizer", "holdMargin")

#: DCN parameters that are not `configuration` keys, and where each goes instead.
EXTRA_PARAMETERS = {
    "preset": "--preset: which preset's values the None parameters take (recorded through those values)",
    "method": "--method: recorded as run.json's `method`, not in `configuration`",
    "scaling": "--scaling: recorded as run.json's `dataset.scaling`",
    "run_dir": "where the run folder is written; not a training setting",
    "verbose": "whether fit shows a progress bar; not a training setting",
}

#: Settings `--method paper` fixes (Swift's `DCNMethod.fixedFields`); the engine refuses their flags.
PAPER_FIXED = ("startPartition", "refillCollapsedClusters", "keepBetter", "clusteringScale")

#: The setting of each parameter.
BY_PARAMETER = {setting.parameter: setting for setting in SETTINGS}
#: The setting of each `run.json` key.
BY_KEY = {setting.key: setting for setting in SETTINGS}


def flag_arguments(setting: Setting, value: Any) -> list[str]:
    """The `dcn-report train` arguments that give `setting` the parameter's `value` (None: none)."""
    if value is None:
        return []
    if setting.form != VALUE:
        if not isinstance(value, bool) and type(value).__name__ != "bool_":
            raise ValueError(f"{setting.parameter} must be True, False or None (the preset's value), got {value!r}")
        switched_on = setting.form == ON_SWITCH
        return [setting.flag] if bool(value) == switched_on else []
    return [setting.flag, _flag_text(setting, value)]


def _flag_text(setting: Setting, value: Any) -> str:
    """A parameter's value as the flag reads it."""
    if setting.kind == "int list":
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            raise ValueError(f"{setting.parameter} must be a sequence of layer widths such as (100, 50), got {value!r}")
        return ",".join(str(_whole(setting, width)) for width in value)
    if setting.kind == "int":
        return str(_whole(setting, value))
    if setting.kind == "float":
        if isinstance(value, (bool, str, bytes)):
            raise ValueError(f"{setting.parameter} must be a number, got {value!r}")
        return repr(float(value))
    return str(value)


def _whole(setting: Setting, value: Any) -> int:
    """`value` as an int when it is a whole number (a numpy integer or a float such as 3.0 included)."""
    if isinstance(value, (bool, str, bytes)) or not float(value).is_integer():
        raise ValueError(f"{setting.parameter} must be a whole number, got {value!r}")
    return int(value)


def paper_clash(parameters: dict[str, Any]) -> Optional[str]:
    """The first parameter set (not None) that `method='paper'` fixes, if any."""
    for key in PAPER_FIXED:
        name = BY_KEY[key].parameter
        if parameters.get(name) is not None:
            return name
    return None
