"""Copy KTAB's SMP inputs and reference outputs, and the Scholz EC example, into tests/data.

Reads ``../shared/data/peers/ktab`` and ``../shared/data/validation/bdm_ec_scholz2011``
(relative to the repository root; ``--shared DIR`` points elsewhere) and writes
``tests/data/ktab/`` and ``tests/data/validation/bdm_ec_scholz2011/``:

- ``inputs/``: KTAB's example inputs, byte for byte;
- ``reference_lines/<input>.txt``: the lines KTAB's regression script compares
  (``Fractional|prob :``, from ``reference_2017/20170530_ref-<input>.txt.gz``), trailing blanks
  and the ``(target=...)`` suffix removed;
- ``vector_position/<input>.csv.gz``: KTAB's ``VectorPosition`` table of each CSV run
  (``runs_O2_build``; columns Turn_t, Act_i, Dim_k, Pos_Coord; ScenarioId and the ideal/mover
  columns dropped, numbers unchanged);
- ``bargains/``: KTAB's ``Bargn`` tables of the default dummyData_3Dim run and of the first turn
  of the stochastic smpExample run (ScenarioId dropped);
- ``timings.csv``: KTAB's run times on the reference machine.

Run: ``python data-raw/copy_ktab_reference.py``.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "tests" / "data" / "ktab"
INPUTS = ["SOE-Pol-Comp.csv", "SOE-Policy.csv", "SOE-Competitive.csv", "dummyData_3Dim.csv",
          "dummyData_3Dim-no-final-comma.csv", "dummyData_6Dim.csv", "dummyData-a040.csv",
          "dummyData-a080.csv", "dummyData-a160.csv", "dummyData_3Dim.xml", "smpExample.xml",
          "smpExample_v2016-11-29.xml"]
REFERENCES = {"SOE-Pol-Comp": "20170530_ref-SOE-Pol-Comp.txt.gz",
              "dummyData_3Dim": "20170530_ref-dummyData_3Dim.txt.gz",
              "smpExample": "20170530_ref-smpExample.txt.gz"}
RUNS = ["SOE-Pol-Comp", "SOE-Policy", "SOE-Competitive", "dummyData_3Dim", "dummyData_6Dim",
        "dummyData-a040", "dummyData-a080"]


def _shared(arg: str | None) -> Path:
    candidates = [Path(arg)] if arg else [ROOT / ".." / "shared", ROOT / ".." / ".." / "shared"]
    for c in candidates:
        if (c / "data" / "peers" / "ktab").is_dir():
            return c.resolve()
    raise SystemExit("cannot find shared/data/peers/ktab; pass --shared DIR")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder (default ../shared)")
    shared = _shared(parser.parse_args().shared)
    ktab = shared / "data" / "peers" / "ktab"
    for sub in ("inputs", "reference_lines", "vector_position", "bargains"):
        (TARGET / sub).mkdir(parents=True, exist_ok=True)
    for name in INPUTS:
        shutil.copyfile(ktab / "examples_input" / name, TARGET / "inputs" / name)
    pattern = re.compile(r"Fractional|prob :")
    for name, ref in REFERENCES.items():
        with gzip.open(ktab / "reference_2017" / ref, "rt") as f:
            lines = [re.sub(r"\s*\(target=[0-9.]+\)", "", line.rstrip())
                     for line in f if pattern.search(line)]
        (TARGET / "reference_lines" / f"{name}.txt").write_text("\n".join(lines) + "\n")
    for name in RUNS:
        vp = pd.read_csv(ktab / "runs_O2_build" / f"{name}_csv" / "VectorPosition.csv",
                         dtype={"Pos_Coord": str})
        vp[["Turn_t", "Act_i", "Dim_k", "Pos_Coord"]].to_csv(
            TARGET / "vector_position" / f"{name}.csv.gz", index=False)
    for run, out in (("dummyData_3Dim_csv", "dummyData_3Dim.csv"),
                     ("smpExample_v2016_xml", "smpExample_v2016.csv")):
        bargains = pd.read_csv(ktab / "runs_as_shipped_build" / run / "Bargn.csv",
                               dtype=str).drop(columns="ScenarioId")
        if run.startswith("smpExample"):
            bargains = bargains[bargains["Turn_t"] == "0"]
        bargains.to_csv(TARGET / "bargains" / out, index=False)
    shutil.copyfile(ktab / "timings.csv", TARGET / "timings.csv")
    scholz = shared / "data" / "validation" / "bdm_ec_scholz2011"
    out = ROOT / "tests" / "data" / "validation" / "bdm_ec_scholz2011"
    out.mkdir(parents=True, exist_ok=True)
    for name in ("ec_actors.csv", "ec_derived_checks.csv",
                 "scholz2011_mean_position_approx.csv"):
        shutil.copyfile(scholz / name, out / name)
    shutil.copyfile(scholz / "README.md", out / "SOURCE_README.md")
    print(f"wrote {TARGET} and {out}")


if __name__ == "__main__":
    main()
