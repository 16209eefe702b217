"""Build the COW <-> ISO3 crosswalk shipped as ``src/foedus/data/files/cow_iso3.csv.gz``.

Starts from ``../shared/data/cow_states/ccode_iso3_crosswalk.csv`` (one row per COW state, ISO3
from the Voeten UNGA file, checked against countrycode) and the COW state list, then applies the
decisions below. Every code is validated with ``pycountry`` (ISO 3166-1, or ISO 3166-3 for
withdrawn codes); the only code pycountry does not know is Kosovo's XKX.

Decisions (also in docs/data.md):

* 345 Yugoslavia/Serbia -> ``SRB`` (the current state; COW keeps one code), aliases YUG, SCG.
* 365 Russia/USSR -> ``RUS``, alias SUN.
* 255 Germany and 260 German Federal Republic -> both ``DEU`` (West Germany held DEU in ISO
  3166); ``iso3_to_ccode("DEU", year=...)`` chooses by year. 265 GDR -> ``DDR`` (ISO 3166-3).
* 678 Yemen Arab Republic (North Yemen) -> ``YEM`` (it held YEM in ISO 3166 before 1990), 679
  Yemen -> ``YEM``; 680 Yemen People's Republic -> ``YMD`` (ISO 3166-3).
* 315 Czechoslovakia -> ``CSK`` (ISO 3166-3).
* 300 Austria-Hungary (to 1918) -> ``AUT``, shared with 305 Austria and resolved by year, so
  that 1914 scenarios can name it.
* 347 Kosovo -> ``XKX`` (World Bank/IMF code; not ISO 3166, not in pycountry).
* 713 Taiwan -> ``TWN``.
* 817 Republic of Vietnam, 730 Korea (pre-1905) and the 19th-century German/Italian states have
  no code. 327 Papal States keep ``VAT`` (from countrycode).

Run: ``python data-raw/build_crosswalk.py`` (writes only the crosswalk) or via
``build_package_data.py`` (writes everything).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry

# ccode -> (iso3, iso3_source, aliases, note)
MANUAL = {
    345: ("SRB", "manual: successor", "YUG;SCG",
          "COW 345 = Yugoslavia (to 2006) and Serbia; mapped to SRB, YUG and SCG resolve to 345"),
    365: ("RUS", "voeten_unga+countrycode", "SUN", "COW 365 = Russia and the USSR; SUN resolves here"),
    260: ("DEU", "voeten_unga", "",
          "West Germany held DEU in ISO 3166; shares DEU with 255, resolved by year"),
    678: ("YEM", "manual: ISO 3166 before 1990", "",
          "North Yemen held YEM before 1990; shares YEM with 679, resolved by year"),
    680: ("YMD", "manual: ISO 3166-3", "",
          "South Yemen; YMD is a withdrawn ISO 3166-3 code"),
    300: ("AUT", "manual: core successor", "",
          "Austria-Hungary (to 1918) shares AUT with Austria (305, from 1918), resolved by year"),
    347: ("XKX", "manual: World Bank/IMF", "",
          "Kosovo has no ISO 3166 code; XKX is the World Bank/IMF user-assigned code"),
}
NOT_IN_PYCOUNTRY = {"XKX"}


def iso3_is_valid(code: str) -> bool:
    """True if ``code`` is an ISO 3166-1 alpha-3 or a withdrawn ISO 3166-3 alpha-3 code."""
    if pycountry.countries.get(alpha_3=code) is not None:
        return True
    return any(h.alpha_3 == code for h in pycountry.historic_countries)


def build_crosswalk(shared: Path) -> pd.DataFrame:
    """Return the crosswalk table (one row per COW state), validated."""
    base = pd.read_csv(shared / "cow_states" / "ccode_iso3_crosswalk.csv")
    states = pd.read_csv(shared / "cow_states" / "cow_states_2016.csv")
    spans = states.groupby("ccode").agg(first_year=("styear", "min"), last_year=("endyear", "max"))
    out = base.drop(columns=["first_year", "last_year"]).merge(spans, on="ccode", how="left")
    out["iso3_aliases"] = ""
    for ccode, (iso3, source, aliases, note) in MANUAL.items():
        row = out["ccode"] == ccode
        assert row.sum() == 1, ccode
        out.loc[row, ["iso3", "iso3_source", "iso3_aliases", "note"]] = [iso3, source, aliases, note]
    out = out.rename(columns={"statenme": "name"})
    out["note"] = out["note"].fillna("")
    out = out[["ccode", "stateabb", "iso3", "name", "first_year", "last_year", "iso3_source",
               "iso3_aliases", "note"]].sort_values("ccode").reset_index(drop=True)
    for code in out["iso3"].dropna():
        if code not in NOT_IN_PYCOUNTRY and not iso3_is_valid(code):
            raise ValueError(f"{code} is not an ISO 3166 code")
    for aliases in out["iso3_aliases"]:
        for code in filter(None, aliases.split(";")):
            if not iso3_is_valid(code):
                raise ValueError(f"alias {code} is not an ISO 3166 code")
    # a shared code must belong to states whose spells do not overlap (except the hand-over year)
    dup = out.dropna(subset=["iso3"]).groupby("iso3").filter(lambda g: len(g) > 1)
    assert set(dup["iso3"]) <= {"DEU", "YEM", "AUT"}, set(dup["iso3"])
    return out


if __name__ == "__main__":  # pragma: no cover
    import build_package_data

    build_package_data.main(only=["cow_iso3"])
