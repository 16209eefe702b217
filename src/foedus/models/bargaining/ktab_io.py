"""Read and write KTAB's SMP input files (CSV and XML), unchanged, with clear errors.

CSV (KTAB ``SMPModel::csvRead``)::

    <scenario name>,<description>,<number of actors>,<number of dimensions>,
    Actor,Description,<capability label>,<position 1>,<salience 1>,<position 2>,...
    <actor>,<description>,<capability>,<position 1>,<salience 1>,...

positions and saliences on 0-100 (saliences of one actor summing to at most 100); trailing
fields are ignored. XML follows KTAB's ``smpSchema.xsd`` (``Scenario`` with ``name``,
``desc``, ``prngSeed``, optional ``ModelParameters``, ``Dimensions``, ``Actors`` and optional
``IdealAdjustment``). Positions and saliences are divided by ``100.0`` as KTAB does.

Every problem is reported as one line naming the file, the row (CSV) or element (XML), the
field and what to write instead (:class:`KtabInputError`). This module reads files; the
models never do.
"""

from __future__ import annotations

import csv
import io
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from foedus.errors import FoedusError, ParameterError
from foedus.models.bargaining.params import SWITCH_NAMES, SMPSwitches
from foedus.models.bargaining.problem import MIN_ACTORS, SpatialProblem

__all__ = ["KTAB_DEFAULT_SEED", "KtabInput", "KtabInputError", "read_ktab", "read_ktab_csv",
           "read_ktab_xml", "write_ktab_csv", "write_ktab_xml"]

KTAB_DEFAULT_SEED = 15455440707583219804  # KBase::dSeed = 0xD67CC16FE69C185C
# spellings of smpSchema.xsd that differ from KTAB's C++ names
_XSD_ALIASES = {("VotingRule", "Proportional"): "Prop", ("BigRAdjust", "No"): "None"}


class KtabInputError(FoedusError, ValueError):
    """A KTAB input file is malformed: ``file:row N: field: what to do``.

    Examples
    --------
    >>> str(KtabInputError("soe.csv", "salience 'Policy Salience' of actor 'XJ'",
    ...                    "120 is outside 0-100", row=3))
    "soe.csv:row 3: salience 'Policy Salience' of actor 'XJ': 120 is outside 0-100"
    """

    def __init__(self, file: str, field: str, message: str, row: int | None = None):
        self.file, self.field, self.message, self.row = file, field, message, row
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:row {self.row}" if self.row else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


@dataclass(frozen=True, eq=False)
class KtabInput:
    """A KTAB scenario: the problem, the model switches and the seed it names."""

    problem: SpatialProblem
    switches: SMPSwitches
    seed: int
    path: str
    format: str


