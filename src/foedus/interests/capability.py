"""Capability measures, country-year, and their projection over distance.

Four measures of what a state can bring to a fight, each a **share of the system total in
its year** (so that every measure is a number in [0, 1] like COW's CINC, comparable across
two centuries and usable in the loss-of-strength gradient):

``cinc``
    COW's Composite Index of National Capability (NMC 7.0), as shipped.
``milex``
    Military expenditure: NMC ``milex`` (thousands of current US$) divided by the system's
    total in the same year - a ratio of two current-dollar sums, so no deflator is needed.
    After NMC's last year (2022) the series is extended with SIPRI (millions of current
    US$, x 1000 to NMC's unit) by growth: ``milex_t = milex_2022 * sipri_t / sipri_2022``
    for the states SIPRI covers; the states it does not cover are assumed to grow at the
    covered states' rate, so their share is held at 2022 and the covered states' combined
    share is split by their extended levels.
``milstock``
    A military capital stock built from the expenditure shares by the perpetual inventory
    method with geometric depreciation, ``K_t = (1 - delta) K_{t-1} + s_t`` (OECD 2009;
    BEA's net stock formula), started at a state's first year with a share as the steady
    state of that share, ``K_0 = s_0 / delta`` (the ``I_0 / (g + delta)`` rule with no
    growth: the system total of shares does not grow), restarted the same way after a gap
    in system membership; missing shares inside a membership spell are interpolated
    linearly; the stock is then expressed as a share of the system's stock.
``nmc_weighted``
    The six NMC component shares weighted as the dispute outcomes of 1816-1945 weight them:
    ``sum_k w_k s_k / sum_k w_k`` over the components a state has
    (:func:`weighted_components`, :data:`COMPONENT_WEIGHTS`), the weights estimated by the
    outcome model (:mod:`foedus.history.outcome_model`, measure ``components``) on the MID
    disputes of 1816-1945 only; equal weights would be CINC.
``gdp_gdppc``
    Beckley's (2018) net-resources index GDP x GDP per capita, from the Fariss et al.
    (2022) simulated PWT-anchored GDP and population (``pwtrgdp ** 2 / pwtpop``), as a share
    of the system total (states in the NMC system that year). Ends 2019.

Nuclear possession (a positive FAS stockpile, ``nuclear_stockpiles``; 1945-2023) is carried
beside the measures as a 0/1 term.

Capability is projected over distance by Bueno de Mesquita's (1981) loss-of-strength
gradient after Boulding (1962), ``C' = C ** log10(d / r + 10 - e)`` (:func:`loss_of_strength`).

The functions are pure over the tables they are given; :func:`shipped_panel` applies them to
the package data (cached). Equations, data years and the scores that chose the default
measure: ``docs/models/interests.md``.

References
----------
Singer, J. D., Bremer, S., & Stuckey, J. (1972). Capability distribution, uncertainty, and
major power war, 1820-1965. In B. Russett (ed.), Peace, War, and Numbers. Sage.
Beckley, M. (2018). The power of nations: measuring what matters. International Security
43(2), 7-44. https://doi.org/10.1162/isec_a_00328
Fariss, C. J., Anders, T., Markowitz, J. N., & Barnum, M. (2022). New estimates of over 500
years of historic GDP and population data. Journal of Conflict Resolution 66(3), 553-591.
https://doi.org/10.1177/00220027211054432
Fraumeni, B. M. (1997). The measurement of depreciation in the U.S. national income and
product accounts. Survey of Current Business 77(7), 7-23.
OECD (2009). Measuring Capital: OECD Manual, 2nd ed. OECD Publishing.
https://doi.org/10.1787/9789264068476-en
Boulding, K. E. (1962). Conflict and Defense: A General Theory. Harper.
Bueno de Mesquita, B. (1981). The War Trap. Yale University Press.
Carroll, R. J., & Kenkel, B. (2019). Prediction, proxies, and power. American Journal of
Political Science 63(3), 577-593. https://doi.org/10.1111/ajps.12442
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["COMPONENT_WEIGHTS", "DEFAULT_DEPRECIATION", "DEFAULT_MEASURE", "MEASURES",
           "NMC_COMPONENTS", "SIPRI_TO_NMC_UNIT", "CapabilityMeasure", "capability_panel", "component_shares",
           "gdp_gdppc_shares", "loss_of_strength", "measure", "milex_shares", "nuclear_status",
           "perpetual_inventory", "shipped_components", "shipped_panel", "system_shares",
           "weighted_components"]

#: The six NMC components whose system shares CINC averages (Singer et al. 1972): military
#: expenditure and personnel, iron and steel production, primary energy consumption, total
#: and urban population.
NMC_COMPONENTS = ("milex", "milper", "irst", "pec", "tpop", "upop")
#: Weights of the ``nmc_weighted`` measure: the outcome model's ``components`` estimate on the
#: 339 MID 5.0 disputes of 1816-1945 with every measure (the training half of the era split;
#: ``foedus validate capability --split era --out DIR``, ``fits.csv``, split ``era``,
#: predictor ``outcome-components``; seed 20241215; 5 December 2026). Estimated on
#: 1816-1945 only, so that no model fitted on 1816-1945 and scored on 1946-2014 sees a
#: test-era outcome through the measure (the fit on all 1,609 disputes gives 0.267, 0.731,
#: 0.001 for iron and steel, energy, population). ``docs/validation-history.md``, "The NMC
#: components with weights estimated on the outcomes".
COMPONENT_WEIGHTS = {"milex": 0.000034, "milper": 0.0, "irst": 0.250634, "pec": 0.745534,
                     "tpop": 0.003799, "upop": 0.0}

#: SIPRI reports millions of current US$, NMC thousands: multiply SIPRI by this.
SIPRI_TO_NMC_UNIT = 1000.0
#: Geometric depreciation rate of the military capital stock: BEA's rates for the equipment of
#: weapon systems (aircraft 0.0825-0.11, ships 0.0611; Fraumeni 1997, table 3) bracket it
#: (``docs/models/interests.md``; the dispute outcomes do not identify it).
DEFAULT_DEPRECIATION = 0.10


@dataclass(frozen=True)
class CapabilityMeasure:
    """A capability measure: its name, the state indicator that carries it, its meaning.

    ``outcome_weighted``: the measure's own numbers were estimated on the dispute outcomes
    (so the outcome corpus cannot score it out of sample)."""

    name: str
    indicator: str
    title: str
    source: str
    last_year: int
    outcome_weighted: bool = False


MEASURES: Mapping[str, CapabilityMeasure] = {
    m.name: m for m in (
        CapabilityMeasure("cinc", "nmc_cinc", "COW CINC (share of system capabilities)",
                          "cow_nmc: cinc", 2022),
        CapabilityMeasure("milex", "capability_milex",
                          "share of system military expenditure (current US$)",
                          "cow_nmc: milex; sipri_milex growth after 2022", 2024),
        CapabilityMeasure("milstock", "capability_milstock",
                          "share of system military capital stock (perpetual inventory of "
                          "expenditure shares)",
                          "cow_nmc: milex; sipri_milex growth after 2022", 2024),
        CapabilityMeasure("nmc_weighted", "capability_nmc_weighted",
                          "NMC component shares weighted by the dispute outcomes of 1816-1945 "
                          "(iron and steel 0.25, energy 0.75)",
                          "cow_nmc: milex, milper, irst, pec, tpop, upop; weights: outcome "
                          "model on MID 5.0 outcomes 1816-1945", 2022, outcome_weighted=True),
        CapabilityMeasure("gdp_gdppc", "capability_gdp_gdppc",
                          "share of system GDP x GDP per capita (Beckley 2018)",
                          "fariss_gdppop: pwtrgdp, pwtpop", 2019),
    )}
#: The measure every model uses unless told otherwise. The dispute-outcome rule
#: (``docs/validation-history.md`` section "Capability") ranks the estimated component weights
#: first (``nmc_weighted`` with fixed weights), by a margin the bootstrap does not separate from
#: zero pooled over the decades; the crisis model predicts interventions separably (if
#: slightly) better under CINC, and the weights differ between eras, so CINC stays: an open
#: decision ("The default after the components").
DEFAULT_MEASURE = "cinc"


def measure(name: str | None) -> CapabilityMeasure:
    """The measure called ``name`` (``None``: the default), or a one-line error.

    Examples
    --------
    >>> measure("milex").indicator
    'capability_milex'
    """
    from foedus.errors import FoedusError

    key = DEFAULT_MEASURE if name is None else name
    if key not in MEASURES:
        raise FoedusError(f"capability measure {key!r}: choose {', '.join(MEASURES)}")
    return MEASURES[key]


def loss_of_strength(capability: np.ndarray, distance_km: np.ndarray,
                     km_per_day: float | np.ndarray) -> np.ndarray:
    """Capability projected over ``distance_km`` (Bueno de Mesquita 1981).

    ``C' = C ** log10(d / r + 10 - e)``: at zero distance the exponent is log10(10 - e) =
    0.862, so a capability share (< 1) is slightly raised; the exponent passes 1 at
    ``d = r (e - 0) = 2.718 r`` and grows with distance, so the projected share falls.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([0.2, 0.2])
    >>> p = loss_of_strength(c, np.array([0.0, 10000.0]), 800.0)
    >>> bool(p[0] > 0.2 > p[1])
    True
    >>> float(np.round(loss_of_strength(np.array(0.1), np.array(0.0), 800.0), 4))
    0.1373
    """
    capability = np.asarray(capability, dtype=float)
    exponent = np.log10(np.asarray(distance_km, dtype=float) / km_per_day + (10.0 - np.e))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(capability > 0, np.power(capability, exponent), 0.0)


def system_shares(values: pd.DataFrame, column: str) -> pd.Series:
    """``values[column]`` divided by its sum over the rows of the same ``year``.

    Rows with a missing value get a missing share and do not enter the total.

    Examples
    --------
    >>> t = pd.DataFrame({"ccode": [1, 2, 3], "year": [1900, 1900, 1900], "v": [1.0, 3.0, None]})
    >>> system_shares(t, "v").tolist()
    [0.25, 0.75, nan]
    """
    total = values.groupby("year")[column].transform("sum")
    return (values[column] / total.where(total > 0)).rename(f"{column}_share")


def milex_shares(nmc: pd.DataFrame, sipri: pd.DataFrame | None = None) -> pd.DataFrame:
    """Military-expenditure shares of the system, NMC extended by SIPRI growth.

    Parameters
    ----------
    nmc : DataFrame
        ``ccode, year, milex`` (thousands of current US$; missing = unknown).
    sipri : DataFrame, optional
        ``ccode, year, milex_current_usd_m`` (millions of current US$).

    Returns
    -------
    DataFrame
        ``ccode, year, milex_share, milex_source, held``: ``held`` marks a state after NMC's
        last year that SIPRI does not cover (its last NMC share, kept for the capital stock;
        not an observation).

    Examples
    --------
    >>> nmc = pd.DataFrame({"ccode": [2, 710, 2, 710], "year": [2021, 2021, 2022, 2022],
    ...                     "milex": [800.0, 200.0, 750.0, 250.0]})
    >>> sipri = pd.DataFrame({"ccode": [2, 2], "year": [2022, 2023],
    ...                       "milex_current_usd_m": [0.9, 0.99]})
    >>> t = milex_shares(nmc, sipri)
    >>> t[t.year == 2023][["ccode", "milex_share", "held"]].values.tolist()
    [[2, 0.75, False], [710, 0.25, True]]
    """
    base = nmc[["ccode", "year", "milex"]].copy()
    base["milex_share"] = system_shares(base, "milex")
    base["milex_source"] = np.where(base["milex_share"].notna(), "cow_nmc", "")
    base["held"] = False
    out = [base[["ccode", "year", "milex_share", "milex_source", "held"]]]
    last = int(base["year"].max())
    if sipri is not None and len(sipri):
        s = sipri.dropna(subset=["ccode", "milex_current_usd_m"])
        s = s.assign(ccode=s["ccode"].astype(np.int64),
                     sipri_thousands=s["milex_current_usd_m"] * SIPRI_TO_NMC_UNIT)
        anchor = s[s["year"] == last].set_index("ccode")["sipri_thousands"]
        at_last = base[base["year"] == last].set_index("ccode")
        known = at_last[at_last["milex_share"].notna()]
        covered = known.index.intersection(anchor.index)
        later = sorted(int(y) for y in s["year"].unique() if y > last)
        for year in later:
            now = s[s["year"] == year].set_index("ccode")["sipri_thousands"]
            grown = covered.intersection(now.index)
            level = known.loc[grown, "milex"] * now.loc[grown] / anchor.loc[grown]
            group_share = known.loc[grown, "milex_share"].sum()
            shares = group_share * level / level.sum()
            rows = [pd.DataFrame({"ccode": grown.to_numpy(np.int64), "year": year,
                                  "milex_share": shares.to_numpy(),
                                  "milex_source": f"cow_nmc {last} x sipri_milex growth",
                                  "held": False})]
            rest = known.index.difference(grown)
            rows.append(pd.DataFrame({"ccode": rest.to_numpy(np.int64), "year": year,
                                      "milex_share": known.loc[rest, "milex_share"].to_numpy(),
                                      "milex_source": f"cow_nmc {last} share held",
                                      "held": True}))
            out.extend(rows)
    frame = pd.concat(out, ignore_index=True)
    frame["ccode"] = frame["ccode"].astype(np.int64)
    frame["year"] = frame["year"].astype(np.int64)
    return frame.sort_values(["ccode", "year"], kind="mergesort").reset_index(drop=True)


def perpetual_inventory(flows: pd.DataFrame, depreciation: float, *,
                        column: str = "milex_share") -> pd.DataFrame:
    """Capital stock by the perpetual inventory method with geometric depreciation.

    ``K_t = (1 - delta) K_{t-1} + I_t`` for each ``ccode``, with ``K = I / delta`` in a
    state's first year with a flow and after every gap in its years (a state that left
    the system starts again); missing flows between two known ones are interpolated
    linearly; before a state's first and after its last known flow the stock is missing
    (and starts again from ``I / delta`` at the next known flow). Returns the input
    rows with ``stock`` and ``stock_share`` (the stock over the year's total stock).

    Parameters
    ----------
    flows : DataFrame
        ``ccode, year, <column>``: one row per state-year of system membership.
    depreciation : float
        Geometric rate ``delta`` in (0, 1].

    Examples
    --------
    >>> f = pd.DataFrame({"ccode": [1, 1, 1, 2, 2, 2], "year": [1, 2, 3, 1, 2, 3],
    ...                   "milex_share": [0.5, 0.5, 1.0, 0.5, 0.5, 0.0]})
    >>> k = perpetual_inventory(f, 0.5)
    >>> k[k.ccode == 1]["stock"].tolist()   # 0.5/0.5; 0.5*1 + 0.5; 0.5*1 + 1.0
    [1.0, 1.0, 1.5]
    >>> k[k.year == 3]["stock_share"].round(3).tolist()
    [0.75, 0.25]
    """
    if not 0.0 < depreciation <= 1.0:
        raise ValueError(f"depreciation must be in (0, 1], got {depreciation}")
    frame = flows[["ccode", "year", column]].sort_values(["ccode", "year"], kind="mergesort")
    frame = frame.reset_index(drop=True)
    ccode = frame["ccode"].to_numpy(np.int64)
    year = frame["year"].to_numpy(np.int64)
    new_spell = np.ones(len(frame), dtype=bool)
    new_spell[1:] = (ccode[1:] != ccode[:-1]) | (year[1:] != year[:-1] + 1)
    spell = np.cumsum(new_spell)
    flow = frame[column].astype(float)
    flow = flow.groupby(spell).transform(lambda s: s.interpolate(limit_area="inside"))
    flow = flow.to_numpy()
    stock = _pim_spells(flow, new_spell, float(depreciation))
    out = frame.assign(stock=stock)
    total = out.groupby("year")["stock"].transform("sum")
    out["stock_share"] = out["stock"] / total.where(total > 0)
    return out


def _pim_spells(flow: np.ndarray, new_spell: np.ndarray, delta: float) -> np.ndarray:
    """The recursion over rows sorted by state and year (one pass, O(n))."""
    stock = np.full(flow.size, np.nan)
    keep = 1.0 - delta
    previous = np.nan
    for k in range(flow.size):
        f = flow[k]
        if np.isnan(f):                 # before the first or after the last known flow
            previous = np.nan
        elif new_spell[k] or np.isnan(previous):
            previous = f / delta
        else:
            previous = keep * previous + f
        stock[k] = previous
    return stock


def gdp_gdppc_shares(fariss: pd.DataFrame, system: pd.DataFrame) -> pd.DataFrame:
    """Beckley's GDP x GDP per capita as a share of the system, per state-year.

    ``pwtrgdp * (pwtrgdp / pwtpop)`` (PWT-anchored GDP and population of Fariss et al.
    2022, one anchor for both factors), over the states of ``system`` (``ccode, year``)
    in the year.

    Examples
    --------
    >>> fariss = pd.DataFrame({"ccode": [2, 710], "year": [2019, 2019],
    ...                        "pwtrgdp": [20.0, 20.0], "pwtpop": [1.0, 4.0]})
    >>> system = fariss[["ccode", "year"]]
    >>> gdp_gdppc_shares(fariss, system)["gdp_gdppc_share"].tolist()
    [0.8, 0.2]
    """
    frame = system[["ccode", "year"]].merge(
        fariss[["ccode", "year", "pwtrgdp", "pwtpop"]], on=["ccode", "year"], how="inner")
    frame = frame.assign(gdp_gdppc=frame["pwtrgdp"] ** 2 / frame["pwtpop"].where(
        frame["pwtpop"] > 0))
    frame["gdp_gdppc_share"] = system_shares(frame, "gdp_gdppc")
    return frame[["ccode", "year", "gdp_gdppc_share"]]


def nuclear_status(stockpiles: pd.DataFrame, system: pd.DataFrame) -> pd.DataFrame:
    """0/1 nuclear possession of every system state-year from the first year of the data.

    States absent from the stockpile table hold none (the table lists every state that
    ever had a stockpile); years before the table's first year are missing.

    Examples
    --------
    >>> s = pd.DataFrame({"ccode": [2, 2], "year": [1945, 1946], "stockpile": [2, 9]})
    >>> system = pd.DataFrame({"ccode": [2, 200, 2], "year": [1945, 1945, 1944]})
    >>> nuclear_status(s, system)["nuclear"].tolist()
    [nan, 1.0, 0.0]
    """
    first = int(stockpiles["year"].min())
    last = int(stockpiles["year"].max())
    frame = system[["ccode", "year"]].merge(stockpiles[["ccode", "year", "stockpile"]],
                                            on=["ccode", "year"], how="left")
    inside = (frame["year"] >= first) & (frame["year"] <= last)
    frame["nuclear"] = np.where(inside, (frame["stockpile"].fillna(0) > 0).astype(float),
                                np.nan)
    return frame[["ccode", "year", "nuclear"]].sort_values(["ccode", "year"]).reset_index(
        drop=True)


def capability_panel(nmc: pd.DataFrame, *, sipri: pd.DataFrame | None = None,
                     fariss: pd.DataFrame | None = None,
                     stockpiles: pd.DataFrame | None = None,
                     depreciation: float = DEFAULT_DEPRECIATION) -> pd.DataFrame:
    """Every measure for every state-year: ``ccode, year, cinc, milex, milstock,
    nmc_weighted, gdp_gdppc, nuclear`` (shares; nuclear 0/1), plus ``milex_source`` and
    ``held`` (``nmc_weighted`` needs the six components in ``nmc``, else it is missing).

    The system is the NMC state-years, extended after NMC's last year by the SIPRI years
    (states held at their last share where SIPRI has no figure).

    Examples
    --------
    >>> nmc = pd.DataFrame({"ccode": [2, 200], "year": [1900, 1900], "milex": [1.0, 3.0],
    ...                     "cinc": [0.3, 0.7]})
    >>> capability_panel(nmc)[["cinc", "milex", "milstock"]].values.tolist()
    [[0.3, 0.25, 0.25], [0.7, 0.75, 0.75]]
    """
    shares = milex_shares(nmc, sipri)
    stock = perpetual_inventory(shares, depreciation)
    panel = shares.merge(stock[["ccode", "year", "stock_share"]], on=["ccode", "year"])
    panel = panel.merge(nmc[["ccode", "year", "cinc"]], on=["ccode", "year"], how="left")
    if all(c in nmc for c in NMC_COMPONENTS):
        components = component_shares(nmc)
        components["nmc_weighted"] = weighted_components(
            components[[f"share_{c}" for c in NMC_COMPONENTS]].to_numpy(float),
            np.array([COMPONENT_WEIGHTS[c] for c in NMC_COMPONENTS]))
        panel = panel.merge(components[["ccode", "year", "nmc_weighted"]],
                            on=["ccode", "year"], how="left")
    else:
        panel["nmc_weighted"] = np.nan
    panel = panel.rename(columns={"milex_share": "milex", "stock_share": "milstock"})
    panel.loc[panel["held"], "milex"] = np.nan     # not an observation
    system = panel[["ccode", "year"]]
    if fariss is not None:
        panel = panel.merge(gdp_gdppc_shares(fariss, system[~panel["held"]]),
                            on=["ccode", "year"], how="left").rename(
            columns={"gdp_gdppc_share": "gdp_gdppc"})
    else:
        panel["gdp_gdppc"] = np.nan
    if stockpiles is not None:
        panel = panel.merge(nuclear_status(stockpiles, system), on=["ccode", "year"],
                            how="left")
    else:
        panel["nuclear"] = np.nan
    columns = ["ccode", "year", "cinc", "milex", "milstock", "nmc_weighted", "gdp_gdppc",
               "nuclear", "milex_source", "held"]
    return panel[columns].sort_values(["ccode", "year"], kind="mergesort").reset_index(
        drop=True)


@functools.lru_cache(maxsize=8)
def shipped_panel(depreciation: float = DEFAULT_DEPRECIATION) -> pd.DataFrame:
    """:func:`capability_panel` of the shipped package data (cached; do not modify).

    Examples
    --------
    >>> p = shipped_panel()
    >>> row = p[(p.ccode == 2) & (p.year == 2022)].iloc[0]
    >>> bool(0 < row["milex"] < 1), int(row["nuclear"])
    (True, 1)
    """
    from foedus.data import load

    return capability_panel(load("cow_nmc"), sipri=load("sipri_milex"),
                            fariss=load("fariss_gdppop"), stockpiles=load("nuclear_stockpiles"),
                            depreciation=depreciation)


def component_shares(nmc: pd.DataFrame) -> pd.DataFrame:
    """The system share of each NMC component in each state-year: ``ccode, year`` and one
    column ``share_<component>`` per :data:`NMC_COMPONENTS` (missing where NMC is).

    CINC is the mean of a state's available component shares (checked on NMC 7.0: within
    2.5e-8 in every one of its 17,121 state-years), so :func:`weighted_components` with
    equal weights reproduces it.

    Examples
    --------
    >>> nmc = pd.DataFrame({"ccode": [2, 200], "year": [1900, 1900],
    ...                     **{c: [1.0, 3.0] for c in NMC_COMPONENTS}})
    >>> component_shares(nmc)["share_irst"].tolist()
    [0.25, 0.75]
    """
    out = nmc[["ccode", "year"]].copy()
    for component in NMC_COMPONENTS:
        out[f"share_{component}"] = system_shares(nmc, component).to_numpy()
    return out.reset_index(drop=True)


def weighted_components(shares: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """A weighted composite of component shares: ``sum_k w_k s_k / sum_k w_k`` over the
    components a state has (``shares`` is ``(n, K)`` with NaN for a missing component);
    NaN where a state has none. Equal weights give CINC.

    Examples
    --------
    >>> s = np.array([[0.2, 0.4, np.nan], [0.1, 0.1, 0.1]])
    >>> weighted_components(s, np.ones(3)).round(3).tolist()   # CINC: mean of those present
    [0.3, 0.1]
    >>> weighted_components(s, np.array([3.0, 1.0, 0.0])).round(3).tolist()
    [0.25, 0.1]
    """
    shares = np.asarray(shares, dtype=float)
    weights = np.asarray(weights, dtype=float)
    present = ~np.isnan(shares)
    total = present @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.nan_to_num(shares) @ weights / total, np.nan)


@functools.lru_cache(maxsize=1)
def shipped_components() -> pd.DataFrame:
    """:func:`component_shares` of the shipped NMC table (cached; do not modify)."""
    from foedus.data import load

    return component_shares(load("cow_nmc"))
