"""Does the big ally carry the burden? Year-by-year rank correlation of size and defence burden.

Olson and Zeckhauser (1966) tested their theory on NATO with the Spearman rank correlation
between members' GNP and their defence budgets as a share of GNP; Sandler and Murdoch (2000)
and later work repeat the test year by year. :func:`burden_size_test` does the same on plain
DataFrames; :mod:`foedus.models.burden.history` feeds it the shipped data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import DataError, ParameterError

__all__ = ["BurdenTestResult", "alliance_members_by_year", "burden_size_test"]

_TABLE_COLUMNS = [
    "alliance",
    "year",
    "n_members",
    "n_used",
    "n_missing_milex",
    "n_missing_gdp",
    "n_zero_milex",
    "rho",
    "p_value",
    "p_value_greater",
    "milex_sources",
    "gdp_sources",
    "note",
]


def _require(frame: pd.DataFrame, name: str, columns) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise DataError(f"{name} must be a pandas DataFrame")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{name} lacks columns {missing}; it has {list(frame.columns)}")


def alliance_members_by_year(
    member_table: pd.DataFrame,
    atopid: int,
    years,
    *,
    reference: tuple[int, int] = (12, 31),
    data_end_year: int | None = None,
) -> pd.DataFrame:
    """Members of an ATOP alliance on a reference day of each year.

    Parameters
    ----------
    member_table : DataFrame
        ATOP member-level table with ``atopid``, ``member`` (COW code), ``yrent``, ``moent``,
        ``dayent``, ``yrexit``, ``moexit``, ``dayexit`` (``yrexit == 0``: in force at the end
        of the data). Unknown months or days (0 or missing) count as the first of the
        month/year.
    atopid : int
        ATOP alliance id (NATO is 3180).
    years : iterable of int
        Years wanted.
    reference : (month, day), default (12, 31)
        Day of the year on which membership is read: a state counts in year ``y`` if it is a
        member on that day (so West Germany counts to 1989 and unified Germany from 1990).
    data_end_year : int, optional
        Last year the member table covers (2016 for ATOP 4.01). Memberships in force at the
        end of the data are carried forward to later years and flagged ``carried_forward``;
        states that joined after it are missing.

    Returns
    -------
    DataFrame
        Columns ``year``, ``ccode``, ``carried_forward``; one row per member-year.

    Examples
    --------
    >>> table = pd.DataFrame({"atopid": [1, 1, 1], "member": [2, 20, 260],
    ...     "yrent": [1949, 1949, 1955], "moent": [4, 4, 5], "dayent": [4, 4, 6],
    ...     "yrexit": [0, 0, 1990], "moexit": [0, 0, 10], "dayexit": [0, 0, 3]})
    >>> alliance_members_by_year(table, 1, [1950, 1990]).groupby("year").ccode.apply(list).to_dict()
    {1950: [2, 20], 1990: [2, 20]}
    """
    _require(
        member_table,
        "member_table",
        ["atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"],
    )
    month, day = reference
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ParameterError(f"reference must be (month, day), got {reference}")
    rows = member_table[member_table["atopid"] == atopid]
    if rows.empty:
        raise DataError(f"no members of ATOP alliance {atopid} in the member table")

    def stamp(y, m, d):
        m = np.where(pd.isna(m) | (m == 0), 1, m).astype(int)
        d = np.where(pd.isna(d) | (d == 0), 1, d).astype(int)
        return np.asarray(y).astype(int) * 10_000 + m * 100 + d

    entry = stamp(rows["yrent"].to_numpy(), rows["moent"].to_numpy(), rows["dayent"].to_numpy())
    open_end = rows["yrexit"].fillna(0).to_numpy() == 0
    exit_ = stamp(
        rows["yrexit"].fillna(0).to_numpy(), rows["moexit"].to_numpy(), rows["dayexit"].to_numpy()
    )
    out = []
    for year in sorted({int(y) for y in years}):
        ref = year * 10_000 + month * 100 + day
        active = (entry <= ref) & (open_end | (exit_ > ref))
        for code in sorted(set(rows["member"].to_numpy()[active].astype(int))):
            carried = data_end_year is not None and year > data_end_year
            out.append((year, code, carried))
    return pd.DataFrame(out, columns=["year", "ccode", "carried_forward"])


def _pick_source(frame: pd.DataFrame, value: str, priority) -> pd.DataFrame:
    """Keep, for each (ccode, year), the row of the highest-priority source with a value."""
    frame = frame.dropna(subset=[value])
    order = list(dict.fromkeys(frame["source"])) if priority is None else list(priority)
    unknown = set(frame["source"]) - set(order)
    if unknown:
        raise ParameterError(f"sources {sorted(unknown)} are not in the priority list {order}")
    rank = frame["source"].map({s: i for i, s in enumerate(order)})
    return (
        frame.assign(_rank=rank)
        .sort_values(["ccode", "year", "_rank"])
        .drop_duplicates(["ccode", "year"])
        .drop(columns="_rank")
    )


def _harmonise_gdp(gdp: pd.DataFrame, primary: str) -> pd.DataFrame:
    """Rescale fallback-source GDP to the primary source's units, year by year.

    Factor = median over all countries with both sources that year of primary / fallback.
    Without overlap in a year, the nearest year's factor is used.
    """
    gdp = gdp.dropna(subset=["gdp"])
    prim = gdp[gdp["source"] == primary][["ccode", "year", "gdp"]]
    pieces = [gdp[gdp["source"] == primary].assign(gdp_scale=1.0)]
    for source in [s for s in dict.fromkeys(gdp["source"]) if s != primary]:
        other = gdp[gdp["source"] == source]
        both = other.merge(prim, on=["ccode", "year"], suffixes=("", "_primary"))
        factors = (both["gdp_primary"] / both["gdp"]).groupby(both["year"]).median()
        if factors.empty:
            pieces.append(other.assign(gdp_scale=np.nan))
            continue
        years = other["year"].to_numpy()
        known = factors.index.to_numpy()
        nearest = known[np.abs(years[:, None] - known[None, :]).argmin(axis=1)]
        scale = factors.reindex(nearest).to_numpy()
        pieces.append(other.assign(gdp=other["gdp"].to_numpy() * scale, gdp_scale=scale))
    return pd.concat(pieces, ignore_index=True)


def _count_sources(series: pd.Series) -> str:
    counts = series.value_counts()
    return ";".join(f"{k}:{v}" for k, v in counts.sort_index().items())


@dataclass(frozen=True)
class BurdenTestResult:
    """Year-by-year Spearman correlation between members' size and defence burden.

    Attributes
    ----------
    alliance : str
        Alliance label.
    table : DataFrame
        One row per year: members, members used, missing counts, ``rho``, two-sided
        ``p_value``, one-sided ``p_value_greater`` (H1: larger members carry higher burdens),
        the sources used (``name:count``) and a note.
    observations : DataFrame
        One row per member-year used or dropped: GDP, military expenditure, burden, sources.
    settings : dict
        Options the test ran with.
    """

    alliance: str
    table: pd.DataFrame
    observations: pd.DataFrame
    settings: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The per-year table (a copy)."""
        return self.table.copy()

    def plot(self, year: int | None = None):
        """Burden against size for one year (left) and the correlation over time (right).

        Needs matplotlib (imported here only; pyplot is not used, so no global state is
        touched). ``year`` defaults to the last year with a correlation. Returns a
        ``matplotlib.figure.Figure``; save it with ``fig.savefig(path)``.
        """
        from matplotlib.figure import Figure  # no pyplot: no global figure state

        valid = self.table.dropna(subset=["rho"])
        if year is None:
            if valid.empty:
                raise DataError("no year has a correlation to plot")
            year = int(valid["year"].max())
        obs = self.observations[(self.observations["year"] == year) & self.observations["used"]]
        fig = Figure(figsize=(11, 4.2))
        left, right = fig.subplots(1, 2)
        left.scatter(obs["gdp"], obs["burden"] * 100)
        for _, row in obs.iterrows():
            left.annotate(str(row["label"]), (row["gdp"], row["burden"] * 100), fontsize=7)
        left.set_xscale("log")
        left.set_xlabel("GDP (US$, log scale)")
        left.set_ylabel("military expenditure / GDP (%)")
        left.set_title(f"{self.alliance} {year}")
        right.axhline(0, color="grey", lw=0.8)
        right.plot(valid["year"], valid["rho"], marker="o", ms=3)
        sig = valid[valid["p_value"] < 0.05]
        right.scatter(sig["year"], sig["rho"], color="red", zorder=3, s=12, label="p < 0.05")
        right.set_ylim(-1, 1)
        right.set_xlabel("year")
        right.set_ylabel("Spearman rho (GDP, burden)")
        right.set_title("rank correlation of size and burden")
        right.legend(loc="lower left", fontsize=8)
        fig.tight_layout()
        return fig


