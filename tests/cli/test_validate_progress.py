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
from bilateral.graph.source.store import load_store, open_dataset
from bilateral.progress import reporting

runner = CliRunner()


def _calls(g, **kwargs) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, int, int]] = []
    with reporting(lambda step, done, total: calls.append((step, done, total))):
        validate(g, **kwargs)
    return calls


def _well_formed(calls: list[tuple[str, int, int]]) -> None:
    overall = [(done, total) for step, done, total in calls if step == "validate"]
    total = overall[0][1]
    assert [done for done, _ in overall] == list(range(total + 1))  # every step, in order
    steps = [(step, done, t) for step, done, t in calls if step != "validate"]
    assert len(steps) == 2 * total
    for start, end in zip(steps[::2], steps[1::2], strict=True):
        assert start[0] == end[0] and start[1:] == (0, 1) and end[1:] == (1, 1)


def test_validate_reports_every_step_on_a_store(tmp_path: Path, data_dir: Path) -> None:
    load_store(tmp_path / "store", [data_dir / "tiny"])
    calls = _calls(open_dataset(tmp_path / "store"))
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
        progress("validate", 3, 10)
        progress("shape party-actor", 0, 1)
        progress("shape party-actor", 1, 1)
        progress("validate", 10, 10)
    return out.getvalue()


def test_bar_drawn_on_a_terminal() -> None:
    drawn = _drawn(0, terminal=True)
    assert "shape party-actor" in drawn and "3/10" in drawn


def test_no_bar_before_the_delay() -> None:
    assert "party-actor" not in _drawn(3600, terminal=True)


def test_no_bar_when_not_a_terminal() -> None:
    assert _drawn(0, terminal=False) == ""


def test_cli_validate_draws_nothing_when_piped(data_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(data_dir / "tiny")])
    assert result.exit_code == 0
    assert result.stderr == ""
