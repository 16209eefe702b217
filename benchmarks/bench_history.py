"""History corpora and cases benchmark (on demand: python benchmarks/bench_history.py [SAMPLE]).

Builds every corpus of ``foedus.history`` from the package data with all caches off (the
vectorised builders), then the same rules as plain per-unit loops over pandas tables (the
baseline: one dispute, alliance or year at a time, the way a first script would do it) on a
random sample of SAMPLE units (default 10), extrapolated to the corpus; prints seconds and the
ratio baseline / vectorised. Then builds every dispute case and every alliance case with the
bulk builders, beside the scenario path (a scenario file with the same states and date,
``load_scenario_text`` + ``build_case``) on a sample, per case.

Target (issue 9): all corpora under 60 s on this machine.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

import numpy as np
import pandas as pd

from foedus.data import load
from foedus.history import cache, formation, panels
from foedus.history.cases import alliance_cases, dispute_cases
from foedus.history.intervention import build as build_intervention
from foedus.history.outcome import build as build_outcome

SAMPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 10


CPU = {"seconds": 0.0}


def _clock(function):
    """Wall seconds of ``function()`` (its CPU seconds go to ``CPU``: on a shared machine the
    wall time also counts the other processes)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = function()
    CPU["seconds"] = time.process_time() - cpu
    return time.perf_counter() - start, value


# ----------------------------------------------------------------------------- baselines
def _day(y, m, d) -> int:
    return int(y) * 10000 + int(m) * 100 + int(d)


def _loop_members(day: int, states: pd.DataFrame) -> list[int]:
    out = []
    for r in states.itertuples():
        start = _day(r.styear, r.stmonth, r.stday)
        end = 99991231 if r.endyear >= 2016 else _day(r.endyear, r.endmonth, r.endday)
        if start <= day <= end:
            out.append(int(r.ccode))
    return out


def _loop_contiguous(a: int, b: int, day: int, cont: pd.DataFrame) -> bool:
    rows = cont[(cont.ccode1 == a) & (cont.ccode2 == b)]
    for r in rows.itertuples():
        start = int(r.stdate[:4]) * 10000 + int(r.stdate[5:7]) * 100 + 1
        end = int(r.enddate[:4]) * 10000 + int(r.enddate[5:7]) * 100 + 31
        if start <= day <= end and 1 <= r.conttype <= 5:
            return True
    return False


def _narrow_members() -> pd.DataFrame:
    rows = panels.atop_member_rows()
    return rows[["atopid", "phase", "member", "entry", "exit"]].copy()


def _loop_allied(a: int, b: int, day: int, members: pd.DataFrame) -> bool:
    rows = members[members.member.isin([a, b])]
    for (_, _), group in rows.groupby(["atopid", "phase"]):
        ra = group[group.member == a]
        rb = group[group.member == b]
        for x in ra.itertuples():
            for y in rb.itertuples():
                start = max(x.entry, y.entry)
                end = min(x.exit, y.exit)
                if start <= day < end:
                    return True
    return False


def _loop_major(a: int, day: int, majors: pd.DataFrame) -> bool:
    for r in majors[majors.ccode == a].itertuples():
        end = 99991231 if r.endyear >= 2016 else _day(r.endyear, r.endmonth, r.endday)
        if _day(r.styear, r.stmonth, r.stday) <= day <= end:
            return True
    return False


def baseline_intervention(dispnums) -> int:
    """Risk set and choices of each dispute, one dispute and one candidate at a time."""
    states, cont, majors = load("cow_states"), load("cow_contiguity"), load("cow_majors")
    members = _narrow_members()
    disputes, dyads = load("cow_mid_disputes"), load("cow_mid_dyadyears")
    rows = 0
    for k in dispnums:
        d = disputes[disputes.dispnum == k].iloc[0]
        day = _day(d.styear, d.stmon, 1)
        part = dyads[dyads.dispnum == k].sort_values("year")
        first = part.drop_duplicates("ccode1")
        orig = {int(r.ccode1): int(r.sidea1) for r in first.itertuples() if r.orig1 == 1}
        joiners = {int(r.ccode1): int(r.sidea1) for r in first.itertuples() if r.orig1 == 0}
        for state in _loop_members(day, states):
            if state in orig:
                continue
            relevant = _loop_major(state, day, majors) or any(
                _loop_contiguous(state, o, day, cont) or _loop_allied(state, o, day, members)
                for o in orig)
            if relevant:
                rows += 1
                _ = joiners.get(state)
    return rows


