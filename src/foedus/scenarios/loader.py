"""Load and validate scenario files, turning every problem into one clear line.

Errors name the file, the field (as a dotted path such as ``crises[2].aggressors[0]``), the
line where the format allows, and what is expected. The YAML is read by
:mod:`foedus.scenarios.safe_yaml` (bounded size, depth and aliases; duplicate keys refused).
Missing ``source:`` fields on judgement values produce warnings (collected on the
:class:`Scenario` and emitted as :class:`SourceWarning`), and so do facts no model reads
(:class:`UnreadFactWarning`).

Everything here is checked without the data sets except the crosswalk, ATOP ids and the
parameter set a scenario names; :func:`foedus.scenarios.build.check_case` then builds the
world, every design and every crisis (``foedus scenario validate`` runs both).
"""

from __future__ import annotations

import difflib
import hashlib
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foedus.errors import FoedusError, ScenarioError, UnknownCountryError
from foedus.scenarios import safe_yaml
from foedus.scenarios.distributions import check_in_domain
from foedus.scenarios.parameters import known_parameters
from foedus.scenarios.schema import ScenarioModel

Loc = tuple[str | int, ...]

#: The first year of the shipped data (COW state system, NMC, MID): a scenario dated earlier
#: would have no capability, alliance or dispute data at all.
FIRST_DATA_YEAR = 1816


class SourceWarning(UserWarning):
    """A judgement value in a scenario has no ``source:``."""


