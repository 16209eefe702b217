"""COW <-> ISO3 crosswalk: flagship codes, round trip, ISO validity, clear errors."""

from __future__ import annotations

import pycountry
import pytest

from foedus.data.crosswalk import ccode_to_iso3, crosswalk, iso3_to_ccode, normalise_iso3
from foedus.errors import UnknownCountryError

# COW codes from the COW State System Membership list v2016 (cow_states_2016.csv)
FLAGSHIP = {"USA": 2, "JPN": 740, "KOR": 732, "PRK": 731, "TWN": 713, "CHN": 710, "IND": 750,
            "AUS": 900, "NZL": 920, "PHL": 840, "RUS": 365}
DOCUMENTED_NOT_IN_PYCOUNTRY = {"XKX"}  # Kosovo: World Bank/IMF code (docs/data.md)


@pytest.mark.parametrize(("iso3", "ccode"), sorted(FLAGSHIP.items()))
def test_flagship_codes(iso3, ccode):
    assert iso3_to_ccode(iso3) == ccode
    assert ccode_to_iso3(ccode) == iso3


def test_round_trip_for_every_state_with_an_iso3():
    table = crosswalk().dropna(subset=["iso3"])
    assert len(table) >= 195
    for ccode, iso3, first_year in table[["ccode", "iso3", "first_year"]].itertuples(index=False):
        assert ccode_to_iso3(ccode) == iso3
        assert iso3_to_ccode(iso3, year=int(first_year) + 1) == ccode


def test_every_iso3_is_valid_in_pycountry_except_documented():
    historic = {h.alpha_3 for h in pycountry.historic_countries}
    table = crosswalk()
    codes = set(table["iso3"].dropna())
    codes |= {a for aliases in table["iso3_aliases"] for a in aliases.split(";") if a}
    for code in sorted(codes - DOCUMENTED_NOT_IN_PYCOUNTRY):
        assert pycountry.countries.get(alpha_3=code) is not None or code in historic, code


def test_shared_codes_resolve_by_year():
    # 260 German Federal Republic 1955-1990, 255 Germany from 1990-10-03 (cow_states_2016.csv)
    assert iso3_to_ccode("DEU", year=1960) == 260
    assert iso3_to_ccode("DEU", year=1991) == 255
    assert iso3_to_ccode("DEU", year=1914) == 255
    assert iso3_to_ccode("DEU") == 255
    # 678 Yemen Arab Republic to 1990, 679 Yemen from 1990
    assert iso3_to_ccode("YEM", year=1980) == 678
    assert iso3_to_ccode("YEM") == 679
    assert iso3_to_ccode("SUN") == 365 and iso3_to_ccode("YUG") == 345
    # 300 Austria-Hungary to 1918, 305 Austria from 1918 (cow_states_2016.csv)
    assert iso3_to_ccode("AUT", year=1914) == 300 and iso3_to_ccode("AUT") == 305


@pytest.mark.parametrize(("cow_abbreviation", "iso3"),
                         [("ROK", "KOR"), ("AUL", "AUS"), ("PHI", "PHL"), ("NEW", "NZL"),
                          ("TAW", "TWN"), ("UKG", "GBR")])
def test_cow_abbreviations_are_not_iso3(cow_abbreviation, iso3):
    with pytest.raises(UnknownCountryError) as info:
        iso3_to_ccode(cow_abbreviation)
    assert f"its ISO3 code is {iso3}" in str(info.value)
    table = crosswalk().set_index("iso3")
    assert table.loc[iso3, "stateabb"] == cow_abbreviation


def test_normalise_iso3():
    assert normalise_iso3("jpn") == "JPN"
    assert normalise_iso3(" twn ") == "TWN"


def test_unknown_codes_are_one_line_with_suggestions():
    with pytest.raises(UnknownCountryError) as info:
        iso3_to_ccode("JPX")
    message = str(info.value)
    assert "\n" not in message and "'JPX'" in message and "JPN (Japan)" in message
    with pytest.raises(UnknownCountryError) as info:
        ccode_to_iso3(741)
    assert str(info.value) == ("unknown COW code 741; nearest codes: 740 (Japan), "
                               "732 (South Korea), 750 (India)")
    with pytest.raises(UnknownCountryError, match="Bavaria"):
        ccode_to_iso3(245)  # a COW state without an ISO3 code


def test_crosswalk_columns():
    assert list(crosswalk().columns)[:7] == ["ccode", "stateabb", "iso3", "name", "first_year",
                                             "last_year", "iso3_source"]
