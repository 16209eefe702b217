"""The history corpora as scoring tasks (skipped where the corpora are not built yet).

Known answers: in MID 258 (the Second World War in Europe, onset 1939) Britain (COW 200) and
France (220) joined Poland's side (issue 9's hand-checked example); MID 5.0 codes Poland
(290) as the side-A originator and Germany (255) as side B, so they joined the
*originator's* side in the MID coding (participant records of MID 5.0); the Anglo-Polish agreement of
April 1939 is ATOP alliance 2440 (ATOP v4.01 member file: GBR and POL founders).
"""

from __future__ import annotations

import numpy as np
import pytest

history = pytest.importorskip("foedus.history")
if not hasattr(history, "intervention"):
    pytest.skip("the history corpora are not available in this version", allow_module_level=True)

from foedus.history.tasks import (
    INTERVENTION_CLASSES,
    build_task,
)


@pytest.fixture(scope="module")
def intervention():
    return build_task("intervention")


def test_britain_and_france_joined_poland_in_mid_258(intervention):
    frame = intervention.frame.set_index("case_id")
    poland_side = INTERVENTION_CLASSES.index("originator_side")
    assert frame.loc["258:200", "y"] == poland_side
    assert frame.loc["258:220", "y"] == poland_side
    assert frame.loc["258:200", "year"] == 1939


def test_every_task_is_consistent_with_its_classes():
    for corpus in ("intervention", "formation-members", "formation-dyads", "outcome"):
        task = build_task(corpus)
        y = task.frame["y"].to_numpy()
        assert len(task) > 0 and y.min() >= 0 and y.max() < task.n_classes
        assert task.frame["year"].between(1816, 2016).all()
        for event in task.events:
            labels = task.event_labels(event)
            assert 0 < labels.sum() < len(labels)
        assert not task.frame[list(task.covariates)].isna().all().any()


def test_anglo_polish_agreement_is_a_membership_case():
    task = build_task("formation-members")
    rows = task.frame[task.frame.cluster == 2440].set_index("case_id")
    assert rows.loc["2440:200", "y"] == 1 and rows.loc["2440:290", "y"] == 1
    assert np.isin(rows.y, (0, 1)).all() and (rows.y == 0).any()
