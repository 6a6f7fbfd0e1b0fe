"""The base classes of `DCN`: scikit-learn's when it is installed, else `_standalone_base`'s.

Why inherit from scikit-learn's classes rather than only imitate them: scikit-learn decides what an
estimator is by `isinstance` — `check_estimator` runs its clusterer checks only for a `ClusterMixin`,
and warns that anything not a `BaseEstimator` may misbehave; its HTML repr, metadata routing and
parameter validation also come from `BaseEstimator`. So with scikit-learn installed, `DCN` is one of
its estimators; without it, `DCN` keeps the same protocol through small stand-ins and the package
still needs numpy alone. `dcn_report` imports this module (and so scikit-learn, about 0.7 s) only
when `DCN` is first used: `import dcn_report` for `RunWriter` does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # one set of types for mypy: the stand-ins declare the protocol DCN relies on
    from ._standalone_base import BaseEstimator, ClusterMixin, NotFittedError, TransformerMixin

    SCIKIT_LEARN = False
else:
    try:
        from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
        from sklearn.exceptions import NotFittedError

        SCIKIT_LEARN = True
    except ImportError:
        from ._standalone_base import BaseEstimator, ClusterMixin, NotFittedError, TransformerMixin

        SCIKIT_LEARN = False

__all__ = ["BaseEstimator", "ClusterMixin", "NotFittedError", "SCIKIT_LEARN", "TransformerMixin"]
