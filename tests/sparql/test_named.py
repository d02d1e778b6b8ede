"""Named queries: questions, parameters with defaults, --bind overrides, empty answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.sparql.named import named_queries

SECOND = Path(__file__).parent.parent / "data" / "second-dyad"
runner = CliRunner()


def test_dyad_queries_declare_their_parameters() -> None:
    queries = named_queries()
    for name in ("cq-dependencies", "cq-loans", "cq-assistance", "cq-pledges"):
        assert queries[name].signature() == "dependent=bid:belarus, provider=bid:russia", name
    assert "bid:belarus" not in queries["cq-dependencies"].text.split("SELECT", 1)[1]
    listing = runner.invoke(app, ["queries"])
    assert "dependent=bid:belarus, provider=bid:russia" in listing.stdout


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_bind_overrides_the_dyad() -> None:
    df = bilateral.query(
        named="cq-dependencies",
        data=["bundled", str(SECOND)],
        bindings={
            "dependent": bilateral.iri("bid:valdoria"),
            "provider": bilateral.iri("bid:kestria"),
        },
    )
    assert set(df["dependency"]) == {
        "https://w3id.org/bilateral/id/valdoria-gas",
        "https://w3id.org/bilateral/id/valdoria-finance",
        "https://w3id.org/bilateral/id/valdoria-security-advisers",
    }
    result = runner.invoke(
        app,
        ["query", "--named", "cq-loans", "--bind", "dependent=valdoria", "--bind",
         "provider=kestria", "--data", "bundled", "--data", str(SECOND), "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "kestria-loan-2022" in result.stdout and "tranche" not in result.stdout


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_an_answer_of_unbound_values_is_no_answer() -> None:
    """An aggregate over nothing gives one row of unbound values: reported as 0 rows."""
    result = runner.invoke(app, ["query", "--named", "cq-dependencies", "--data", str(SECOND)])
    assert result.exit_code == 0 and "0 row(s)" in result.stderr
    df = bilateral.query(named="cq-dependencies", data=[str(SECOND)])
    assert len(df) == 0
