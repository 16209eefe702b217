"""The history corpora as scoring tasks: outcome classes, events, clusters and covariates.

Each corpus of :mod:`foedus.history` (rules in ``docs/history-corpus.md``) becomes a
:class:`~foedus.history.validate.ScoringTask`:

============================  =================================================  ===========
task                          classes (``y``) and binary events                  cluster
============================  =================================================  ===========
``intervention``              stayed_out / target_side / originator_side;        dispute
                              events ``joined_target_side``, ``joined_either``
``formation-members``         candidate / member (founders vs non-joining        alliance
                              candidates; accessions are their own game and
                              not scored here); event ``member``
``formation-dyads``           no onset / defence-pact onset, dyads not already   dyad
                              allied (``defense_prev = 0``); event ``onset``
``outcome``                   A prevails / B prevails / stalemate (Carroll &     dispute
                              Kenkel 2019); event ``A_prevails``
============================  =================================================  ===========

The baselines' covariates are the literature's (defence pact with the target, contiguity,
distance, major power, capability ratio, joint democracy, rivalry), taken from the corpus
columns at onset, with distances as ``log(1 + km)`` (capital-to-capital distance, which -
unlike the CShapes minimum distance - exists before 1886) and contiguity as an indicator of
any COW type 1-5.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.history.validate import ScoringTask

__all__ = [
    "CORPUS_TASKS",
    "MODEL_CORPORA",
    "build_task",
    "formation_dyads_task",
    "formation_members_task",
    "intervention_task",
    "outcome_task",
]

#: Which corpora each model is scored on.
MODEL_CORPORA = {"crisis": ("intervention",), "formation": ("formation-members",
                                                             "formation-dyads"),
                 "outcome": ("outcome",)}

INTERVENTION_CLASSES = ("stayed_out", "target_side", "originator_side")
INTERVENTION_COVARIATES = (
    "defense_target_side", "defense_originator_side", "contiguous_target_side",
    "contiguous_originator_side", "log_capdist_target", "log_capdist_originator", "major",
    "capability_ratio_target_side", "capability_share", "joint_democracy_target",
    "joint_democracy_originator", "rivalry_target_side", "rivalry_originator_side")
MEMBERS_COVARIATES = ("defense_members", "contiguous_members", "log_capdist_members", "major",
                      "capability_ratio", "joint_democracy_share", "rivalry_members")
DYADS_COVARIATES = ("contiguous", "log_capdist", "major_any", "capability_ratio",
                    "joint_democracy", "rivalry")
OUTCOME_CLASSES = ("A", "B", "stalemate")


def _need(frame: pd.DataFrame, columns: Sequence[str], corpus: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FoedusError(f"corpus {corpus}: the corpus table lacks {', '.join(missing)} "
                          "(see docs/history-corpus.md)")


def _log_km(series: pd.Series) -> pd.Series:
    return np.log1p(pd.to_numeric(series, errors="coerce").astype(float))


def _contiguous(series: pd.Series) -> pd.Series:
    values = pd.to_numeric(series, errors="coerce")
    return ((values >= 1) & (values <= 5)).astype(float).where(values.notna())


def intervention_task(frame: pd.DataFrame, *, payload=None) -> ScoringTask:
    """The intervention corpus (one row per dispute and third party) as a scoring task.

    Examples
    --------
    >>> import pandas as pd
    >>> row = dict(dispnum=1, ccode=2, year=1900, choice="target_side",
    ...            defense_target_side=1, defense_originator_side=0,
    ...            contiguity_target_side=0, contiguity_originator_side=1,
    ...            capdist_target_km=500.0, capdist_originator_km=900.0, major=1,
    ...            capability_ratio_target_side=0.4, capability_share=0.2,
    ...            joint_democracy_target=0, joint_democracy_originator=0,
    ...            rivalry_target_side=0, rivalry_originator_side=1)
    >>> t = intervention_task(pd.DataFrame([row]))
    >>> t.frame["y"].tolist(), t.events["joined_either"]
    ([1], (1, 2))
    """
    raw = ("dispnum", "ccode", "year", "choice", "defense_target_side",
           "defense_originator_side", "contiguity_target_side", "contiguity_originator_side",
           "capdist_target_km", "capdist_originator_km", "major",
           "capability_ratio_target_side", "capability_share", "joint_democracy_target",
           "joint_democracy_originator", "rivalry_target_side", "rivalry_originator_side")
    _need(frame, raw, "intervention")
    choice = frame["choice"].astype(str)
    unknown = sorted(set(choice) - set(INTERVENTION_CLASSES))
    if unknown:
        raise FoedusError(f"corpus intervention: unknown choice values {unknown}")
    out = pd.DataFrame({
        "case_id": frame["dispnum"].astype(str) + ":" + frame["ccode"].astype(str),
        "cluster": frame["dispnum"].to_numpy(), "year": frame["year"].astype(int).to_numpy(),
        "y": choice.map({c: k for k, c in enumerate(INTERVENTION_CLASSES)}).to_numpy(),
        "war": frame["war"].to_numpy() if "war" in frame else np.nan,
        "defense_target_side": frame["defense_target_side"].astype(float),
        "defense_originator_side": frame["defense_originator_side"].astype(float),
        "contiguous_target_side": _contiguous(frame["contiguity_target_side"]),
        "contiguous_originator_side": _contiguous(frame["contiguity_originator_side"]),
        "log_capdist_target": _log_km(frame["capdist_target_km"]),
        "log_capdist_originator": _log_km(frame["capdist_originator_km"]),
        "major": frame["major"].astype(float),
        "capability_ratio_target_side": frame["capability_ratio_target_side"].astype(float),
        "capability_share": frame["capability_share"].astype(float),
        "joint_democracy_target": frame["joint_democracy_target"].astype(float),
        "joint_democracy_originator": frame["joint_democracy_originator"].astype(float),
        "rivalry_target_side": frame["rivalry_target_side"].astype(float),
        "rivalry_originator_side": frame["rivalry_originator_side"].astype(float),
    }).reset_index(drop=True)
    return ScoringTask(
        "intervention", out, INTERVENTION_CLASSES,
        {"joined_target_side": (1,), "joined_either": (1, 2)}, INTERVENTION_COVARIATES,
        "MID 5.0 disputes x politically relevant third parties at onset: stayed out, joined "
        "the target's side (B) or the originator's side (A)", payload)


def formation_members_task(frame: pd.DataFrame, *, payload=None) -> ScoringTask:
    """Founders and non-joining candidates of every new ATOP defence alliance.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = [dict(atopid=1, ccode=c, year=1900, role=r, defense_members=0,
    ...              contiguity_members=1, capdist_members_km=100.0, major=0,
    ...              capability_ratio=0.3, joint_democracy_share=0.0, rivalry_members=0)
    ...         for c, r in ((2, "founder"), (20, "candidate"), (200, "accession"))]
    >>> formation_members_task(pd.DataFrame(rows)).frame["y"].tolist()
    [1, 0]
    """
    raw = ("atopid", "ccode", "year", "role", "defense_members", "contiguity_members",
           "capdist_members_km", "major", "capability_ratio", "joint_democracy_share",
           "rivalry_members")
    _need(frame, raw, "formation-members")
    keep = frame["role"].isin(["founder", "candidate"]).to_numpy()
    f = frame[keep]
    out = pd.DataFrame({
        "case_id": f["atopid"].astype(str) + ":" + f["ccode"].astype(str),
        "cluster": f["atopid"].to_numpy(), "year": f["year"].astype(int).to_numpy(),
        "y": (f["role"] == "founder").astype(int).to_numpy(),
        "defense_members": f["defense_members"].astype(float),
        "contiguous_members": _contiguous(f["contiguity_members"]),
        "log_capdist_members": _log_km(f["capdist_members_km"]),
        "major": f["major"].astype(float),
        "capability_ratio": f["capability_ratio"].astype(float),
        "joint_democracy_share": f["joint_democracy_share"].astype(float),
        "rivalry_members": f["rivalry_members"].astype(float),
    }).reset_index(drop=True)
    if payload is not None and hasattr(payload, "take"):
        payload = payload.take(np.flatnonzero(keep))
    return ScoringTask(
        "formation-members", out, ("candidate", "member"), {"member": (1,)},
        MEMBERS_COVARIATES, "ATOP 4.01 new alliances with a defence obligation: founding "
        "members vs politically relevant non-joining candidates", payload)


def formation_dyads_task(frame: pd.DataFrame, *, payload=None) -> ScoringTask:
    """Politically relevant dyad-years not already allied: does a defence pact begin?

    Examples
    --------
    >>> import pandas as pd
    >>> rows = [dict(ccode1=2, ccode2=20, year=y, defense_onset=int(y == 1901),
    ...              defense_prev=int(y == 1902), contiguity=1, capdist_km=700.0, major1=1,
    ...              major2=0, capability_ratio=0.8, joint_democracy=1, rivalry=0)
    ...         for y in (1900, 1901, 1902)]
    >>> formation_dyads_task(pd.DataFrame(rows)).frame["y"].tolist()
    [0, 1]
    """
    raw = ("ccode1", "ccode2", "year", "defense_onset", "defense_prev", "contiguity",
           "capdist_km", "major1", "major2", "capability_ratio", "joint_democracy", "rivalry")
    _need(frame, raw, "formation-dyads")
    keep = (frame["defense_prev"].fillna(0) == 0).to_numpy()
    f = frame[keep]
    dyad = f["ccode1"].astype(str) + "-" + f["ccode2"].astype(str)
    out = pd.DataFrame({
        "case_id": dyad + ":" + f["year"].astype(str), "cluster": dyad.to_numpy(),
        "year": f["year"].astype(int).to_numpy(),
        "y": f["defense_onset"].astype(int).to_numpy(),
        "contiguous": _contiguous(f["contiguity"]), "log_capdist": _log_km(f["capdist_km"]),
        "major_any": ((f["major1"] == 1) | (f["major2"] == 1)).astype(float),
        "capability_ratio": f["capability_ratio"].astype(float),
        "joint_democracy": f["joint_democracy"].astype(float),
        "rivalry": f["rivalry"].astype(float),
    }).reset_index(drop=True)
    if payload is not None and hasattr(payload, "take"):
        payload = payload.take(np.flatnonzero(keep))
    return ScoringTask("formation-dyads", out, ("none", "onset"), {"onset": (1,)},
                       DYADS_COVARIATES, "ATOP 5.1 politically relevant dyad-years not "
                       "allied the year before: onset of a defence obligation", payload)


def outcome_task(frame: pd.DataFrame, covariates: Sequence[str] | None = None, *,
                 payload=None) -> ScoringTask:
    """MID outcomes with a class (A prevails, B prevails, stalemate) as a scoring task.

    ``covariates`` are columns of the outcome corpus (default :data:`OUTCOME_COVARIATES`:
    the CINC capability ratio of side A's originators, their major-power status, contiguity,
    distance, defence pact, joint democracy and rivalry between the originators).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = [dict(dispnum=k, year=1900, outcome_class=c, capability_ratio=0.6, major_a=1,
    ...              major_b=0, contiguity=1, capdist_km=300.0, defense=0,
    ...              joint_democracy=0, rivalry=1) for k, c in enumerate(["A", "", "stalemate"])]
    >>> outcome_task(pd.DataFrame(rows)).frame["y"].tolist()
    [0, 2]
    """
    raw = ("dispnum", "year", "outcome_class", "capability_ratio", "major_a", "major_b",
           "contiguity", "capdist_km", "defense", "joint_democracy", "rivalry")
    _need(frame, raw, "outcome")
    keep = frame["outcome_class"].isin(OUTCOME_CLASSES).to_numpy()
    f = frame[keep]
    out = pd.DataFrame({"case_id": f["dispnum"].astype(str),
                        "cluster": f["dispnum"].to_numpy(),
                        "year": f["year"].astype(int).to_numpy(),
                        "y": f["outcome_class"].map({c: k for k, c in
                                                     enumerate(OUTCOME_CLASSES)}).to_numpy(),
                        "capability_ratio_a": f["capability_ratio"].astype(float),
                        "major_a": f["major_a"].astype(float),
                        "major_b": f["major_b"].astype(float),
                        "contiguous": _contiguous(f["contiguity"]),
                        "log_capdist": _log_km(f["capdist_km"]),
                        "defense": f["defense"].astype(float),
                        "joint_democracy": f["joint_democracy"].astype(float),
                        "rivalry": f["rivalry"].astype(float)}).reset_index(drop=True)
    covariates = tuple(covariates or OUTCOME_COVARIATES)
    for c in covariates:
        if c not in out:
            _need(frame, (c,), "outcome")
            out[c] = pd.to_numeric(f[c], errors="coerce").astype(float).to_numpy()
    if payload is not None and hasattr(payload, "take"):
        payload = payload.take(np.flatnonzero(keep))
    return ScoringTask("outcome", out, OUTCOME_CLASSES, {"A_prevails": (0,)},
                       tuple(covariates), "MID 5.0 dispute outcomes (Carroll & Kenkel 2019 "
                       "classes)", payload)


def _corpus(name: str):
    try:
        from foedus import history
    except ImportError as exc:  # pragma: no cover
        raise FoedusError(f"corpus {name}: {exc}") from None
    function = {"intervention": "intervention", "formation-members": "formation_alliances",
                "formation-dyads": "formation_dyad_years", "outcome": "outcome"}[name]
    builder = getattr(history, function, None)
    if builder is None:
        raise FoedusError(f"corpus {name}: foedus.history.{function}() is not available in "
                          "this version of foedus")
    return builder()


#: Default outcome covariates (the literature's, measured on the originators at onset).
OUTCOME_COVARIATES = ("capability_ratio_a", "major_a", "major_b", "contiguous", "log_capdist",
                      "defense", "joint_democracy", "rivalry")

CORPUS_TASKS: dict[str, Callable[[], ScoringTask]] = {
    "intervention": lambda: intervention_task(_corpus("intervention")),
    "formation-members": lambda: formation_members_task(_corpus("formation-members")),
    "formation-dyads": lambda: formation_dyads_task(_corpus("formation-dyads")),
    "outcome": lambda: outcome_task(_corpus("outcome")),
}


def build_task(corpus: str) -> ScoringTask:
    """The scoring task of a corpus by name (built from the shipped data)."""
    if corpus not in CORPUS_TASKS:
        raise FoedusError(f"corpus {corpus}: choose {', '.join(CORPUS_TASKS)}")
    return CORPUS_TASKS[corpus]()


@dataclass
class FitOutcome:
    """A model fit with what the CLI prints and records."""

    fit: object
    corpus: str
    data_versions: dict = field(default_factory=dict)
    loop_rate: float | None = None
