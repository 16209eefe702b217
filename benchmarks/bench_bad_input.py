"""How fast and how small each answer to bad input is (issue 11: under 2 s and 500 MB).

    python benchmarks/bench_bad_input.py [--quick]

Every malformed scenario file and every bad command line of the test catalogue
(``tests/scenarios/bad_inputs.py``) is run as a user runs it: a fresh ``python -m
foedus.interfaces.cli.main`` process, measured from start to exit (wall time), with its CPU
time and peak resident memory (``os.wait4``; CPU time is what a loaded machine does not
inflate). The baseline, measured in the same run, is the cheapest
useful command (``foedus scenario list``: interpreter start and CLI import); each answer is
printed as a ratio to it. The process is killed after 30 s (a hang) and the exit status and
the ``error:`` line are checked as in the tests. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "scenarios"))

from bad_inputs import BAD_COMMANDS, BASE, MALFORMED

LIMIT_S, LIMIT_MB = 2.0, 500.0


def measure(args: list[str], timeout: float = 30.0) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MB, exit status and stderr of one fresh CLI
    process (CPU time is what a loaded machine does not inflate)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "foedus.interfaces.cli.main", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.send_signal(signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            return timeout, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, -9, "hang"
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, stderr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="every fifth case only")
    options = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "file.txt").write_text("x")
    (tmp / "dir").mkdir()
    (tmp / "bad.yaml").write_text("id: [\n")
    (tmp / "params.yaml").write_text("parameters:\n  nope: 1\n")
    places = {"{file}": tmp / "file.txt", "{dir}": tmp / "dir", "{bad}": tmp / "bad.yaml",
              "{params}": tmp / "params.yaml"}
    cases: list[tuple[str, list[str]]] = []
    for ident, _, mutate, expect in MALFORMED:
        if expect[0] == "error":
            path = tmp / f"{ident}.yaml"
            path.write_text(mutate(BASE), encoding="utf-8")
            cases.append((f"file {ident}", ["scenario", "validate", str(path)]))
            cases.append((f"run {ident}", ["run", str(path), "--out", str(tmp / "out")]))
    for ident, args, _ in BAD_COMMANDS:
        argv = []
        for arg in args:
            for key, value in places.items():
                arg = arg.replace(key, str(value))
            argv.append(arg)
        cases.append((f"cli {ident}", argv))
    if options.quick:
        cases = cases[::5]
    base = [measure(["scenario", "list"]) for _ in range(3)]
    base_s = statistics.median(b[0] for b in base)
    base_cpu = statistics.median(b[1] for b in base)
    base_mb = statistics.median(b[2] for b in base)
    print(f"baseline `foedus scenario list`: {base_s:.2f} s wall, {base_cpu:.2f} s CPU, "
          f"{base_mb:.0f} MB")
    rows = []
    for name, args in cases:
        seconds, cpu, mb, code, stderr = measure(args)
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        ok = code == 2 and len(errors) == 1 and "Traceback" not in stderr
        rows.append((name, seconds, mb, ok, cpu))
    times = [r[1] for r in rows]
    cpus = [r[4] for r in rows]
    worst = sorted(rows, key=lambda r: -r[4])[:5]
    print(f"{len(rows)} bad inputs ({sum(1 for r in rows if r[0].startswith('file'))} files "
          f"validated, {sum(1 for r in rows if r[0].startswith('run'))} runs, "
          f"{sum(1 for r in rows if r[0].startswith('cli'))} command lines)")
    print(f"time: median {statistics.median(times):.2f} s ({statistics.median(times) / base_s:.2f}"
          f" x baseline), max {max(times):.2f} s ({max(times) / base_s:.2f} x baseline); "
          f"over {LIMIT_S} s: {sum(t > LIMIT_S for t in times)}")
    print(f"CPU: median {statistics.median(cpus):.2f} s ({statistics.median(cpus) / base_cpu:.2f}"
          f" x baseline), max {max(cpus):.2f} s ({max(cpus) / base_cpu:.2f} x baseline); "
          f"over {LIMIT_S} s: {sum(t > LIMIT_S for t in cpus)}")
    print(f"peak memory: max {max(r[2] for r in rows):.0f} MB "
          f"({max(r[2] for r in rows) / base_mb:.2f} x baseline); over {LIMIT_MB:.0f} MB: "
          f"{sum(r[2] > LIMIT_MB for r in rows)}")
    print(f"answered with one error line and status 2: {sum(r[3] for r in rows)} of {len(rows)}")
    print("most CPU: " + "; ".join(f"{n} {c:.2f} s CPU ({s:.2f} s wall) {m:.0f} MB"
                                   for n, s, m, _, c in worst))
    bad = [r[0] for r in rows if not r[3]]
    if bad:
        print("NOT answered as expected: " + ", ".join(bad))


if __name__ == "__main__":
    main()
