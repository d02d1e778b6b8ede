"""Odd terms in data (issue 26, items 6 and 7), the same in memory and in a store.

- a datatype IRI holding a character IRIs may not hold (``^^<http://e/\\u0008>``) is a
  syntax error naming file and line (exit 2), as any other invalid IRI;
- a ``bil:textFile`` that is no file name (a NUL in it) or whose name is over 255 bytes
  is one error line naming the source and the file that declares it (exit 2), as a
  ``bil:textFile`` leaving its folder is; ``bilateral.load`` never raises a raw
  ``ValueError`` or ``UnicodeEncodeError`` (a file name that is not UTF-8 included);
- a blank node where a plain string belongs (``bil:status _:b``) is a validation
  problem naming the node and the property (exit 1).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import bilateral
from bilateral.cli import app
from bilateral.errors import DataSyntaxError, InputError
from tests.security.oneline import one_line_error, runner

HEAD = (
    "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
    "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
    "@prefix bsrc: <https://w3id.org/bilateral/source/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)


def _file(tmp_path: Path, body: str, name: str = "a.ttl") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "datatype", ["<http://e/\\u0008>", "<http://e/\\U0000001F>", "<http://e/a\\u0020b>"]
)
def test_a_datatype_iri_with_a_forbidden_character(tmp_path: Path, datatype: str) -> None:
    path = _file(tmp_path, '\nbid:x rdfs:label "x"^^' + datatype + " .\n")
    with pytest.raises(DataSyntaxError, match="a.ttl:6"):
        bilateral.load([path])
    one_line_error(["validate", "--data", str(path)], "a.ttl:6")
    one_line_error(["load", "--store", str(tmp_path / "s"), str(path)], "a.ttl:6")


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@pytest.mark.parametrize(
    ("name", "why"),
    [("a\\u0000b.txt", "is not a file name"), ("x" * 300 + ".txt", "over 255 bytes")],
)
def test_a_text_file_name_no_file_system_takes(tmp_path: Path, name: str, why: str) -> None:
    path = _file(tmp_path, f'bsrc:s a bil:Source ; rdfs:label "S" ; bil:textFile "{name}" .\n')
    g = bilateral.load([path])  # no ValueError: the name is judged where it is used
    with pytest.raises(InputError, match=why):
        bilateral.validate(g)
    one_line_error(["validate", "--data", str(path)], "bsrc:s", why, "declared in")
    store = str(tmp_path / "s")
    assert runner.invoke(app, ["load", "--store", store, str(path)]).exit_code == 0
    one_line_error(["validate", "--store", store], "bsrc:s", why, "declared in")
    one_line_error(["stats", "--coverage", "--store", store], "bsrc:s", why)


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    body = (Path(__file__).parent.parent / "data" / "tiny" / "tiny.ttl").read_bytes()
    folder = tmp_path / "d"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.ttl", "wb") as fh:  # Latin-1, not UTF-8
        fh.write(body)
    g = bilateral.load([folder])
    assert any(str(c.identifier).endswith("/d/caf%E9.ttl") for c in g.graphs())
    store = tmp_path / "s"
    bilateral.load_store(store, [folder])
    with bilateral.open_store(store) as handle:
        assert len(handle.graph) == len(g)


STATUS = 'bid:l a bil:Loan ; rdfs:label "L" ; bil:status {value} .\n'


@pytest.mark.parametrize("value", ["_:b", "[]", '[ rdfs:label "x" ]'])
def test_a_blank_node_where_a_string_belongs(tmp_path: Path, value: str) -> None:
    path = _file(tmp_path, STATUS.format(value=value))
    problems = bilateral.validate(bilateral.load([path]))
    closed = [p for p in problems if p.rule == "closed-value"]
    assert closed and "bil:status is a blank node" in closed[0].message, problems
    assert closed[0].node == "bid:l" and closed[0].file.endswith("a.ttl"), closed
    for args in (["validate", "--data", str(path)], ["validate", "--store", str(tmp_path / "s")]):
        if "--store" in args:
            assert runner.invoke(app, ["load", "--store", args[-1], str(path)]).exit_code == 0
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert "bid:l: closed-value: bil:status is a blank node" in result.stdout
        assert "Traceback" not in result.output and "internal error" not in result.output
