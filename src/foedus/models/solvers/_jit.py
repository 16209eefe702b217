"""Optional numba acceleration: ``njit`` compiles when numba is installed, else returns None.

Callers keep a pure-NumPy path and use the compiled kernel only when it is available.
"""

from __future__ import annotations

import os

try:  # numba is an optional extra (``pip install foedus[numba]``)
    if os.environ.get("FOEDUS_DISABLE_NUMBA"):
        raise ImportError
    import numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised when numba is absent
    numba = None
    HAVE_NUMBA = False

__all__ = ["HAVE_NUMBA", "njit"]


def njit(*args, **kwargs):
    """``numba.njit(cache=True, ...)`` if numba is installed, else a decorator returning None."""
    if HAVE_NUMBA:
        kwargs.setdefault("cache", True)
        return numba.njit(*args, **kwargs)
    return lambda func: None
