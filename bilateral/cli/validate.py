"""``bilateral validate``: SHACL shapes, SPARQL checks and the quote check."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from bilateral.cli.common import DataOption, StoreOption, echo, handles_errors, open_graph


class Engine(StrEnum):
    """How the SHACL shapes run."""

    auto = "auto"
    compiled = "compiled"
    reference = "reference"


@handles_errors
def validate(
    data: DataOption = None,
    store: StoreOption = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="How the SHACL shapes run: compiled to SPARQL on the store, reference "
            "(pyshacl), or auto (compiled with --store, reference otherwise).",
        ),
    ] = Engine.auto,
) -> None:
    """Validate the data: one line per problem, exit 1 if any error (warnings, such as
    a strength off the ordinal scale, are printed and do not fail).

    Example: bilateral validate --data my-data/ --data bundled
    """
    import bilateral
    from bilateral.cli.progress import progress_bar
    from bilateral.graph.checks.stats import triple_count
    from bilateral.progress import reporting

    g = open_graph(data, store)
    with progress_bar() as progress, reporting(progress):
        problems = bilateral.validate(g, engine=engine.value)
    for problem in problems:
        echo(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    warned = f"{len(problems) - errors} warning(s)" if len(problems) > errors else ""
    if errors:
        typer.echo(f"{errors} problem(s) found" + (f", {warned}" if warned else ""), err=True)
        raise typer.Exit(1)
    note = f" ({warned})" if warned else ""
    typer.echo(f"valid: {triple_count(g)} triples, no problems{note}")
