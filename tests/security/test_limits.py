"""Resource bounds on a query: memory, parse time and result bytes, each ending with one
clear message while the parent stays healthy."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

import bilateral.graph.sparql.engine as sparql
from bilateral.cli import app
from bilateral.errors import QueryError

# ~110 characters: every triple of quotes, sorted (materialised in full by both engines)
CROSS = (
    "SELECT ?a ?b ?c { ?x bil:quote ?a . ?y bil:quote ?b . ?z bil:quote ?c } ORDER BY ?a LIMIT 1"
)


@pytest.mark.slow
def test_memory_cap_stops_a_cross_product(bundled) -> None:
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"more than the 256 MiB memory cap .*`max_memory`"):
        sparql.run(bundled, CROSS, timeout=120, max_memory=256 << 20)
    assert time.monotonic() - start < 60
    assert sparql.run(bundled, "ASK { bid:belarus a bil:State }").boolean is True


@pytest.mark.slow
def test_memory_cap_on_the_store(tmp_path) -> None:
    from bilateral.graph.source.store import load_store, open_dataset

    load_store(tmp_path / "s", ["bundled"])
    g = open_dataset(tmp_path / "s")
    with pytest.raises(QueryError, match="memory cap"):
        sparql.run(g, CROSS, timeout=120, max_memory=256 << 20)
    assert sparql.run(g, "ASK { bid:belarus a bil:State }").boolean is True


@pytest.mark.slow
def test_cli_memory_cap_is_one_line(bundled) -> None:
    result = CliRunner().invoke(app, ["query", CROSS, "--max-memory", "200M"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: query stopped: it needed more than the 200 MiB memory cap "
        "(allow more with --max-memory)"
    ]
    bad = CliRunner().invoke(app, ["query", "ASK {}", "--max-memory", "lots"])
    assert bad.exit_code == 2 and "not a size" in bad.output


@pytest.mark.slow
def test_parsing_counts_against_the_deadline(bundled) -> None:
    """A 1 MiB VALUES block takes rdflib's parser about a minute: the query stops at the
    timeout, not after the parse."""
    values = " ".join(f'"{i}"' for i in range(120_000))
    q = f"SELECT * {{ ?s ?p ?o }} VALUES ?x {{ {values} }}"
    assert len(q) > 900_000
    start = time.monotonic()
    with pytest.raises(QueryError, match="timeout"):
        sparql.run(bundled, q, timeout=3)
    assert time.monotonic() - start < 6


def test_byte_cap_cuts_results(bundled) -> None:
    r = sparql.run(bundled, "SELECT ?q { ?s bil:quote ?q }", byte_cap=2000)
    assert r.truncated and r.cut_by == "bytes"
    assert 0 < sum(len(str(row[0])) for row in r.rows) <= 2000
    full = sparql.run(bundled, "SELECT ?q { ?s bil:quote ?q }")
    assert not full.truncated and len(full.rows) > len(r.rows)
    out = CliRunner().invoke(app, ["query", "SELECT ?q { ?s bil:quote ?q }", "--max-bytes", "2K"])
    assert out.exit_code == 0
    assert "results cut at 2048 bytes by the byte cap (use --max-bytes)" in out.output
