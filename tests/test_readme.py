"""Every CLI command has help text and appears in the README (sqlite-utils style)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from bilateral.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help() -> None:
    for name, command in _commands().items():
        assert command.help, f"{name} has no help"


def test_every_command_is_in_readme() -> None:
    for name in _commands():
        assert f"bilateral {name}" in README, f"`bilateral {name}` is missing from README.md"


def test_quickstart_is_two_commands() -> None:
    quick = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick


def test_the_headline_table_matches_the_measures(bundled) -> None:
    """The README's dependence table is what `bilateral dependence belarus russia` gives."""
    import re

    import bilateral

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    from types import SimpleNamespace

    r = bilateral.dependence(bundled, "belarus", "russia")
    # as `bilateral dependence` prints them: from the table's rounded numbers
    rows = {row["domain"]: SimpleNamespace(**row) for row in r.table()}
    table = [line for line in text.splitlines() if re.match(r"\| \**[a-z]+\** \| \**\d", line)]
    assert len(table) == len(rows)
    for line in table:
        cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
        d = rows["TOTAL" if cells[0] == "total" else cells[0]]

        def shown(v: float, lo: float, hi: float) -> str:
            return "0" if v == lo == hi == 0 else f"{v:.2f} [{lo:.2f}, {hi:.2f}]"

        assert cells[1] == shown(d.sdi, d.sdi_low, d.sdi_high), cells[0]
        assert cells[2] == shown(d.reverse_sdi, d.reverse_low, d.reverse_high), cells[0]
        assert cells[3] == f"{d.p_more_dependent:.2f}", cells[0]
