"""The ``bilateral`` command line: a thin shell over the ``bilateral`` library."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from bilateral import __version__
from bilateral.cli.common import STATE
from bilateral.cli.curate import curate
from bilateral.cli.dependence import dependence
from bilateral.cli.diff import diff
from bilateral.cli.draw import export, render, report
from bilateral.cli.measures import centrality, compare, scenario
from bilateral.cli.methods import methods
from bilateral.cli.output import route_warnings
from bilateral.cli.panel import panel
from bilateral.cli.query import queries, query
from bilateral.cli.search import search
from bilateral.cli.server import load, push, serve
from bilateral.cli.stats import stats
from bilateral.cli.validate import validate

__all__ = ["app", "main"]


def _click_errors() -> tuple[type[Exception], tuple[type[Exception], ...]]:
    """Click's base error class and its "no arguments: show the help" error, found
    through typer's public ``BadParameter`` (typer may vendor click)."""
    base = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    show_help = getattr(sys.modules[base.__module__], "NoArgsIsHelpError", None)
    return base, (show_help,) if show_help else ()


class _OneLineErrors(TyperGroup):
    """Usage errors (a bad option value, a missing argument) as one escaped line on
    stderr, like every other error, instead of click's usage block."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        from bilateral.text import for_terminal

        click_error, show_help = _click_errors()
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except show_help as exc:  # `bilateral` alone: the help text
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except click_error as exc:
            ctx = getattr(exc, "ctx", None)
            hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
            message = exc.format_message()  # type: ignore[attr-defined]
            sys.stderr.write(f"error: {for_terminal(message + hint)}\n")
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:
            sys.stderr.write("error: aborted\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
    name="bilateral",
    help="Query, measure and draw a sourced knowledge graph of relations between states.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilateral {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    STATE["debug"] = debug
    route_warnings(debug=debug)
    if debug:  # query children keep their stderr too
        import os

        os.environ["BILATERAL_DEBUG"] = "1"


app.command()(validate)
app.command()(curate)
app.command()(stats)
app.command()(search)
app.command()(query)
app.command()(queries)
app.command()(centrality)
app.command()(dependence)
app.command()(panel)
app.command()(diff)
app.command()(compare)
app.command()(scenario)
app.command()(render)
app.command()(export)
app.command()(report)
app.command()(methods)
app.command()(load)
app.command()(serve)
app.command()(push)


def main() -> None:
    """Console-script entry point."""
    app()
