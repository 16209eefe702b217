"""The worked example of docs/scenario-format.md loads and gives the documented result."""

from __future__ import annotations

import re
from pathlib import Path

from foedus.analysis.obligations import obligation_maps, obligations_frame
from foedus.scenarios import build_case, load_scenario

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"


def test_worked_example(tmp_path):
    text = DOC.read_text()
    block = re.search(r"## A worked example.*?```yaml\n(.*?)```", text, re.DOTALL).group(1)
    path = tmp_path / "island-pact.yaml"
    path.write_text(block)
    scenario = load_scenario(path)
    assert scenario.warnings == ()
    case = build_case(scenario)
    frame = obligations_frame(obligation_maps(case))
    rows = frame[["crisis", "design", "obligor", "obligation", "beneficiary", "agreement",
                  "article", "activated_by"]].values.tolist()
    assert rows == [["clash", "status-quo", "USA", "defense", "PHL", "mdt", "Art. IV-V",
                     "PHL public vessels at shoal"]]
    assert [d.id for d in case.designs] == ["status-quo", "no-treaty"]
