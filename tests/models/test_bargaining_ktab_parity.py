"""KTAB parity of foedus's SMP (issue 12 acceptance).

Expected values: KTAB's own regression lines (``examples/smp/doc/20170530_ref-*.txt``, compared
by ``SMPC_RefRuns_Compare.sh``), KTAB's ``VectorPosition`` and ``Bargn`` tables of runs of the
KTAB command line (``smpc``, commit 3b5b063) on its example inputs. Provenance:
``tests/data/ktab/PROVENANCE.md``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from foedus.models.bargaining import SMPSwitches, read_ktab, run_smp
from foedus.models.bargaining._kernels import HAVE_NUMBA

DATA = Path(__file__).resolve().parents[1] / "data" / "ktab"
CSV_RUNS = ["SOE-Pol-Comp", "SOE-Policy", "SOE-Competitive", "dummyData_3Dim", "dummyData_6Dim",
            "dummyData-a040", "dummyData-a080"]


def _ktab_lines(result) -> list[str]:
    """The lines KTAB prints and its regression script compares, in KTAB's format."""
    lines = [f"Fractional change compared to first step: {x:.4f}"
             for x in result.fractional_change]
    for i, actor in enumerate(result.problem.actors):
        probs = " ".join(f"{p:.4f}" for p in result.position_probability[:, i])
        lines.append(f"{actor}, prob : {probs}")
    return lines


@pytest.mark.parametrize("name", ["SOE-Pol-Comp", "dummyData_3Dim"])
def test_regression_lines_equal_ktab_reference(name):
    ktab = read_ktab(DATA / "inputs" / f"{name}.csv")
    result = run_smp(ktab.problem, ktab.switches)
    expected = (DATA / "reference_lines" / f"{name}.txt").read_text().splitlines()
    assert _ktab_lines(result) == expected


@pytest.mark.parametrize("name", CSV_RUNS)
def test_positions_equal_ktab_vector_position(name):
    ktab = read_ktab(DATA / "inputs" / f"{name}.csv")
    result = run_smp(ktab.problem, ktab.switches)
    table = pd.read_csv(DATA / "vector_position" / f"{name}.csv.gz")
    expected = np.full(result.positions.shape, np.nan)
    assert table["Turn_t"].max() + 1 == result.positions.shape[0], "number of turns differs"
    expected[table["Turn_t"], table["Act_i"], table["Dim_k"]] = table["Pos_Coord"]
    assert not np.isnan(expected).any()
    # KTAB stores 100 x its internal coordinate; positions sit on a 0.01 grid, so any real
    # difference would be >= 0.005
    np.testing.assert_allclose(result.positions * 100.0, expected, rtol=0, atol=1e-9)


def test_bargains_and_queue_probabilities_equal_ktab_bargn_table():
    ktab = read_ktab(DATA / "inputs" / "dummyData_3Dim.csv")
    frame = run_smp(ktab.problem, ktab.switches).bargains_frame()
    index = {a: i for i, a in enumerate(ktab.problem.actors)}
    frame = frame.assign(i=frame["initiator"].map(index), j=frame["receiver"].map(index))
    expected = pd.read_csv(DATA / "bargains" / "dummyData_3Dim.csv")
    merged = expected.merge(frame, left_on=["Turn_t", "Init_Act_i", "Recd_Act_j"],
                            right_on=["turn", "i", "j"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), "foedus and KTAB propose different bargains"
    np.testing.assert_allclose(merged["expected_gain"], merged["Value"], atol=1e-14)
    np.testing.assert_allclose(merged["p_initiator_queue"], merged["Init_Prob"], atol=1e-12)
    moves = merged["i"] != merged["j"]
    np.testing.assert_allclose(merged.loc[moves, "p_receiver_queue"],
                               merged.loc[moves, "Recd_Prob"], atol=1e-12)
    assert (merged["chosen_by_initiator"] == (merged["Init_Seld"] == 1)).all()


def test_stochastic_markov_example_turn_zero_equals_ktab():
    """smpExample: PropCbc voting, Markov-incentive PCE, accommodation, stochastic steps.

    Turn 0 (position probabilities and the proposed bargains with their queue
    probabilities) does not depend on the random draws, so it must equal KTAB's.
    """
    ktab = read_ktab(DATA / "inputs" / "smpExample_v2016-11-29.xml")
    assert ktab.switches == SMPSwitches(pce_model="MarkovIncentive", voting_rule="PropCbc",
                                        state_transitions="Stochastic")
    result = run_smp(ktab.problem, ktab.switches, seed=ktab.seed % 2**63)
    reference = (DATA / "reference_lines" / "smpExample.txt").read_text().splitlines()
    turn0 = [line.split(" : ")[1].split()[0] for line in reference if "prob :" in line]
    assert [f"{p:.4f}" for p in result.position_probability[0]] == turn0
    frame = result.bargains_frame()
    frame = frame[frame["turn"] == 0]
    index = {a: i for i, a in enumerate(ktab.problem.actors)}
    frame = frame.assign(i=frame["initiator"].map(index), j=frame["receiver"].map(index))
    expected = pd.read_csv(DATA / "bargains" / "smpExample_v2016.csv")
    merged = expected.merge(frame, left_on=["Init_Act_i", "Recd_Act_j"], right_on=["i", "j"],
                            how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    np.testing.assert_allclose(merged["expected_gain"], merged["Value"], atol=1e-14)
    np.testing.assert_allclose(merged["p_initiator_queue"], merged["Init_Prob"], atol=1e-12)


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba not installed")
@pytest.mark.parametrize("name", ["SOE-Pol-Comp", "dummyData_6Dim"])
def test_compiled_and_numpy_paths_give_identical_numbers(name):
    ktab = read_ktab(DATA / "inputs" / f"{name}.csv")
    for switches in (SMPSwitches(), SMPSwitches(voting_rule="ASymProsp", big_r_adjust="Half",
                                                 third_party_commit="FullCommit")):
        a = run_smp(ktab.problem, switches, compiled=True)
        b = run_smp(ktab.problem, switches, compiled=False)
        assert np.array_equal(a.positions, b.positions)
        assert np.array_equal(a.position_probability, b.position_probability)
        assert np.array_equal(a.fractional_change, b.fractional_change)
