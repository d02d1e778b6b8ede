"""The house rule for bad input, as one assertion: exit code 2 and exactly one stderr
line starting ``error:`` that names what was wrong, with no traceback."""

from __future__ import annotations

from typer.testing import CliRunner

from bilateral.cli import app

runner = CliRunner()


def one_line_error(args: list[str], *needles: str) -> str:
    """Run ``bilateral ARGS``; assert the one-line error holds every needle; return it."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (args, lines)
    for needle in needles:
        assert needle in lines[0], (args, lines)
    assert "Traceback" not in result.output
    return lines[0]
