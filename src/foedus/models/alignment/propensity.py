"""Alignment propensities from dyadic data, or written by hand in a scenario.

Landscape theory needs, for every pair of actors, a propensity ``p_ij`` to be on the same side
(positive) or opposite sides (negative), and a size ``s_i`` per actor (Axelrod & Bennett 1993).
Axelrod and Bennett built ``p_ij`` for Europe in 1936 as an unweighted sum of coded factors;
this module does the same with the peace-science data foedus ships:

    p_ij = sum_c w_c x_ij^c

with components ``x^c`` in [-1, 1] (symmetric, zero diagonal):

* ``alliance``   1 for an ATOP defence pact in either direction, 0.5 for another ATOP
  obligation (offence, neutrality, non-aggression, consultation) only, else 0;
* ``un_voting``  ``clip(1 - D_ij / D0, -1, 1)`` with ``D_ij`` the UNGA ideal-point distance
  and ``D0`` the neutral distance (``alignment_un_neutral_distance``); missing = 0;
* ``disputes``   ``-(1 - exp(-M_ij / m0))`` with ``M_ij`` the MIDs in the last ten years
  (larger of both directions) and ``m0`` = ``alignment_mid_scale``;
* ``rivalry``    -1 for an active strategic rivalry (Thompson, Sakuwa & Suhas);
* ``contiguity`` 1 for a land or river border, 0.5 for a water gap of at most 400 miles;
* ``regime``     ``1 - 2 |V_i - V_j|`` with ``V`` the V-Dem polyarchy index; missing = 0;
* ``trade``      ``min(T_ij / t0, 1)``, ``T_ij`` the larger of the two partners' bilateral
  trade as a share of GDP (only where the shipped data have it; otherwise 0).

The weights ``w_c`` are scenario parameters ``alignment_weight_<c>`` with distributions
(:mod:`foedus.models.alignment.params`). A scenario may instead write the propensities by hand
as dyad facts named ``propensity`` or ``propensity_<factor>`` (summed), each with its source;
:func:`alignment_inputs` then uses those and ignores the weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.world.world import Relations

__all__ = [
    "COMPONENTS",
    "alignment_inputs",
    "compose_propensity",
    "dyadic_components",
    "hand_propensity",
    "state_sizes",
    "world_components",
    "world_indicators",
]

#: Components of the data-derived propensity, in a fixed order.
COMPONENTS: tuple[str, ...] = (
    "alliance", "un_voting", "disputes", "rivalry", "contiguity", "regime", "trade")

_OTHER_ATOP = ("atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")


def _sym_max(a: np.ndarray | None, n: int) -> np.ndarray:
    """max(a, a.T) with NaN -> 0 (positive-case indicators: absent means none)."""
    if a is None:
        return np.zeros((n, n))
    a = np.nan_to_num(np.asarray(a, dtype=float), nan=0.0)
    return np.maximum(a, a.T)


def _sym_mean(a: np.ndarray | None, n: int) -> np.ndarray:
    """Mean of both directions where known; NaN where neither is."""
    if a is None:
        return np.full((n, n), np.nan)
    a = np.asarray(a, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(a), a.T, np.where(np.isnan(a.T), a, (a + a.T) / 2))


def dyadic_components(n: int, *, defense=None, other_obligation=None, un_distance=None,
                      mid_count=None, rivalry=None, contiguity=None, regime=None,
                      trade_share=None, un_neutral_distance: float = 0.75,
                      mid_scale: float = 2.0, trade_scale: float = 0.05
                      ) -> dict[str, np.ndarray]:
    """Symmetric component matrices in [-1, 1] from raw dyadic and monadic indicators.

    Parameters
    ----------
    n : int
        Number of actors.
    defense, other_obligation : (n, n) arrays, optional
        1 where a (directed) ATOP defence pact / other ATOP obligation exists.
    un_distance : (n, n) array, optional
        UNGA ideal-point distance (NaN = unknown).
    mid_count : (n, n) array, optional
        Militarised disputes in the last ten years.
    rivalry : (n, n) array, optional
        1 for an active strategic rivalry.
    contiguity : (n, n) array, optional
        COW contiguity type (1 land/river, 2-5 water up to 400 miles, 0 none).
    regime : (n,) array, optional
        Polyarchy index in [0, 1] (NaN = unknown).
    trade_share : (n, n) array, optional
        Bilateral trade as a share of the row state's GDP (NaN = unknown).
    un_neutral_distance, mid_scale, trade_scale : float
        Scales (registered parameters ``alignment_un_neutral_distance``,
        ``alignment_mid_scale``, ``alignment_trade_scale``).

    Returns
    -------
    dict of str to (n, n) ndarray
        One matrix per name in :data:`COMPONENTS`, symmetric with zero diagonal.

    Examples
    --------
    >>> import numpy as np
    >>> c = dyadic_components(2, defense=np.array([[0, 1], [0, 0]]),
    ...                       un_distance=np.array([[0, 1.5], [1.5, 0]]),
    ...                       un_neutral_distance=0.75)
    >>> float(c["alliance"][1, 0]), float(c["un_voting"][0, 1])
    (1.0, -1.0)

    References
    ----------
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X
    .. [2] Signorino, C. S. & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the
       similarity of foreign policy positions. International Studies Quarterly 43(1),
       115-144. doi:10.1111/0020-8833.00113
    """
    for name, value in (("un_neutral_distance", un_neutral_distance),
                        ("mid_scale", mid_scale), ("trade_scale", trade_scale)):
        if not np.isfinite(value) or value <= 0:
            raise ParameterError(f"{name} must be a positive number, got {value!r}")
    out: dict[str, np.ndarray] = {}
    allied = _sym_max(defense, n)
    other = _sym_max(other_obligation, n)
    out["alliance"] = np.where(allied > 0, 1.0, np.where(other > 0, 0.5, 0.0))
    dist = _sym_mean(un_distance, n)
    out["un_voting"] = np.nan_to_num(np.clip(1.0 - dist / un_neutral_distance, -1.0, 1.0))
    out["disputes"] = -(1.0 - np.exp(-_sym_max(mid_count, n) / mid_scale))
    out["rivalry"] = -(_sym_max(rivalry, n) > 0).astype(float)
    cont = np.nan_to_num(np.asarray(contiguity, dtype=float)) if contiguity is not None \
        else np.zeros((n, n))
    both = (cont > 0) & (cont.T > 0)
    cont = np.where(both, np.minimum(cont, cont.T), np.maximum(cont, cont.T))  # closest type
    out["contiguity"] = np.where(cont == 1, 1.0, np.where(cont > 1, 0.5, 0.0))
    if regime is None:
        out["regime"] = np.zeros((n, n))
    else:
        v = np.asarray(regime, dtype=float)
        out["regime"] = np.nan_to_num(1.0 - 2.0 * np.abs(v[:, None] - v[None, :]))
    trade = _sym_max(trade_share, n)
    out["trade"] = np.minimum(np.maximum(trade, 0.0) / trade_scale, 1.0)
    for matrix in out.values():
        np.fill_diagonal(matrix, 0.0)
    return out


def compose_propensity(components: Mapping[str, np.ndarray],
                       weights: Mapping[str, float] | pd.Series) -> np.ndarray:
    """Weighted sum ``p = sum_c w_c x^c`` of component matrices.

    ``weights`` may be keyed by component name (``alliance``) or by parameter name
    (``alignment_weight_alliance``); a component without a weight raises.

    Examples
    --------
    >>> import numpy as np
    >>> x = {"alliance": np.array([[0, 1.], [1, 0]]), "rivalry": np.array([[0, -1.], [-1, 0]])}
    >>> compose_propensity(x, {"alliance": 1.0, "alignment_weight_rivalry": 0.5}).tolist()
    [[0.0, 0.5], [0.5, 0.0]]
    """
    total = None
    for name, matrix in components.items():
        key = name if name in weights else f"alignment_weight_{name}"
        if key not in weights:
            raise ParameterError(f"no weight for propensity component {name!r}; give "
                                 f"{name!r} or 'alignment_weight_{name}'")
        term = float(weights[key]) * np.asarray(matrix, dtype=float)
        total = term if total is None else total + term
    if total is None:
        raise ParameterError("no propensity components given")
    return total


def _order(world, order) -> list[str]:
    names = list(order) if order is not None else list(world.iso3s)
    unknown = [c for c in names if c not in world.states]
    if unknown:
        raise ParameterError(f"states {unknown} are not in the world; use world.iso3s")
    return names


def _state_values(world, names: Sequence[str], indicator: str) -> np.ndarray:
    values = []
    for code in names:
        item = world.states[code].indicators.get(indicator)
        values.append(np.nan if item is None else float(item.value))
    return np.asarray(values, dtype=float)


#: UN ideal points older than this many years before the world's date count as unknown
#: (Taiwan's last UNGA votes are from 1971).
UN_MAX_AGE = 10


def world_indicators(world, order: Sequence[str] | None = None, *,
                     un_max_age: int = UN_MAX_AGE) -> dict[str, np.ndarray]:
    """The raw indicators :func:`dyadic_components` needs, read from a world once.

    Reads ``world.relations`` (ATOP obligations, UNGA distance, MIDs in ten years, rivalry,
    contiguity, trade share of GDP) and the states' V-Dem polyarchy index; the result is
    passed on as keyword arguments (so weight draws do not re-read the tables). UNGA
    distances whose data year is more than ``un_max_age`` years before the world's date are
    treated as unknown (component 0), so a state that no longer votes (Taiwan, 1971) is not
    placed by half-century-old votes.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> world = build_case(load_scenario("asian-nato-2024")).world
    >>> raw = world_indicators(world, ["USA", "JPN", "CHN"])
    >>> sorted(raw)[:3], raw["defense"].shape
    (['contiguity', 'defense', 'mid_count'], (3, 3))
    """
    names = _order(world, order)
    rel = world.relations
    known = set(rel.indicators)

    def m(indicator):
        return rel.matrix(indicator, names) if indicator in known else None

    un = None
    if "unga_idealpoint_distance" in known:
        table = rel.table
        recent = table[(table.indicator == "unga_idealpoint_distance")
                       & (table.data_year >= world.date.year - un_max_age)]
        un = Relations(recent).matrix("unga_idealpoint_distance", names)
    other = [x for x in (m(i) for i in _OTHER_ATOP) if x is not None]
    return {"defense": m("atop_defense"),
            "other_obligation": np.nan_to_num(np.stack(other)).max(axis=0) if other else None,
            "un_distance": un, "mid_count": m("mid_count_10y"),
            "rivalry": m("rivalry"), "contiguity": m("contiguity"),
            "regime": _state_values(world, names, "democracy_v2x_polyarchy"),
            "trade_share": m("trade_share_gdp")}


def world_components(world, order: Sequence[str] | None = None, *,
                     un_neutral_distance: float = 0.75, mid_scale: float = 2.0,
                     trade_scale: float = 0.05) -> dict[str, pd.DataFrame]:
    """The propensity components of a :class:`~foedus.world.World`'s states, labelled.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> world = build_case(load_scenario("asian-nato-2024")).world
    >>> comps = world_components(world, ["USA", "JPN", "CHN"])
    >>> float(comps["alliance"].loc["USA", "JPN"]), float(comps["rivalry"].loc["USA", "CHN"])
    (1.0, -1.0)
    """
    names = _order(world, order)
    comps = dyadic_components(len(names), **world_indicators(world, names),
                              un_neutral_distance=un_neutral_distance, mid_scale=mid_scale,
                              trade_scale=trade_scale)
    return {k: pd.DataFrame(v, index=names, columns=names) for k, v in comps.items()}


def hand_propensity(world, order: Sequence[str] | None = None) -> pd.DataFrame | None:
    """The propensity written by hand in a scenario, or ``None`` if there is none.

    The scenario's dyad facts named ``propensity`` or ``propensity_<factor>`` are summed for
    each pair (pairs without any such fact get 0). The result must be symmetric: write the
    facts with ``directed: false`` (the default).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> world = build_case(load_scenario("europe-1936")).world
    >>> p = hand_propensity(world)
    >>> p.shape, bool((p.values == p.values.T).all())
    ((17, 17), True)
    """
    names = _order(world, order)
    table = world.relations.table
    mask = table["indicator"].astype(str).str.fullmatch(r"propensity(_\w+)?")
    if not mask.any():
        return None
    sub = table[mask & table.iso3_a.isin(names) & table.iso3_b.isin(names)]
    wide = sub.pivot_table(index="iso3_a", columns="iso3_b", values="value", aggfunc="sum")
    p = wide.reindex(index=names, columns=names).fillna(0.0).to_numpy(dtype=float, copy=True)
    np.fill_diagonal(p, 0.0)
    if not np.allclose(p, p.T):
        i, j = np.argwhere(~np.isclose(p, p.T))[0]
        raise ParameterError(f"hand-written propensity is not symmetric for {names[i]}-"
                             f"{names[j]}; write the dyad facts with directed: false")
    return pd.DataFrame(p, index=names, columns=names)


def state_sizes(world, order: Sequence[str] | None = None, *,
                size: str = "nmc_cinc") -> pd.Series:
    """Actor sizes from a state indicator (default the COW CINC share).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> world = build_case(load_scenario("asian-nato-2024")).world
    >>> s = state_sizes(world, ["USA", "CHN"])
    >>> bool(s["CHN"] > s["USA"])
    True
    """
    names = _order(world, order)
    values = _state_values(world, names, size)
    missing = [c for c, v in zip(names, values) if not np.isfinite(v)]
    if missing:
        raise ParameterError(f"size indicator {size!r} is missing for {missing}; give it as a "
                             "state fact with a source, or choose another size")
    if np.any(values < 0):
        raise ParameterError(f"size indicator {size!r} has negative values")
    return pd.Series(values, index=names, name=size)


def alignment_inputs(world, weights: Mapping[str, float] | pd.Series | None = None, *,
                     order: Sequence[str] | None = None, size: str = "nmc_cinc",
                     raw: Mapping[str, np.ndarray] | None = None
                     ) -> tuple[pd.Series, pd.DataFrame, str]:
    """Sizes and propensities for landscape theory: hand-written if the scenario has them,
    otherwise composed from the data with ``weights``.

    Parameters
    ----------
    world : foedus.world.World
    weights : mapping or Series, optional
        Alignment parameters (``alignment_weight_*`` and the three scales); default the
        centres of the registered distributions.
    order : sequence of str, optional
        Actor order (default ``world.iso3s``).
    size : str, default ``"nmc_cinc"``
        State indicator used as the size (any capability measure in the world).
    raw : mapping, optional
        Precomputed :func:`world_indicators` for ``order`` (reused across weight draws).

    Returns
    -------
    sizes : Series
    propensity : DataFrame
    origin : str
        ``"scenario"`` (hand-written) or ``"data"``.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> world = build_case(load_scenario("asian-nato-2024")).world
    >>> s, p, origin = alignment_inputs(world, order=["USA", "JPN", "CHN"])
    >>> origin, bool(p.loc["USA", "JPN"] > 0 > p.loc["USA", "CHN"])
    ('data', True)
    """
    from foedus.models.alignment.params import central_weights

    names = _order(world, order)
    sizes = state_sizes(world, names, size=size)
    hand = hand_propensity(world, names)
    if hand is not None:
        return sizes, hand, "scenario"
    w = central_weights() if weights is None else weights
    raw = world_indicators(world, names) if raw is None else raw
    components = dyadic_components(
        len(names), **raw, un_neutral_distance=float(w["alignment_un_neutral_distance"]),
        mid_scale=float(w["alignment_mid_scale"]), trade_scale=float(w["alignment_trade_scale"]))
    p = compose_propensity(components, w)
    return sizes, pd.DataFrame(p, index=names, columns=names), "data"
