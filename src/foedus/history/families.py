"""The model families' likelihood interfaces on the history corpora (registered on import).

Each entry tells :mod:`foedus.history.pipeline` how to turn a corpus into a family's batch of
inputs and which :class:`~foedus.history.adapters.LikelihoodModel` scores it. A family that
does not (yet) offer a batch likelihood for a corpus is absent: that corpus is scored on the
baselines only, and ``foedus fit`` says so in one line.
"""

from __future__ import annotations
