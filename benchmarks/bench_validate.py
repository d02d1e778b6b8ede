"""Validation and stats on the 1M-triple store, as whole processes, against loading it.

``bilateral load --store``, then ``bilateral validate --store`` and ``bilateral stats
--store`` on the generated million triples (which validate clean: every quote is in its
generated source text). The machine may be shared with other work, so the three commands
run back to back and the ratio is taken within each round; two rounds.

    python -m benchmarks.bench_validate   # prints the rows as JSON
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import BIN, DATA, Row, run_command
from benchmarks.generate import ensure

#: ``validate --store`` may take this many times the load (scale issue)
VALIDATE_TARGET = 6.0


def rounds(nt: Path, work: Path, n: int = 2) -> list[dict[str, float]]:
    """``n`` rounds of load, validate, stats on a fresh store; seconds of each."""
    out = []
    bilateral = str(BIN / "bilateral")
    for _ in range(n):
        store = work / "store"
        shutil.rmtree(store, ignore_errors=True)
        load = run_command([bilateral, "load", "--store", str(store), str(nt)])
        validate = run_command([bilateral, "validate", "--store", str(store)])
        stats = run_command([bilateral, "stats", "--store", str(store), "--format", "json"])
        out.append(
            {
                "load": load["seconds"],
                "validate": validate["seconds"],
                "stats": stats["seconds"],
                "validate_rss_mib": validate["rss_kb"] / 1024,
            }
        )
    return out


def run(triples: int = 1_000_000, n: int = 2) -> list[Row]:
    nt = ensure(triples, DATA)
    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-validate-"))
    try:
        measured = rounds(nt, work, n)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = []
    for i, r in enumerate(measured, start=1):
        rows.append(
            Row(
                f"validate --store, 1M triples (round {i})",
                r["validate"],
                r["load"],
                VALIDATE_TARGET,
                reference_name="bilateral load --store of the same file, same round",
                notes=f"whole processes, back to back; peak memory {r['validate_rss_mib']:.0f} MiB",
            )
        )
        rows.append(
            Row(
                f"stats --store, 1M triples (round {i})",
                r["stats"],
                r["load"],
                None,
                reference_name="bilateral load --store of the same file, same round",
                notes="aggregate queries on the store; no target (was 22 s before)",
            )
        )
    return rows


if __name__ == "__main__":
    print(json.dumps([r.to_dict() for r in run()], indent=1))
    sys.exit(0)
