"""Bad input for the hardening tests (issue 11): a base scenario, the catalogue of malformed
scenario files and bad command lines by category, and an in-process CLI runner.

Each malformed file is the base scenario with one defect (or a whole text), with what
``foedus scenario validate`` must say: ``("error", field, fragment)`` - refused with the
field (and the line) located, the fragment in the message - or ``("ok", warning_fragment)``
for input that is odd but valid (it must run, with a warning where the fragment is given).
"""

from __future__ import annotations

import contextlib
import io
import sys
import textwrap
import traceback
from dataclasses import dataclass

BASE = textwrap.dedent("""\
    id: base
    title: A small scenario for the bad-input tests
    date: 2024-12-15
    states:
      - iso3: USA
      - iso3: JPN
        facts:
          ratification_threshold: {value: 0.5, unit: share, year: 2024, source: test}
      - iso3: PHL
      - iso3: CHN
    dyads:
      - a: USA
        b: JPN
        facts:
          coercion_history: {value: 0, unit: flag, year: 2024, source: test}
    places:
      - id: pacific
        name: Pacific
      - id: japan
        name: Japan
        within: [pacific]
        administered_by: JPN
        source: test
    agreements:
      - id: usa-jpn
        name: US-Japan
        kind: treaty_alliance
        members: [USA, JPN]
        signed: 1960-01-19
        in_force: 1960-06-23
        atop_id: 3375
        source: test
        provisions:
          - obligation: defense
            from: [USA]
            to: [JPN]
            article: Art. V
            trigger: {administered_by: JPN, area: [pacific]}
    designs:
      - id: pact
        name: A three-way pact
        invited: [USA, JPN, PHL]
        add:
          - id: triple
            name: Triple pact
            kind: proposed_treaty
            members: [USA, JPN, PHL]
            source: test
            provisions:
              - {obligation: defense, article: Art. 1}
        source: test
    crises:
      - id: strike
        name: Strike on Japan
        kind: strike
        aggressors: [CHN]
        target: JPN
        location: japan
        hits:
          - {state: JPN, asset: territory, place: japan}
        source: test
    parameters:
      treaty_reliability: {dist: beta, a: 2, b: 8, source: test}
    """)


def sub(old: str, new: str, count: int = 1):
    """A mutation replacing ``old`` by ``new`` in the base (``old`` must occur)."""
    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return mutate


def whole(text: str):
    return lambda _: text


def _deep(n: int) -> str:
    return "id: x\ntitle: y\ndate: 2024-12-15\nstates: " + "[" * n + "]" * n + "\n"


