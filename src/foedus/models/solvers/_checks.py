"""Input checks shared by the alignment and balance solvers.

Every check raises :class:`foedus.errors.ParameterError` with one line that says what to fix.
"""

from __future__ import annotations

import numpy as np

from foedus.errors import ParameterError

__all__ = ["as_labels", "as_sizes", "as_weight_matrix", "check_k"]


def as_weight_matrix(weights, *, name: str = "weights") -> np.ndarray:
    """Return a square, symmetric, zero-diagonal float64 or int64 copy of ``weights``.

    Integer input stays int64 (exact arithmetic); everything else becomes float64. float32 is
    never used: it has been seen to return a wrong minimum at n >= 26.
    """
    arr = np.asarray(weights)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ParameterError(f"{name} must be a numeric square matrix, got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ParameterError(f"{name} must be a square (n, n) matrix, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.integer) or arr.dtype == bool:
        arr = arr.astype(np.int64)
    else:
        arr = arr.astype(np.float64)
        if not np.all(np.isfinite(arr)):
            raise ParameterError(f"{name} contains NaN or infinite values; fill them with numbers")
    if arr.shape[0] < 1:
        raise ParameterError(f"{name} must describe at least one actor")
    if np.any(np.diag(arr) != 0):
        raise ParameterError(f"{name} must have a zero diagonal; use np.fill_diagonal({name}, 0)")
    if not np.array_equal(arr, arr.T):
        raise ParameterError(f"{name} must be symmetric; use ({name} + {name}.T) / 2")
    return arr


def as_sizes(sizes, n: int | None = None) -> np.ndarray:
    """Return sizes as a 1-D float64 or int64 array, checked finite and non-negative."""
    arr = np.asarray(sizes)
    if arr.ndim != 1:
        raise ParameterError(f"sizes must be a 1-D array with one entry per actor, got {arr.shape}")
    if not np.issubdtype(arr.dtype, np.number):
        raise ParameterError(f"sizes must be numeric, got dtype {arr.dtype}")
    arr = arr.astype(np.int64 if np.issubdtype(arr.dtype, np.integer) else np.float64)
    if not np.all(np.isfinite(arr)):
        raise ParameterError("sizes contain NaN or infinite values; give every actor a size")
    if np.any(arr < 0):
        raise ParameterError("sizes must be >= 0 (actor size, e.g. a capability share)")
    if n is not None and arr.shape[0] != n:
        raise ParameterError(f"sizes has {arr.shape[0]} entries but propensity has {n} actors")
    return arr


def as_labels(config, n: int) -> np.ndarray:
    """Coalition labels of one configuration (1-D) or many (2-D), recoded to 0, 1, ...

    Labels may be any values; only equality matters.
    """
    arr = np.asarray(config)
    if arr.ndim not in (1, 2) or arr.shape[-1] != n:
        raise ParameterError(
            f"config must hold one coalition label per actor ({n}), got shape {arr.shape}"
        )
    if arr.ndim == 1:
        return np.unique(arr, return_inverse=True)[1].astype(np.int64).reshape(n)
    _, inv = np.unique(arr, return_inverse=True)
    return inv.astype(np.int64).reshape(arr.shape)


def check_k(k: int, n: int) -> int:
    """Check the number of coalitions."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 2:
        raise ParameterError(f"k (number of coalitions) must be an integer >= 2, got {k!r}")
    return int(min(k, max(n, 2)))
