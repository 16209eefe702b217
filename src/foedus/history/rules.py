"""The rules that make the history corpora, as constants (stated in ``docs/history-corpus.md``).

Every threshold has its source in the documentation; the code reads these names only, so that
a rule and its implementation cannot drift apart. The rules were committed before any model
input was built from them and do not change with any model's results.
"""

from __future__ import annotations

#: Version of the rules: part of the on-disk cache key of the built corpora.
RULES_VERSION = "1"

#: First and last years of the corpora's data: MID 5.0 (disputes), the COW state list and
#: contiguity (dyad-year design), ATOP 4.01 (alliances).
MID_FIRST, MID_LAST = 1816, 2014
DYAD_YEAR_FIRST, DYAD_YEAR_LAST = 1816, 2016
ATOP_V4_LAST = 2016
#: Formation corpus (a) starts with the COW state system: alliances founded before this date
#: (the seven of 1815) have no state system, capabilities or other inputs.
FORMATION_FIRST_DATE = 18160101

#: COW direct contiguity types that count as contiguous: 1 land/river .. 5 <= 400 miles of
#: water (peacesciencer ``filter_prd()``; types 1-4 is the stricter reading, see the doc).
CONTIGUITY_TYPES = (1, 2, 3, 4, 5)

#: Minimum distance (km) within which a state is a neighbour (Gleditsch & Ward 2001).
NEAR_KM = 950.0
#: First year of the CShapes 2.0 minimum distances.
MINDIST_FIRST = 1886

#: Years of past disputes counted before a decision year (onset years t-10 .. t-1).
PAST_MID_YEARS = 10

#: Polity2 score from which a state is a democracy (the Polity "democracy" band +6..+10).
DEMOCRACY_POLITY2 = 6

#: The five ATOP obligations (member-file columns).
ATOP_OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")

#: MID 5.0 outcome codes and their labels.
OUTCOME_LABELS = {
    1: "victory for side A", 2: "victory for side B", 3: "yield by side A",
    4: "yield by side B", 5: "stalemate", 6: "compromise", 7: "released", 8: "unclear",
    9: "joins ongoing war", -9: "missing",
}
#: Outcome classes for prediction (Carroll & Kenkel 2019, DOE v2.0 code): A prevails, B
#: prevails, stalemate; other codes have no class.
OUTCOME_CLASS = {1: "A", 4: "A", 2: "B", 3: "B", 5: "stalemate"}

#: Hostility level of war in MID 5.0.
WAR_HOSTLEV = 5

#: The three choices of a third party (MID side A is the side that took the first militarized
#: action, "the originator side"; side B "the target side").
CHOICES = ("target_side", "originator_side", "stayed_out")

#: Risk-set reasons of the intervention corpus (columns, 0/1).
INTERVENTION_REASONS = ("rs_ally_originator", "rs_ally_target", "rs_contiguous_originator",
                        "rs_contiguous_target", "rs_major")
#: Candidate reasons of formation corpus (a).
CANDIDATE_REASONS = ("rs_contiguous", "rs_near", "rs_major", "rs_ally")

#: Prefix of the code of a COW state with no ISO3 code in world-model objects.
NO_ISO3_PREFIX = "COW"
