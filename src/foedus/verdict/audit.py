"""Auditing one family's assessments of one case: declarations, deciding facts, joint flips.

For a registered assessor (:class:`~foedus.verdict.registry.AssessorSpec`) and a case,
:func:`audit_family`

1. runs the assessor on a *recording* copy of the case (:func:`~foedus.verdict.facts.recording_case`)
   and lists the scenario facts it read; a fact read but not declared is a declaration
   problem;
2. switches off every scenario fact the family declared or read, one at a time, and
   re-evaluates each claim's measure on the same draws: a fact whose removal changes the
   verdict *decides* the claim (one that only moves the measure *influences* it); the facts
   circular for the claim (:mod:`foedus.verdict.sources`) are also switched off together;
   the facts neither declared nor read are switched off as a group, and any that moves a
   measure is reported as an undeclared dependence;
3. moves every registered parameter the family did not declare to the ends of its range (as
   a group, then one by one if the group matters) and reports those that move a measure;
4. checks that each measure's ``evaluate`` hook reproduces the assessor's values;
5. searches for the smallest joint change of the measure's parameters that reverses the
   verdict (:func:`~foedus.verdict.flips.joint_flip`);
6. gives the reported verdict: *assumed, not tested* when a circular fact decides it; else
   *by construction* when the model makes the measure one-sided (the assessor's
   ``structural`` reason) or no parameter values within the ranges reverse it; else the
   measure's own verdict (supported / contradicted / depends on an assumption).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from foedus.errors import FoedusError
from foedus.verdict.facts import FactRef, memo_case, recording_case, scenario_facts, without_facts
from foedus.verdict.flips import BUDGETS, Flip, SearchBudget, joint_flip
from foedus.verdict.registry import (
    AssessorSpec,
    ClaimAssessment,
    ParameterRows,
    Verdict,
    measure_verdict,
)
from foedus.verdict.sources import SourceIndex
from foedus.verdict.space import ParameterSpace

__all__ = ["ClaimAudit", "audit_family"]

TOLERANCE = 1e-9
#: Draws used by the screening checks (undeclared facts and parameters, the hook's
#: reproduction); the deciding facts use every draw.
CHECK_ROWS = 64


@dataclass(frozen=True)
class ClaimAudit:
    """The audited verdict of one assessment (one claim, one family, one parameter set)."""

    assessment: ClaimAssessment
    verdict: Verdict                         # the verdict reported
    model_verdict: Verdict                   # what the measure says (before the basis)
    basis: str                               # tested / assumed / by construction / data / untestable
    basis_reason: str = ""
    p: float = float("nan")
    deciding: tuple[str, ...] = ()           # "fact [why circular]" that change the verdict
    influencing: tuple[str, ...] = ()        # facts that move the measure without deciding
    flip: Flip | None = None
    problems: tuple[str, ...] = ()
    facts_read: tuple[str, ...] = field(default=())


def _family_rng(seed: int, *keys: str) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(
        [seed, *(zlib.crc32(k.encode()) for k in keys)]))


def _declared(spec: AssessorSpec, fact: FactRef) -> bool:
    names = spec.state_facts if fact.kind == "state" else spec.dyad_facts
    return fact.name in names


class _Variants:
    """Cases with facts switched off, built once per set of facts."""

    def __init__(self, case):
        self.case = case
        self._built: dict[frozenset[FactRef], object] = {}

    def __call__(self, facts) -> object:
        key = frozenset(facts)
        if key not in self._built:
            self._built[key] = without_facts(self.case, key)
        return self._built[key]


def _moves(measured: list[ClaimAssessment], case) -> np.ndarray:
    """(A,) True where re-evaluating on ``case`` moves the assessment's measure (on the first
    ``CHECK_ROWS`` draws)."""
    out = []
    for a in measured:
        rows = a.measure.draws.take(slice(0, CHECK_ROWS))
        values = np.asarray(a.measure.evaluate(case, rows), dtype=float)
        out.append(bool(np.any(np.abs(values - a.measure.values[:CHECK_ROWS]) > TOLERANCE)))
    return np.array(out, dtype=bool)


def _group_test(items: list, moves) -> list:
    """The items that matter, by halving a group that matters (``moves(group) -> bool``)."""
    if not items or not moves(items):
        return []
    if len(items) == 1:
        return list(items)
    half = len(items) // 2
    return _group_test(items[:half], moves) + _group_test(items[half:], moves)


def audit_family(spec: AssessorSpec, case, *, seed: int, known: set[str],
                 sources: SourceIndex, budget: SearchBudget = BUDGETS["full"],
                 variants: _Variants | None = None) -> list[ClaimAudit]:
    """Run and audit ``spec``'s assessor on ``case`` (see the module docstring)."""
    from foedus.scenarios.distributions import Point
    from foedus.scenarios.parameters import known_parameters

    rng = _family_rng(seed, spec.family)
    recorded, log = recording_case(case)
    try:
        found = [a for a in spec.assessor(recorded, rng) if a.claim_id in known]
    except FoedusError as exc:
        found = [ClaimAssessment(c, spec.family, Verdict.UNTESTABLE,
                                 f"the {spec.family} model could not run: {exc}")
                 for c in spec.claim_ids if c in known]
    base = memo_case(case)
    variants = variants or _Variants(base)
    facts = scenario_facts(case.scenario)
    sure, maybe = log.reads(facts)
    problems: list[str] = [f"reads undeclared fact {f}" for f in sure if not _declared(spec, f)]
    measured = [a for a in found if a.measure is not None]
    registry = known_parameters()
    declared_params = set(spec.declared_parameters(list(registry)))
    for a in measured:
        extra = [n for n in a.measure.draws.names if n not in declared_params]
        if extra:
            problems.append(f"{a.claim_id}: measure depends on undeclared parameter(s) "
                            f"{', '.join(extra)}")

    # facts: which decide each claim, and dependences nobody declared
    candidates = sorted({f for f in facts if _declared(spec, f)} | set(sure) | set(maybe))
    effects: dict[int, list[tuple[str, str, bool]]] = {k: [] for k in range(len(measured))}
    if measured:
        rest = [f for f in facts if f not in candidates]
        hidden = _group_test(rest, lambda group: bool(_moves(measured, variants(group)).any()))
        problems += [f"undeclared fact {f} moves a measure (read outside the recorded paths)"
                     for f in hidden]
        checked = candidates + hidden
        for f in checked:
            off = variants([f])
            for k, a in enumerate(measured):
                values = np.asarray(a.measure.evaluate(off, a.measure.draws), dtype=float)
                if not np.any(np.abs(values - a.measure.values) > TOLERANCE):
                    continue
                if f in maybe and not _declared(spec, f):
                    problems.append(f"reads undeclared fact {f} (through the relations table)")
                changed = measure_verdict(float(values.mean())) != measure_verdict(a.measure.p)
                effects[k].append((str(f), sources.circular(f.source, a.claim_id), changed))
        for k, a in enumerate(measured):
            circular = [f for f in checked if sources.circular(f.source, a.claim_id)]
            if len(circular) < 2 or any(why and changed for _, why, changed in effects[k]):
                continue
            values = np.asarray(a.measure.evaluate(variants(circular), a.measure.draws), float)
            if measure_verdict(float(values.mean())) != measure_verdict(a.measure.p):
                effects[k].append((" + ".join(str(f) for f in circular),
                                   "together; each is circular for the claim", True))

    # parameters nobody declared: all at the low ends of their ranges, then the high ends
    if measured:
        from foedus.verdict.space import parameter_range

        free = []
        for name in sorted(set(registry) - declared_params):
            bounds = parameter_range(case.parameters.get(name) or registry[name].default,
                                     registry[name].domain)
            if bounds[1] > bounds[0]:
                free.append((name, bounds))
        culprits: set[str] = set()
        for end in (0, 1):
            def moved(group, end=end):
                probe = base.with_parameters({name: Point(value=bounds[end], source="check")
                                              for name, bounds in group})
                return bool(_moves(measured, probe).any())
            culprits |= {name for name, _ in _group_test(free, moved)}
        problems += [f"the result moves with undeclared parameter {name}"
                     for name in sorted(culprits)]

    # each measure reproduces itself; joint flips
    audits = []
    for k, a in enumerate(found):
        effect = effects[measured.index(a)] if a.measure is not None else []
        audits.append(_judge(a, effect, base, budget, seed, problems, [str(f) for f in sure]))
    return audits


