"""The size-burden test on the shipped data (the one impure corner of the burden package).

:func:`alliance_burden_test` assembles members (ATOP), military expenditure (COW NMC, SIPRI) and
GDP (World Bank WDI, Fariss et al.) through :func:`foedus.data.load` and hands plain DataFrames
to :func:`foedus.models.burden.burden_size_test`. Everything else in the package is pure.
"""

from __future__ import annotations

import pandas as pd

from foedus.errors import ParameterError, UnknownCountryError
from foedus.models.burden.empirical import (
    BurdenTestResult,
    alliance_members_by_year,
    burden_size_test,
)

__all__ = ["ATOP_IDS", "GDP_SOURCES", "MILEX_SOURCES", "alliance_burden_test", "assemble_inputs"]

#: ATOP ids of alliances with a name foedus knows (ATOP v4.01 member file: NATO's founders
#: enter 1949-04-04; the Warsaw Pact's members 265, 290, 310, 315, 339, 355, 360, 365 enter 1955).
ATOP_IDS = {"NATO": 3180, "Warsaw Pact": 3285}

#: Military-expenditure sources, in default priority order.
MILEX_SOURCES = ("cow_nmc", "sipri")
#: GDP sources, in default priority order. ``sipri_implied`` is military expenditure divided by
#: SIPRI's own share of GDP (SIPRI's GDP), used only where neither WDI nor Fariss has a value.
GDP_SOURCES = ("wdi", "fariss", "sipri_implied")

#: Member codes whose WDI series covers a different territory: WDI ``DEU`` is unified Germany
#: back to 1960, so West Germany (COW 260, 1955-1990) takes Fariss et al.'s estimate instead.
WDI_TERRITORY_MISMATCH = frozenset({260})

_ATOP_END = 2016  # ATOP v4.01 member file ends in 2016


def assemble_inputs(atopid: int, years, *, milex_sources=MILEX_SOURCES, gdp_sources=GDP_SOURCES):
    """Members, military expenditure and GDP frames for :func:`burden_size_test`.

    Returns ``(members, milex, gdp, labels)``: ``milex`` in current US$ with a ``source``
    column (``cow_nmc``: NMC v7.0 ``milex`` x 1000; ``sipri``: SIPRI current US$ million x 1e6),
    ``gdp`` in current US$ (``wdi``) or 2017 international $ (``fariss``: ``pwtrgdp`` x 1e6,
    rescaled later), and ``labels`` mapping COW codes to ISO3.
    """
    from foedus.data import load
    from foedus.data.crosswalk import ccode_to_iso3

    for s in milex_sources:
        if s not in MILEX_SOURCES:
            raise ParameterError(f"unknown milex source {s!r}; choose from {MILEX_SOURCES}")
    for s in gdp_sources:
        if s not in GDP_SOURCES:
            raise ParameterError(f"unknown GDP source {s!r}; choose from {GDP_SOURCES}")
    members = alliance_members_by_year(load("atop_members"), atopid, years, data_end_year=_ATOP_END)
    codes = sorted(set(members["ccode"]))
    labels = {}
    for c in codes:
        try:
            labels[c] = ccode_to_iso3(int(c))
        except UnknownCountryError:  # a code without ISO3 keeps its COW number as label
            labels[c] = str(c)

    pieces = []
    if "cow_nmc" in milex_sources:
        nmc = load("cow_nmc")
        nmc = nmc[nmc["ccode"].isin(codes)]
        pieces.append(
            pd.DataFrame(
                {
                    "ccode": nmc["ccode"],
                    "year": nmc["year"],
                    "milex": nmc["milex"] * 1e3,
                    "source": "cow_nmc",
                }
            )
        )
    sipri = load("sipri_milex")
    sipri = sipri[sipri["ccode"].isin(codes)]
    if "sipri" in milex_sources:
        pieces.append(
            pd.DataFrame(
                {
                    "ccode": sipri["ccode"],
                    "year": sipri["year"],
                    "milex": sipri["milex_current_usd_m"] * 1e6,
                    "source": "sipri",
                }
            )
        )
    milex = pd.concat(pieces, ignore_index=True)

    gdp_pieces = []
    for source in gdp_sources:
        if source == "wdi":
            wdi = load("wdi")
            iso_to_codes = {}
            for c, iso in labels.items():
                if c not in WDI_TERRITORY_MISMATCH:
                    iso_to_codes.setdefault(iso, []).append(c)
            rows = wdi[wdi["iso3"].isin(iso_to_codes)]
            for iso, cs in iso_to_codes.items():
                block = rows[rows["iso3"] == iso]
                for c in cs:
                    gdp_pieces.append(
                        pd.DataFrame(
                            {
                                "ccode": c,
                                "year": block["year"],
                                "gdp": block["gdp_usd_current"],
                                "source": "wdi",
                            }
                        )
                    )
        elif source == "fariss":
            far = load("fariss_gdppop")
            far = far[far["ccode"].isin(codes)]
            gdp_pieces.append(
                pd.DataFrame(
                    {
                        "ccode": far["ccode"],
                        "year": far["year"],
                        "gdp": far["pwtrgdp"] * 1e6,
                        "source": "fariss",
                    }
                )
            )
        elif source == "sipri_implied":
            ok = sipri["milex_share_gdp"] > 0
            gdp_pieces.append(
                pd.DataFrame(
                    {
                        "ccode": sipri["ccode"][ok],
                        "year": sipri["year"][ok],
                        "gdp": sipri["milex_current_usd_m"][ok]
                        * 1e6
                        / sipri["milex_share_gdp"][ok],
                        "source": "sipri_implied",
                    }
                )
            )
    gdp = pd.concat(gdp_pieces, ignore_index=True)
    return members, milex, gdp, labels


