"""Rebuilding the package data from ../shared/data gives byte-identical files (slow)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="original data (../shared/data) not available")
def test_rebuild_is_byte_identical(tmp_path):
    script = ROOT / "data-raw" / "build_package_data.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    shipped = resources.files("foedus.data") / "files"
    names = sorted(p.name for p in shipped.iterdir() if p.name.endswith((".csv.gz", ".yaml")))
    assert names == sorted(p.name for p in tmp_path.iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name
