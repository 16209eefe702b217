"""The July 1914 tables of docs/validation-crisis.md (sections 1 and 2), re-derived by one command.

    python docs/validation-crisis/july_1914_tables.py [PARAMETER_SET] [--sensitivity]

Runs ``foedus crisis july-1914 --draws 2000 --seed 1914 --without none --parameters SET``
(default ``judgement``) through the Python API and prints, as markdown: the state table
(what each state did, P(fight for Serbia) with its 5-95% interval and the five choices,
the likeliest in bold), the scores against the record (placed right and log loss in the
MID coding and the five choices, P(deterred), the attackers' posterior-mean resolve) and
the reliability check. With ``--sensitivity`` also the table of the same scores with the
entry cost held at fixed values (every other parameter as in the set; a sensitivity, not a
fit). Written so that a model change re-derives the report's tables instead of by hand; the
reading under the tables stays the author's.
"""

from __future__ import annotations

import sys

import numpy as np

from foedus.models.crisis import analyze
from foedus.scenarios import build_case, load_scenario
from foedus.scenarios.distributions import Point

DRAWS, SEED = 2000, 1914
ACTIONS = ("fight_target", "support_target", "stay_out", "support_aggressor",
           "fight_aggressor")
ENTRY_COSTS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)


def _run(case):
    return analyze(case, draws=DRAWS, rng=SEED, without=(), sensitivity=False)


def state_table(res) -> str:
    s = res.states[(res.states.variant == "as designed") & (res.states.role == "decides")]
    s = s.set_index("iso3")
    hist = res.history.set_index("iso3")
    header = ("| state | did | fight for Serbia [5-95%] | support Serbia | stay out | "
              "support Austria | fight for Austria |")
    lines = [header, "|---|---|---|---|---|---|---|"]
    for iso in hist.index:
        row = s.loc[iso]
        p = [float(row[f"p_{a}"]) for a in ACTIONS]
        top = int(np.argmax(p))
        cells = [f"**{v:.2f}**" if k == top else f"{v:.2f}" for k, v in enumerate(p)]
        cells[0] += f" [{row.p_fight_target_p05:.2f}-{row.p_fight_target_p95:.2f}]"
        star = " (obliged)" if bool(row.obliged) else ""
        lines.append(f"| {iso}{star} | {hist.loc[iso, 'observed'].replace('_', ' ')} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def score_row(res, label: str) -> str:
    s = res.history_summary.iloc[0]
    n = int(s.states_scored)
    flag = "flagged" if s.deterrence_flag else "not flagged"
    return (f"| {label} | {round(s.placed_right_mid * n)} of {n} | {s.log_loss_mid:.2f} | "
            f"{round(s.placed_right * s.states_five_actions)} of {int(s.states_five_actions)} "
            f"| {s.log_loss:.2f} | {s.p_deterred:.2f} ({flag}) |")


def main(argv: list[str]) -> None:
    sensitivity = "--sensitivity" in argv
    names = [a for a in argv if not a.startswith("--")]
    pset = names[0] if names else "judgement"
    case = build_case(load_scenario("july-1914"), parameter_set=pset)
    res = _run(case)
    print(f"foedus crisis july-1914 --draws {DRAWS} --seed {SEED} --without none "
          f"--parameters {pset}\n")
    print(state_table(res))
    print("\n| parameters | placed right, MID | log loss, MID | placed right, five | "
          "log loss, five | P(deterred) |\n|---|---|---|---|---|---|")
    print(score_row(res, pset))
    o = res.outcomes.iloc[0]
    print(f"\nattackers' posterior-mean resolve {o.aggressor_resolve:.2f}")
    c = res.checks.iloc[0]
    print(f"reliability check: obliged units {int(c.obliged_units)}, treaty-obliged states "
          f"fight at {c.model_mean:.2f}; era prior mean {c.prior_mean:.2f}")
    if sensitivity:
        print("\n| crisis_entry_cost | placed right (MID) | log loss (MID) | placed right "
              "(five) | log loss (five) | P(deterred) |\n|---|---|---|---|---|---|")
        for c0 in ENTRY_COSTS:
            fixed = case.with_parameters({"crisis_entry_cost": Point(value=c0)})
            print(score_row(_run(fixed), f"{c0:.1f}"))


if __name__ == "__main__":
    main(sys.argv[1:])
