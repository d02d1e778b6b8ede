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
    """Validate the data: one line per problem, exit 1 if any (warnings: drafts not yet
    reviewed and sources still to fill, exit 0).

    Example: bilateral validate --data my-data/ --data bundled
    """
    import bilateral
    from bilateral.cli.progress import progress_bar
    from bilateral.graph.checks.draft_checks import is_warning
    from bilateral.graph.checks.stats import triple_count
    from bilateral.progress import reporting

    g = open_graph(data, store)
    with progress_bar() as progress, reporting(progress):
        problems = bilateral.validate(g, engine=engine.value)
    for problem in problems:
        echo(problem)
    errors = [p for p in problems if not is_warning(p)]
    if errors:
        typer.echo(f"{len(errors)} problem(s) found", err=True)
        raise typer.Exit(1)
    warned = len(problems)
    typer.echo(
        f"valid: {triple_count(g)} triples, no problems"
        + (f"; {warned} warning(s): drafts or sources still to review" if warned else "")
    )
