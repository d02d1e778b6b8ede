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
