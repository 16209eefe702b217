"""The formation family on the dyad-year corpus: each year's dyads are posed in that year's
state system (the world model of the issue's corpus (b)), the rows keep the task's order, and
the parameters the bilateral-pact value does not contain are declared unidentified."""

from __future__ import annotations

import numpy as np
import pytest

from foedus.history import system_case
from foedus.history.families import FORMATION_DYADS_NOT_IDENTIFIED
from foedus.history.pipeline import build_validation, model_interface
from foedus.history.tasks import build_task
from foedus.interests import compute_interests
from foedus.models.formation.likelihood import dyad_batch, dyad_probability
from foedus.models.formation.params import FORMATION_PARAMETERS, sample_parameters

YEARS = (1950, 1951)


@pytest.fixture(scope="module")
def dyads():
    task = build_task("formation-dyads")
    sub = task.subset(task.frame["year"].isin(YEARS).to_numpy())
    model, build = model_interface("formation-dyads")
    batch, keep = build(sub)
    return {"task": sub, "model": model, "batch": batch, "keep": keep}


def test_system_case_is_the_system_on_new_year_with_the_pacts_then_in_force():
    case = system_case(1950)
    world = case.world
    assert world.date.isoformat() == "1950-01-01"
    assert {"USA", "GBR", "FRA", "RUS", "CHN"} <= set(world.states)
    pairs = set(world.defense_pairs())
    assert ("USA", "GBR") in pairs            # NATO, in force since August 1949
    assert case.crises == () and len(case.designs) == 1
    # a defence pact that begins during the year is not yet in force on 1 January
    frame = build_task("formation-dyads").frame
    onsets = frame[(frame["year"] == 1950) & (frame["y"] == 1)]
    assert len(onsets) > 0
    code = {s.ccode: iso for iso, s in world.states.items()}
    for case_id in onsets["case_id"]:
        c1, c2 = (int(c) for c in case_id.split(":")[0].split("-"))
        assert (code[c1], code[c2]) not in pairs and (code[c2], code[c1]) not in pairs


def test_every_row_is_kept_in_the_tasks_order(dyads):
    assert dyads["keep"].all() and len(dyads["batch"]) == len(dyads["task"])
    frame = dyads["task"].frame
    rng = np.random.default_rng(3)
    theta = sample_parameters(1, np.random.default_rng(2)).values.T
    p = dyads["model"].predict_proba(theta, dyads["batch"])[0, :, 1]
    worlds = {y: system_case(y) for y in YEARS}
    for r in rng.choice(len(frame), 12, replace=False):
        c1, c2 = (int(c) for c in frame["case_id"].iloc[r].split(":")[0].split("-"))
        world = worlds[int(frame["year"].iloc[r])].world
        code = {s.ccode: iso for iso, s in world.states.items()}
        one = dyad_batch(world, compute_interests(world), [(code[c1], code[c2])])
        assert p[r] == pytest.approx(float(dyad_probability(theta[:, 0], one)[0]), rel=1e-9)


def test_likelihood_is_the_sum_of_the_rows(dyads):
    theta = sample_parameters(3, np.random.default_rng(5)).values.T
    y = dyads["task"].frame["y"].to_numpy()
    total = dyads["model"].log_likelihood(theta, dyads["batch"], y)
    rows = dyads["model"].per_case(theta, dyads["batch"], y)
    assert rows.shape == (len(y), 3)
    np.testing.assert_allclose(rows.sum(axis=0), total, rtol=1e-10)
    p = dyads["model"].predict_proba(theta, dyads["batch"])[:, :, 1]
    inside = (p > 1e-9) & (p < 1 - 1e-9)          # the likelihood floors the extremes
    np.testing.assert_allclose(np.where(y == 1, np.log(p), np.log1p(-p))[inside],
                               rows.T[inside], rtol=1e-6, atol=1e-12)


def test_declared_parameters_do_not_move_the_dyads_and_the_others_do(dyads):
    """What the corpus cannot inform is declared (held at its centre in a fit): the political
    weight is not in the bilateral-pact value at all; every parameter left free moves some
    dyad's probability."""
    theta = sample_parameters(1, np.random.default_rng(9)).values[0]
    base = dyad_probability(theta, dyads["batch"].dyads)
    names = list(FORMATION_PARAMETERS)
    for k, name in enumerate(names):
        moved = theta.copy()
        moved[k] = moved[k] * 1.3 + 0.05
        if name == "treaty_reliability" or name.endswith(("base_rate", "adhoc_support")):
            moved[k] = min(moved[k], 0.99)
        change = np.abs(dyad_probability(moved, dyads["batch"].dyads) - base).max()
        if name == "formation_political_weight":
            assert change == 0.0
        elif name not in FORMATION_DYADS_NOT_IDENTIFIED:
            assert change > 1e-9, name


def test_corpus_option_restricts_the_run():
    tasks, _ = build_validation(["formation"], refit=False,
                                         corpora=["formation-dyads"],
                                         tasks={"formation-dyads": build_task(
                                             "formation-dyads").subset(np.arange(50))})
    assert [t.corpus for t in tasks] == ["formation-dyads"]
    from foedus.errors import FoedusError

    with pytest.raises(FoedusError, match="--corpus outcome: not a corpus"):
        build_validation(["formation"], corpora=["outcome"])
