"""`bilateral query` and `bilateral queries` for a new user (issue 14)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.sparql.named import get_named

runner = CliRunner()


def test_queries_name_prints_question_and_sparql() -> None:
    result = runner.invoke(app, ["queries", "cq-loans"])
    assert result.exit_code == 0
    assert result.stdout == get_named("cq-loans").text
    assert result.stdout.startswith("# question: Which loans")
    missing = runner.invoke(app, ["queries", "cq-loan"])
    assert missing.exit_code == 2 and "cq-loans" in missing.stderr


def test_bind_takes_an_actor_name() -> None:
    q = "SELECT ?o WHERE { ?s rdfs:label ?o }"
    result = runner.invoke(app, ["query", q, "--bind", "s=ermakova", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["o", "Nadezhda Ermakova"]
    bad = runner.invoke(app, ["query", q, "--bind", "s=nobody-at-all"])
    assert bad.exit_code == 2 and "no actor or entity named" in bad.stderr


@pytest.mark.slow
def test_warnings_and_hints_on_stderr() -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x a bil:Agremeent }"])
    assert result.exit_code == 0
    assert "warning: bil:Agremeent is not in the ontology or the data; closest:" in result.stderr
    result = runner.invoke(app, ["query", 'SELECT ?x WHERE { ?x rdfs:label "Belarus" }'])
    assert 'hint: nothing matched: "Belarus" is compared without a language tag' in result.stderr
    result = runner.invoke(
        app, ["query", "--no-infer", "SELECT ?x WHERE { ?x a bil:Agreement ; bil:status 'x' }"]
    )
    assert "hint: nothing matched: bil:Agreement has subclasses" in result.stderr
