"""``bilateral validate``: SHACL shapes, SPARQL checks and the quote check."""

from __future__ import annotations

import typer

from bilateral.cli.common import DataOption, StoreOption, echo, handles_errors, open_graph


@handles_errors
def validate(data: DataOption = None, store: StoreOption = None) -> None:
    """Validate the data: one line per problem, exit 1 if any.

    Example: bilateral validate --data my-data/ --data bundled
    """
    import bilateral
    from bilateral.graph.source.read import triple_count

    g = open_graph(data, store)
    problems = bilateral.validate(g)
    for problem in problems:
        echo(problem)
    if problems:
        typer.echo(f"{len(problems)} problem(s) found", err=True)
        raise typer.Exit(1)
    typer.echo(f"valid: {triple_count(g)} triples, no problems")
