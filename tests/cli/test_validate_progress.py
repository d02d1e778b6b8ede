"""Progress bars: the library reports each validation step to a callback; the CLI draws
a bar from it on a terminal after a delay, and nothing when stderr is not a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.cli.progress import progress_bar
from bilateral.graph.checks.validate import validate
from bilateral.graph.source.load import load
from bilateral.graph.source.store import load_store, open_store

runner = CliRunner()


def _calls(g, **kwargs) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, int, int]] = []
    validate(g, progress=lambda step, done, total: calls.append((step, done, total)), **kwargs)
    return calls


def _well_formed(calls: list[tuple[str, int, int]]) -> None:
    total = calls[0][2]
    assert [done for _, done, _ in calls] == list(range(total + 1))  # every step, in order
    assert all(t == total for _, _, t in calls)
    assert calls[-1][0] == "done"


def test_validate_reports_every_step_on_a_store(tmp_path: Path, data_dir: Path) -> None:
    load_store(tmp_path / "store", [data_dir / "tiny"])
    calls = _calls(open_store(tmp_path / "store"))
    _well_formed(calls)
    steps = [step for step, _, _ in calls]
    assert "literals" in steps and "quotes" in steps
    assert any(s.startswith("shape ") for s in steps) and any(s.startswith("check ") for s in steps)


def test_validate_reports_every_step_in_memory(data_dir: Path) -> None:
    calls = _calls(load([data_dir / "tiny"]))
    _well_formed(calls)
    assert "shapes (pyshacl)" in [step for step, _, _ in calls]


def _drawn(delay: float, *, terminal: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, width=100)
    with progress_bar(delay=delay, console=console) as progress:
        progress("shape party-actor", 3, 10)
        progress("done", 10, 10)
    return out.getvalue()


def test_bar_drawn_on_a_terminal() -> None:
    assert "shape party-actor" in _drawn(0, terminal=True)


def test_no_bar_before_the_delay() -> None:
    assert "party-actor" not in _drawn(3600, terminal=True)


def test_no_bar_when_not_a_terminal() -> None:
    assert _drawn(0, terminal=False) == ""


def test_cli_validate_draws_nothing_when_piped(data_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(data_dir / "tiny")])
    assert result.exit_code == 0
    assert result.stderr == ""
