"""Diagnostic refit: the formation model estimated on 1816-1945 with the corpus games'
admission rule set to ``open`` (no co-member veto), everything else as ``foedus fit
formation`` does it (docs/validation-history.md, "Why the formation model does not rank who
joins").

The corpus games are built exactly as the history interface builds them
(``foedus.history.families``); only each game's ``admission`` is replaced. The fitted set is
written as a parameter file (not shipped) that ``formation_terms.py --parameters FILE``
scores on another era.

Usage (from the repository root, foedus installed)::

    python docs/validation-history/formation_open_fit.py --out OUT.yaml

Not a shipped model variant: the admission rule of the historical games is a structural
question for the model owners.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from foedus.history import families


def _open_games(original):
    def build(task, history_cases):
        batch, keep = original(task, history_cases)
        games = [None if g is None else dataclasses.replace(g, admission="open")
                 for g in batch.games]
        return dataclasses.replace(batch, games=games, _stacked=None), keep
    return build


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", default="1816-1945")
    parser.add_argument("--seed", type=int, default=20241215)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    families._alliance_batch = _open_games(families._alliance_batch)
    from foedus.interfaces.cli.commands.history import _fit_command

    _fit_command("formation", args.train, args.seed, 0, args.out,
                 args.out.stem, 0, "registered")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