class UnreadFactWarning(UserWarning):
    """A scenario fact that no model reads (a misspelling, or a figure nothing uses)."""


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: the parsed model, where it came from, and its warnings."""

    model: ScenarioModel
    path: str
    sha256: str
    warnings: tuple[str, ...] = ()
    lines: Mapping[Loc, int] = field(default_factory=dict, repr=False, compare=False)

    def error(self, loc: Loc, message: str) -> ScenarioError:
        """A :class:`ScenarioError` at ``loc`` (e.g. ``("states", 3, "prefer", "gdp")``)
        with its line in the file, for checks made after loading (the world build)."""
        return ScenarioError(self.path, format_loc(loc), message, line=_line_of(loc, self.lines))

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def date(self):
        return self.model.date


# ----------------------------------------------------------------------------- YAML + lines
def _parse_yaml(text: str, path: str) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML safely and record the 1-based line of every mapping key and sequence item."""
    return safe_yaml.parse(text, path)


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def format_loc(loc: Loc) -> str:
    """``('crises', 2, 'aggressors', 0)`` -> ``'crises[2].aggressors[0]'``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ----------------------------------------------------------------------------- pre-processing
def _normalise_parameters(data: dict) -> None:
    params = data.get("parameters")
    if not isinstance(params, dict):
        return
    for name, value in list(params.items()):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            params[name] = {"dist": "point", "value": value}
        elif isinstance(value, dict) and "dist" not in value and "value" in value:
            params[name] = {"dist": "point", **value}


def _pydantic_error(exc: ValidationError, path: str, lines: dict[Loc, int]) -> ScenarioError:
    err = exc.errors(include_url=False)[0]
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in
                                              {"point", "uniform", "normal", "triangular", "beta",
                                               "function-after[_order(), Beta]"}))
    clean = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    msg = err["msg"]
    msg = msg.removeprefix("Value error, ")
    if err["type"] == "missing":
        msg = "this field is required"
    elif err["type"] == "extra_forbidden":
        msg = "unknown field (check its spelling against `foedus scenario schema`)"
    elif err["type"] == "date_from_datetime_parsing" or "date" in err["type"]:
        msg = f"{msg}; expected a real calendar date written YYYY-MM-DD"
    elif err["type"] == "enum":
        msg = f"{msg}"
    inp = err.get("input")
    if isinstance(inp, (str, int, float)) and err["type"] not in ("missing",):
        msg = f"{msg} (got {inp!r})"
    return ScenarioError(path, format_loc(clean), msg, line=_line_of(clean, lines))


# ----------------------------------------------------------------------------- cross checks
def _iter_iso3_refs(model: ScenarioModel) -> Iterator[tuple[Loc, str]]:
    """Every ISO3 code referenced outside ``states`` (with its location)."""
    def agreement_refs(prefix: Loc, agreement) -> Iterator[tuple[Loc, str]]:
        for i, m in enumerate(agreement.members):
            yield prefix + ("members", i), m
        for j, p in enumerate(agreement.provisions):
            yield from provision_refs(prefix + ("provisions", j), p)
        for j, b in enumerate(agreement.institutions.basing):
            yield prefix + ("institutions", "basing", j, "host"), b.host
            yield prefix + ("institutions", "basing", j, "user"), b.user

    def provision_refs(prefix: Loc, p) -> Iterator[tuple[Loc, str]]:
        for key, seq in (("from", p.from_), ("to", p.to)):
            if seq != "all":
                for k, code in enumerate(seq):
                    yield prefix + (key, k), code
        for k, code in enumerate(p.trigger.aggressors):
            yield prefix + ("trigger", "aggressors", k), code
        admin = p.trigger.administered_by
        if admin not in (None, "beneficiary"):
            yield prefix + ("trigger", "administered_by"), admin

    for i, dyad in enumerate(model.dyads):
        yield ("dyads", i, "a"), dyad.a
        yield ("dyads", i, "b"), dyad.b
    for i, place in enumerate(model.places):
        if place.administered_by:
            yield ("places", i, "administered_by"), place.administered_by
        for j, code in enumerate(place.claimed_by):
            yield ("places", i, "claimed_by", j), code
    for i, agreement in enumerate(model.agreements):
        yield from agreement_refs(("agreements", i), agreement)
    for i, design in enumerate(model.designs):
        for j, code in enumerate(design.invited):
            yield ("designs", i, "invited", j), code
        for j, agreement in enumerate(design.add):
            yield from agreement_refs(("designs", i, "add", j), agreement)
        for j, change in enumerate(design.change):
            for k, code in enumerate(change.members or []):
                yield ("designs", i, "change", j, "members", k), code
            for key in ("provisions", "add_provisions"):
                for k, p in enumerate(getattr(change, key) or []):
                    yield from provision_refs(("designs", i, "change", j, key, k), p)
        for j, code in enumerate(design.rules.leadership):
            yield ("designs", i, "rules", "leadership", j), code
    for i, crisis in enumerate(model.crises):
        for j, code in enumerate(crisis.aggressors):
            yield ("crises", i, "aggressors", j), code
        yield ("crises", i, "target"), crisis.target
        for j, code in enumerate(crisis.co_targets):
            yield ("crises", i, "co_targets", j), code
        for j, hit in enumerate(crisis.hits):
            yield ("crises", i, "hits", j, "state"), hit.state
        for code in crisis.observed:
            yield ("crises", i, "observed", code), code


def _suggest(value: str, options, cutoff: float = 0.5) -> str:
    close = difflib.get_close_matches(str(value), [str(o) for o in options], n=3,
                                      cutoff=cutoff)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _cross_check(model: ScenarioModel, path: str, lines: dict[Loc, int]) -> list[str]:
    """Check references between sections; return source warnings."""
    from foedus.data.crosswalk import iso3_to_ccode

    def fail(loc: Loc, message: str) -> None:
        raise ScenarioError(path, format_loc(loc), message, line=_line_of(loc, lines))

    def unique(items, section: str, key: str = "id") -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                fail((section, i, key), f"duplicate {key} {value!r}; every {section[:-1]} "
                                        f"needs its own {key}")
            seen.add(value)

    if model.date.year < FIRST_DATA_YEAR:
        fail(("date",), f"{model.date.isoformat()} is before the shipped data begin "
                        f"({FIRST_DATA_YEAR}, COW); choose a date from {FIRST_DATA_YEAR} on")
    # states: known codes, no duplicates
    unique(model.states, "states", "iso3")
    from foedus.scenarios.build import HEADLINE

    for i, state in enumerate(model.states):
        if state.iso3 != state.iso3.upper() or not state.iso3.isalnum():
            fail(("states", i, "iso3"), f"write state codes in capitals, letters and digits "
                                        f"only (e.g. {state.iso3.upper()!r})")
        for figure in state.prefer:
            if figure not in HEADLINE:
                fail(("states", i, "prefer", figure), f"not a headline figure; use one of "
                                                      f"{', '.join(HEADLINE)}")
        if state.ccode is None:
            try:
                iso3_to_ccode(state.iso3)
            except UnknownCountryError as exc:
                fail(("states", i, "iso3"), f"{exc}; give an ISO3 code, or add `ccode:` "
                                            "for a state without one")
    for i, dyad in enumerate(model.dyads):
        if dyad.a == dyad.b:
            fail(("dyads", i, "b"), "a dyad needs two different states")
    unread = _check_facts(model, fail)
    declared = {s.iso3 for s in model.states}
    for loc, code in _iter_iso3_refs(model):
        if code not in declared:
            fail(loc, f"state {code!r} is not in this scenario's `states:` list; add it there"
                      f"{_suggest(code, declared)}")

    # places
    unique(model.places, "places")
    place_ids = {p.id for p in model.places}
    for i, place in enumerate(model.places):
        for j, parent in enumerate(place.within):
            if parent not in place_ids:
                fail(("places", i, "within", j), f"unknown place {parent!r}{_suggest(parent, place_ids)}")
    _check_place_cycles(model, fail)

    def check_area(loc: Loc, area_ids) -> None:
        for k, area in enumerate(area_ids):
            if area not in place_ids:
                fail(loc + (k,), f"unknown place {area!r}; declare it under `places:`"
                                 f"{_suggest(area, place_ids)}")

    def check_agreement(loc: Loc, agreement) -> None:
        if agreement.in_force and agreement.ended and agreement.ended < agreement.in_force:
            fail(loc + ("ended",), "ends before it enters into force")
        if agreement.signed and agreement.in_force and agreement.in_force < agreement.signed:
            fail(loc + ("in_force",), "enters into force before it is signed")
        if len(set(agreement.members)) != len(agreement.members):
            twice = sorted({m for m in agreement.members if agreement.members.count(m) > 1})
            fail(loc + ("members",), f"{', '.join(twice)} listed twice; list each member once")
        if agreement.provisions_from_atop and agreement.atop_id is None:
            fail(loc + ("provisions_from_atop",), "needs an `atop_id:` to take the "
                                                  "provisions from")
        if agreement.atop_id is not None:
            _check_atop(loc, agreement, model.date, fail)
        from foedus.world.agreements import TREATY_KINDS, Obligation
        for j, p in enumerate(agreement.provisions):
            if p.obligation is Obligation.DEFENSE and agreement.kind not in TREATY_KINDS:
                fail(loc + ("provisions", j, "obligation"),
                     f"a {agreement.kind.value} carries no defence obligation; use kind "
                     "treaty_alliance (or proposed_treaty in a design)")
            check_area(loc + ("provisions", j, "trigger", "area"), p.trigger.area)
            check_area(loc + ("provisions", j, "trigger", "crisis_area"), p.trigger.crisis_area)
            # obligors must be parties; beneficiaries may be protected non-parties (the
            # Manila Pact's protocol states are the precedent)
            if p.from_ != "all":
                for k, code in enumerate(p.from_):
                    if code not in agreement.members:
                        fail(loc + ("provisions", j, "from", k),
                             f"{code} is not a member of {agreement.id}; only parties owe "
                             "obligations")

    unique(model.agreements, "agreements")
    for i, agreement in enumerate(model.agreements):
        check_agreement(("agreements", i), agreement)
    unique(model.designs, "designs")
    baseline_ids = {a.id for a in model.agreements}
    for i, design in enumerate(model.designs):
        twice = sorted({s for s in design.invited if design.invited.count(s) > 1})
        if twice:
            fail(("designs", i, "invited"),
                 f"{', '.join(twice)} listed twice; list each invited state once")
        for j, agreement_id in enumerate(design.remove):
            if agreement_id not in baseline_ids:
                fail(("designs", i, "remove", j),
                     f"cannot remove {agreement_id!r}: no such agreement in `agreements:`"
                     f"{_suggest(agreement_id, baseline_ids)}")
        for j, change in enumerate(design.change):
            if change.id not in baseline_ids:
                fail(("designs", i, "change", j, "id"),
                     f"cannot change {change.id!r}: no such agreement in `agreements:`"
                     f"{_suggest(change.id, baseline_ids)}")
        for j, agreement in enumerate(design.add):
            if agreement.id in baseline_ids:
                fail(("designs", i, "add", j, "id"),
                     f"{agreement.id!r} already exists in the baseline; use `change:`")
            check_agreement(("designs", i, "add", j), agreement)
    unique(model.crises, "crises")
    for i, crisis in enumerate(model.crises):
        if crisis.location not in place_ids:
            fail(("crises", i, "location"), f"unknown place {crisis.location!r}"
                                            f"{_suggest(crisis.location, place_ids)}")
        for j, hit in enumerate(crisis.hits):
            if hit.place not in place_ids:
                fail(("crises", i, "hits", j, "place"), f"unknown place {hit.place!r}"
                                                        f"{_suggest(hit.place, place_ids)}")
        if crisis.target in crisis.aggressors:
            fail(("crises", i, "target"), "the target cannot also be an aggressor")
        for j, code in enumerate(crisis.co_targets):
            if code in crisis.aggressors or code == crisis.target:
                fail(("crises", i, "co_targets", j),
                     f"{code} is already the target or an aggressor; list it once")
        for code in crisis.observed:
            if code in crisis.aggressors or code == crisis.target or code in crisis.co_targets:
                fail(("crises", i, "observed", code),
                     f"{code} is an aggressor or a target, not a third state; observed records "
                     "what third states did")

    # parameters: registered names only (a misspelt name would silently leave the default
    # in place), each inside its domain
    registry = known_parameters()
    for name, dist in model.parameters.items():
        info = registry.get(name)
        if info is None:
            fail(("parameters", name), f"unknown parameter{_suggest(name, registry, 0.6)} "
                                       "(`foedus scenario parameters` lists the registered "
                                       "ones)")
        for domain in dict.fromkeys(d for d in (info.domain, dist.domain) if d):
            try:
                check_in_domain(dist, domain)
            except ValueError as exc:
                fail(("parameters", name), f"{exc}")
    if model.parameter_set is not None:
        from foedus.scenarios.parameter_sets import load_parameter_set

        try:
            load_parameter_set(resolve_parameter_set(model.parameter_set, path))
        except ScenarioError as exc:
            if exc.file in (model.parameter_set, str(resolve_parameter_set(
                    model.parameter_set, path))) and not exc.field:
                fail(("parameter_set",), exc.message)
            raise

    # negotiations (foedus.scenarios.negotiations)
    from foedus.scenarios.negotiations import check_negotiations

    unsourced = check_negotiations(model, fail, _suggest)
    return (_source_warnings(model, path, lines) + _unread_warnings(unread, path, lines)
            + [f"{path}:{_line_of(loc, lines) or '?'}: {format_loc(loc)}: value has no "
               "`source:`; add a citation or a stated rationale" for loc in unsourced])


def resolve_parameter_set(name: str, scenario_path: str) -> str:
    """A scenario's ``parameter_set:`` as given to
    :func:`~foedus.scenarios.parameter_sets.load_parameter_set`: a shipped name as is, a
    relative file path relative to the scenario file's folder."""
    from foedus.scenarios.parameter_sets import shipped_parameter_sets

    if name in shipped_parameter_sets() or not name.endswith((".yaml", ".yml")):
        return name
    candidate = Path(name)
    if not candidate.is_absolute() and not scenario_path.startswith("<"):
        candidate = Path(scenario_path).parent / candidate
    return str(candidate)