def burden_size_test(
    members: pd.DataFrame,
    milex: pd.DataFrame,
    gdp: pd.DataFrame,
    *,
    alliance: str = "alliance",
    years=None,
    milex_priority=None,
    gdp_priority=None,
    harmonise_gdp: bool = True,
    exclude_zero_milex: bool = True,
    min_members: int = 4,
    labels: dict | None = None,
) -> BurdenTestResult:
    """Spearman rank correlation between members' GDP and defence burden, for each year.

    The defence burden is military expenditure / GDP. A positive, significant correlation is
    Olson and Zeckhauser's "exploitation of the great by the small"; none (or a negative one)
    is what Sandler and Murdoch (2000) found for NATO in the 1990s.

    Parameters
    ----------
    members : DataFrame
        ``year``, ``ccode``: the alliance's members each year (see
        :func:`alliance_members_by_year`).
    milex : DataFrame
        ``ccode``, ``year``, ``milex`` (military expenditure, current US$), ``source``.
    gdp : DataFrame
        ``ccode``, ``year``, ``gdp`` (US$), ``source``.
    alliance : str
        Label used in the output.
    years : iterable of int, optional
        Years to test; default every year in ``members``.
    milex_priority, gdp_priority : sequence of str, optional
        Source order: for each member-year the first source with a value is used. Default:
        order of first appearance in the frame.
    harmonise_gdp : bool, default True
        Rescale GDP from a fallback source to the first source's units with the year's median
        ratio over countries that have both (the ratio used is kept as ``gdp_scale``).
    exclude_zero_milex : bool, default True
        Drop members reporting zero military expenditure (Iceland has no armed forces).
    min_members : int, default 4
        Fewest members with data for which a correlation is reported (fewer gives NaN).
    labels : dict, optional
        ``ccode -> label`` (e.g. ISO3) for the observations table and plot.

    Returns
    -------
    BurdenTestResult

    Examples
    --------
    >>> members = pd.DataFrame({"year": [2000] * 4, "ccode": [1, 2, 3, 4]})
    >>> milex = pd.DataFrame({"ccode": [1, 2, 3, 4], "year": 2000,
    ...                       "milex": [40.0, 9.0, 2.0, 0.5], "source": "toy"})
    >>> gdp = pd.DataFrame({"ccode": [1, 2, 3, 4], "year": 2000,
    ...                     "gdp": [1000.0, 300.0, 100.0, 50.0], "source": "toy"})
    >>> result = burden_size_test(members, milex, gdp, alliance="toy")
    >>> result.to_frame()[["year", "n_used", "rho"]].to_dict("records")
    [{'year': 2000, 'n_used': 4, 'rho': 1.0}]

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.

    Sandler, T. and Murdoch, J. C. (2000). On sharing NATO defence burdens in the 1990s and
    beyond. *Fiscal Studies* 21(3): 297-327. DOI 10.1111/j.1475-5890.2000.tb00026.x.
    """
    _require(members, "members", ["year", "ccode"])
    _require(milex, "milex", ["ccode", "year", "milex", "source"])
    _require(gdp, "gdp", ["ccode", "year", "gdp", "source"])
    if int(min_members) < 3:
        raise ParameterError("min_members must be at least 3 for a rank correlation")
    wanted = sorted({int(y) for y in (members["year"] if years is None else years)})

    gdp_order = list(dict.fromkeys(gdp["source"])) if gdp_priority is None else list(gdp_priority)
    gdp_all = gdp[["ccode", "year", "gdp", "source"]]
    if harmonise_gdp and gdp_order:
        gdp_all = _harmonise_gdp(gdp_all, gdp_order[0])
    else:
        gdp_all = gdp_all.assign(gdp_scale=1.0)
    gdp_one = _pick_source(gdp_all, "gdp", gdp_order)
    mil_one = _pick_source(milex[["ccode", "year", "milex", "source"]], "milex", milex_priority)

    obs = (
        members[members["year"].isin(wanted)][["year", "ccode"]]
        .drop_duplicates()
        .merge(mil_one.rename(columns={"source": "milex_source"}), on=["ccode", "year"], how="left")
        .merge(gdp_one.rename(columns={"source": "gdp_source"}), on=["ccode", "year"], how="left")
    )
    obs["burden"] = obs["milex"] / obs["gdp"]
    obs["zero_milex"] = obs["milex"] == 0
    obs["used"] = (
        obs["milex"].notna() & obs["gdp"].notna() & ~(exclude_zero_milex & obs["zero_milex"])
    )
    label_map = labels or {}
    obs["label"] = obs["ccode"].map(lambda c: label_map.get(c, str(c)))
    obs.insert(0, "alliance", alliance)

    rows = []
    for year in wanted:
        block = obs[obs["year"] == year]
        used = block[block["used"]]
        n_used = len(used)
        rho = p_two = p_greater = np.nan
        note = ""
        if len(block) == 0:
            note = "no members"
        elif n_used < min_members:
            note = f"fewer than {min_members} members with data"
        elif used["burden"].nunique() < 2 or used["gdp"].nunique() < 2:
            note = "constant burden or GDP"
        else:
            from scipy.stats import spearmanr  # lazy: scipy.stats is slow to import
            rho, p_two = spearmanr(used["gdp"], used["burden"])
            p_greater = spearmanr(used["gdp"], used["burden"], alternative="greater").pvalue
            rho, p_two = float(rho), float(p_two)
        if not note and n_used < len(block):
            note = f"rests on {n_used} of {len(block)} members"
        rows.append(
            {
                "alliance": alliance,
                "year": year,
                "n_members": len(block),
                "n_used": n_used,
                "n_missing_milex": int(block["milex"].isna().sum()),
                "n_missing_gdp": int(block["gdp"].isna().sum()),
                "n_zero_milex": int(block["zero_milex"].sum()),
                "rho": rho,
                "p_value": p_two,
                "p_value_greater": float(p_greater),
                "milex_sources": _count_sources(used["milex_source"]),
                "gdp_sources": _count_sources(used["gdp_source"]),
                "note": note,
            }
        )
    table = pd.DataFrame(rows, columns=_TABLE_COLUMNS)
    settings = {
        "milex_priority": list(dict.fromkeys(milex["source"]))
        if milex_priority is None
        else list(milex_priority),
        "gdp_priority": gdp_order,
        "harmonise_gdp": harmonise_gdp,
        "exclude_zero_milex": exclude_zero_milex,
        "min_members": int(min_members),
    }
    return BurdenTestResult(alliance=alliance, table=table, observations=obs, settings=settings)
