"""foedus.data: shipped data sets with provenance, loaders, the COW<->ISO3 crosswalk, indicators.

>>> from foedus.data import load, describe, list_datasets, citation_text
>>> from foedus.data.crosswalk import ccode_to_iso3, iso3_to_ccode, crosswalk, normalise_iso3
>>> from foedus.data.indicators import state_year, dyad_year, latest_year
"""

from foedus.data.registry import DatasetDescription, citation_text, describe, list_datasets, load

__all__ = ["DatasetDescription", "citation_text", "describe", "list_datasets", "load"]