def _check_facts(model: ScenarioModel, fail) -> list[tuple[Loc, str, str]]:
    """Check every state and dyad fact against the registry of facts models read: the
    domain of a read fact (a share in [0, 1], an amount >= 0), the unit of a headline
    figure, and the ``source:`` of an override. Return the facts nothing reads."""
    from foedus.scenarios.facts import fact_info, known_facts

    unread: list[tuple[Loc, str, str]] = []
    bounds = {"nonnegative": (0.0, float("inf"), "must be >= 0"),
              "probability": (0.0, 1.0, "must lie in [0, 1]")}
    entries = [(("states", i), "state", s.facts) for i, s in enumerate(model.states)]
    entries += [(("dyads", i), "dyad", d.facts) for i, d in enumerate(model.dyads)]
    for loc, kind, facts in entries:
        for name, fact in facts.items():
            where = loc + ("facts", name)
            info = fact_info(kind, name)
            if info is None:
                options = [n for n, f in known_facts(kind).items()]
                unread.append((where, name, _suggest(name, options, 0.7)))
                continue
            if info.domain in bounds:
                low, high, text = bounds[info.domain]
                if not low <= fact.value <= high:
                    fail(where + ("value",), f"{name} {text} ({info.description}; got "
                                             f"{fact.value:g})")
            if info.name.endswith("_override") and not fact.source:
                fail(where, f"{name} overrides a computed indicator and needs a `source:`")
            if info.family == "headline":
                from foedus.scenarios.build import HEADLINE_UNITS

                unit = HEADLINE_UNITS[name]
                if fact.unit and fact.unit != unit:
                    fail(where + ("unit",), f"the headline figure {name} is in {unit!r} "
                                            f"(got {fact.unit!r}); convert the value")
    return unread