def _judge(a: ClaimAssessment, effects: list[tuple[str, str, bool]], base,
           budget: SearchBudget, seed: int, problems: Sequence[str],
           read: list[str]) -> ClaimAudit:
    if a.measure is None:
        basis = ("untestable" if a.verdict is Verdict.UNTESTABLE else "data" if a.from_data
                 else "not audited")
        reason = {"untestable": "",
                  "data": "read from the data and the legal layer; no model parameter enters it",
                  "not audited": "the family gives no measure, so its deciding facts and flips "
                                 "are not checked"}[basis]
        return ClaimAudit(a, a.verdict, a.verdict, basis, reason, problems=tuple(problems),
                          facts_read=tuple(read))
    m = a.measure
    mine = list(problems)
    again = np.asarray(m.evaluate(base, m.draws.take(slice(0, CHECK_ROWS))), dtype=float)
    expected = m.values[:CHECK_ROWS]
    if again.shape != expected.shape or np.any(np.abs(again - expected) > 1e-6):
        mine.append(f"{a.claim_id}: the evaluate hook does not reproduce the measure on its own "
                    f"draws (max difference {float(np.max(np.abs(again - expected))):.3g})")
    model_verdict = measure_verdict(m.p)
    flip = None
    if budget.single_points > 0:
        space = ParameterSpace.for_case(base, m.draws.names)

        def evaluate(x, m=m):
            return m.evaluate(base, ParameterRows(m.draws.names, x))

        if model_verdict is Verdict.DEPENDS:
            target = not bool(np.asarray(evaluate(space.centre[None]))[0] > 0.5)
        else:
            target = model_verdict is Verdict.CONTRADICTED
        flip = joint_flip(evaluate, space, target_holds=target, budget=budget,
                          rng=_family_rng(seed, a.family, a.claim_id, a.aspect),
                          candidates=m.draws.values, candidate_values=m.values)
    decided = tuple(f"{fact} [{why}]" if why else fact for fact, why, changed in effects
                    if changed)
    moving = tuple(f"{fact} [{why}]" if why else fact for fact, why, changed in effects
                   if not changed)
    circular = [f"{fact} ({why})" for fact, why, changed in effects if changed and why]
    if circular:
        verdict, basis = Verdict.ASSUMED, "assumed"
        reason = "decided by " + "; ".join(circular)
    elif m.structural:
        verdict, basis, reason = Verdict.BY_CONSTRUCTION, "by construction", m.structural
    elif flip is not None and not flip.found:
        verdict, basis = Verdict.BY_CONSTRUCTION, "by construction"
        reason = ("no parameter values within the ranges reverse it; " + flip.describe())
    else:
        verdict, basis = model_verdict, "tested"
        reason = "" if flip is not None else "flip search off"
    return ClaimAudit(a, verdict, model_verdict, basis, reason, m.p, decided, moving, flip,
                      tuple(mine), tuple(read))
