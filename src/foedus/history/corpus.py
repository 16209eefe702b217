"""The history corpora as tidy pandas tables (built once, cached; see ``cache.py``).

Rules: ``docs/history-corpus.md``. Every function returns a fresh copy that callers may
change. ``disk=False`` skips the on-disk cache (the in-process cache is always used).

References
----------
Palmer, G., McManus, R. W., D'Orazio, V., Kenwick, M. R., Karstens, M., Bloch, C., Dietrich,
N., Kahn, K., Ritter, K., & Soules, M. J. (2022). The MID5 dataset, 2011-2014: procedures,
coding rules, and description. Conflict Management and Peace Science 39(4), 470-482.
doi:10.1177/0738894221995743
Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance treaty
obligations and provisions, 1815-1944. International Interactions 28(3), 237-260.
doi:10.1080/03050620213653
"""

from __future__ import annotations

import pandas as pd

from foedus.history import cache, formation, panels
from foedus.history.intervention import build as _build_intervention
from foedus.history.outcome import build as _build_outcome


def _intervention_tables(disk: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    return cache.cached("intervention", _build_intervention, disk=disk)


def intervention(*, disk: bool = True) -> pd.DataFrame:
    """Every MID with each politically relevant third party at onset.

    One row per (dispute, third party): the choice (``target_side``, ``originator_side``,
    ``stayed_out``), the join year, the risk-set reasons, the war flag and the covariates, each
    with its data year. Rules: ``docs/history-corpus.md`` (section 2).

    Examples
    --------
    >>> from foedus.history import intervention
    >>> t = intervention()
    >>> t[(t.dispnum == 258) & t.ccode.isin([200, 220])][["ccode", "choice", "join_year"]
    ...     ].values.tolist()
    [[200, 'originator_side', 1939], [220, 'originator_side', 1939]]
    """
    return cache.frame(_intervention_tables(disk)[0])


def intervention_outside(*, disk: bool = True) -> pd.DataFrame:
    """Joiners outside the intervention risk set (never added to it), with the reason.

    Examples
    --------
    >>> from foedus.history import intervention_outside
    >>> sorted(intervention_outside()["reason"].unique())
    ['no risk-set criterion', 'not in the system at onset']
    """
    return cache.frame(_intervention_tables(disk)[1])


def outcome(*, disk: bool = True) -> pd.DataFrame:
    """Every MID's outcome with the two sides' participants and onset covariates.

    Examples
    --------
    >>> from foedus.history import outcome
    >>> t = outcome().set_index("dispnum")
    >>> t.loc[258, ["outcome_label", "outcome_class"]].tolist()
    ['victory for side A', 'A']
    """
    return cache.frame(cache.cached("outcome", _build_outcome, disk=disk))


def formation_alliances(*, disk: bool = True) -> pd.DataFrame:
    """Every new ATOP alliance with a defence obligation: founders, candidates, accessions.

    Examples
    --------
    >>> from foedus.history import formation_alliances
    >>> t = formation_alliances()
    >>> t[(t.atopid == 2440) & (t.role == "founder")]["ccode"].tolist()
    [200, 290]
    """
    return cache.frame(cache.cached("formation_alliances", formation.build_alliances, disk=disk))


def formation_dyad_years(*, disk: bool = True) -> pd.DataFrame:
    """Politically relevant dyad-years, 1816-2016, and whether a defence pact begins.

    Examples
    --------
    >>> from foedus.history import formation_dyad_years
    >>> t = formation_dyad_years()
    >>> us_korea = t[(t.ccode1 == 2) & (t.ccode2 == 732) & t.year.between(1952, 1954)]
    >>> us_korea[["year", "defense_onset"]].values.tolist()   # treaty of 1 October 1953
    [[1952, 0], [1953, 1], [1954, 0]]
    """
    return cache.frame(cache.cached("formation_dyad_years", formation.build_dyad_years,
                                    disk=disk))


def counts(*, disk: bool = True) -> pd.DataFrame:
    """The size of every corpus: one row per (corpus, quantity) with its count.

    Examples
    --------
    >>> from foedus.history import counts
    >>> c = counts().set_index(["corpus", "quantity"])["count"]
    >>> int(c["intervention", "disputes"])
    2436
    """
    rows: list[tuple[str, str, int]] = []
    t = intervention(disk=disk)
    out = intervention_outside(disk=disk)
    o = outcome(disk=disk)
    rows += [("intervention", "disputes", len(o)),
             ("intervention", "disputes with a third party", t["dispnum"].nunique()),
             ("intervention", "third-party rows", len(t)),
             ("intervention", "third parties joining side B (target side)",
              int((t["choice"] == "target_side").sum())),
             ("intervention", "third parties joining side A (originator side)",
              int((t["choice"] == "originator_side").sum())),
             ("intervention", "third parties staying out", int((t["choice"] == "stayed_out").sum())),
             ("intervention", "war disputes", int(o["war"].sum())),
             ("intervention", "third-party rows in wars", int(t["war"].sum())),
             ("intervention", "joiners in wars", int((t["joined"] * t["war"]).sum())),
             ("intervention", "joiners outside the risk set, side B",
              int((out["side"] == "B").sum())),
             ("intervention", "joiners outside the risk set, side A",
              int((out["side"] == "A").sum())),
             ("intervention", "joiners outside the risk set, not in the system at onset",
              int((out["reason"] == "not in the system at onset").sum()))]
    rows += [("outcome", "disputes", len(o)),
             ("outcome", "class A (victory A or yield B)", int((o["outcome_class"] == "A").sum())),
             ("outcome", "class B (victory B or yield A)", int((o["outcome_class"] == "B").sum())),
             ("outcome", "class stalemate", int((o["outcome_class"] == "stalemate").sum())),
             ("outcome", "no class (excluded)", int(o["outcome_class"].isna().sum())),
             ("outcome", "bilateral with a class (Carroll & Kenkel sample)",
              int((o["bilateral"].astype(bool) & o["outcome_class"].notna()).sum())),
             ("outcome", "wars", int(o["war"].sum()))]
    a = formation_alliances(disk=disk)
    rows += [("formation (a)", "alliances", a["atopid"].nunique()),
             ("formation (a)", "founders", int((a["role"] == "founder").sum())),
             ("formation (a)", "candidates (non-joining at founding)",
              int((a["role"] == "candidate").sum())),
             ("formation (a)", "candidates that acceded later",
              int(((a["role"] == "candidate") & (a["later_accession_date"] > 0)).sum())),
             ("formation (a)", "candidates that are adversaries",
              int(a["adversary"].sum())),
             ("formation (a)", "accessions", int((a["role"] == "accession").sum())),
             ("formation (a)", "successions", int((a["role"] == "succession").sum()))]
    b = formation_dyad_years(disk=disk)
    rows += [("formation (b)", "dyad-years", len(b)),
             ("formation (b)", "dyads", len(b.drop_duplicates(["ccode1", "ccode2"]))),
             ("formation (b)", "defence pact onsets", int(b["defense_onset"].sum())),
             ("formation (b)", "dyad-years already allied (defense_prev)",
              int(b["defense_prev"].sum()))]
    missing = panels.atop_missing_days()
    rows += [("data", "ATOP member rows without an entry day", missing["entry"]),
             ("data", "ATOP member rows without an exit day", missing["exit"])]
    return pd.DataFrame(rows, columns=["corpus", "quantity", "count"])


def build_all(*, disk: bool = True) -> dict[str, pd.DataFrame]:
    """Build (or load) every corpus; returns them by name."""
    return {"intervention": intervention(disk=disk),
            "intervention_outside": intervention_outside(disk=disk),
            "outcome": outcome(disk=disk),
            "formation_alliances": formation_alliances(disk=disk),
            "formation_dyad_years": formation_dyad_years(disk=disk)}