def _unread_warnings(unread, path: str, lines: dict[Loc, int]) -> list[str]:
    out = []
    for loc, name, hint in unread:
        line = _line_of(loc, lines)
        where = f"{path}:{line}" if line else path
        out.append(f"{where}: {format_loc(loc)}: no model reads the fact {name!r}, so it "
                   f"changes nothing{hint}")
    return out


def _check_place_cycles(model: ScenarioModel, fail) -> None:
    """Refuse a place contained, directly or not, in itself."""
    parents = {p.id: list(p.within) for p in model.places}
    index = {p.id: i for i, p in enumerate(model.places)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start, within in parents.items():
        if start in state:
            continue
        stack = [(start, iter(within))]
        state[start] = 1
        path = [start]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if child not in parents:
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                j = parents[node].index(child)
                fail(("places", index[node], "within", j),
                     f"places contain each other ({' within '.join(cycle)}); the place "
                     "hierarchy must not loop")
            if child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(parents[child])))


def _check_atop(loc: Loc, agreement, date, fail) -> None:
    """An ``atop_id`` must exist in the shipped ATOP files and, when the provisions are
    taken from ATOP, have at least one of the agreement's members coded."""
    from foedus.data.crosswalk import iso3_to_ccode

    members = _atop_member_table()
    coded = members.get(agreement.atop_id)
    if coded is None:
        fail(loc + ("atop_id",), f"no alliance {agreement.atop_id} in the shipped ATOP v4.01 "
                                 "member file; check the id (`foedus data describe "
                                 "atop_members`)")
    if agreement.provisions_from_atop:
        ccodes = set()
        for m in agreement.members:
            try:
                ccodes.add(iso3_to_ccode(m, year=date.year))
            except FoedusError:
                continue
        if not ccodes & coded:
            fail(loc + ("provisions_from_atop",),
                 f"none of the members is coded in ATOP alliance {agreement.atop_id} (its "
                 f"members' COW codes: {', '.join(map(str, sorted(coded)))}), so ATOP adds "
                 "no provision; check the id and the members")


