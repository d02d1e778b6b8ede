"""The measure commands on the command line: one-line errors, notes on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

FIX = Path(__file__).parent.parent / "data" / "measures"
runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        ["dependence", "aland", "narnia"],
        ["dependence", "aland", "bland", "--level", "2"],
        ["dependence", "aland", "bland", "--draws", "5"],
        ["dependence", "aland", "bland", "--from", "2021", "--to", "2019"],
        ["dependence", "aland", "bland", "--by", "year", "--from", "-5", "--to", "2020"],
        ["centrality", "--as-of", "yesterday"],
        ["compare", "--as-of", "2020"],
        ["scenario", "aland"],
        ["scenario", "--drop-kind", "Nonsense"],
        ["scenario", "t-scenario", "--dependent", "aland"],
        ["dependence", "aland", "bland", "--weights", "/nonexistent.json"],
        ["report", "--dependent", "aland"],
    ],
)
def test_errors_are_one_line(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--data", str(FIX)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_the_heuristic_dyad_is_said_on_stderr() -> None:
    result = runner.invoke(
        app, ["compare", "--as-of", "2020", "--as-of", "2021", "--data", str(FIX)]
    )
    assert result.exit_code == 0, result.output
    assert "dyad: heuristic" in result.stderr
    named = runner.invoke(
        app,
        ["compare", "--as-of", "2020", "--as-of", "2021", "--dependent", "aland", "--provider",
         "bland", "--data", str(FIX)],
    )  # fmt: skip
    assert named.exit_code == 0 and "dyad:" not in named.stderr


def test_scenario_says_its_confidence() -> None:
    result = runner.invoke(app, ["scenario", "t-scenario", "--data", str(FIX)])
    assert result.exit_code == 0, result.output
    assert "confidence 0.5" in result.stderr


def test_pagerank_warns_on_stderr() -> None:
    result = runner.invoke(app, ["centrality", "--measure", "pagerank", "--top", "3"])
    assert result.exit_code == 0 and "rank sinks" in result.stderr
