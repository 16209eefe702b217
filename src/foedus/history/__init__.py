"""History: two centuries of alliance decisions - the corpora and historical cases, their
out-of-sample scores, baselines and likelihood estimation of the models' parameters (issue 9).

The corpora are tidy pandas tables built from the shipped package data by the rules of
``docs/history-corpus.md`` (written before any model was scored on them):

* :func:`intervention` - every MID with each politically relevant third party at onset and
  what it did (joined side B, joined side A, stayed out); :func:`intervention_outside` lists
  the joiners outside the risk set;
* :func:`outcome` - every MID's outcome with the two sides' participants;
* :func:`formation_alliances` - every new ATOP alliance with a defence obligation, its
  founders, its non-joining candidates and its later accessions;
* :func:`formation_dyad_years` - politically relevant dyad-years and defence-pact onsets;
* :func:`counts` - the size of each.

Every historical case becomes the world-model objects a scenario becomes
(:class:`foedus.scenarios.build.Case`): :func:`dispute_case`, :func:`alliance_case`,
:func:`accession_case`, and the bulk builders :func:`dispute_cases`, :func:`alliance_cases`.

Scoring modules: ``scoring`` (log loss, Brier, AUC, reliability, cluster bootstrap), ``splits``
(eras, leave-one-decade-out), ``baselines`` (base rate, logit, gradient boosting), ``fit``
(posterior mode, Laplace intervals, identification, parameter files), ``validate`` (every
model against the baselines on every corpus and split).

>>> from foedus.history import intervention, outcome, formation_alliances, counts
>>> from foedus.history import dispute_case, alliance_case
"""

from foedus.history.cases import (
    accession_case,
    alliance_case,
    alliance_cases,
    dispute_case,
    dispute_cases,
    state_code,
    system_case,
    system_cases,
)
from foedus.history.corpus import (
    build_all,
    counts,
    formation_alliances,
    formation_dyad_years,
    intervention,
    intervention_outside,
    outcome,
)

__all__ = ["accession_case", "alliance_case", "alliance_cases", "build_all", "counts",
           "dispute_case", "dispute_cases", "formation_alliances", "formation_dyad_years",
           "intervention", "intervention_outside", "outcome", "state_code", "system_case",
           "system_cases"]
