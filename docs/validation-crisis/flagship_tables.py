"""The flagship tables of docs/validation-crisis.md, section 3, from a `foedus crisis --out` run.

    foedus crisis --draws 2000 --seed 20241215 --parameters judgement --out DIR
    python docs/validation-crisis/flagship_tables.py DIR

Prints, for every crisis, P(fight for the target) with its 5-95% interval under every
design (``*`` = treaty-obliged, last column P(support the target) under the status quo), the
deciding states below 0.05 under every design, the states leaning to the aggressor under the
status quo (P(support) + P(fight) for it of at least ``LEAN``), and the P(deterred) and
P(aggressor prevails) tables with the change against the status quo. Written so that a model
change re-derives the report's tables by one command instead of by hand; the reading under
the tables stays the author's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

#: A state "leans to the aggressor" when it supports or fights for it with at least this
#: probability under the status quo.
LEAN = 0.2
#: Below this P(fight for the target) under every design a state gets no row.
FLOOR = 0.05
BASE = "status-quo"


def _cell(row) -> str:
    star = "*" if bool(row.obliged) else ""
    return (f"{row.p_fight_target:.2f}{star} "
            f"[{row.p_fight_target_p05:.2f}-{row.p_fight_target_p95:.2f}]")


def state_table(states: pd.DataFrame, crisis: str) -> str:
    s = states[(states.crisis == crisis) & (states.variant == "as designed")
               & (states.role == "decides")]
    designs = list(dict.fromkeys(s.design))
    order = list(dict.fromkeys(s.iso3))
    best = s.groupby("iso3").p_fight_target.max()
    shown = [i for i in order if best[i] >= FLOOR]
    low = sorted(i for i in order if best[i] < FLOOR)
    base = s[s.design == BASE].set_index("iso3")
    lines = [(f"**{crisis}** - P(fight for the target) [5-95%]; * = treaty-obliged; last "
              "column: P(support the target) under the status quo"), "",
             "| state | " + " | ".join(designs) + " | P(support), status quo |",
             "|---|" + "---|" * (len(designs) + 1)]
    by = s.set_index(["design", "iso3"])
    for iso in shown:
        cells = [_cell(by.loc[(d, iso)]) for d in designs]
        lines.append(f"| {iso} | " + " | ".join(cells)
                     + f" | {base.loc[iso, 'p_support_target']:.2f} |")
    lines += ["", f"Below {FLOOR:.2f} under every design: {', '.join(low)}."]
    lean = [(i, base.loc[i, "p_support_aggressor"] + base.loc[i, "p_fight_aggressor"])
            for i in order if i in base.index]
    lean = [f"{i} {v:.2f}" for i, v in lean if v >= LEAN]
    lines.append("Leaning to the aggressor under the status quo (P(support) + P(fight) for "
                 f"it): {', '.join(lean) if lean else 'none'}.")
    return "\n".join(lines)


def outcome_table(outcomes: pd.DataFrame, column: str, title: str) -> str:
    designs = list(dict.fromkeys(outcomes.design))
    lines = [f"**{title}** (change against the status quo)", "",
             "| crisis | variant | " + " | ".join(designs) + " |",
             "|---|---|" + "---|" * len(designs)]
    for (crisis, variant), g in outcomes.groupby(["crisis", "variant"], sort=False):
        v = g.set_index("design")[column]
        cells = [f"{v[BASE]:.2f}"] + [f"{v[d]:.2f} ({v[d] - v[BASE]:+.2f})"
                                      for d in designs if d != BASE]
        lines.append(f"| {crisis} | {variant} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.exit("usage: python flagship_tables.py DIR   (the --out directory of foedus crisis)")
    run = Path(argv[0])
    states = pd.read_csv(run / "crisis__states.csv")
    outcomes = pd.read_csv(run / "crisis__outcomes.csv")
    parts = [state_table(states, c) for c in dict.fromkeys(states.crisis)]
    parts.append(outcome_table(outcomes, "p_deterred", "P(deterred)"))
    parts.append(outcome_table(outcomes, "p_aggressor_prevails", "P(aggressor prevails)"))
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
