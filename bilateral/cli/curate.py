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
    fmt: Annotated[
        Format,
        typer.Option("--format", help="table, csv or json (json: every suggestion and its why)."),
    ] = Format.table,
    issued: Annotated[
        str | None,
        typer.Option(
            "--issued",
            help="The source's date (YYYY, YYYY-MM or YYYY-MM-DD), for relative dates such "
            "as 'last year'; default: a date in the text's first lines.",
        ),
    ] = None,
    copy_text: Annotated[
        bool,
        typer.Option(
            "--copy-text",
            help="With --draft FILE: copy the source text beside the draft, under the name "
            "the draft registers (bil:textFile), so the quote check finds it.",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """List a source's sentences, covered by the data's quotes or not, with the kind,
    actors, roles, date, hedge, strength and domain suggested for each.

    Example: bilateral curate src.txt --issued 2018-06 --data my-data/ --draft my-data/draft.ttl
    """
    import bilateral
    from bilateral.errors import InputError
    from bilateral.graph.views.atomic import write_text
    from bilateral.graph.views.csvsafe import csv_text

    if copy_text and (draft is None or str(draft) == "-"):
        raise InputError("--copy-text goes with --draft FILE (the text goes beside the draft)")
    if draft is not None and str(draft) != "-":
        texts = [Path(source), *([draft.parent / Path(source).name] if copy_text else [])]
        if any(draft.resolve() == t.resolve() for t in texts):  # the draft would replace it
            raise InputError(
                f"--draft {draft} is where the source text is (or, with --copy-text, goes); "
                "give the draft its own name (e.g. draft.ttl)"
            )
    report = bilateral.curate(open_graph(data), source, issued=issued)
    rows = report.rows()
    if draft is not None and str(draft) == "-":
        pass  # stdout carries the draft; the summary goes to stderr
    elif fmt is Format.json:
        echo_json(report.suggestions())
    elif fmt is Format.csv:
        typer.echo(
            csv_text(list(rows[0]) if rows else [], (list(r.values()) for r in rows)), nl=False
        )
    else:
        print_table(
            ["#", "covered", "kind", "actors", "dates", "sentence"],
            [list(r.values()) for r in rows],
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
        if copy_text:  # first: a name taken by another file stops before anything is written
            copied = report.copy_text(draft.parent)
            where = draft.parent / report.path.name
            typer.echo(
                f"source text copied to {where}" if copied else f"{where} holds it already",
                err=True,
            )
        write_text(draft, report.draft())
        typer.echo(
            f"draft written to {draft}: review each statement, remove its `bil:draft true`, "
            "then run `bilateral validate`",
            err=True,
        )
