"""Table cells and section text are data, not Rich markup (found 5 December 2026: the
predictor column of `foedus validate history` printed "crisis" for "crisis[fitted]",
"crisis[calibrated]" and "crisis[judgement]", so the three rows could not be told apart)."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console

from foedus.analysis.sections import SectionResult
from foedus.interfaces.cli.render import frame_table, print_section


def _render(renderable_or_section) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    if isinstance(renderable_or_section, SectionResult):
        print_section(console, renderable_or_section)
    else:
        console.print(renderable_or_section)
    return console.file.getvalue()


def test_cells_and_headers_keep_their_brackets():
    frame = pd.DataFrame({"predictor [name]": ["crisis[fitted]", "crisis[calibrated]",
                                               "[bold]x[/bold]"]})
    out = _render(frame_table(frame))
    for text in ("predictor [name]", "crisis[fitted]", "crisis[calibrated]", "[bold]x[/bold]"):
        assert text in out


def test_section_lines_and_notes_keep_their_brackets():
    section = SectionResult("s", "Title", ("interval [0.1, 0.9]",), {},
                            notes=("draws [5-95%]",))
    out = _render(section)
    assert "interval [0.1, 0.9]" in out and "draws [5-95%]" in out
