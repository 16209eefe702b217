"""Copy the Indo-Pacific fact base into the flagship scenario's package data.

Reads ../shared/data/indo-pacific/{arrangements,article-claims}.csv (relative to the repo
root) and writes them unchanged next to the flagship scenario, so that tests can check the
scenario against the fact base without reading ../shared at run time.

Run from anywhere: ``python data-raw/copy_factbase.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / ".." / "shared" / "data" / "indo-pacific"
TARGET = ROOT / "src" / "foedus" / "scenarios" / "library"

FILES = {
    "arrangements.csv": "asian-nato-2024.factbase.csv",
    "article-claims.csv": "asian-nato-2024.claims.csv",
}


def main() -> None:
    for source, target in FILES.items():
        shutil.copyfile(SOURCE / source, TARGET / target)
        print(f"copied {source} -> {TARGET / target}")


if __name__ == "__main__":
    main()
