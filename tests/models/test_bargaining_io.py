"""KTAB input files: reading, writing, round trips and one-line errors on bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from foedus.errors import FoedusError
from foedus.models.bargaining import (
    KtabInputError,
    SMPSwitches,
    read_ktab,
    run_smp,
    write_ktab_csv,
    write_ktab_xml,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "ktab" / "inputs"
GOOD = ("Toy,A toy problem,3,1,\nActor,Description,Power,Pos,Sal,\n"
        "A,first,10,20,50,\nB,second,20,50,60,\nC,third,15,90,80,\n")


def _write(tmp_path, text, name="bad.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()
                                        if p.name != "smpExample.xml"))
def test_every_shipped_ktab_input_reads(name):
    ktab = read_ktab(DATA / name)
    assert ktab.problem.n_actors >= 5
    assert np.all((ktab.problem.position >= 0) & (ktab.problem.position <= 1))


def test_final_comma_does_not_matter():
    a = read_ktab(DATA / "dummyData_3Dim.csv").problem
    b = read_ktab(DATA / "dummyData_3Dim-no-final-comma.csv").problem
    assert a.actors == b.actors and np.array_equal(a.position, b.position)
    assert np.array_equal(a.salience, b.salience)


def test_xml_and_csv_of_the_same_scenario_agree():
    a = read_ktab(DATA / "dummyData_3Dim.csv").problem
    b = read_ktab(DATA / "dummyData_3Dim.xml").problem
    assert np.array_equal(a.position, b.position) and np.array_equal(a.capability, b.capability)


@pytest.mark.parametrize("writer", ["csv", "xml"])
def test_round_trip_keeps_the_numbers_and_the_run(tmp_path, writer):
    source = read_ktab(DATA / ("SOE-Pol-Comp.csv" if writer == "csv"
                               else "smpExample_v2016-11-29.xml"))
    path = tmp_path / f"out.{writer}"
    if writer == "csv":
        write_ktab_csv(source.problem, path)
    else:
        write_ktab_xml(source.problem, source.switches, source.seed, path)
    again = read_ktab(path)
    assert again.problem.actors == source.problem.actors
    np.testing.assert_array_equal(again.problem.position, source.problem.position)
    np.testing.assert_array_equal(again.problem.salience, source.problem.salience)
    np.testing.assert_array_equal(again.problem.accommodation, source.problem.accommodation)
    assert again.switches == source.switches and again.seed == source.seed
    switches = again.switches.with_changes(state_transitions="Deterministic")
    assert np.array_equal(run_smp(again.problem, switches).positions,
                          run_smp(source.problem, switches).positions)


BAD_CSV = [
    ("", "bad.csv: the file is empty"),
    ("Toy,desc,3\n", "bad.csv:row 1: header: expected 'scenario name"),
    ("Toy,desc,x,1,\n", "bad.csv:row 1: number of actors (field 3): 'x' is not a number"),
    ("Toy,desc,2,1,\nActor,Description,Power,Pos,Sal,\nA,a,1,2,3,\nB,b,1,2,3,\n",
     "must be a whole number of at least 3"),
    (GOOD.replace("A,first,10,20,50,", "A,first,10,20"), "row 3: actor row: 4 fields, expected 5"),
    (GOOD.replace("B,second,20,50,60", "B,second,20,fifty,60"),
     "row 4: position 'Pos' of actor 'B': 'fifty' is not a number"),
    (GOOD.replace("C,third,15,90,80", "C,third,15,90,180"),
     "row 5: salience 'Sal' of actor 'C': 180 is outside 0-100"),
    (GOOD.replace("C,third,15,90,80", "C,third,15,-5,80"),
     "row 5: position 'Pos' of actor 'C': -5 is outside 0-100"),
    (GOOD.replace("C,third", "A,third"), "row 5: actor 'A': appears twice (rows 3 and 5)"),
    (GOOD.replace("B,second,20", "B,second,0"), "Power of actor 'B': 0 must be positive"),
    (GOOD.replace("C,third,15,90,80,\n", ""), "the header says 3 actors but 2 actor rows"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CSV)
def test_malformed_csv_is_one_clear_line(tmp_path, text, message):
    with pytest.raises(KtabInputError) as err:
        read_ktab(_write(tmp_path, text))
    line = str(err.value)
    assert message in line and "\n" not in line and line.startswith(str(tmp_path))


BAD_XML = [
    ("<Scenario><name>x</name></Scenario>", "missing element <prngSeed>"),
    ("<Scenario><prngSeed>1</prngSeed><ModelParameters><Foo>1</Foo></ModelParameters>"
     + "</Scenario>", "<ModelParameters>: unknown switch <Foo>"),
    ("<Scenario><prngSeed>1</prngSeed><ModelParameters>"
     + "".join(f"<{t}>{v}</{t}>" for t, v in SMPSwitches().to_ktab().items()).replace(
         "Prop<", "Plurality<") + "</ModelParameters></Scenario>",
     "VotingRule: unknown value 'Plurality'; choose one of Binary, PropBin, Prop"),
    ("<Scenario><prngSeed>1", "not well-formed XML"),
]


@pytest.mark.parametrize(("text", "message"), BAD_XML)
def test_malformed_xml_is_one_clear_line(tmp_path, text, message):
    with pytest.raises(KtabInputError) as err:
        read_ktab(_write(tmp_path, text, "bad.xml"))
    assert message in str(err.value) and "\n" not in str(err.value)


def test_shipped_broken_ktab_example_names_the_empty_coordinate():
    with pytest.raises(FoedusError, match=r"<Actor> 1 \(Alice\) <dCoord> 1: <dCoord> is empty"):
        read_ktab(DATA / "smpExample.xml")


def test_xsd_spellings_of_switch_values_are_accepted(tmp_path):
    text = (DATA / "smpExample_v2016-11-29.xml").read_text(encoding="utf-8-sig")
    text = text.replace("<VotingRule>PropCbc", "<VotingRule>Proportional").replace(
        "<BigRAdjust>OneThird", "<BigRAdjust>No")
    ktab = read_ktab(_write(tmp_path, text, "xsd.xml"))
    assert ktab.switches.voting_rule.value == "Prop" and ktab.switches.big_r_adjust.value == "None"


def test_unknown_extension_and_missing_file(tmp_path):
    with pytest.raises(KtabInputError, match="give a .csv or .xml file"):
        read_ktab(tmp_path / "scenario.txt")
    with pytest.raises(KtabInputError, match="no such file"):
        read_ktab(tmp_path / "missing.csv")
