"""``dependence --endpoint --graph`` on a store larger than one machine needs to hold
(issue 28, item 6): generated graphs of 1M and 10M triples (unrelated dyads, plus the
bundled data with its Belarus–Russia dyad) bulk-loaded into a throwaway Virtuoso (Debian's
``virtuoso-opensource``, on free loopback ports in a temporary folder), then

- ours: ``bilateral dependence belarus russia --endpoint … --graph …`` (a fresh process:
  its wall time and peak RSS);
- reference: the same SELECTs (recorded from ``read_dyad``) sent directly with
  SPARQLWrapper from a fresh process, results parsed as JSON and nothing else.

Target: ours within 1.5× the reference and under a minute; the peak RSS of ours the same
at 1M and 10M (nothing read grows with the store).

    python -m benchmarks.bench_remote_scale --sizes 1000000 10000000
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import PY, Row, back_to_back, bilateral, run_command

INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DYAD = ("belarus", "russia")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ini(folder: Path, sql: int, http: int, allowed: Path) -> str:
    """Debian's virtuoso.ini with its files in ``folder``, its ports ``sql`` and
    ``http`` on loopback, ``allowed`` readable by the bulk loader and 2.7 GB of buffers."""
    text = INI.read_text().replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    out, section = [], ""
    for line in text.splitlines():
        head = re.match(r"\[(\w[\w ]*)\]", line)
        section = head.group(1) if head else section
        key = line.split("=")[0].strip()
        if section == "Parameters" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{sql}"
        elif section == "HTTPServer" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{http}"
        elif key == "DirsAllowed":
            line = f"{line.rstrip()}, {allowed}"
        elif key == "NumberOfBuffers":
            line = "NumberOfBuffers = 340000"
        elif key == "MaxDirtyBuffers":
            line = "MaxDirtyBuffers = 250000"
        out.append(line)
    return "\n".join(out) + "\n"


def isql(port: int, *statements: str, timeout: float = 3600) -> str:
    """Run SQL statements through ``isql-vt`` as dba (a fresh database's password)."""
    script = "".join(s.rstrip(";") + ";\n" for s in statements)
    done = subprocess.run(
        ["isql-vt", f"127.0.0.1:{port}", "dba", "dba"],
        input=script,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0 or "*** Error" in done.stdout:
        raise RuntimeError(f"isql failed: {done.stdout[-800:]} {done.stderr[-400:]}")
    return done.stdout


@contextmanager
def virtuoso(allowed: Path) -> Iterator[tuple[str, int]]:
    """A throwaway Virtuoso: yields (SPARQL endpoint URL, SQL port)."""
    if shutil.which("virtuoso-t") is None:
        raise SystemExit("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    with tempfile.TemporaryDirectory(prefix="bilateral-virtuoso-") as tmp:
        folder = Path(tmp)
        sql, http = _port(), _port()
        (folder / "virtuoso.ini").write_text(_ini(folder, sql, http, allowed))
        proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    isql(sql, "status()", timeout=10)
                    break
                except (RuntimeError, subprocess.TimeoutExpired):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("Virtuoso did not start within 60 s") from None
                    time.sleep(0.5)
            yield f"http://127.0.0.1:{http}/sparql", sql
        finally:
            proc.terminate()
            proc.wait(60)


def bulk_load(sql: int, folder: Path, graph: str) -> float:
    """Load every .nt file of ``folder`` into ``graph`` with Virtuoso's bulk loader."""
    started = time.perf_counter()
    isql(
        sql,
        "DELETE FROM DB.DBA.load_list",
        f"ld_dir('{folder}', '*.nt', '{graph}')",
        "rdf_loader_run()",
        "checkpoint",
    )
    return time.perf_counter() - started


_REPLAY = """
import json, sys
from SPARQLWrapper import JSON, POST, SPARQLWrapper
endpoint, graph, path = sys.argv[1:4]
rows = 0
for query in json.load(open(path)):
    w = SPARQLWrapper(endpoint)
    w.setMethod(POST)
    w.addDefaultGraph(graph)
    w.setQuery(query)
    w.setReturnFormat(JSON)
    rows += len(w.queryAndConvert()["results"]["bindings"])
print(rows)
"""


def _replay(endpoint: str, graph: str, queries: list[str]) -> int:
    """Send ``queries`` with SPARQLWrapper as they were sent; the number of rows."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    rows = 0
    for query in queries:
        w = SPARQLWrapper(endpoint)
        w.setMethod(POST)
        w.addDefaultGraph(graph)
        w.setQuery(query)
        w.setReturnFormat(JSON)
        rows += len(w.queryAndConvert()["results"]["bindings"])  # type: ignore[index]
    return rows


def in_process(endpoint: str, graph: str, rounds: int) -> tuple[list[str], dict[str, Any]]:
    """The SELECTs ``dependence`` sends (read_dyad's and the words'), what they read,
    whether the numbers are the local ones, and the reading timed against SPARQLWrapper
    sending the same SELECTs, both in this (warm) process, back to back."""
    import bilateral as lib
    from bilateral.graph.remote import Pages, Timeouts, read_dyad

    def read() -> tuple[Pages, Any]:
        pages = Pages(endpoint, graph, Timeouts(timeout=120))
        snap = read_dyad(endpoint, *DYAD, graph=graph, pages=pages)
        return pages, lib.dependence(snap, *DYAD)  # reads the evidence's words too

    pages, result = read()
    same = result.to_dict() == lib.dependence(None, *DYAD).to_dict()
    ours, ref = [], []
    for _ in range(rounds):  # the reading alone, without the draws of the measure
        started = time.perf_counter()
        again = Pages(endpoint, graph, Timeouts(timeout=120))
        read_dyad(endpoint, *DYAD, graph=graph, pages=again)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        _replay(endpoint, graph, again.sent)
        ref.append(time.perf_counter() - started)
    counts = {
        "requests": pages.requests,
        "rows": pages.rows_read,
        "bytes": pages.bytes_read,
        "same_numbers_as_local": same,
        "read_dyad_s": [round(x, 3) for x in ours],
        "same_selects_sparqlwrapper_s": [round(x, 3) for x in ref],
        "read_ratio": round(min(ours) / min(ref), 2),
    }
    return pages.sent, counts


def measure(endpoint: str, graph: str, work: Path, rounds: int) -> dict[str, Any]:
    queries, counts = in_process(endpoint, graph, rounds)
    path = work / "queries.json"
    path.write_text(json.dumps(queries))
    ref = [PY, "-c", _REPLAY, endpoint, graph, str(path)]
    ours = bilateral("dependence", *DYAD, "--endpoint", endpoint, "--graph", graph)
    refs, mine = back_to_back(ref, ours, rounds)
    rss = run_command(ours)["rss_kb"]
    return {
        **counts,
        "command_s": [round(x, 3) for x in mine],
        "replay_command_s": [round(x, 3) for x in refs],
        "command_ratio": round(min(mine) / min(refs), 2),
        "peak_rss_mb": round(rss / 1024, 1),
    }


def results(sizes: list[int], rounds: int, work: Path) -> list[dict[str, Any]]:
    """Per size: generate, bulk-load into one throwaway Virtuoso, measure (``measure``)."""
    from benchmarks.generate import write
    from bilateral.graph.source.load import load

    work.mkdir(parents=True, exist_ok=True)
    bundled = work / "bundled.nt"
    if not bundled.exists():
        from rdflib import Graph

        flat = Graph()
        for triple in load().triples((None, None, None)):  # the ontology too, as pushed
            flat.add(triple)
        flat.serialize(bundled, format="nt", encoding="utf-8")
    out = []
    with virtuoso(work) as (endpoint, sql):
        for size in sizes:
            folder = work / f"load-{size}"
            folder.mkdir(exist_ok=True)
            data = folder / "generated.nt"
            if not data.exists():
                with data.open("w") as fh:
                    write(fh, size, seed=size)
            shutil.copy(bundled, folder / "bundled.nt")
            graph = f"urn:x:bench:{size}"
            loaded = bulk_load(sql, folder, graph)
            count = isql(sql, f"SPARQL SELECT COUNT(*) FROM <{graph}> WHERE {{ ?s ?p ?o }}")
            triples = int(re.findall(r"^\s*(\d+)\s*$", count, re.M)[-1])
            row = {"size": size, "graph_triples": triples, "load_s": round(loaded, 1)}
            row.update(measure(endpoint, graph, work, rounds))
            print(json.dumps(row), file=sys.stderr, flush=True)
            out.append(row)
    return out


def run() -> list[Row]:
    """``make bench``'s rows: per size (``BILATERAL_SCALE_SIZES``, default 1M and 10M),
    the reading against the same SELECTs by SPARQLWrapper (target 1.5×) and the whole
    command against a SPARQLWrapper replay as a command; none without Virtuoso."""
    import os

    if shutil.which("virtuoso-t") is None or not INI.exists():
        print("bench_remote_scale: no Virtuoso (make virtuoso): skipped", file=sys.stderr)
        return []
    sizes = [int(x) for x in os.environ.get("BILATERAL_SCALE_SIZES", "1000000,10000000").split(",")]
    rows = []
    for r in results(sizes, 3, Path(tempfile.mkdtemp(prefix="bilateral-scale-"))):
        n = f"{r['size'] // 1_000_000}M" if r["size"] >= 1_000_000 else str(r["size"])
        rows.append(
            Row(
                f"dependence --endpoint on Virtuoso, {n} triples: reading the dyad",
                min(r["read_dyad_s"]),
                min(r["same_selects_sparqlwrapper_s"]),
                1.5,
                reference_name="the same SELECTs sent by SPARQLWrapper",
                notes=f"{r['requests']} requests, {r['rows']} rows, {r['bytes']} bytes; "
                f"same numbers as local: {r['same_numbers_as_local']}",
            )
        )
        rows.append(Row(
            f"dependence --endpoint on Virtuoso, {n} triples: the whole command",
            min(r["command_s"]), min(r["replay_command_s"]), None,
            reference_name="a SPARQLWrapper replay of those SELECTs as a command",
            notes=f"under a minute: {min(r['command_s']) < 60}; peak RSS "
            f"{r['peak_rss_mb']} MB; load {r['load_s']} s",
        ))  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="folder for the data")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bilateral-scale-"))
    print(json.dumps(results(args.sizes, args.rounds, work), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
