"""Same scenario and seed, same bytes: across processes, hash seeds and executors (issue 11).

Python randomises the order of sets and dicts of strings per process (``PYTHONHASHSEED``);
a float sum over such a set changes in its last digits from one process to the next (the
formation model's allied capability did). Two interpreters with different hash seeds, one
running the sections in-process and one in forked workers, must write identical files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _run(out, hash_seed: str, executor: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": "1734220800"}
    proc = subprocess.run([sys.executable, "-m", "foedus.interfaces.cli.main", "run",
                           "--seed", "7", "--executor", executor, "--out", str(out)],
                          env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_identical_bytes_across_hash_seeds_and_executors(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _run(a, "1", "serial")
    _run(b, "4242", "processes")
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert len(names) > 20 and "formation__states.csv" in names
    different = [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]
    assert different == []
    provenance = json.loads((a / "run.json").read_text())["provenance"]
    assert provenance["run_at"] == "2024-12-15T00:00:00+00:00"
    from foedus.scenarios.parameter_sets import DEFAULT_PARAMETER_SET

    assert provenance["parameter_set"] == DEFAULT_PARAMETER_SET
