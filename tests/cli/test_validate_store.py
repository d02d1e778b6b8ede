"""``bilateral validate --store`` and ``--engine``: the compiled path on a store, the
reference path on request, and one error line where an engine cannot run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.source.store import load_store

runner = CliRunner()


@pytest.fixture(scope="module")
def bad_store(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("validate") / "store"
    load_store(folder, [data_dir / "terminal-bad"])
    return folder


@pytest.mark.parametrize("engine", ["auto", "compiled", "reference"])
def test_every_engine_reports_the_same_lines(bad_store: Path, engine: str) -> None:
    result = runner.invoke(app, ["validate", "--store", str(bad_store), "--engine", engine])
    assert result.exit_code == 1
    auto = runner.invoke(app, ["validate", "--store", str(bad_store)])
    assert result.stdout == auto.stdout
    assert "terminal-bad.ttl" in result.stdout


def test_compiled_engine_without_a_store_is_one_error_line(data_dir: Path) -> None:
    result = runner.invoke(
        app, ["validate", "--data", str(data_dir / "tiny"), "--engine", "compiled"]
    )
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "store" in result.stderr


def test_validate_data_given_as_a_relative_path(data_dir: Path, monkeypatch) -> None:
    """A data folder named relative to the working directory finds its source texts."""
    monkeypatch.chdir(data_dir.parent)
    result = runner.invoke(app, ["validate", "--data", "data/tiny"])
    assert result.exit_code == 0, result.output
