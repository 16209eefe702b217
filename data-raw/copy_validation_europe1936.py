"""Copy the Europe 1936 (Axelrod & Bennett 1993) validation table into tests/data/validation/.

Run from the repository root: ``python data-raw/copy_validation_europe1936.py``. Reads
``../shared/data/validation/europe1936_axelrod_bennett/`` (relative to the repository) and
writes byte-for-byte copies plus a PROVENANCE.md with SHA-256 prefixes. Runtime and tests
never read ../shared.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

FILES = ("europe1936_alignment.csv", "README.md")


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    source = root.parent / "shared" / "data" / "validation" / "europe1936_axelrod_bennett"
    target = root / "tests" / "data" / "validation" / "europe1936_axelrod_bennett"
    target.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in FILES:
        shutil.copyfile(source / name, target / name)
        digest = hashlib.sha256((target / name).read_bytes()).hexdigest()[:16]
        rows.append(f"| `{name}` | `shared/data/validation/europe1936_axelrod_bennett/{name}` "
                    f"| {digest} |")
    (target / "PROVENANCE.md").write_text("\n".join([
        "# Europe 1936 - Axelrod & Bennett (1993)", "",
        "Byte-for-byte copies made by `data-raw/copy_validation_europe1936.py`.", "",
        "| file | original | SHA-256 (first 16) |", "|---|---|---|", *rows, "",
        ("Source: Axelrod, R. and Bennett, D. S. (1993). A landscape theory of aggregation. "
        "British Journal of Political Science 23(2), 211-233. The two partitions (predicted "
        "1936, actual Second World War sides) are as the paper reports them, transcribed via "
        "secondary sources (see README.md; confidence medium). The labels Allies/Axis are the "
        "curators'. Only `actual_side_ww2` is used by the tests (the count of nations on "
        "their Second World War side); the paper's own inputs are not available."), ""]))
    print(f"copied {len(FILES)} files to {target}")


if __name__ == "__main__":
    main()