def baseline_alliances(atopids) -> int:
    states, cont, majors = load("cow_states"), load("cow_contiguity"), load("cow_majors")
    members = _narrow_members()
    dist = load("cshapes_mindist")
    rows = 0
    for k in atopids:
        group = members[members.atopid == k]
        day = int(group.entry.min())
        founders = group.loc[group.entry == day, "member"].unique().tolist()
        for state in _loop_members(day, states):
            if state in founders:
                continue
            near = any(((dist.ccode1 == min(state, f)) & (dist.ccode2 == max(state, f))
                        & (dist.year_start <= day // 10000) & (dist.year_end >= day // 10000)
                        & (dist.mindist_km <= 950)).any() for f in founders)
            if near or _loop_major(state, day, majors) or any(
                    _loop_contiguous(state, f, day, cont)
                    or _loop_allied(state, f, day - 1, members) for f in founders):
                rows += 1
    return rows


def baseline_dyad_years(years) -> int:
    states, cont, majors = load("cow_states"), load("cow_contiguity"), load("cow_majors")
    ddyr = load("atop_ddyr")
    rows = 0
    for year in years:
        alive = states[(states.styear <= year) & (states.endyear >= year)].ccode.unique()
        big = majors[(majors.styear <= year) & (majors.endyear >= year)].ccode.unique()
        near = cont[(cont.stdate.str[:4].astype(int) <= year)
                    & (cont.enddate.str[:4].astype(int) >= year)]
        pairs = {(min(a, b), max(a, b)) for a, b in zip(near.ccode1, near.ccode2, strict=True)}
        pairs |= {(min(a, b), max(a, b)) for a in big for b in alive if a != b}
        now = ddyr[(ddyr.year == year) & (ddyr.atop_defense == 1)]
        before = ddyr[(ddyr.year == year - 1) & (ddyr.atop_defense == 1)]
        now = {(min(a, b), max(a, b)) for a, b in zip(now.ccode1, now.ccode2, strict=True)}
        before = {(min(a, b), max(a, b)) for a, b in zip(before.ccode1, before.ccode2,
                                                          strict=True)}
        for pair in pairs:
            if pair[0] in alive and pair[1] in alive:
                rows += 1
                _ = pair in now and pair not in before
    return rows


def baseline_outcome(dispnums) -> int:
    dyads = load("cow_mid_dyadyears")
    nmc = load("cow_nmc")
    disputes = load("cow_mid_disputes")
    for k in dispnums:
        year = int(disputes.loc[disputes.dispnum == k, "styear"].iloc[0])
        part = dyads[dyads.dispnum == k].drop_duplicates("ccode1")
        for side in (0, 1):
            for c in part.loc[(part.sidea1 == side) & (part.orig1 == 1), "ccode1"]:
                _ = nmc[(nmc.ccode == c) & (nmc.year == year)]["cinc"].sum()
    return len(dispnums)


def _scenario_case(case):
    from foedus.scenarios import build_case
    from foedus.scenarios.loader import load_scenario_text

    codes = [c for c in case.world.iso3s if not c.startswith("COW")]
    lines = ["id: bench", "title: bench", f"date: {case.world.date.isoformat()}", "states:"]
    lines += [f"  - {{iso3: {c}}}" for c in codes]
    return build_case(load_scenario_text("\n".join(lines) + "\n"))


def _row(label: str, rows: int, seconds: float, cpu: float, base: float) -> None:
    print(f"{label:<24}{rows:>9}{seconds:>14.1f}{cpu:>8.1f}{base:>12.1f}{base / seconds:>8.1f}")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)   # progress as it runs
    rng = np.random.default_rng(0)
    cache.clear()
    panels.atop_member_rows()   # load the data once (shared by both sides)
    print(f"history corpora (caches off), baseline on {SAMPLE} random units, extrapolated")
    print(f"{'corpus':<24}{'rows':>9}{'vectorised s':>14}{'cpu s':>8}{'baseline s':>12}"
          f"{'ratio':>8}")
    total = total_cpu = 0.0
    disputes = load("cow_mid_disputes")["dispnum"].to_numpy()
    sample = rng.choice(disputes, SAMPLE, replace=False)

    seconds, (table, _) = _clock(build_intervention)
    cpu = CPU["seconds"]
    base, _ = _clock(lambda: baseline_intervention(sample))
    base *= len(disputes) / SAMPLE
    total += seconds
    total_cpu += cpu
    _row("intervention", len(table), seconds, cpu, base)

    seconds, table = _clock(build_outcome)
    cpu = CPU["seconds"]
    base, _ = _clock(lambda: baseline_outcome(sample))
    base *= len(disputes) / SAMPLE
    total += seconds
    total_cpu += cpu
    _row("outcome", len(table), seconds, cpu, base)

    seconds, table = _clock(formation.build_alliances)
    cpu = CPU["seconds"]
    ids = table["atopid"].unique()
    chosen = rng.choice(ids, min(SAMPLE, len(ids)), replace=False)
    base, _ = _clock(lambda: baseline_alliances(chosen))
    base *= len(ids) / len(chosen)
    total += seconds
    total_cpu += cpu
    _row("formation (a)", len(table), seconds, cpu, base)

    seconds, table = _clock(formation.build_dyad_years)
    cpu = CPU["seconds"]
    years = rng.choice(np.arange(1816, 2017), min(SAMPLE, 201), replace=False)
    base, _ = _clock(lambda: baseline_dyad_years(years))
    base *= 201 / len(years)
    total += seconds
    total_cpu += cpu
    _row("formation (b)", len(table), seconds, cpu, base)
    print(f"{'all corpora':<24}{'':>9}{total:>14.1f}{total_cpu:>8.1f}   (target < 60 s)")

    print("\nhistorical cases (bulk builders) vs the scenario path per case")
    print(f"{'cases':<24}{'n':>9}{'bulk s':>14}{'cpu s':>8}{'per case ms':>12}"
          f"{'scenario ms':>12}{'ratio':>8}")
    for label, builder in (("dispute cases", dispute_cases), ("alliance cases", alliance_cases)):
        start, cpu = time.perf_counter(), time.process_time()
        count, kept = 0, []
        for _, case in builder():
            count += 1
            if len(kept) < 10 and rng.random() < 0.05:
                kept.append(case)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        per_case = seconds / count
        scenario, _ = _clock(lambda kept=kept: [_scenario_case(c) for c in kept])
        per_scenario = scenario / max(len(kept), 1)
        print(f"{label:<24}{count:>9}{seconds:>14.1f}{cpu:>8.1f}{per_case * 1e3:>12.1f}"
              f"{per_scenario * 1e3:>12.1f}{per_scenario / per_case:>8.1f}")
    print(f"\n(run {dt.datetime.now():%Y-%m-%d %H:%M}; load average {_load()})")


def _load() -> str:
    try:
        with open("/proc/loadavg") as handle:
            return handle.read().split()[0]
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
