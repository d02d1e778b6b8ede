"""Run every benchmark and write benchmarks/RESULTS.md (``make bench``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import (
    bench_centrality,
    bench_render,
    bench_startup,
    bench_store,
    bench_validate,  # validate and stats on the store (issue 13)
)
from benchmarks.common import ROOT, Row

RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    py = platform.python_version()
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {py}, {platform.system()}"


def _versions() -> str:
    import igraph
    import networkx
    import pyoxigraph
    import rdflib

    return (
        f"rdflib {rdflib.__version__}, networkx {networkx.__version__}, "
        f"pyoxigraph {pyoxigraph.__version__}, igraph {igraph.__version__}"
    )


def main() -> int:
    started = time.time()
    rows: list[Row] = []
    for module in (bench_startup, bench_render, bench_centrality, bench_store, bench_validate):
        # each module in a fresh process: a big graph left by one must not slow another
        print(f"running {module.__name__} ...", file=sys.stderr, flush=True)
        t = time.time()
        code = (
            f"import json; from {module.__name__} import run; "
            "print(json.dumps([r.to_dict() for r in run()]))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            raise SystemExit(f"{module.__name__} failed")
        for d in json.loads(out.stdout.strip().splitlines()[-1]):
            d.pop("ratio")
            d.pop("holds")
            rows.append(Row(**d))
        print(f"  done in {time.time() - t:.0f} s", file=sys.stderr, flush=True)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} "
        f"in {time.time() - started:.0f} s.",
        f"Machine: {_machine()}.",
        f"Libraries: {_versions()}.",
        "",
        "Every figure is the median of at least 3 runs; the ratio is ours ÷ the reference "
        "measured in the same run. Targets from the scale issue.",
        "",
        "| benchmark | ours | reference | ratio | target | holds | reference is | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        holds = "—" if r.holds is None else ("yes" if r.holds else "**no**")
        target = "—" if r.target is None else f"≤ {r.target:g}×"
        lines.append(
            f"| {r.name} | {r.ours:.3f} {r.unit} | {r.reference:.3f} {r.unit} | {r.ratio:.2f}× | "
            f"{target} | {holds} | {r.reference_name} | {r.notes} |"
        )
    lines += [
        "",
        "Raw figures:",
        "",
        "```json",
        json.dumps([r.to_dict() for r in rows], indent=1),
        "```",
        "",
    ]
    history = RESULTS.read_text(encoding="utf-8").split("## History", 1) if RESULTS.exists() else []
    lines.append(
        "## History"
        + (
            history[1]
            if len(history) > 1
            else "\n\n(Profiling notes and before/after figures of fixes are kept here by hand.)\n"
        )
    )
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    failed = [r.name for r in rows if r.holds is False]
    print(f"wrote {RESULTS}; targets missed: {failed or 'none'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
