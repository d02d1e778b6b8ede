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
        ["dependence", "aland", "bland", "--band", "-0.1"],
        ["dependence", "aland", "bland", "--min-confidence", "1.5"],
        ["dependence", "aland", "bland", "--coder-noise", "2"],
        ["dependence", "aland", "bland", "--unknown", "0.6,0.2"],
        ["dependence", "aland", "bland", "--unknown", "some"],
        ["dependence", "aland", "bland", "--domains", "energy,luck"],
        ["dependence", "aland", "bland", "--known-by", "2021-13"],
        ["compare", "--as-of", "2020", "--as-of", "2021", "--band", "0.9"],
        ["scenario", "t-scenario", "--min-confidence", "-1"],
        ["dependence", "aland", "bland", "--tornado", "t.pdf"],
        ["dependence", "aland", "bland", "--plot", "p.txt"],
        ["dependence", "aland", "bland", "--by", "year", "--sensitivity"],
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


def test_an_unknown_domain_in_the_weights_is_one_line(tmp_path: Path) -> None:
    weights = tmp_path / "w.json"
    weights.write_text('{"luck": 2}')
    result = runner.invoke(
        app, ["dependence", "aland", "bland", "--weights", str(weights), "--data", str(FIX)]
    )
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "unknown domain 'luck'" in result.stderr


def test_scenario_says_its_likelihood_is_the_sources() -> None:
    result = runner.invoke(app, ["scenario", "t-scenario", "--data", str(FIX)])
    assert result.exit_code == 0, result.output
    assert "likelihood: 'may', 0.5, conditional, not multiplied in" in result.stderr
    assert "what carries the change" in result.stdout


@pytest.mark.slow  # five runs with 300 draws; tests/measures/test_dependence.py is quick
def test_sensitivity_from_the_command_line(tmp_path: Path) -> None:
    import csv
    import io
    import json

    import bilateral

    args = ["dependence", "aland", "bland", "--draws", "300", "--data", str(FIX)]
    table = runner.invoke(app, [*args, "--sensitivity"])
    assert table.exit_code == 0, table.output
    assert "unknown alternatives" in table.stdout and "coder bias" in table.stdout
    text = runner.invoke(app, [*args, "--sensitivity", "--format", "csv"]).stdout
    table = list(csv.reader(io.StringIO(text)))
    assert {len(row) for row in table} == {len(table[0])}  # every row under its header
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["choice"] == "default" and "sdi_finance" in rows[0]
    domain_set = next(r for r in rows if r["choice"] == "domain set")
    assert domain_set["sdi_energy"] == ""  # left out by that setting, not shifted
    doc = json.loads(runner.invoke(app, [*args, "--sensitivity", "--format", "json"]).stdout)
    want = bilateral.dependence(
        bilateral.load([FIX]), "aland", "bland", draws=300, sensitivity=True
    )
    assert doc["sensitivity"] == json.loads(want.to_json())["sensitivity"]
    for name in ("t.png", "t.svg"):
        out = tmp_path / name
        done = runner.invoke(app, [*args, "--tornado", str(out)])
        assert done.exit_code == 0, done.output
        head = out.read_bytes()[:5]
        assert head == (b"\x89PNG\r" if name.endswith("png") else b"<?xml")


def test_model_options_reach_the_library() -> None:
    import json

    args = ["dependence", "aland", "bland", "--format", "json", "--data", str(FIX)]
    doc = json.loads(runner.invoke(app, [*args, "--band", "0", "--unknown", "0.25",
                                         "--min-confidence", "0.5", "--domains", "evidence",
                                         "--known-by", "2021"]).stdout)  # fmt: skip
    assert doc["model"] == {"unknown": [0.25, 0.25], "band": 0.0, "min_confidence": 0.5,
                            "coder_noise": 0.0, "shift": [0, 0]}  # fmt: skip
    assert [d["domain"] for d in doc["domains"]] == ["finance", "trade"]
    assert doc["known_by"] == "2021" and doc["total"] == 0.1875


def test_pagerank_warns_on_stderr() -> None:
    result = runner.invoke(app, ["centrality", "--measure", "pagerank", "--top", "3"])
    assert result.exit_code == 0 and "rank sinks" in result.stderr