BILLION_LAUGHS = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """)

STATE_JPN = "  - iso3: JPN\n"
PARAM = "  treaty_reliability: {dist: beta, a: 2, b: 8, source: test}"
CHN = "  - iso3: CHN\n"


def chn_fact(body: str):
    return sub(CHN, CHN + "    facts:\n      " + body + "\n")


def param(body: str):
    return sub(PARAM, "  " + body)


#: (id, category, mutation, expectation)
MALFORMED = [
    # --- YAML and file structure
    ("empty", "yaml", whole(""), ("error", "", "empty")),
    ("only-comments", "yaml", whole("# nothing here\n"), ("error", "", "no content")),
    ("blank-lines", "yaml", whole("\n\n   \n"), ("error", "", "empty")),
    ("top-level-list", "yaml", whole("- a\n- b\n"), ("error", "", "mapping")),
    ("top-level-scalar", "yaml", whole("just text\n"), ("error", "", "mapping")),
    ("top-level-null", "yaml", whole("~\n"), ("error", "", "mapping")),
    ("unclosed-bracket", "yaml", sub("members: [USA, JPN]\n", "members: [USA, JPN\n"),
     ("error", "", "YAML syntax error")),
    ("bad-indent", "yaml", sub("    name: Japan\n", "      name: Japan\n"),
     ("error", "", "YAML syntax error")),
    ("tab-indent", "yaml", sub("  - iso3: USA\n", "\t- iso3: USA\n"),
     ("error", "", "YAML syntax error")),
    ("unclosed-quote", "yaml", sub("title: A small", 'title: "A small'),
     ("error", "", "YAML syntax error")),
    ("duplicate-top-key", "yaml", sub("date: 2024-12-15\n", "date: 2024-12-15\ndate: 2020-01-01\n"),
     ("error", "date", "duplicate key")),
    ("duplicate-nested-key", "yaml", sub("    kind: strike\n",
                                         "    kind: strike\n    kind: invasion\n"),
     ("error", "crises[0].kind", "duplicate key")),
    ("duplicate-fact", "yaml", sub("      ratification_threshold: {value: 0.5",
                                   "      ratification_threshold: {value: 0.9, source: x}\n"
                                   "      ratification_threshold: {value: 0.5"),
     ("error", "states[1].facts.ratification_threshold", "duplicate key")),
    ("duplicate-flow-key", "yaml", sub("{state: JPN, asset: territory,",
                                       "{state: JPN, state: CHN, asset: territory,"),
     ("error", "crises[0].hits[0].state", "duplicate key")),
    ("billion-laughs", "yaml", whole(BILLION_LAUGHS), ("error", "", "alias")),
    ("billion-laughs-in-scenario", "yaml",
     lambda t: BILLION_LAUGHS + t,
     ("error", "", "alias")),
    ("recursive-alias", "yaml", whole("a: &a [*a]\n"), ("error", "", "recursive")),
    ("recursive-alias-map", "yaml", whole("a: &a {b: *a}\n"), ("error", "", "recursive")),
    ("too-many-aliases", "yaml",
     whole("a: &a 1\nb: [" + ", ".join(["*a"] * 1500) + "]\n"), ("error", "", "aliases")),
    ("deep-nesting-100", "yaml", whole(_deep(100)), ("error", "", "nest")),
    ("deep-nesting-20000", "yaml", whole(_deep(20000)), ("error", "", "nest")),
    ("two-documents", "yaml", lambda t: t + "---\nid: second\n", ("error", "", "YAML")),
    ("python-tag", "yaml", sub("title: A small scenario for the bad-input tests",
                               "title: !!python/object/apply:os.system [echo hi]"),
     ("error", "", "YAML syntax error")),
    ("unknown-tag", "yaml", sub("title: A small", "title: !secret A small"),
     ("error", "", "YAML syntax error")),
    ("non-string-key", "yaml", lambda t: t + "1: one\n", ("error", "1", "unknown field")),
    ("complex-key", "yaml", lambda t: t + "? [a, b]\n: c\n", ("error", "", "")),
    ("undefined-alias", "yaml", sub("members: [USA, JPN]\n", "members: *nothing\n"),
     ("error", "", "YAML syntax error")),
    ("merge-key-ok", "yaml", sub("        trigger: {administered_by: JPN, area: [pacific]}",
                                 "        trigger: {<<: {administered_by: JPN}, "
                                 "area: [pacific]}"), ("ok", None)),
    ("anchor-reuse-ok", "yaml", sub("    hits:\n      - {state: JPN, asset: territory,"
                                    " place: japan}",
                                    "    hits:\n      - &hit {state: JPN, asset: "
                                    "territory, place: japan}\n      - *hit"),
     ("ok", None)),
    # --- types and required fields at the top
    ("id-number", "types", sub("id: base", "id: 123"), ("error", "id", "string")),
    ("id-spaces", "types", sub("id: base", "id: a base"), ("error", "id", "slug")),
    ("id-missing", "types", sub("id: base\n", ""), ("error", "id", "required")),
    ("title-list", "types", sub("title: A small scenario for the bad-input tests",
                                "title: [a, b]"), ("error", "title", "string")),
    ("date-impossible", "types", sub("date: 2024-12-15", "date: 2024-02-30"),
     ("error", "date", "YYYY-MM-DD")),
    ("date-format", "types", sub("date: 2024-12-15", "date: 15/12/2024"),
     ("error", "date", "YYYY-MM-DD")),
    ("date-number", "types", sub("date: 2024-12-15", "date: 2024"), ("error", "date", "")),
    ("date-missing", "types", sub("date: 2024-12-15\n", ""), ("error", "date", "required")),
    ("unknown-top-field", "types", lambda t: t + "crisis: []\n",
     ("error", "crisis", "unknown field")),
    ("sources-list", "types", lambda t: t + "sources: [a, b]\n", ("error", "sources", "")),
    ("states-mapping", "types", sub("states:\n", "states: {}\nstates_:\n"),
     ("error", "states", "")),
    ("states-empty", "types",
     whole("id: x\ntitle: y\ndate: 2024-12-15\nstates: []\n"), ("error", "states", "")),
    ("state-missing-iso3", "types", sub("  - iso3: PHL\n", "  - name: Philippines\n"),
     ("error", "states[2].iso3", "required")),
    ("state-iso3-number", "types", sub("  - iso3: PHL\n", "  - iso3: 608\n"),
     ("error", "states[2].iso3", "string")),
    ("parameters-list", "types", sub("parameters:\n" + PARAM, "parameters: [0.5]"),
     ("error", "parameters", "dictionary")),
    # --- states and their facts
    ("unknown-iso3", "states", sub("  - iso3: PHL\n", "  - iso3: PHX\n"),
     ("error", "states[2].iso3", "PHL")),
    ("lowercase-iso3", "states", sub("  - iso3: PHL\n", "  - iso3: phl\n"),
     ("error", "states[2].iso3", "capitals")),
    ("duplicate-state", "states", sub("  - iso3: PHL\n", "  - iso3: PHL\n  - iso3: PHL\n"),
     ("error", "states[3].iso3", "duplicate")),
    ("facts-list", "states", sub(CHN, CHN + "    facts: [1, 2]\n"), ("error", "states[3].facts", "dictionary")),
    ("fact-string", "states", chn_fact("milex: {value: lots, source: x}"),
     ("error", "states[3].facts.milex.value", "number")),
    ("fact-nan", "states", chn_fact("milex: {value: .nan, source: x}"),
     ("error", "states[3].facts.milex.value", "finite")),
    ("fact-inf", "states", chn_fact("milex: {value: .inf, source: x}"),
     ("error", "states[3].facts.milex.value", "finite")),
    ("fact-minus-inf", "states", chn_fact("nmc_cinc: {value: -.inf, source: x}"),
     ("error", "states[3].facts.nmc_cinc.value", "finite")),
    ("fact-negative-milex", "states", chn_fact("milex: {value: -5, source: x}"),
     ("error", "states[3].facts.milex.value", ">= 0")),
    ("fact-negative-data", "states", chn_fact("sipri_milex_usd_current: {value: -1, source: x}"),
     ("error", "states[3].facts.sipri_milex_usd_current.value", ">= 0")),
    ("fact-share-above-one", "states",
     sub("ratification_threshold: {value: 0.5", "ratification_threshold: {value: 1.5"),
     ("error", "states[1].facts.ratification_threshold.value", "[0, 1]")),
    ("fact-cinc-above-one", "states", chn_fact("nmc_cinc: {value: 2, source: x}"),
     ("error", "states[3].facts.nmc_cinc.value", "[0, 1]")),
    ("fact-headline-unit", "states",
     chn_fact("milex: {value: 300, unit: billions of US$, source: x}"),
     ("error", "states[3].facts.milex.unit", "millions of current US$")),
    ("fact-unread", "states", chn_fact("milex_usd: {value: 5, source: x}"),
     ("ok", "no model reads the fact 'milex_usd'")),
    ("fact-unread-misspelt", "states",
     sub("ratification_threshold: {value: 0.5", "ratification_treshold: {value: 0.5"),
     ("ok", "did you mean ratification_threshold")),
    ("fact-override-no-source", "states", chn_fact("autonomy_override: {value: 0.5}"),
     ("error", "states[3].facts.autonomy_override", "source")),
    ("fact-unknown-field", "states", chn_fact("milex: {value: 5, sorce: x}"),
     ("error", "states[3].facts.milex.sorce", "unknown field")),
    ("prefer-unknown-figure", "states", sub(CHN, CHN + "    prefer: {budget: cow_nmc}\n"),
     ("error", "states[3].prefer.budget", "not a headline figure")),
    ("prefer-missing-data-set", "states", sub(CHN, CHN + "    prefer: {gdp: cow_nmc}\n"),
     ("error", "states[3].prefer.gdp", "has no gdp figure")),
    ("ccode-string", "states", sub("  - iso3: PHL\n", "  - iso3: PHL\n    ccode: abc\n"),
     ("error", "states[2].ccode", "integer")),
    # --- dyads
    ("dyad-same-state", "dyads", sub("  - a: USA\n    b: JPN\n", "  - a: USA\n    b: USA\n"),
     ("error", "dyads[0].b", "two different")),
    ("dyad-unknown-state", "dyads", sub("  - a: USA\n    b: JPN\n", "  - a: USA\n    b: KOR\n"),
     ("error", "dyads[0].b", "KOR")),
    ("dyad-no-facts", "dyads",
     sub("    facts:\n      coercion_history: {value: 0, unit: flag, year: 2024, source: test}\n",
         "    facts: {}\n"), ("error", "dyads[0].facts", "")),
    ("dyad-fact-nan", "dyads", sub("coercion_history: {value: 0,", "coercion_history: {value: .nan,"),
     ("error", "dyads[0].facts.coercion_history.value", "finite")),
    ("dyad-fact-negative", "dyads", sub("coercion_history: {value: 0,",
                                        "coercion_history: {value: -2,"),
     ("error", "dyads[0].facts.coercion_history.value", ">= 0")),
    ("dyad-override-no-source", "dyads",
     sub("coercion_history: {value: 0, unit: flag, year: 2024, source: test}",
         "threat_override: {value: 0.2}"),
     ("error", "dyads[0].facts.threat_override", "source")),
    ("dyad-unread-fact", "dyads", sub("coercion_history: {value: 0,", "coercion: {value: 0,"),
     ("ok", "no model reads the fact 'coercion'")),
    ("dyad-propensity-ok", "dyads", sub("coercion_history: {value: 0,",
                                        "propensity_religion: {value: -1,"), ("ok", None)),
    # --- places
    ("duplicate-place", "places", sub("  - id: japan\n    name: Japan\n",
                                      "  - id: pacific\n    name: Again\n  - id: japan\n"
                                      "    name: Japan\n"),
     ("error", "places[1].id", "duplicate")),
    ("within-unknown", "places", sub("within: [pacific]", "within: [pacifc]"),
     ("error", "places[1].within[0]", "pacific")),
    ("place-self-cycle", "places", sub("  - id: pacific\n    name: Pacific\n",
                                       "  - id: pacific\n    name: Pacific\n    within: [pacific]\n"),
     ("error", "places[0].within[0]", "loop")),
    ("place-two-cycle", "places", sub("  - id: pacific\n    name: Pacific\n",
                                      "  - id: pacific\n    name: Pacific\n    within: [japan]\n"),
     ("error", "places[1].within[0]", "loop")),
    ("place-three-cycle", "places",
     sub("  - id: pacific\n    name: Pacific\n",
         "  - id: pacific\n    name: Pacific\n    within: [asia]\n  - id: asia\n    name: Asia\n"
         "    within: [japan]\n"), ("error", "places[2].within[0]", "loop")),
    ("place-admin-unknown", "places", sub("administered_by: JPN\n    source: test",
                                          "administered_by: KOR\n    source: test"),
     ("error", "places[1].administered_by", "KOR")),
    ("place-claimed-unknown", "places", sub("    within: [pacific]\n",
                                            "    within: [pacific]\n    claimed_by: [TWN]\n"),
     ("error", "places[1].claimed_by[0]", "TWN")),
    ("place-missing-name", "places", sub("  - id: pacific\n    name: Pacific\n",
                                         "  - id: pacific\n"),
     ("error", "places[0].name", "required")),
    # --- agreements
    ("agreement-kind", "agreements", sub("kind: treaty_alliance", "kind: treaty"),
     ("error", "agreements[0].kind", "treaty_alliance")),
    ("agreement-member-unknown", "agreements", sub("members: [USA, JPN]", "members: [USA, JAP]"),
     ("error", "agreements[0].members[1]", "JAP")),
    ("agreement-member-twice", "agreements", sub("members: [USA, JPN]", "members: [USA, JPN, USA]"),
     ("error", "agreements[0].members", "twice")),
    ("provision-from-nonmember", "agreements", sub("from: [USA]", "from: [PHL]"),
     ("error", "agreements[0].provisions[0].from[0]", "member")),
    ("provision-to-unknown", "agreements", sub("to: [JPN]", "to: [KOR]"),
     ("error", "agreements[0].provisions[0].to[0]", "KOR")),
    ("provision-obligation", "agreements", sub("obligation: defense\n", "obligation: defence\n"),
     ("error", "agreements[0].provisions[0].obligation", "defense")),
    ("defence-in-declaration", "agreements", sub("kind: treaty_alliance", "kind: political_declaration"),
     ("error", "agreements[0].provisions[0].obligation", "defence")),
    ("trigger-area-unknown", "agreements", sub("area: [pacific]", "area: [atlantic]"),
     ("error", "agreements[0].provisions[0].trigger.area[0]", "atlantic")),
    ("trigger-event", "agreements", sub("trigger: {administered_by: JPN,",
                                        "trigger: {event: attack, administered_by: JPN,"),
     ("error", "agreements[0].provisions[0].trigger.event", "armed_attack")),
    ("trigger-asset", "agreements", sub("trigger: {administered_by: JPN,",
                                        "trigger: {assets: [ships], administered_by: JPN,"),
     ("error", "agreements[0].provisions[0].trigger.assets[0]", "")),
    ("trigger-admin-unknown", "agreements", sub("trigger: {administered_by: JPN",
                                                "trigger: {administered_by: KOR"),
     ("error", "agreements[0].provisions[0].trigger.administered_by", "KOR")),
    ("ended-before-in-force", "agreements", sub("    in_force: 1960-06-23\n",
                                                "    in_force: 1960-06-23\n    ended: 1950-01-01\n"),
     ("error", "agreements[0].ended", "before")),
    ("in-force-before-signed", "agreements", sub("signed: 1960-01-19", "signed: 1961-01-19"),
     ("error", "agreements[0].in_force", "signed")),
    ("in-force-impossible", "agreements", sub("in_force: 1960-06-23", "in_force: 1960-06-31"),
     ("error", "agreements[0].in_force", "YYYY-MM-DD")),
    ("atop-id-unknown", "agreements", sub("atop_id: 3375", "atop_id: 99999"),
     ("error", "agreements[0].atop_id", "99999")),
    ("atop-id-negative", "agreements", sub("atop_id: 3375", "atop_id: -3"),
     ("error", "agreements[0].atop_id", "")),
    ("atop-id-string", "agreements", sub("atop_id: 3375", "atop_id: US-Japan"),
     ("error", "agreements[0].atop_id", "integer")),
    ("atop-without-id", "agreements", sub("    atop_id: 3375\n", "    provisions_from_atop: true\n"),
     ("error", "agreements[0].provisions_from_atop", "atop_id")),
    ("atop-members-not-coded", "agreements",
     sub("    atop_id: 3375\n", "    atop_id: 1335\n    provisions_from_atop: true\n"),
     ("error", "agreements[0].provisions_from_atop", "none of the members")),
    ("duplicate-agreement", "agreements",
     sub("designs:\n", "  - {id: usa-jpn, name: again, kind: minilateral, members: [USA, JPN],"
                       " source: x}\ndesigns:\n"), ("error", "agreements[1].id", "duplicate")),
    ("provision-no-article", "agreements", sub("        article: Art. V\n", ""),
     ("error", "agreements[0].provisions[0].article", "required")),
    ("agreement-extra-field", "agreements", sub("    signed: 1960-01-19\n",
                                                "    signed: 1960-01-19\n    ratified: yes\n"),
     ("error", "agreements[0].ratified", "unknown field")),
    ("members-not-list", "agreements", sub("members: [USA, JPN]", "members: USA"),
     ("error", "agreements[0].members", "list")),
    # --- designs
    ("design-invited-twice", "designs", sub("    invited: [USA, JPN, PHL]\n",
                                            "    invited: [USA, JPN, PHL, USA]\n"),
     ("error", "designs[0].invited", "twice")),
    ("design-remove-unknown", "designs", sub("    invited: [USA, JPN, PHL]\n",
                                             "    invited: [USA, JPN, PHL]\n    remove: [usa-jp]\n"),
     ("error", "designs[0].remove[0]", "usa-jpn")),
    ("design-change-unknown", "designs",
     sub("    invited: [USA, JPN, PHL]\n",
         "    invited: [USA, JPN, PHL]\n    change: [{id: nope, members: [USA]}]\n"),
     ("error", "designs[0].change[0].id", "nope")),
    ("design-add-existing", "designs", sub("      - id: triple\n", "      - id: usa-jpn\n"),
     ("error", "designs[0].add[0].id", "already exists")),
    ("design-invited-unknown", "designs", sub("invited: [USA, JPN, PHL]", "invited: [USA, JPN, IND]"),
     ("error", "designs[0].invited[2]", "IND")),
    ("design-rules-command", "designs", sub("    invited: [USA, JPN, PHL]\n",
                                            "    invited: [USA, JPN, PHL]\n    rules: {command: joint}\n"),
     ("error", "designs[0].rules.command", "")),
    ("design-leader-unknown", "designs",
     sub("    invited: [USA, JPN, PHL]\n",
         "    invited: [USA, JPN, PHL]\n    rules: {leadership: [GBR]}\n"),
     ("error", "designs[0].rules.leadership[0]", "GBR")),
    ("duplicate-design", "designs",
     sub("crises:\n", "  - {id: pact, name: again, source: x}\ncrises:\n"),
     ("error", "designs[1].id", "duplicate")),
    ("no-designs", "designs",
     lambda t: t.replace(t[t.index("designs:\n"):t.index("crises:\n")], ""), ("ok", None)),
    # --- crises
    ("no-crises", "crises", lambda t: t[:t.index("crises:\n")] + t[t.index("parameters:\n"):],
     ("ok", None)),
    ("crises-empty-list", "crises", lambda t: t[:t.index("crises:\n")] + "crises: []\n"
     + t[t.index("parameters:\n"):], ("ok", None)),
    ("crisis-kind", "crises", sub("kind: strike", "kind: war"),
     ("error", "crises[0].kind", "invasion")),
    ("crisis-no-aggressor", "crises", sub("aggressors: [CHN]", "aggressors: []"),
     ("error", "crises[0].aggressors", "")),
    ("crisis-target-aggressor", "crises", sub("    target: JPN\n", "    target: CHN\n"),
     ("error", "crises[0].target", "aggressor")),
    ("crisis-target-unknown", "crises", sub("    target: JPN\n", "    target: TWN\n"),
     ("error", "crises[0].target", "TWN")),
    ("crisis-location-unknown", "crises", sub("location: japan", "location: okinawa"),
     ("error", "crises[0].location", "okinawa")),
    ("crisis-no-hits", "crises", sub("    hits:\n      - {state: JPN, asset: territory,"
                                     " place: japan}\n", "    hits: []\n"),
     ("error", "crises[0].hits", "")),
    ("hit-place-unknown", "crises", sub("place: japan}", "place: tokyo}"),
     ("error", "crises[0].hits[0].place", "tokyo")),
    ("hit-asset-unknown", "crises", sub("asset: territory", "asset: land"),
     ("error", "crises[0].hits[0].asset", "territory")),
    ("hit-state-unknown", "crises", sub("{state: JPN, asset", "{state: KOR, asset"),
     ("error", "crises[0].hits[0].state", "KOR")),
    ("co-target-twice", "crises", sub("    target: JPN\n", "    target: JPN\n    co_targets: [JPN]\n"),
     ("error", "crises[0].co_targets[0]", "once")),
    ("duplicate-crisis", "crises", lambda t: t.replace("parameters:\n", textwrap.indent(
        "- {id: strike, name: again, kind: strike, aggressors: [CHN], target: PHL, "
        "location: pacific, hits: [{state: PHL, asset: forces, place: pacific}], source: x}\n",
        "  ") + "parameters:\n"), ("error", "crises[1].id", "duplicate")),
    # --- parameters
    ("param-misspelt", "parameters", sub("treaty_reliability:", "treaty_reliabilty:"),
     ("error", "parameters.treaty_reliabilty", "treaty_reliability")),
    ("param-unknown", "parameters", param("my_weight: {value: 0.5, source: x}"),
     ("error", "parameters.my_weight", "unknown parameter")),
    ("param-nan", "parameters", param("treaty_reliability: .nan"),
     ("error", "parameters.treaty_reliability", "finite")),
    ("param-inf", "parameters", param("burden_private_share: .inf"), ("error", "parameters.burden_private_share", "finite")),
    ("param-probability-above-one", "parameters", param("treaty_reliability: 1.3"),
     ("error", "parameters.treaty_reliability", "[0, 1]")),
    ("param-beta-inf", "parameters", param("treaty_reliability: {dist: beta, a: .inf, b: 2}"),
     ("error", "parameters.treaty_reliability", "finite")),
    ("param-beta-zero", "parameters", param("treaty_reliability: {dist: beta, a: 0, b: 2}"),
     ("error", "parameters.treaty_reliability", "greater than 0")),
    ("param-beta-negative", "parameters", param("treaty_reliability: {dist: beta, a: 2, b: -1}"),
     ("error", "parameters.treaty_reliability", "greater than 0")),
    ("param-uniform-reversed", "parameters",
     param("treaty_reliability: {dist: uniform, low: 0.9, high: 0.1}"),
     ("error", "parameters.treaty_reliability", "low < high")),
    ("param-uniform-overflow", "parameters",
     param("treaty_reliability: {dist: uniform, low: -1.7e308, high: 1.7e308, domain: real}"),
     ("error", "parameters.treaty_reliability", "")),
    ("param-normal-sd-zero", "parameters",
     param("treaty_reliability: {dist: normal, mean: 0.4, sd: 0, low: 0, high: 1}"),
     ("error", "parameters.treaty_reliability", "greater than 0")),
    ("param-normal-far-tail", "parameters",
     param("treaty_reliability: {dist: normal, mean: 0, sd: 0.001, low: 0.9, high: 1}"),
     ("error", "parameters.treaty_reliability", "no probability")),
    ("param-normal-untruncated", "parameters",
     param("treaty_reliability: {dist: normal, mean: 0.4, sd: 0.1}"),
     ("error", "parameters.treaty_reliability", "[0, 1]")),
    ("param-triangular-mode", "parameters",
     param("treaty_reliability: {dist: triangular, low: 0.1, mode: 0.9, high: 0.5}"),
     ("error", "parameters.treaty_reliability", "mode")),
    ("param-unknown-dist", "parameters", param("treaty_reliability: {dist: gamma, a: 1}"),
     ("error", "parameters.treaty_reliability", "")),
    ("param-missing-field", "parameters", param("treaty_reliability: {dist: uniform, low: 0.1}"),
     ("error", "parameters.treaty_reliability", "required")),
    ("param-string", "parameters", param("treaty_reliability: high"),
     ("error", "parameters.treaty_reliability", "")),
    ("param-bool", "parameters", param("treaty_reliability: true"),
     ("error", "parameters.treaty_reliability", "")),
    ("param-list", "parameters", param("treaty_reliability: [0.2, 0.4]"),
     ("error", "parameters.treaty_reliability", "")),
    ("param-domain-unknown", "parameters",
     param("treaty_reliability: {value: 0.4, domain: share}"),
     ("error", "parameters.treaty_reliability.domain", "")),
    ("parameter-set-unknown", "parameters", lambda t: t + "parameter_set: fited\n",
     ("error", "parameter_set", "no such parameter-set")),
    ("parameter-set-judgement-ok", "parameters", lambda t: t + "parameter_set: judgement\n",
     ("ok", None)),
    # --- dates and data coverage
    ("date-far-future", "dates", sub("date: 2024-12-15", "date: 2100-01-01"), ("ok", None)),
    ("date-year-one", "dates", sub("date: 2024-12-15", "date: 0001-01-01"),
     ("error", "date", "1816")),
    ("date-1815", "dates", sub("date: 2024-12-15", "date: 1815-12-31"), ("error", "date", "1816")),
]

#: Bad command lines: (id, arguments, fragment of the error line). ``{bad}`` is replaced by
#: a malformed scenario file, ``{file}`` by an existing regular file, ``{dir}`` by an
#: existing folder, ``{params}`` by a malformed parameter-set file.
BAD_COMMANDS = [
    ("run-seed-negative", ["run", "--seed", "-1"], "seed"),
    ("run-seed-huge", ["run", "--seed", str(2**64)], "seed"),
    ("run-seed-text", ["run", "--seed", "abc"], "seed"),
    ("run-out-file", ["run", "--out", "{file}"], "is a file"),
    ("run-out-under-file", ["run", "--out", "{file}/sub"], "not a folder"),
    ("run-out-device", ["run", "--out", "/dev/null"], "is a file"),
    ("run-section-unknown", ["run", "--section", "crises"], "crisis"),
    ("run-executor-unknown", ["run", "--executor", "threads"], "serial"),
    ("run-scenario-dir", ["run", "{dir}"], "directory"),
    ("run-scenario-device", ["run", "/dev/zero"], "not a regular file"),
    ("run-scenario-null", ["run", "/dev/null"], "not a regular file"),
    ("run-scenario-missing", ["run", "nowhere.yaml"], "no such scenario"),
    ("run-scenario-misspelt", ["run", "asian-nato-2042"], "asian-nato-2024"),
    ("run-bad-file", ["run", "{bad}"], "bad.yaml"),
    ("run-parameters-unknown", ["run", "--parameters", "fited"], "no such parameter-set"),
    ("run-parameters-dir", ["run", "--parameters", "{dir}"], "directory"),
    ("run-parameters-malformed", ["run", "--parameters", "{params}"], "unknown parameter"),
    ("run-unknown-option", ["run", "--sead", "1"], "--sead"),
    ("crisis-draws-huge", ["crisis", "--draws", "10000000000"], "draws"),
    ("crisis-draws-zero", ["crisis", "--draws", "0"], "draws"),
    ("crisis-draws-negative", ["crisis", "--draws", "-5"], "draws"),
    ("crisis-crisis-unknown", ["crisis", "--crisis", "taiwan"], "taiwan-invasion"),
    ("crisis-design-unknown", ["crisis", "--design", "nato"], "status-quo"),
    ("crisis-without-unknown", ["crisis", "--without", "XXX"], "USA"),
    ("crisis-seed-negative", ["crisis", "--seed", "-2"], "seed"),
    ("crisis-out-file", ["crisis", "--out", "{file}"], "is a file"),
    ("crisis-parameters-unknown", ["crisis", "--parameters", "nope"], "parameter-set"),
    ("join-draws-zero", ["join", "--draws", "0"], "draws"),
    ("join-draws-huge", ["join", "--draws", "1000000000"], "draws"),
    ("join-design-unknown", ["join", "--design", "asian-nato"], "ishiba"),
    ("join-seed-negative", ["join", "--seed", "-3"], "seed"),
    ("join-interest-samples-zero", ["join", "--interest-samples", "0"], "interest-samples"),
    ("burden-draws-negative", ["burden", "--draws", "-1"], "draws"),
    ("burden-draws-huge", ["burden", "--draws", "1000000000"], "draws"),
    ("burden-plot-suffix", ["burden", "--plot", "{dir}/plot.xyz"], "file type"),
    ("burden-plot-dir", ["burden", "--plot", "{dir}"], "folder"),
    ("burden-plot-under-file", ["burden", "--plot", "{file}/x.png"], "not a folder"),
    ("burden-design-unknown", ["burden", "--design", "nope"], "status-quo"),
    ("burden-test-years", ["burden", "test", "--years", "abc"], "years"),
    ("burden-test-years-reversed", ["burden", "test", "--years", "2020-1990"], "reversed"),
    ("burden-test-alliance", ["burden", "test", "--alliance", "NATOO"], "NATOO"),
    ("align-draws-negative", ["align", "--draws", "-1"], "draws"),
    ("align-time-limit-zero", ["align", "--time-limit", "0"], "seconds"),
    ("align-time-limit-nan", ["align", "--time-limit", "nan"], "seconds"),
    ("align-plot-suffix", ["align", "--plot", "{dir}/a.docx"], "file type"),
    ("balance-years", ["balance", "--years", "1990-"], "years"),
    ("balance-years-outside", ["balance", "--years", "1700-1701"], "1816"),
    ("balance-region-unknown", ["balance", "--region", "XXX", "--years", "2000"], "XXX"),
    ("align-size-unknown", ["align", "--size", "nmc_cincc", "--draws", "0"], "nmc_cinc"),
    ("align-world-year", ["align", "--world", "--year", "3000", "--draws", "0"], "1816-"),
    ("run-scenario-empty-name", ["run", ""], "empty name"),
    ("verdict-family-unknown", ["verdict", "--family", "crises"], "crisis"),
    ("verdict-claims-missing", ["verdict", "--claims", "{dir}/none.csv"], "no such file"),
    ("verdict-out-dir", ["verdict", "--out", "{dir}"], "folder"),
    ("obligations-crisis-unknown", ["obligations", "--crisis", "nope"], "taiwan-invasion"),
    ("obligations-out-dir", ["obligations", "--out", "{dir}"], "folder"),
    ("validate-dir", ["scenario", "validate", "{dir}"], "directory"),
    ("validate-device", ["scenario", "validate", "/dev/zero"], "not a regular file"),
    ("schema-out-dir", ["scenario", "schema", "--out", "{dir}"], "folder"),
    ("data-describe-unknown", ["data", "describe", "cow_nmcc"], "cow_nmc"),
    ("cite-unknown", ["cite", "cow_nmcc"], "cow_nmc"),
]


@dataclass
class Outcome:
    """What one in-process command produced."""

    code: int
    stdout: str
    stderr: str
    crash: str = ""  # a traceback, if anything but SystemExit escaped

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error:")]


def run_cli(*args: str) -> Outcome:
    """Run ``foedus ARGS`` in this process through the real entry point (``main``)."""
    from foedus.interfaces.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["foedus", *args]
    code, crash = 0, ""
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - a crash is what the tests look for
        crash = traceback.format_exc()
        code = -1
    finally:
        sys.argv = saved
    return Outcome(code, out.getvalue(), err.getvalue(), crash)
