"""Syntax errors name what went wrong in plain words, with line and column."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.errors import QueryError
from bilateral.graph.sparql.safety import check_query

CASES = [
    ("SELECT ?x WHERE { ?x a bil:Loan ", "line 1, column 17: '{' is never closed"),
    ("SELECT ?x WHERE {\n  ?x a bil:Loan .\n  FILTER(?x = 1 }", "line 3, column 17: expected ')'"),
    ("SELECT ?x WHER { ?x a bil:Loan }", "'WHER' is not a SPARQL keyword here; did you mean WHERE"),
    ('SELECT ?x WHERE {\n ?x rdfs:label "x }', "line 2, column 16: the string that starts here"),
    ("SELECT ?x WHERE { ?x a bil:Loan . ?x }", "line 1, column 35: the triple pattern"),
    ("SELEC ?x { }", "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ("SELECT ?x WHERE { ?x a bil:Loan } }", "'}' closes nothing"),
    ("SELECT ?x WHERE { ?x foo:bar ?y }", "unknown prefix 'foo:'"),
]


@pytest.mark.parametrize(("query", "message"), CASES)
def test_syntax_errors_in_plain_words(query: str, message: str) -> None:
    with pytest.raises(QueryError) as err:
        check_query(query)
    assert message in str(err.value)
    assert "Expected" not in str(err.value)


def test_cli_syntax_error_exits_2_with_one_line() -> None:
    result = CliRunner().invoke(app, ["query", "SELECT ?x WHERE { ?x a bil:Loan "])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "line 1, column 17" in result.stderr