def alliance_burden_test(
    alliance: str = "NATO",
    years=range(1960, 2025),
    *,
    atopid: int | None = None,
    milex_sources=MILEX_SOURCES,
    gdp_sources=GDP_SOURCES,
    min_members: int = 4,
    exclude_zero_milex: bool = True,
) -> BurdenTestResult:
    """Year-by-year Spearman test of size against defence burden on the shipped data.

    Members come from the ATOP v4.01 member file (NATO = ATOP 3180), read on 31 December of
    each year; memberships in force in 2016 are carried forward and later accessions (North
    Macedonia 2020, Finland 2023, Sweden 2024) are missing. Military expenditure: COW NMC v7.0
    (to 2022), then SIPRI (21-country subset, to 2024). GDP: World Bank WDI (current US$,
    from 1960), then Fariss et al. (2022) rescaled to WDI units by the year's median
    WDI/Fariss ratio among the members, then the GDP implied by SIPRI's share of GDP. The
    table says which sources each year's figure rests on and how many members it uses.

    Parameters
    ----------
    alliance : str
        Name in :data:`ATOP_IDS` (``"NATO"``) or any label when ``atopid`` is given.
    years : iterable of int
        Years to test (default 1960-2024).
    atopid : int, optional
        ATOP alliance id, for alliances not in :data:`ATOP_IDS`.
    milex_sources, gdp_sources : sequence of str
        Sources in priority order; e.g. ``milex_sources=("sipri",)`` for SIPRI only.
    min_members, exclude_zero_milex
        Passed to :func:`burden_size_test`.

    Returns
    -------
    BurdenTestResult

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.

    Sandler, T. and Murdoch, J. C. (2000). On sharing NATO defence burdens in the 1990s and
    beyond. *Fiscal Studies* 21(3): 297-327. DOI 10.1111/j.1475-5890.2000.tb00026.x.
    """
    if atopid is None:
        if alliance not in ATOP_IDS:
            raise ParameterError(
                f"unknown alliance {alliance!r}; known: {sorted(ATOP_IDS)} (or pass atopid=...)"
            )
        atopid = ATOP_IDS[alliance]
    members, milex, gdp, labels = assemble_inputs(
        atopid, years, milex_sources=milex_sources, gdp_sources=gdp_sources
    )
    return burden_size_test(
        members,
        milex,
        gdp,
        alliance=alliance,
        years=years,
        milex_priority=list(milex_sources),
        gdp_priority=list(gdp_sources),
        min_members=min_members,
        exclude_zero_milex=exclude_zero_milex,
        labels=labels,
    )
