"""Timing helpers for the benchmarks: medians of repeated runs, peak memory of commands."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
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
