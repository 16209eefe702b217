"""The claims the membership (formation) model speaks to.

The Monte Carlo draws cover the formation parameters and the interests layer's weights
(``INTEREST_SAMPLES`` samples); the one-at-a-time scans hold the interests layer at its central
values. Each claim is turned into a per-draw measure in [0, 1] (the share of the draw's stable member
sets, or an indicator, for which the proposition holds). Over the Monte Carlo draws its mean
``p`` gives the verdict: supported when ``p >= 0.9``, contradicted when ``p <= 0.1``, otherwise
it depends on an assumption. The assumption named is the parameter whose one-at-a-time scan
(others at their central values) flips the proposition nearest its central value.

Claims that name designs (``ishiba``, ``ishiba-no-taiwan``, ...) are assessed only in
scenarios that have them; the proposition tested for each claim is written in the scenario's
``testable-claims.csv``.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from foedus.verdict.registry import ClaimAssessment, Verdict, register_assessor

FAMILY = "formation"
#: Monte Carlo draws used by the verdict (seeded by the verdict's generator), split evenly
#: among samples of the interests layer's weights.
DRAWS = 400
INTEREST_SAMPLES = 20
SUPPORT, CONTRADICT = 0.9, 0.1

WITH_TAIWAN, WITHOUT_TAIWAN = "ishiba", "ishiba-no-taiwan"
LATTICE = "minilateral-lattice"
CLAIMS = ("AC10", "AC14", "AC15", "AC17", "AC19", "AC43", "AC45", "AC48", "AC49", "AC50",
          "AC51", "AC52", "AC59")


class _Runs:
    """Analyses of the designs a claim needs, on the Monte Carlo draws and on the scan draws."""

    def __init__(self, case, rng):
        from foedus.models.formation.analysis import central_interests, sample_interests
        from foedus.models.formation.params import central_parameters, sample_parameters
        from foedus.models.formation.sensitivity import scan_draws

        params = case.parameters
        self.case = case
        self.interests = central_interests(case)
        self.mc = sample_parameters(DRAWS, rng, params)
        self.interest_samples = sample_interests(case, INTEREST_SAMPLES, rng)
        self.central = central_parameters(params)
        self.scan, self.spans = scan_draws(self.central, points=31)
        self._cache: dict = {}
        self.binding = [d.id for d in case.designs
                        if not d.is_status_quo and self.game(d.id).binding]

    def has(self, *designs: str) -> bool:
        ids = {d.id for d in self.case.designs}
        return all(d in ids for d in designs)

    def game(self, design: str, **changes):
        from foedus.models.formation.game import build_game

        key = ("game", design, tuple(sorted(changes)))
        if key not in self._cache:
            game = build_game(self.case, design, self.interests)
            self._cache[key] = dataclasses.replace(game, **changes) if changes else game
        return self._cache[key]

    def result(self, design: str, which: str = "mc", variant: str = "", game=None):
        """The analysis of ``design`` on the MC or scan draws (``variant`` names a
        counterfactual ``game``)."""
        from foedus.models.formation.analysis import analyze_design

        key = (design, which, variant)
        if key not in self._cache:
            draws = self.mc if which == "mc" else self.scan
            interests = self.interest_samples if which == "mc" else self.interests
            self._cache[key] = analyze_design(self.case, design, draws=draws,
                                              interests=interests, game=game)
        return self._cache[key]

    def judge(self, claim: str, measure, evidence: str, *, note: str = "") -> ClaimAssessment:
        """Verdict from ``measure(which) -> (D,) values in [0, 1]``."""
        from foedus.models.formation.sensitivity import read_flips

        p = float(np.mean(measure("mc")))
        flips = read_flips(measure("scan") > 0.5, self.spans, self.central)
        flip = flips[0] if flips and flips[0].threshold is not None else None
        verdict = (Verdict.SUPPORTED if p >= SUPPORT else Verdict.CONTRADICTED if p <= CONTRADICT
                   else Verdict.DEPENDS)
        where = (f"; at central values it {'holds' if flip.holds_at_central else 'fails'} and "
                 f"flips when {flip.parameter} crosses {flip.threshold:.3g} (central "
                 f"{flip.central:.3g})" if flip else "; no single parameter flips it within "
                 "the scanned ranges")
        return ClaimAssessment(claim, FAMILY, verdict,
                               f"holds in {p:.0%} of {len(self.mc)} draws. {evidence}{where}"
                               + (f". {note}" if note else ""),
                               flip.parameter if flip else None,
                               flip.threshold if flip else None, {"p": p})


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _decider(result, state: str) -> str:
    row = result.deciders.loc[state]
    return f"{row.idxmax()} ({row.max():.0%} of draws)"


@register_assessor(FAMILY, CLAIMS)
def assess_formation(case, rng) -> list[ClaimAssessment]:
    """Formation-model verdicts on the flagship's membership claims."""
    if not any(not d.is_status_quo for d in case.designs):
        return []
    runs = _Runs(case, rng)
    out: list[ClaimAssessment] = []
    binding = runs.binding

    def share(design, which, predicate):
        return runs.result(design, which).share(predicate)

    if runs.has(WITH_TAIWAN):
        r = runs.result(WITH_TAIWAN)
        everyone = set(r.states)
        most = next(iter(r.member_sets))
        out.append(runs.judge(
            "AC10", lambda w: share(WITH_TAIWAN, w, lambda m: set(m) != everyone),
            f"P(all {len(everyone)} join)={_pct(r.p_full)}, P(any Ishiba alliance)="
            f"{_pct(r.p_forms)}, most likely outcome: {' '.join(most) or 'no alliance'}"))
        if "USA" in r.states:
            k = r.states.index("USA")
            t = r.proposal_terms.loc["USA"]
            out.append(runs.judge(
                "AC14", lambda w: (runs.result(WITH_TAIWAN, w).proposal_utility[:, k] <= 0)
                .astype(float),
                f"US utility facing the full proposal: mean {t.utility:+.3f} (security "
                f"{t.security:+.3f}, entrapment {t.entrapment:+.3f}, autonomy {t.autonomy:+.3f},"
                f" distrust {t.distrust:+.3f}); decided by {_decider(r, 'USA')}; founders: "
                f"{', '.join(r.game.founders)}"))
    four = {"IND", "AUS", "KOR", "PHL"}
    if binding and all(four <= set(runs.result(d).states) for d in binding):
        out.append(runs.judge(
            "AC15", lambda w: np.min([share(d, w, lambda m: not four <= set(m))
                                      for d in binding], axis=0),
            "binding designs: " + ", ".join(
                f"{d} P(all four in)={_pct(1 - share(d, 'mc', lambda m: not four <= set(m)).mean())}"
                for d in binding)))
    if binding and all("IND" in runs.result(d).states for d in binding):
        ind = ", ".join(f"{d} {_pct(runs.result(d).join_probability[runs.result(d).states.index('IND')])}"
                        for d in binding)
        why = _decider(runs.result(binding[0]), "IND")
        doctrine = case.world.states["IND"].indicators.get("nonalignment_doctrine")
        out.append(runs.judge(
            "AC17", lambda w: np.min([share(d, w, lambda m: "IND" not in m) for d in binding],
                                     axis=0),
            f"P(India joins): {ind}; India's choice facing {binding[0]} decided by {why}; "
            f"non-alignment doctrine fact: "
            f"{doctrine.value if doctrine else 'not in the scenario'}"))
    if runs.has(LATTICE) and binding:
        def more(w):
            best = np.max([runs.result(d, w).member_count() for d in binding], axis=0)
            return (runs.result(LATTICE, w).member_count() > best).astype(float)
        lat = runs.result(LATTICE)
        out.append(runs.judge(
            "AC19", more,
            f"expected members: lattice {lat.join_probability.sum():.2f}; " + ", ".join(
                f"{d} {runs.result(d).join_probability.sum():.2f}" for d in binding)))
        if "JPN" in lat.states:
            def japan(w):
                best = np.max([share(d, w, lambda m: "JPN" in m) for d in binding], axis=0)
                return (share(LATTICE, w, lambda m: "JPN" in m) > best).astype(float)
            out.append(runs.judge(
                "AC59", japan,
                f"P(Japan in the lattice)={_pct(lat.join_probability[lat.states.index('JPN')])}"
                "; in binding designs: " + ", ".join(
                    f"{d} {_pct(runs.result(d).join_probability[runs.result(d).states.index('JPN')])}"
                    for d in binding if "JPN" in runs.result(d).states)))
    ints = runs.interests
    if {"JPN", "KOR"} <= set(ints.states):
        a = float(ints.affinity[ints.index("JPN"), ints.index("KOR")])
        comp = ints.components
        enmity = comp.get("enmity")
        detail = (f"; enmity component {float(enmity[ints.index('JPN'), ints.index('KOR')]):.2f}"
                  if enmity is not None else "")
        verdict = Verdict.SUPPORTED if a < 0 else Verdict.CONTRADICTED
        out.append(ClaimAssessment(
            "AC43", FAMILY, verdict,
            f"affinity JPN-KOR = {a:+.3f} in the interests layer ({ints.provenance.get('affinity', '')})"
            f"{detail}; each pays a distrust cost for the other only if it is negative",
            "affinity JPN-KOR (interests layer)", 0.0, {"affinity": a}))
    pair = {"JPN", "KOR"}
    with_pair = [d for d in binding if pair <= set(runs.result(d).states)]
    if with_pair:
        j, k = (runs.result(with_pair[0]).states.index(s) for s in ("JPN", "KOR"))
        trust = runs.game(with_pair[0]).distrust.copy()
        trust[j, k] = trust[k, j] = 0.0
        cf = runs.result(with_pair[0], "mc", "no JPN-KOR distrust",
                         dataclasses.replace(runs.game(with_pair[0]), distrust=trust))
        p_pair = 1 - share(with_pair[0], "mc", lambda m: not pair <= set(m)).mean()
        p_cf = 1 - cf.share(lambda m: not pair <= set(m)).mean()
        out.append(runs.judge(
            "AC45", lambda w: np.min([share(d, w, lambda m: not pair <= set(m))
                                      for d in with_pair], axis=0),
            f"outcome - {with_pair[0]}: P(a stable bloc with both JPN and KOR)={_pct(p_pair)}; "
            f"JPN decided by {_decider(runs.result(with_pair[0]), 'JPN')}, KOR by "
            f"{_decider(runs.result(with_pair[0]), 'KOR')}"))
        matters = p_cf - p_pair >= 0.05
        out.append(ClaimAssessment(
            "AC45", FAMILY, Verdict.SUPPORTED if matters else Verdict.CONTRADICTED,
            f"reason - with the JPN-KOR distrust removed, P(a stable bloc with both) goes from "
            f"{_pct(p_pair)} to {_pct(p_cf)}: "
            + ("their distrust is part of what keeps them apart" if matters else
               "their distrust is not what keeps them apart in the model (see the deciding "
               "terms in the outcome row)"),
            "JPN-KOR distrust (counterfactual: removed)", None,
            {"p_bloc": p_pair, "p_bloc_without_distrust": p_cf}))
    if runs.has(WITH_TAIWAN, WITHOUT_TAIWAN):
        a, b = runs.result(WITH_TAIWAN), runs.result(WITHOUT_TAIWAN)
        out.append(ClaimAssessment(
            "AC48", FAMILY, Verdict.UNTESTABLE,
            f"a claim about Ishiba's intent; for both readings: P(any alliance) with Taiwan "
            f"{_pct(a.p_forms)}, without {_pct(b.p_forms)}; mean acceptance of the full "
            f"proposal with Taiwan {a.proposal_terms.p_accepts.mean():.0%}, without "
            f"{b.proposal_terms.p_accepts.mean():.0%}"))
        common = [s for s in b.states if s in a.states and s not in ("TWN",)
                  and s not in a.game.founders[:1]]
        ia = [a.states.index(s) for s in common]
        ib = [b.states.index(s) for s in common]

        def lower(w):
            ua = runs.result(WITH_TAIWAN, w).proposal_utility[:, ia]
            ub = runs.result(WITHOUT_TAIWAN, w).proposal_utility[:, ib]
            return ((ua < ub).mean(axis=1) > 0.5).astype(float)
        drop = (a.proposal_utility[:, ia] < b.proposal_utility[:, ib]).mean(axis=0)
        out.append(runs.judge(
            "AC49", lower,
            "share of draws in which adding Taiwan lowers each state's utility: " + ", ".join(
                f"{s} {_pct(x)}" for s, x in zip(common, drop))))
        if "AUS" in a.states:
            k = a.states.index("AUS")
            coercion = float(a.proposal_terms.loc["AUS", "coercion"])
            known = bool(ints.exposure_known[ints.index("AUS"), ints.index("CHN")]) \
                if "CHN" in ints.states else False
            out.append(runs.judge(
                "AC50", lambda w: share(WITH_TAIWAN, w, lambda m: "AUS" not in m),
                f"outcome - P(Australia declines {WITH_TAIWAN})={_pct(1 - a.join_probability[k])}"
                f"; decided by {_decider(a, 'AUS')}"))
            if not known:
                out.append(ClaimAssessment(
                    "AC50", FAMILY, Verdict.UNTESTABLE,
                    "reason - no AUS-CHN trade figure in the shipped data, so Australia's "
                    f"coercion term is {coercion:+.3f} and the economic reason cannot be measured "
                    "(a sourced `exposure_override` dyad fact would make it testable)",
                    "exposure AUS->CHN (missing)"))
            else:
                share_coercion = float(a.deciders.loc["AUS", "coercion"])
                out.append(ClaimAssessment(
                    "AC50", FAMILY,
                    Verdict.SUPPORTED if coercion < 0 else Verdict.CONTRADICTED,
                    f"reason - Australia's coercion term {coercion:+.3f}, deciding in "
                    f"{share_coercion:.0%} of draws", "formation_coercion_weight"))
        if "PHL" in a.states and "PHL" in b.states:
            ka, kb = a.states.index("PHL"), b.states.index("PHL")
            out.append(runs.judge(
                "AC52", lambda w: (runs.result(WITHOUT_TAIWAN, w).proposal_utility[:, kb]
                                   > runs.result(WITH_TAIWAN, w).proposal_utility[:, ka])
                .astype(float),
                f"PHL mean utility without Taiwan {b.proposal_terms.loc['PHL', 'utility']:+.3f}"
                f", with Taiwan {a.proposal_terms.loc['PHL', 'utility']:+.3f} (entrapment "
                f"{b.proposal_terms.loc['PHL', 'entrapment']:+.3f} vs "
                f"{a.proposal_terms.loc['PHL', 'entrapment']:+.3f})"))
    target = next((d for d in (WITHOUT_TAIWAN, *binding) if runs.has(d)
                   and "KOR" in runs.result(d).states), None)
    if target:
        r = runs.result(target)
        k = r.states.index("KOR")
        coercion = r.proposal_draw_terms["coercion"][:, k]
        accept = (r.proposal_utility[:, k] > 0).mean()
        accept_free = ((r.proposal_utility[:, k] - coercion) > 0).mean()
        u_with, u_free = r.proposal_utility[:, k].mean(), (r.proposal_utility[:, k] - coercion).mean()
        out.append(runs.judge(
            "AC51", lambda w: (runs.result(target, w).proposal_draw_terms["coercion"][:, k] < 0)
            .astype(float),
            f"{target}: KOR coercion term mean {coercion.mean():+.3f} (exposure to CHN "
            f"{float(r.game.exposure[k].max()):.3f} of GDP, coercion history "
            f"{int(r.game.coercion_history[k].max())}); KOR mean utility {u_with:+.3f} with the "
            f"coercion cost, {u_free:+.3f} without; P(KOR accepts) {_pct(accept)} with, "
            f"{_pct(accept_free)} without"))
    return out
