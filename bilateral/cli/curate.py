"""``bilateral curate``: which sentences of a source are curated, and a draft of the rest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    Format,
    echo_json,
    handles_errors,
    open_graph,
    to_stdout,
)
from bilateral.cli.output import print_table


@handles_errors
def curate(
    source: Annotated[Path, typer.Argument(help="The source text (UTF-8).")],
    draft: Annotated[
        Path | None,
        typer.Option(
            "--draft", help="Write a Turtle draft for the uncovered sentences (- for stdout)."
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
    data: DataOption = None,
) -> None:
    """List a source's sentences: covered by the data's quotes or not, actors, dates.

    Example: bilateral curate my-source.txt --data my-data/ --draft my-data/draft.ttl
    """
    import bilateral
    from bilateral.graph.views.atomic import write_text
    from bilateral.graph.views.csvsafe import csv_text

    report = bilateral.curate(open_graph(data), source)
    rows = report.rows()
    if draft is not None and str(draft) == "-":
        pass  # stdout carries the draft; the summary goes to stderr
    elif fmt is Format.json:
        echo_json(rows)
    elif fmt is Format.csv:
        typer.echo(
            csv_text(list(rows[0]) if rows else [], (list(r.values()) for r in rows)), nl=False
        )
    else:
        print_table(
            ["#", "covered", "actors", "dates", "sentence"], [list(r.values()) for r in rows]
        )
    state = "registered" if report.registered else "new (the draft registers it)"
    typer.echo(
        f"{report.covered} of {len(report.sentences)} sentences covered; source "
        f"{report.source} is {state}",
        err=True,
    )
    if draft is not None and str(draft) == "-":
        to_stdout(report.draft().encode("utf-8"))
    elif draft is not None:
        write_text(draft, report.draft())
        typer.echo(f"draft written to {draft}: edit it, then run `bilateral validate`", err=True)
