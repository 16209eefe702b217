"""Each bad input is answered within 2 s of CPU and 500 MB (issue 11), in a fresh process
under a CPU-time limit (slow: one interpreter per case). ``benchmarks/bench_bad_input.py``
measures every case of the catalogue with wall times and ratios to a baseline."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bad_inputs import BASE, MALFORMED

pytestmark = pytest.mark.slow

HARD = ["billion-laughs", "billion-laughs-in-scenario", "recursive-alias", "too-many-aliases",
        "deep-nesting-20000", "deep-nesting-100", "duplicate-top-key", "param-beta-inf",
        "place-three-cycle", "atop-id-unknown", "prefer-missing-data-set", "date-year-one"]


# the child limits its own CPU time (a hang is killed, not waited for), then runs the CLI
LIMITED = ("import resource, runpy; resource.setrlimit(resource.RLIMIT_CPU, (10, 10)); "
           "runpy.run_module('foedus.interfaces.cli.main', run_name='__main__')")


def _answer(args: list[str]) -> tuple[float, float, int, str]:
    proc = subprocess.Popen([sys.executable, "-c", LIMITED, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, stderr


@pytest.mark.parametrize("ident", HARD)
def test_bad_file_answered_within_2_s_and_500_mb(tmp_path, ident):
    mutate = next(m for i, _, m, _ in MALFORMED if i == ident)
    path = tmp_path / "bad.yaml"
    path.write_text(mutate(BASE), encoding="utf-8")
    cpu, mb, code, stderr = _answer(["run", str(path), "--out", str(tmp_path / "out")])
    assert code == 2, stderr
    assert cpu < 2.0 and mb < 500, (cpu, mb)


@pytest.mark.parametrize("args", [["run", "/dev/zero"], ["scenario", "validate", "/dev/urandom"],
                                  ["crisis", "--draws", "10000000000"]])
def test_bad_command_answered_within_2_s_and_500_mb(args):
    cpu, mb, code, stderr = _answer(args)
    assert code == 2, stderr
    assert cpu < 2.0 and mb < 500, (cpu, mb)


def test_huge_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(6_000_000_000)  # sparse: 6 GB that cost nothing to create
    cpu, mb, code, stderr = _answer(["scenario", "validate", str(path)])
    assert code == 2 and "at most" in stderr
    assert cpu < 2.0 and mb < 500, (cpu, mb)