_ATOP_MEMBERS: dict[int, set[int]] | None = None


def _atop_member_table() -> dict[int, set[int]]:
    global _ATOP_MEMBERS
    if _ATOP_MEMBERS is None:
        from foedus.data import load

        table = load("atop_members")
        _ATOP_MEMBERS = {int(a): {int(m) for m in group}
                         for a, group in table.groupby("atopid")["member"]}
    return _ATOP_MEMBERS


def _source_warnings(model: ScenarioModel, path: str, lines: dict[Loc, int]) -> list[str]:
    out: list[str] = []

    def need(loc: Loc, item, what: str) -> None:
        if not getattr(item, "source", None):
            line = _line_of(loc, lines)
            where = f"{path}:{line}" if line else path
            out.append(f"{where}: {format_loc(loc)}: {what} has no `source:`; add a citation "
                       "or a stated rationale")

    for i, s in enumerate(model.states):
        for name, fact in s.facts.items():
            need(("states", i, "facts", name), fact, f"fact {name}")
    for i, d in enumerate(model.dyads):
        for name, fact in d.facts.items():
            need(("dyads", i, "facts", name), fact, f"dyad fact {d.a}-{d.b} {name}")
    for i, p in enumerate(model.places):
        if p.administered_by or p.claimed_by:
            need(("places", i), p, f"place {p.id}")
    for i, a in enumerate(model.agreements):
        need(("agreements", i), a, f"agreement {a.id}")
    for i, d in enumerate(model.designs):
        need(("designs", i), d, f"design {d.id}")
        for j, a in enumerate(d.add):
            need(("designs", i, "add", j), a, f"agreement {a.id}")
    for i, c in enumerate(model.crises):
        need(("crises", i), c, f"crisis {c.id}")
    for name, dist in model.parameters.items():
        need(("parameters", name), dist, f"parameter {name}")
    return out


