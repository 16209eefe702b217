"""Copy the validation files of the alignment and balance models into tests/data/validation/.

Run from anywhere: ``python data-raw/copy_validation_alignment.py``. Reads the steering data
in ``../shared/data`` (relative to the repository root), copies the files byte for byte, and
writes a PROVENANCE.md in each case folder (original path, source, citation, SHA-256 of every
file). Tests and runtime code read only the copies.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEST = ROOT / "tests" / "data" / "validation"

CASES = {
    "landscape_syria2016_furnas": {
        "source": "validation/landscape_syria2016_furnas",
        "files": [
            "README.md",
            "actors.csv",
            "propensity_raw_1to5.csv",
            "energies_base.csv",
            "energies_weaksyria.csv",
        ],
        "origin": "GitHub alexanderfurnas/Landscape_Theory (R code and output tables, "
        "'ISIS Calcs (Axelrod with Furnas)', corrected 2016-02-20).",
        "citation": "Axelrod, R. & Furnas, A. (2016), unpublished reference computation of the "
        "landscape model of Axelrod, R. & Bennett, D. S. (1993), British Journal of "
        "Political Science 23(2), 211-233, doi:10.1017/S000712340000965X.",
    },
    "gahuku_gama_tribes": {
        "source": "validation/gahuku_gama_tribes",
        "files": ["README.md", "tribes_edges.csv", "reference_scores.csv"],
        "origin": "R package signnet (GitHub schochastics/signnet, data/tribes.rda, MIT) and "
        "its README (balance scores); frustration index by exhaustive search.",
        "citation": "Read, K. E. (1954), Cultures of the central highlands, New Guinea, "
        "Southwestern Journal of Anthropology 10, 1-43; "
        "Hage, P. & Harary, F. (1983), Structural Models in Anthropology, pp. 56-60.",
    },
    "prewwi_balance_antal2006": {
        "source": "validation/prewwi_balance_antal2006",
        "files": [
            "README.md",
            "prewwi_1907_blocs.csv",
            "prewwi_edges_transcribed.csv",
            "prewwi_events.csv",
        ],
        "origin": "Figure of Antal, Krapivsky & Redner (2006), partly transcribed (see README).",
        "citation": "Antal, T., Krapivsky, P. L. & Redner, S. (2006), Social balance on networks: "
        "the dynamics of friendship and enmity, Physica D 224, 130-136, "
        "doi:10.1016/j.physd.2006.09.028.",
    },
    "cow_doreian_mrvar": {
        "source": "signed-networks/cow-doreian-mrvar",
        "files": ["README.md"] + [f"cow_{y}-{y + 3}.csv" for y in range(1946, 1997)],
        "origin": "R package signnet (GitHub schochastics/signnet, data/cowList.rda, MIT); "
        "frustration indices in README computed by the research step (HiGHS MILP, "
        "cross-checked with CBC, CP-SAT and annealing).",
        "citation": "Doreian, P. & Mrvar, A. (2015), Structural balance and signed international "
        "relations, Journal of Social Structure 16(2).",
    },
}


def main() -> None:
    for case, spec in CASES.items():
        src_dir = SHARED / spec["source"]
        dst_dir = DEST / case
        dst_dir.mkdir(parents=True, exist_ok=True)
        lines = [
            f"# Provenance: {case}",
            "",
            f"- Original path: `shared/data/{spec['source']}/` (steering repository data).",
            f"- Source: {spec['origin']}",
            f"- Citation: {spec['citation']}",
            (
                "- Copied byte for byte by `data-raw/copy_validation_alignment.py`; `README.md` is "
                "the original folder's description (conventions, confidence, how to test)."
            ),
            "",
            "| file | sha256 |",
            "|---|---|",
        ]
        for name in spec["files"]:
            shutil.copyfile(src_dir / name, dst_dir / name)
            digest = hashlib.sha256((dst_dir / name).read_bytes()).hexdigest()
            lines.append(f"| {name} | {digest[:16]} |")
        (dst_dir / "PROVENANCE.md").write_text("\n".join(lines) + "\n")
        print(f"{case}: {len(spec['files'])} files")


if __name__ == "__main__":
    main()
