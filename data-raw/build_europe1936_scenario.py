"""Write src/foedus/scenarios/library/europe-1936.yaml: Axelrod & Bennett's (1993) Europe 1936
landscape inputs, reconstructed from their five named factors with foedus's own coding rules.

The rules were fixed, and this file written, before the alignment was computed. Run from the
repository root: ``python data-raw/build_europe1936_scenario.py``. Sizes are not written: the
scenario takes COW NMC 1936 CINC from the shipped data.

Factors (each pair, summed into the propensity; facts ``propensity_<factor>``):
  ethnic       -1 if a kin minority of one state in the other was a live political dispute in
               1936 (hand-coded; Rothschild 1974; Macartney 1934), else 0
  religion     +1 same dominant religion, -1 different (hand-coded; USSR = state atheism)
  territory    -1 if one state claimed territory held by the other in 1936 (hand-coded;
               peace treaties 1919-1923 and the claims they left open), else 0
  government   +1 same type, -1 different; types: democracy (V-Dem polyarchy >= 0.5 in 1936,
               shipped data), communist (USSR), authoritarian (all others)
  war          -1 if the two were on opposite sides of a war-level MID (hostility level 5)
               1914-1936 in the shipped COW MID dyad-years, else 0
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

CCODE = {"GBR": 200, "CSK": 315, "DNK": 390, "EST": 366, "FIN": 375, "FRA": 220, "DEU": 255,
         "GRC": 350, "HUN": 310, "ITA": 325, "LVA": 367, "LTU": 368, "POL": 290, "PRT": 235,
         "ROU": 360, "SUN": 365, "YUG": 345}
NAMES = {"GBR": "Britain", "CSK": "Czechoslovakia", "DNK": "Denmark", "EST": "Estonia",
         "FIN": "Finland", "FRA": "France", "DEU": "Germany", "GRC": "Greece",
         "HUN": "Hungary", "ITA": "Italy", "LVA": "Latvia", "LTU": "Lithuania",
         "POL": "Poland", "PRT": "Portugal", "ROU": "Romania", "SUN": "Soviet Union",
         "YUG": "Yugoslavia"}
RELIGION = {"GBR": "Protestant", "CSK": "Catholic", "DNK": "Protestant", "EST": "Protestant",
            "FIN": "Protestant", "FRA": "Catholic", "DEU": "Protestant", "GRC": "Orthodox",
            "HUN": "Catholic", "ITA": "Catholic", "LVA": "Protestant", "LTU": "Catholic",
            "POL": "Catholic", "PRT": "Catholic", "ROU": "Orthodox", "SUN": "state atheism",
            "YUG": "Orthodox"}
RELIGION_SOURCE = ("dominant (plurality) religion of the population in the interwar censuses; "
                   "Barrett (1982) World Christian Encyclopedia; USSR coded state atheism")
ETHNIC = {
    ("DEU", "CSK"): "Sudeten Germans (Sudeten German Party largest party in the 1935 election)",
    ("DEU", "POL"): "German minority in Poznan, Pomerania and Upper Silesia",
    ("DEU", "LTU"): "Memel Germans (1934-35 Neumann-Sass trial)",
    ("DEU", "DNK"): "German minority in North Schleswig after the 1920 plebiscite",
    ("DEU", "ITA"): "South Tyrol Germans under Italianisation",
    ("HUN", "CSK"): "Magyar minority in southern Slovakia (Trianon)",
    ("HUN", "ROU"): "Magyar minority in Transylvania (Trianon)",
    ("HUN", "YUG"): "Magyar minority in Vojvodina (Trianon)",
    ("POL", "LTU"): "Poles and Lithuanians in the Vilnius region",
    ("POL", "CSK"): "Polish minority in Teschen (Cieszyn) Silesia",
    ("POL", "SUN"): "Ukrainian and Belarusian minorities in eastern Poland; Poles in the USSR",
    ("ITA", "YUG"): "Slovenes and Croats in the Julian March under Italianisation",
    ("ROU", "SUN"): "Moldavians and Ukrainians of Bessarabia",
}
ETHNIC_SOURCE = ("Rothschild, J. (1974) East Central Europe between the Two World Wars; "
                 "Macartney, C. A. (1934) National States and National Minorities")
TERRITORY = {
    ("DEU", "POL"): "German non-recognition of the Versailles eastern border (Corridor, "
                    "Danzig, Upper Silesia); deferred by the 1934 non-aggression declaration",
    ("DEU", "LTU"): "Memel (Klaipeda) territory, taken by Lithuania in 1923",
    ("HUN", "CSK"): "Hungarian revision of Trianon: southern Slovakia and Ruthenia",
    ("HUN", "ROU"): "Hungarian revision of Trianon: Transylvania",
    ("HUN", "YUG"): "Hungarian revision of Trianon: Vojvodina",
    ("POL", "LTU"): "Vilnius, held by Poland since 1920; no diplomatic relations until 1938",
    ("POL", "CSK"): "Teschen (Cieszyn), divided in 1920 against Polish claims",
    ("SUN", "ROU"): "Bessarabia: the USSR never recognised its union with Romania (1918)",
    ("ITA", "YUG"): "Italian claims on Dalmatia (Treaty of London 1915 left unfulfilled)",
}
TERRITORY_SOURCE = ("Treaties of Versailles (1919), Trianon (1920), Riga (1921), Rome (1924); "
                    "Rothschild (1974)")
DEMOCRACY_CUT = 0.5


def main() -> None:
    from foedus.data import load

    root = Path(__file__).resolve().parents[1]
    codes = list(CCODE)
    inv = {v: k for k, v in CCODE.items()}
    dem = load("democracy")
    dem = dem[(dem.year == 1936) & dem.ccode.isin(CCODE.values())]
    polyarchy = {inv[c]: float(v) for c, v in zip(dem.ccode, dem.v2x_polyarchy)}
    gov = {c: ("communist" if c == "SUN" else
               "democracy" if polyarchy[c] >= DEMOCRACY_CUT else "authoritarian")
           for c in codes}
    mids = load("cow_mid_dyadyears")
    mids = mids[(mids.year >= 1914) & (mids.year <= 1936) & mids.ccode1.isin(CCODE.values())
                & mids.ccode2.isin(CCODE.values())
                & ((mids.hostlev1 == 5) | (mids.hostlev2 == 5))]
    wars: dict[frozenset, list] = {}
    for r in mids.itertuples():
        wars.setdefault(frozenset((inv[r.ccode1], inv[r.ccode2])), set()).add(
            (int(r.dispnum), int(r.year)))
    lines = [
        "# Generated by data-raw/build_europe1936_scenario.py - edit the script, not this file.",
        "# Axelrod & Bennett (1993): 17 European nations in 1936. Propensities reconstructed",
        "# from the paper's five named factors with foedus's coding rules (see the script and",
        "# docs/validation-alignment-applications.md); sizes: COW NMC 1936 CINC (shipped data).",
        "id: europe-1936",
        "title: Europe 1936 - landscape theory (Axelrod & Bennett 1993 reconstruction)",
        "date: 1936-12-31",
        "description: >-",
        "  The seventeen European nations of Axelrod and Bennett's landscape-theory test. Each",
        "  pair's propensity is the sum of five coded factors, each written below as a dyad",
        "  fact propensity_<factor> with its source: ethnic conflict, religion, territorial",
        "  dispute, type of government and wars 1914-1936.",
        "sources:",
        ("  ab1993: Axelrod, R. and Bennett, D. S. (1993). A landscape theory of aggregation. "
        "British Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X"),
        f"  ethnic: \"{ETHNIC_SOURCE}\"",
        f"  territory: \"{TERRITORY_SOURCE}\"",
        "states:",
    ]
    for c in codes:
        lines.append(f"  - {{iso3: {c}, name: {NAMES[c]}, "
                     f"notes: \"religion {RELIGION[c]}; government {gov[c]}\"}}")
    lines.append("dyads:")
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            facts = []
            key = next((k for k in ((a, b), (b, a)) if k in ETHNIC), None)
            if key:
                facts.append(("propensity_ethnic", -1, f"{ETHNIC[key]} ({ETHNIC_SOURCE})"))
            same = RELIGION[a] == RELIGION[b]
            facts.append(("propensity_religion", 1 if same else -1,
                          f"{RELIGION[a]} / {RELIGION[b]} ({RELIGION_SOURCE})"))
            key = next((k for k in ((a, b), (b, a)) if k in TERRITORY), None)
            if key:
                facts.append(("propensity_territory", -1,
                              f"{TERRITORY[key]} ({TERRITORY_SOURCE})"))
            same = gov[a] == gov[b]
            facts.append(("propensity_government", 1 if same else -1,
                          (f"{gov[a]} / {gov[b]} (V-Dem polyarchy 1936 {polyarchy[a]:.2f} / "
                          f"{polyarchy[b]:.2f}, cut {DEMOCRACY_CUT}; USSR communist)")))
            war = wars.get(frozenset((a, b)))
            if war:
                disputes = sorted({d for d, _ in war})
                years = sorted({y for _, y in war})
                facts.append(("propensity_war", -1,
                              (f"war-level MID(s) {disputes} in {years[0]}-{years[-1]} "
                              "(COW MID 5 dyad-years, hostility level 5)")))
            lines.append(f"  - a: {a}")
            lines.append(f"    b: {b}")
            lines.append("    facts:")
            for name, value, source in facts:
                source = source.replace('"', "'")
                lines.append(f"      {name}: {{value: {value}, unit: code, year: 1936, "
                             f"source: \"{source}\"}}")
    lines += ["parameters: {}", ""]
    out = root / "src/foedus/scenarios/library/europe-1936.yaml"
    out.write_text("\n".join(lines))
    print(f"wrote {out} ({len(codes)} states)")
    print(pd.Series(gov).to_string())


if __name__ == "__main__":
    main()
