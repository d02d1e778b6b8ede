"""Shared CLI plumbing: the ``--data`` option, output formats and error handling.

This module imports no heavy library; commands import ``bilateral.*`` inside.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

__all__ = ["DataOption", "Format", "STATE", "echo_json", "fail", "handles_errors"]

STATE: dict[str, bool] = {"debug": False}

DataOption = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        help="Data file or folder to load instead of the bundled dataset (repeatable); "
        "'bundled' names the bundled dataset.",
        show_default=False,
    ),
]


class Format(StrEnum):
    """Output formats for tabular results."""

    table = "table"
    csv = "csv"
    json = "json"


F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> None:
    """Print one error line on stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def handles_errors(func: F) -> F:
    """Turn ``BilateralError`` (and any crash) into one stderr line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from bilateral.errors import BilateralError

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BilateralError as exc:
            if STATE["debug"]:
                raise
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:  # output piped into head & co.: stop quietly
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:  # a bug: still one line unless --debug
            if STATE["debug"]:
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", 3)

    return wrapper  # type: ignore[return-value]


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
