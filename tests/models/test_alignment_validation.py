"""Validation of the landscape model against the Axelrod-Furnas Syria 2016 reference table.

Source of every expected value: tests/data/validation/landscape_syria2016_furnas/
(copied from shared/data/validation/landscape_syria2016_furnas/, see PROVENANCE.md): the output
tables Landscape_Results_2016-02-20.csv and Landscape_Results_weaksyria_2016-02-20.csv of the
GitHub repository alexanderfurnas/Landscape_Theory ("ISIS Calcs (Axelrod with Furnas)"), which
list all 1,024 two-side configurations (US fixed on side 1) with energy, each actor's
frustration and a local-minimum flag. Inputs: actors.csv (strengths) and
propensity_raw_1to5.csv, rescaled p = raw - 3 with a zero diagonal as in the authors' R script.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from foedus.models.alignment import (
    frustration,
    landscape_energy,
    landscape_table,
    local_minima,
    minimise,
)

CASE = Path(__file__).resolve().parents[1] / "data" / "validation" / "landscape_syria2016_furnas"
SCENARIOS = {"base": "strength_base", "weaksyria": "strength_weaksyria"}


def _inputs(scenario):
    actors = pd.read_csv(CASE / "actors.csv")
    raw = pd.read_csv(CASE / "propensity_raw_1to5.csv", index_col="code")
    codes = list(actors["code"])
    raw = raw.loc[codes, codes]
    propensity = (raw.fillna(3).astype(int) - 3).to_numpy()  # p = raw - 3, diagonal 0
    sizes = actors[SCENARIOS[scenario]].to_numpy()
    table = pd.read_csv(CASE / f"energies_{scenario}.csv")
    return codes, sizes, propensity, table


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_energy_and_frustration_matches_published_table(scenario):
    codes, sizes, propensity, table = _inputs(scenario)
    config = table[[f"side_{c}" for c in codes]].to_numpy()
    assert len(table) == 1024
    np.testing.assert_array_equal(landscape_energy(config, sizes, propensity), table["energy"])
    np.testing.assert_array_equal(
        frustration(config, sizes, propensity),
        table[[f"frustration_{c}" for c in codes]].to_numpy(),
    )


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_landscape_table_reproduces_published_table_row_for_row(scenario):
    codes, sizes, propensity, table = _inputs(scenario)
    ours = landscape_table(sizes, propensity, actors=codes)
    key = [f"side_{c}" for c in codes]
    theirs = table.assign(**{k: table[k] - 1 for k in key})  # sides 1/2 -> coalitions 0/1
    merged = ours.merge(theirs, on=key, suffixes=("", "_ref"), validate="one_to_one")
    assert len(merged) == 1024
    for col in ["energy", "local_min"] + [f"frustration_{c}" for c in codes]:
        np.testing.assert_array_equal(merged[col], merged[f"{col}_ref"], err_msg=col)


EXPECTED = {  # README of the case and the local_min rows of the published tables
    "base": (-83200, {"US", "Rus", "Syr", "S.A.", "Iran", "Hez", "IqKrd", "Iraq"}),
    "weaksyria": (-65600, {"US", "Rus", "Syr", "Tur", "S.A.", "Iran", "Hez", "IqKrd", "Iraq"}),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_unique_minimum_and_partition(scenario):
    codes, sizes, propensity, table = _inputs(scenario)
    energy, us_side = EXPECTED[scenario]
    census = local_minima(sizes, propensity, actors=codes)
    assert census.energies.tolist() == [energy]  # unique local minimum = global minimum
    assert census.basin_sizes.tolist() == [1024]
    assert set(census.partitions[0][0]) == us_side
    assert (
        table["local_min"].sum() == 1 and table.loc[table["local_min"], "energy"].item() == energy
    )
    for method in ("enumerate", "milp", "anneal"):
        res = minimise(sizes, propensity, actors=codes, method=method, rng=7)
        assert res.energy == energy, method
        assert set(res.partition[0]) == us_side, method
        assert res.proven_optimal == (method != "anneal")


def test_weakening_syria_moves_turkey_to_the_majority():
    """The sensitivity result stated in the case README (Syria 50 -> 10)."""
    codes, sizes, propensity, _ = _inputs("base")
    _, weak, _, _ = _inputs("weaksyria")
    base = minimise(sizes, propensity, actors=codes)
    after = minimise(weak, propensity, actors=codes)
    assert "Tur" not in base.partition[0] and "Tur" in after.partition[0]