# ----------------------------------------------------------------------------- entry points
def load_scenario_text(text: str, path: str = "<string>") -> Scenario:
    """Validate scenario YAML ``text``; ``path`` is used in messages.

    Warnings (missing sources, facts no model reads) are emitted as :class:`SourceWarning`
    and :class:`UnreadFactWarning` and kept in :attr:`Scenario.warnings`.
    """
    if not text.strip():
        raise ScenarioError(path, "", "the file is empty; expected a scenario mapping with at "
                                      "least `id`, `title`, `date` and `states`")
    data, lines = _parse_yaml(text, path)
    if data is None:
        raise ScenarioError(path, "", "the file has no content (only comments or null); "
                                      "expected a scenario mapping with at least `id`, "
                                      "`title`, `date` and `states`")
    if not isinstance(data, dict):
        raise ScenarioError(path, "", "expected a mapping of scenario fields (id, title, date, "
                                      f"states, ...) at the top level, got {type(data).__name__}",
                            line=1)
    bad_key = next((k for k in data if not isinstance(k, str)), None)
    if bad_key is not None:
        raise ScenarioError(path, str(bad_key), "unknown field (check its spelling against "
                            "`foedus scenario schema`)", line=_line_of((str(bad_key),), lines))
    for section in ("sources", "dyads", "places", "agreements", "designs", "crises",
                    "parameters"):
        if section in data and data[section] is None:  # `crises:` left empty means none
            del data[section]
    _normalise_parameters(data)
    try:
        model = ScenarioModel.model_validate(data)
    except ValidationError as exc:
        raise _pydantic_error(exc, path, lines) from None
    except RecursionError:  # pragma: no cover - the YAML depth is bounded
        raise ScenarioError(path, "", "nested too deeply") from None
    found = _cross_check(model, path, lines)
    for message in found:
        category = UnreadFactWarning if "no model reads" in message else SourceWarning
        warnings.warn(message, category, stacklevel=3)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Scenario(model=model, path=path, sha256=digest, warnings=tuple(found), lines=lines)


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario from a file path or the name of a shipped scenario.

    A path must be a regular, readable UTF-8 file of at most
    :data:`foedus.scenarios.safe_yaml.MAX_FILE_BYTES` bytes; a directory or a device is
    refused before anything is read.

    Examples
    --------
    >>> load_scenario("asian-nato-2024").model.date.isoformat()
    '2024-12-15'
    """
    candidate = Path(path)
    if not candidate.exists() and not candidate.is_symlink():
        name = str(path)
        shipped = resources.files("foedus.scenarios") / "library" / f"{name}.yaml"
        if "/" not in name and not name.endswith((".yaml", ".yml")) and shipped.is_file():
            return load_scenario_text(shipped.read_text(encoding="utf-8"), f"{name}.yaml")
        names = shipped_scenarios()
        hint = _suggest(name, names, 0.6)
        raise FoedusError(f"{path}: no such scenario file or shipped scenario (shipped: "
                          f"{', '.join(names)}){hint}")
    text = safe_yaml.read_text(candidate, "scenario")
    return load_scenario_text(text, str(path))


def shipped_scenarios() -> list[str]:
    """Names of the scenarios shipped with foedus."""
    folder = resources.files("foedus.scenarios") / "library"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