def read_ktab(path: str | Path) -> KtabInput:
    """Read a KTAB CSV or XML input file (chosen by extension).

    Examples
    --------
    >>> import tempfile, os
    >>> text = ("Toy,A toy,3,1,\\nActor,Description,Power,Pos,Sal,\\n"
    ...         "A,a,10,20,50,\\nB,b,20,50,60,\\nC,c,15,90,80,\\n")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = os.path.join(d, "toy.csv")
    ...     _ = open(f, "w").write(text)
    ...     ktab = read_ktab(f)
    >>> ktab.problem.actors, ktab.problem.position.ravel().tolist(), str(ktab.switches.pce_model)
    (('A', 'B', 'C'), [0.2, 0.5, 0.9], 'Conditional')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_ktab_csv(path)
    if suffix == ".xml":
        return read_ktab_xml(path)
    raise KtabInputError(str(path), "", "unknown KTAB file type; give a .csv or .xml file")


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KtabInputError(str(path), "", "no such file") from None
    except OSError as exc:
        raise KtabInputError(str(path), "", f"cannot read the file ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _number(file: str, row: int | None, field: str, text: str) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise KtabInputError(file, field, f"{text.strip()!r} is not a number", row) from None
    if not math.isfinite(value):
        raise KtabInputError(file, field, f"{text.strip()!r} is not a finite number", row)
    return value


def _count(file: str, row: int, field: str, text: str, minimum: int) -> int:
    value = _number(file, row, field, text)
    if value != int(value) or value < minimum:
        raise KtabInputError(file, field, f"{text.strip()!r} must be a whole number of at "
                                          f"least {minimum}", row)
    return int(value)


def _check_scale(file, row, field, value, what):
    if not 0.0 <= value <= 100.0:
        raise KtabInputError(file, field, f"{value:g} is outside 0-100 (KTAB's {what} scale)",
                             row)


def read_ktab_csv(path: str | Path) -> KtabInput:
    """Read a KTAB SMP CSV file (``smpc --csv``); see the module docstring for the format."""
    path = Path(path)
    name = str(path)
    rows = list(csv.reader(io.StringIO(_text(path)), skipinitialspace=True))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise KtabInputError(name, "", "the file is empty; a KTAB CSV starts with 'scenario "
                                       "name, description, number of actors, number of "
                                       "dimensions'")
    head = rows[0]
    if len(head) < 4:
        raise KtabInputError(name, "header", "expected 'scenario name, description, number of "
                                             f"actors, number of dimensions', got {len(head)} "
                                             "field(s)", 1)
    n = _count(name, 1, "number of actors (field 3)", head[2], MIN_ACTORS)
    d = _count(name, 1, "number of dimensions (field 4)", head[3], 1)
    if len(rows) < 2:
        raise KtabInputError(name, "column names", "missing the second line 'Actor, "
                                                   "Description, Power, position, salience, ...'",
                             2)
    columns = rows[1]
    if len(columns) < 3 + 2 * d:
        raise KtabInputError(name, "column names", f"{len(columns)} columns for {d} "
                                                   f"dimension(s); expected {3 + 2 * d} (actor, "
                                                   "description, capability, then a position and "
                                                   "a salience per dimension)", 2)
    dims = [columns[3 + 2 * k].strip() or f"dimension {k + 1}" for k in range(d)]
    sal_names = [columns[4 + 2 * k].strip() or f"salience {k + 1}" for k in range(d)]
    actor_rows = rows[2:]
    if len(actor_rows) != n:
        raise KtabInputError(name, "number of actors (field 3)",
                             f"the header says {n} actors but {len(actor_rows)} actor rows "
                             "follow; correct the count or the rows", 1)
    actors, descs, seen = [], [], {}
    cap = np.empty(n)
    pos = np.empty((n, d))
    sal = np.empty((n, d))
    for i, r in enumerate(actor_rows):
        row = i + 3
        if len(r) < 3 + 2 * d:
            raise KtabInputError(name, "actor row", f"{len(r)} fields, expected {3 + 2 * d} "
                                                    "(actor, description, capability, then a "
                                                    "position and a salience per dimension)",
                                 row)
        actor = r[0].strip()
        if not actor:
            raise KtabInputError(name, "actor (column 1)", "empty actor name", row)
        if actor in seen:
            raise KtabInputError(name, f"actor {actor!r}", f"appears twice (rows {seen[actor]} "
                                                          f"and {row}); actor names must be "
                                                          "unique", row)
        seen[actor] = row
        actors.append(actor)
        descs.append(r[1].strip())
        label = columns[2].strip() or "capability"
        cap[i] = _number(name, row, f"{label} of actor {actor!r}", r[2])
        if cap[i] <= 0:
            raise KtabInputError(name, f"{label} of actor {actor!r}", f"{cap[i]:g} must be "
                                                                     "positive", row)
        for k in range(d):
            field = f"position {dims[k]!r} of actor {actor!r}"
            value = _number(name, row, field, r[3 + 2 * k])
            _check_scale(name, row, field, value, "position")
            pos[i, k] = value / 100.0
            field = f"salience {sal_names[k]!r} of actor {actor!r}"
            value = _number(name, row, field, r[4 + 2 * k])
            _check_scale(name, row, field, value, "salience")
            sal[i, k] = value / 100.0
        total = float(np.sum(sal[i]) * 100.0)
        if total > 100.0 + 1e-9:
            raise KtabInputError(name, f"saliences of actor {actor!r}", f"sum to {total:g}, "
                                                                        "more than 100", row)
        if total <= 0.0:
            raise KtabInputError(name, f"saliences of actor {actor!r}", "all zero; give at "
                                                                        "least one positive "
                                                                        "salience", row)
    problem = _problem(name, actors, descs, dims, cap, pos, sal, None,
                       head[0].strip(), head[1].strip())
    return KtabInput(problem, SMPSwitches(), KTAB_DEFAULT_SEED, name, "csv")


def _problem(name, actors, descs, dims, cap, pos, sal, acc, scen, desc) -> SpatialProblem:
    try:
        return SpatialProblem(actors, dims, cap, pos, sal, accommodation=acc, name=scen,
                              description=desc, descriptions=descs)
    except ParameterError as exc:  # anything the row checks above did not catch
        raise KtabInputError(name, "", str(exc)) from None


def _child(file: str, parent: ET.Element, tag: str, where: str) -> ET.Element:
    child = parent.find(tag)
    if child is None:
        raise KtabInputError(file, where, f"missing element <{tag}>")
    return child


def _element_text(file, el, where, what="a value") -> str:
    text = (el.text or "").strip()
    if not text:
        raise KtabInputError(file, where, f"<{el.tag}> is empty; give {what}")
    return text


def read_ktab_xml(path: str | Path) -> KtabInput:
    """Read a KTAB SMP XML file (``smpc --xml``, ``smpSchema.xsd``).

    ``ModelParameters`` (optional) sets the nine switches; ``IdealAdjustment`` (optional,
    default identity) the accommodation matrix; ``prngSeed`` the seed.
    """
    path = Path(path)
    name = str(path)
    text = _text(path)
    if not text.strip():
        raise KtabInputError(name, "", "the file is empty; expected a KTAB <Scenario> document")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise KtabInputError(name, "", f"not well-formed XML ({exc})") from None
    if root.tag != "Scenario":
        raise KtabInputError(name, f"<{root.tag}>", "the root element must be <Scenario>")
    scen = (root.findtext("name") or "").strip()
    desc = (root.findtext("desc") or "").strip()
    seed_el = _child(name, root, "prngSeed", "<Scenario>")
    seed_text = _element_text(name, seed_el, "<Scenario>", "a seed (a non-negative integer)")
    if not seed_text.isdigit() or int(seed_text) >= 2 ** 64:
        raise KtabInputError(name, "<prngSeed>", f"{seed_text!r} must be an integer from 0 to "
                                                 "2^64 - 1")
    seed = int(seed_text)
    switches = SMPSwitches()
    params = root.find("ModelParameters")
    if params is not None:
        values = {}
        for el in params:
            if el.tag not in SWITCH_NAMES:
                raise KtabInputError(name, "<ModelParameters>",
                                     f"unknown switch <{el.tag}>; known: "
                                     f"{', '.join(SWITCH_NAMES)}")
            value = _element_text(name, el, "<ModelParameters>")
            values[el.tag] = _XSD_ALIASES.get((el.tag, value), value)
        missing = [tag for tag in SWITCH_NAMES if tag not in values]
        if missing:
            raise KtabInputError(name, "<ModelParameters>", f"missing <{missing[0]}>; KTAB needs "
                                                            "all nine switches when the block "
                                                            "is present")
        try:
            switches = SMPSwitches.from_ktab(values)
        except ParameterError as exc:
            raise KtabInputError(name, "<ModelParameters>", str(exc)) from None
    dims_el = _child(name, root, "Dimensions", "<Scenario>")
    dims = [(el.text or "").strip() for el in dims_el.findall("dName")]
    if not dims:
        raise KtabInputError(name, "<Dimensions>", "no <dName>; name at least one dimension")
    d = len(dims)
    actors_el = _child(name, root, "Actors", "<Scenario>")
    actor_els = actors_el.findall("Actor")
    if len(actor_els) < MIN_ACTORS:
        raise KtabInputError(name, "<Actors>", f"{len(actor_els)} <Actor> element(s); KTAB needs "
                                               f"at least {MIN_ACTORS}")
    actors, descs, seen = [], [], set()
    cap = np.empty(len(actor_els))
    pos = np.empty((len(actor_els), d))
    sal = np.empty((len(actor_els), d))
    for i, a in enumerate(actor_els):
        actor = (a.findtext("name") or "").strip()
        where = f"<Actor> {i + 1} ({actor or 'unnamed'})"
        if not actor:
            raise KtabInputError(name, where, "missing or empty <name>")
        if actor in seen:
            raise KtabInputError(name, where, f"actor {actor!r} appears twice; names must be "
                                              "unique")
        seen.add(actor)
        actors.append(actor)
        descs.append((a.findtext("description") or "").strip())
        cap_el = _child(name, a, "capability", where)
        cap[i] = _number(name, None, f"{where} <capability>",
                         _element_text(name, cap_el, where, "a positive number"))
        if cap[i] <= 0:
            raise KtabInputError(name, f"{where} <capability>", f"{cap[i]:g} must be positive")
        for tag, item, out, what in (("Position", "dCoord", pos, "position"),
                                     ("Salience", "dSal", sal, "salience")):
            items = _child(name, a, tag, where).findall(item)
            if len(items) != d:
                raise KtabInputError(name, f"{where} <{tag}>", f"{len(items)} <{item}> for {d} "
                                                               "dimension(s)")
            for k, el in enumerate(items):
                field = f"{where} <{item}> {k + 1}"
                value = _number(name, None, field,
                                _element_text(name, el, field, f"a {what} 0-100"))
                _check_scale(name, None, field, value, what)
                out[i, k] = value / 100.0
        total = float(np.sum(sal[i]) * 100.0)
        if total > 100.0 + 1e-9:
            raise KtabInputError(name, f"{where} <Salience>", f"sums to {total:g}, more than 100")
    acc = None
    adjust = root.find("IdealAdjustment")
    if adjust is not None:
        acc = np.eye(len(actors))
        index = {a: i for i, a in enumerate(actors)}
        for p, pair in enumerate(adjust.findall("iaPair")):
            where = f"<IdealAdjustment> <iaPair> {p + 1}"
            ends = []
            for tag in ("adjustingIdeal", "referencePos"):
                who = _element_text(name, _child(name, pair, tag, where), where, "an actor name")
                if who not in index:
                    raise KtabInputError(name, f"{where} <{tag}>", f"unknown actor {who!r}")
                ends.append(index[who])
            value = _number(name, None, f"{where} <adjust>",
                            _element_text(name, _child(name, pair, "adjust", where), where))
            if not 0.0 <= value <= 1.0:
                raise KtabInputError(name, f"{where} <adjust>", f"{value:g} is outside [0, 1]")
            acc[ends[0], ends[1]] = value
    problem = _problem(name, actors, descs, dims, cap, pos, sal, acc, scen, desc)
    return KtabInput(problem, switches, seed, name, "xml")


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def write_ktab_csv(problem: SpatialProblem, path: str | Path | None = None) -> str:
    """Write ``problem`` as a KTAB CSV (identity accommodation only; use XML otherwise).

    Returns the text; writes it to ``path`` when given. Positions and saliences are written
    on KTAB's 0-100 scale with 10 significant digits.
    """
    if not problem.identity_accommodation:
        raise ParameterError("KTAB's CSV format has no accommodation matrix; write XML")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([problem.name or "foedus", problem.description, problem.n_actors,
                problem.n_dimensions, ""])
    header = ["Actor", "Description", "Power"]
    for dim in problem.dimensions:
        header += [dim, f"{dim} salience"]
    w.writerow(header + [""])
    for i, a in enumerate(problem.actors):
        row = [a, problem.descriptions[i], _fmt(problem.capability[i])]
        for k in range(problem.n_dimensions):
            row += [_fmt(problem.position[i, k] * 100), _fmt(problem.salience[i, k] * 100)]
        w.writerow(row + [""])
    text = buf.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def write_ktab_xml(problem: SpatialProblem, switches: SMPSwitches | None = None,
                   seed: int = KTAB_DEFAULT_SEED, path: str | Path | None = None) -> str:
    """Write ``problem`` as a KTAB XML scenario (with ModelParameters and IdealAdjustment)."""
    root = ET.Element("Scenario")
    ET.SubElement(root, "name").text = problem.name or "foedus"
    ET.SubElement(root, "desc").text = problem.description
    ET.SubElement(root, "prngSeed").text = f"{seed:020d}"
    params = ET.SubElement(root, "ModelParameters")
    for tag, value in (switches or SMPSwitches()).to_ktab().items():
        ET.SubElement(params, tag).text = value
    dims = ET.SubElement(root, "Dimensions")
    for dim in problem.dimensions:
        ET.SubElement(dims, "dName").text = dim
    actors = ET.SubElement(root, "Actors")
    for i, a in enumerate(problem.actors):
        el = ET.SubElement(actors, "Actor")
        ET.SubElement(el, "name").text = a
        ET.SubElement(el, "description").text = problem.descriptions[i]
        ET.SubElement(el, "capability").text = _fmt(problem.capability[i])
        p, s = ET.SubElement(el, "Position"), ET.SubElement(el, "Salience")
        for k in range(problem.n_dimensions):
            ET.SubElement(p, "dCoord").text = _fmt(problem.position[i, k] * 100)
            ET.SubElement(s, "dSal").text = _fmt(problem.salience[i, k] * 100)
    if not problem.identity_accommodation:
        adjust = ET.SubElement(root, "IdealAdjustment")
        for i, j in zip(*np.nonzero(problem.accommodation != np.eye(problem.n_actors)),
                        strict=True):
            pair = ET.SubElement(adjust, "iaPair")
            ET.SubElement(pair, "adjustingIdeal").text = problem.actors[i]
            ET.SubElement(pair, "referencePos").text = problem.actors[j]
            ET.SubElement(pair, "adjust").text = _fmt(problem.accommodation[i, j])
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text
