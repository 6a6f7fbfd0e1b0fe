"""Stand-ins for scikit-learn's estimator base classes, used when scikit-learn is not installed.

They give `DCN` the same protocol on their own: `get_params`/`set_params` read the constructor's
signature, `repr` shows the parameters that differ from their defaults, `fit_predict` and
`fit_transform` fit first. With scikit-learn installed, `_estimator_base` uses scikit-learn's classes
instead, so `DCN` is a `BaseEstimator` and a `ClusterMixin` there (see that module for why).
"""

from __future__ import annotations

import inspect
from typing import Any


class BaseEstimator:
    """Parameters are the constructor's arguments, stored under the same names."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return sorted(name for name, parameter in signature.parameters.items()
                      if name != "self" and parameter.kind != parameter.VAR_KEYWORD)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters and their current values."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params: Any) -> Any:
        """Sets parameters by name; an unknown name raises ValueError listing the valid ones."""
        valid = self._get_param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}; "
                                 f"valid parameters are: {', '.join(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        """The class and the parameters that are not their defaults, e.g. `DCN(n_clusters=4)`."""
        defaults = {name: parameter.default for name, parameter in inspect.signature(type(self).__init__).parameters.items()}
        changed = [f"{name}={value!r}" for name, value in self.get_params().items() if value is not defaults.get(name)]
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self) -> Any:
        raise AttributeError("scikit-learn is not installed: DCN has no scikit-learn tags")


class ClusterMixin:
    """Marks a clusterer: `fit` sets `labels_`."""

    _estimator_type = "clusterer"


class TransformerMixin:
    """`fit_transform` is `fit` then `transform`."""

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> Any:
        return self.fit(X, y, **fit_params).transform(X)  # type: ignore[attr-defined]


class NotFittedError(ValueError, AttributeError):
    """A method that needs a fitted estimator was called before `fit` (scikit-learn's, when installed)."""
