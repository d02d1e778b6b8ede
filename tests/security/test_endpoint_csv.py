"""The endpoint's CSV is spreadsheet-safe like every other CSV (issue 26, item 10): a
cell that a spreadsheet would run (``=HYPERLINK(...)``, ``+1+1``, ``@SUM``, ``-2-3``)
gets a leading ``'``, as ``bilateral query --format csv`` does; numbers stay. TSV is
the exact SPARQL format (Turtle terms) and is left as it is."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.sparql.serve import make_server
from tests.servers import running, sparql_get

CELLS = ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(1)", "-2-3", "\tx", "ok", "-0.5"]
SAFE = ['\'=HYPERLINK("http://evil","x")', "'+1+1", "'@SUM(1)", "'-2-3", "'\tx", "ok", "-0.5"]
QUERY = (
    "SELECT ?v ?n WHERE { VALUES (?v ?n) { "
    + " ".join(f"('{c}' {i})" for i, c in enumerate(c.replace("\t", "\\t") for c in CELLS))
    + " } } ORDER BY ?n"
)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, int]]:
    with running(make_server(Graph(), host="127.0.0.1", port=0, quiet=True)) as where:
        yield where


def _get(where: tuple[str, int], query: str, fmt: str, accept: str = "") -> str:
    status, _, body = sparql_get(where, query, fmt, {"Accept": accept} if accept else None)
    assert status == 200
    return body.decode("utf-8")


@pytest.mark.parametrize(("fmt", "accept"), [("csv", ""), ("", "text/csv")])
def test_endpoint_csv_neutralises_formulas(endpoint, fmt: str, accept: str) -> None:
    rows = list(csv.reader(io.StringIO(_get(endpoint, QUERY, fmt, accept))))
    assert rows[0] == ["v", "n"]
    assert [r[0] for r in rows[1:]] == SAFE
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(CELLS))]


def test_endpoint_and_cli_write_the_same_csv(endpoint) -> None:
    out = CliRunner().invoke(app, ["query", QUERY, "--format", "csv", "--no-infer"])
    assert out.exit_code == 0, out.output
    assert _get(endpoint, QUERY, "csv") == out.stdout


def test_ask_and_tsv_stay_exact(endpoint) -> None:
    assert _get(endpoint, "ASK {}", "csv") == "boolean\ntrue\n"
    tsv = _get(endpoint, QUERY, "tsv").splitlines()
    assert tsv[1].split("\t")[0] == '"=HYPERLINK(\\"http://evil\\",\\"x\\")"'  # a Turtle term


def test_views_csvsafe_re_exports_the_one_rule() -> None:
    import bilateral.cells
    import bilateral.graph.views.csvsafe as csvsafe

    assert csvsafe.neutralise_cell is bilateral.cells.neutralise_cell
    assert csvsafe.csv_text is bilateral.cells.csv_text
