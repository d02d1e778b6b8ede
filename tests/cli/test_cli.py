"""CLI: exit codes, one-line errors, formats; effects checked through the library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral import __version__
from bilateral.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_validate_ok(data_dir: Path) -> None:
    """(The bundled data is validated once per session: tests/checks/test_validate.py.)"""
    result = runner.invoke(app, ["validate", "--data", str(data_dir / "tiny")])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stdout


@pytest.mark.slow
def test_validate_invalid_data_exits_1(data_dir: Path) -> None:
    bad = str(data_dir / "bad" / "shapes-bad.ttl")
    result = runner.invoke(app, ["validate", "--data", "bundled", "--data", bad])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 8  # one per problem: no-source's unchecked quote is not a second
    assert all("shapes-bad.ttl:" in line for line in lines)


def test_validate_syntax_error_exits_2_one_line(data_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(data_dir / "bad" / "malformed.ttl")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "malformed.ttl:6:" in result.stderr
    assert "Traceback" not in result.output


def test_validate_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_validate_non_utf8_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "x.ttl"
    f.write_bytes(b"# caf\xe9\n")
    result = runner.invoke(app, ["validate", "--data", str(f)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.stderr and "byte offset 5" in result.stderr


def test_validate_unknown_term_reported(data_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(data_dir / "bad" / "checks-bad.ttl")])
    assert result.exit_code == 1
    assert "bil:Sttae: unknown-term" in result.stdout


def test_bad_option_value_exits_2() -> None:
    result = runner.invoke(app, ["stats", "--format", "xml"])
    assert result.exit_code == 2


def test_stats_json(bundled) -> None:
    import bilateral

    result = runner.invoke(app, ["stats", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(bilateral.stats(bundled), default=str))


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_stats_table_and_coverage() -> None:
    result = runner.invoke(app, ["stats", "--coverage"])
    assert result.exit_code == 0
    assert "coverage of https://w3id.org/bilateral/source/ponars-memo-2021" in result.stdout


def test_stats_on_user_data(data_dir: Path) -> None:
    result = runner.invoke(app, ["stats", "--format", "json", "--data", str(data_dir / "tiny")])
    data = json.loads(result.stdout)
    assert data["statements_by_kind"] == {"Dependency": 1, "Loan": 1}
    assert data["date_range"] == ["2020-03-01", "2020-03-01"]


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from bilateral.cli import app; "
        "heavy = {'rdflib', 'networkx', 'pandas', 'pyvis', 'pyshacl', 'matplotlib'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
