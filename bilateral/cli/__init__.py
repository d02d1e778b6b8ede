"""The ``bilateral`` command line: a thin shell over the ``bilateral`` library."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral import __version__
from bilateral.cli.common import STATE
from bilateral.cli.draw import export, render, report
from bilateral.cli.measures import centrality, compare, dependence, scenario
from bilateral.cli.output import route_warnings
from bilateral.cli.query import queries, query
from bilateral.cli.server import load, push, serve
from bilateral.cli.stats import stats
from bilateral.cli.validate import validate

__all__ = ["app", "main"]

app = typer.Typer(
    name="bilateral",
    help="Query, measure and draw a sourced knowledge graph of relations between states.",
    no_args_is_help=True,
    add_completion=False,
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
app.command()(stats)
app.command()(query)
app.command()(queries)
app.command()(centrality)
app.command()(dependence)
app.command()(compare)
app.command()(scenario)
app.command()(render)
app.command()(export)
app.command()(report)
app.command()(load)
app.command()(serve)
app.command()(push)


def main() -> None:
    """Console-script entry point."""
    app()
