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
    from importlib.metadata import PackageNotFoundError, version

    def of(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    names = ("rdflib", "networkx", "pyoxigraph", "igraph", "numba")
    return ", ".join(f"{name} {of(name)}" for name in names)


def modules() -> list[str]:
    """Every ``benchmarks/bench_*.py``, by name: adding a file adds a section."""
    return sorted(p.stem for p in (ROOT / "benchmarks").glob("bench_*.py"))


def _measure(name: str) -> list[Row]:
    # each module in a fresh process: a big graph left by one must not slow another
    code = (
        f"import json; from benchmarks.{name} import run; "
        "print(json.dumps([r.to_dict() for r in run()]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(f"{name} failed")
    rows = []
    for d in json.loads(out.stdout.strip().splitlines()[-1]):
        d.pop("ratio")
        d.pop("holds")
        rows.append(Row(**d))
    return rows


def section(name: str, rows: list[Row], seconds: float) -> str:
    """One module's section of RESULTS.md: when, where, the table and the raw figures."""
    import importlib

    doc = (importlib.import_module(f"benchmarks.{name}").__doc__ or "").strip().splitlines()
    lines = [
        f"## {name}",
        "",
        (doc[0] if doc else ""),
        "",
        f"Run by `make bench` on {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} in "
        f"{seconds:.0f} s. Machine: {_machine()}. Libraries: {_versions()}.",
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
    raw = json.dumps([r.to_dict() for r in rows], indent=1)
    lines += ["", "<details><summary>raw figures</summary>", "", "```json", raw, "```", "",
              "</details>", ""]  # fmt: skip
    return "\n".join(lines)


HEADER = """# Benchmark results

Written by `make bench` (`python -m benchmarks.run [bench_name ...]` reruns some
sections and keeps the others). One section per `benchmarks/bench_*.py`. Every ratio is
ours ÷ the reference measured in the same run, on the same machine; the targets are those
of the scale issue. The machine is shared with other work: the sections that say so
measure ours and the reference back to back, twice, and give both ratios.
"""


def _sections(text: str) -> tuple[dict[str, str], str]:
    """The sections of RESULTS.md (``## bench_*`` and any others) and its History."""
    body, _, history = text.partition("\n## History")
    found: dict[str, str] = {}
    for chunk in ("\n" + body).split("\n## ")[1:]:
        title = chunk.split("\n", 1)[0].strip()
        found[title] = "## " + chunk.rstrip() + "\n"
    return found, history


def _order(title: str) -> tuple[bool, str]:
    return not title.startswith("bench_"), title  # the modules first, then older notes


def main(argv: list[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or modules()
    unknown = set(names) - set(modules())
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(sorted(unknown))}")
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    sections, history = _sections(old)
    missed = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        t = time.time()
        rows = _measure(name)
        sections[name] = section(name, rows, time.time() - t)
        missed += [r.name for r in rows if r.holds is False]
        print(f"  done in {time.time() - t:.0f} s", file=sys.stderr, flush=True)
        text = HEADER + "\n" + "\n".join(sections[k] for k in sorted(sections, key=_order))
        text += "\n## History" + (
            history or "\n\n(Profiling notes and before/after figures are kept here by hand.)\n"
        )
        RESULTS.write_text(text, encoding="utf-8")  # after every module: a crash keeps them
    print(f"wrote {RESULTS}; targets missed: {missed or 'none'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
