"""``bilateral validate``: SHACL shapes, SPARQL checks and the quote check."""

from __future__ import annotations

import typer

from bilateral.cli.common import DataOption, handles_errors


@handles_errors
def validate(data: DataOption = None) -> None:
    """Validate the data: one line per problem, exit 1 if any.

    Example: bilateral validate --data my-data/ --data bundled
    """
    import bilateral

    g = bilateral.load(data)
    problems = bilateral.validate(g)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) found", err=True)
        raise typer.Exit(1)
    typer.echo(f"valid: {len(g)} triples, no problems")
