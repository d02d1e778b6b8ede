"""Timing helpers for the benchmarks: medians of repeated runs, peak memory of commands."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
PY = sys.executable
BIN = Path(sys.executable).parent


@dataclass
class Row:
    """One benchmark figure: ours against the reference measured in the same run."""

    name: str
    ours: float
    reference: float
    target: float | None
    unit: str = "s"
    reference_name: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.ours / self.reference if self.reference else float("inf")

    @property
    def holds(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratio"] = round(self.ratio, 3)
        out["holds"] = self.holds
        return out


def median_time(fn: Callable[[], Any], runs: int = 3, warmup: int = 0) -> float:
    """Median wall time of ``fn()`` over ``runs`` runs (after ``warmup`` untimed runs)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "rss_kb": rss, "code": p.returncode,
                  "stderr": p.stderr.decode()[-500:]}))
"""


def run_command(cmd: list[str]) -> dict[str, Any]:
    """Wall time and peak RSS (KiB) of one command, measured in a fresh wrapper process."""
    out = subprocess.run([PY, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise RuntimeError(f"{cmd} failed: {result['stderr']}")
    return result


def median_command(
    cmd: list[str], runs: int = 3, before: Callable[[], Any] | None = None
) -> dict[str, float]:
    """Median seconds and peak RSS of a command over ``runs`` runs."""
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run_command(cmd))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "rss_kb": statistics.median(r["rss_kb"] for r in results),
    }


def bilateral(*args: str) -> list[str]:
    """The command line of ``bilateral ARGS`` from this environment."""
    return [str(BIN / "bilateral"), *args]


def back_to_back(
    ref: list[str], ours: list[str], rounds: int = 2
) -> tuple[list[float], list[float]]:
    """Seconds of ``ref`` and ``ours`` run back to back, ``rounds`` times (the machine is
    shared: a ratio is only taken within a pair)."""
    refs, mine = [], []
    for _ in range(rounds):
        refs.append(run_command(ref)["seconds"])
        mine.append(run_command(ours)["seconds"])
    return refs, mine


def paired_row(
    name: str,
    refs: list[float],
    mine: list[float],
    target: float,
    ref_name: str,
    notes: str = "",
) -> Row:
    """A row from back-to-back pairs: the means, and each pair's ratio in the notes."""
    ratios = ", ".join(f"{m / r:.2f}×" for r, m in zip(refs, mine, strict=True))
    return Row(
        name,
        statistics.mean(mine),
        statistics.mean(refs),
        target,
        reference_name=ref_name,
        notes=f"back-to-back pairs: {ratios}" + (f"; {notes}" if notes else ""),
        extra={"ours": mine, "reference": refs},
    )


@contextmanager
def loaded_store(triples: int = 1_000_000) -> Iterator[tuple[Path, Path]]:
    """The generated graph of ``triples`` loaded by ``bilateral load --store`` into a
    temporary folder: yields ``(store, work folder)``, removed afterwards."""
    from benchmarks.generate import ensure

    nt = ensure(triples, DATA)
    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    try:
        store = work / "store"
        subprocess.run(bilateral("load", "--store", str(store), str(nt)), check=True)
        yield store, work
    finally:
        shutil.rmtree(work, ignore_errors=True)
