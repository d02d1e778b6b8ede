"""Characters no output can carry as they are (issue 26, items 3 and 4).

- A lone surrogate is not a Unicode character: data holding one is refused at load with
  its file and line, in memory as in the store (one rule for both).
- XML 1.0 cannot hold C0 controls (but tab, LF, CR), surrogates, U+FFFE or U+FFFF, even
  as character references: the endpoint refuses such an XML answer (SPARQL XML, RDF/XML)
  with a 400 that names the character and the formats that carry it as an escape
  (SPARQL JSON, TSV, Turtle, N-Triples). An answer in UTF-8 as it is (CSV, JSON-LD)
  holding a lone surrogate made by the query is refused the same way.
"""

from __future__ import annotations

import json
import xml.dom.minidom
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import DataSyntaxError
from bilateral.graph.sparql.serve import make_server
from tests.servers import running, sparql_get

HEAD = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
SUBJECT = "<https://w3id.org/bilateral/id/x>"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("a.ttl", HEAD + f'\n{SUBJECT} rdfs:label "a\\uD800b" .\n', 3),
        (
            "b.ttl",
            HEAD + f'{SUBJECT} rdfs:label "ok" .\n{SUBJECT} rdfs:comment "\\U0000DFFF" .\n',
            3,
        ),
        ("c.nt", f'{SUBJECT} <http://www.w3.org/2000/01/rdf-schema#label> "\\udc00" .\n', 1),
        ("d.trig", HEAD + f'<urn:g> {{ {SUBJECT} rdfs:label "\\uDBFF" }}\n', 2),
    ],
)
def test_a_lone_surrogate_is_refused_at_load(tmp_path: Path, name: str, text: str, line: int):
    path = tmp_path / name
    path.write_text(text, encoding="ascii")
    with pytest.raises(DataSyntaxError, match="lone surrogate") as info:
        bilateral.load([path])
    assert f"{name}:{line}:" in str(info.value)
    out = CliRunner().invoke(app, ["validate", "--data", str(path)])
    assert out.exit_code == 2
    assert f"{name}:{line}: a lone surrogate" in out.output
    assert "Traceback" not in out.output


def test_the_store_refuses_it_too(tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    path.write_text(HEAD + f'{SUBJECT} rdfs:label "a\\uD800b" .\n', encoding="ascii")
    out = CliRunner().invoke(app, ["load", "--store", str(tmp_path / "s"), str(path)])
    assert out.exit_code == 2 and "a.ttl:2" in out.output


TTL = HEAD + (
    f'{SUBJECT} rdfs:label "A\\u0001B" ; rdfs:comment "tab\\there\\nnext line" ;'
    ' rdfs:seeAlso "\\uFFFF" .\n'
)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, int]]:
    with running(
        make_server(Graph().parse(data=TTL, format="turtle"), port=0, quiet=True)
    ) as where:
        yield where


def _get(where: tuple[str, int], query: str, fmt: str) -> tuple[int, bytes]:
    status, _, body = sparql_get(where, query, fmt)
    return status, body


@pytest.mark.parametrize(("prop", "code"), [("rdfs:label", "U+0001"), ("rdfs:seeAlso", "U+FFFF")])
@pytest.mark.parametrize("kind", ["select", "construct"])
def test_xml_answers_are_refused_not_ill_formed(endpoint, prop: str, code: str, kind: str):
    if kind == "select":
        query, xml_format, other = f"SELECT ?l {{ ?s {prop} ?l }}", "xml", "json"
    else:
        query, xml_format, other = f"CONSTRUCT WHERE {{ ?s {prop} ?l }}", "rdf%2Bxml", "nt"
    status, data = _get(endpoint, query, xml_format)
    assert status == 400
    assert f"holds {code}, which XML 1.0 cannot carry".encode() in data
    status, data = _get(endpoint, query, other)
    assert status == 200
    if other == "json":
        assert json.loads(data)["results"]["bindings"][0]["l"]["value"] in ("A\x01B", "\uffff")
    else:
        assert len(Graph().parse(data=data.decode(), format="nt")) == 1


@pytest.mark.parametrize("fmt", ["xml", "rdf%2Bxml"])
def test_xml_answers_with_tabs_and_newlines_are_well_formed(endpoint, fmt: str) -> None:
    query = "SELECT ?c { ?s rdfs:comment ?c }"
    if fmt != "xml":
        query = "CONSTRUCT WHERE { ?s rdfs:comment ?c }"
    status, data = _get(endpoint, query, fmt)
    assert status == 200
    doc = xml.dom.minidom.parseString(data)  # raises on ill-formed XML
    assert doc.documentElement is not None
    if fmt == "xml":
        (literal,) = doc.getElementsByTagName("literal")
        assert literal.firstChild.data == "tab\there\nnext line"


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_a_surrogate_made_by_the_query_is_a_400_not_a_dropped_connection(endpoint, fmt) -> None:
    status, data = _get(endpoint, 'SELECT ("a\\uD800b" AS ?x) {}', fmt)
    assert status == 400 and b"U+D800" in data
    status, data = _get(endpoint, 'SELECT ("a\\uD800b" AS ?x) {}', "tsv")
    assert status == 200 and b"\\ud800" in data
