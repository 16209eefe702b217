"""Copy the alliance-reliability validation table into tests/data for the crisis model.

Reads ../shared/data/validation/alliance_reliability/{reliability_rates.csv,README.md}
(relative to the repository root) and writes them unchanged under
tests/data/validation/alliance_reliability/, so that tests and docs never read ../shared.

Run from anywhere: ``python data-raw/copy_validation_crisis.py``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / ".." / "shared" / "data" / "validation" / "alliance_reliability"
TARGET = ROOT / "tests" / "data" / "validation" / "alliance_reliability"
FILES = {"reliability_rates.csv": "reliability_rates.csv", "README.md": "SOURCE_README.md"}


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(SOURCE / source, TARGET / target)
        digest = hashlib.sha256((TARGET / target).read_bytes()).hexdigest()
        print(f"copied {source} -> {TARGET / target} (sha256 {digest})")


if __name__ == "__main__":
    main()
