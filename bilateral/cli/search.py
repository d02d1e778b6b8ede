"""``bilateral search``: find entities and statements by the words of their labels,
aliases, titles, comments and quotes."""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    Format,
    StoreOption,
    echo_json,
    handles_errors,
    open_graph,
)
from bilateral.cli.output import print_table


@handles_errors
def search(
    text: Annotated[str, typer.Argument(help="Words to look for (spelling variants welcome).")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Only this class and its subclasses (Person, Agreement...)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most N matches.")] = 20,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Ranked matches over labels, aliases, quotes and comments, forgiving of case,
    accents, apostrophes, British/American spelling, transliteration and typos.

    Example: bilateral search Rosselkhoznadzor --kind Organization
    """
    from bilateral.graph.sparql.search import search as run_search

    df = run_search(open_graph(data, store), text, kind=kind, limit=limit)
    if fmt is Format.json:
        echo_json(df.to_dict(orient="records"))
    elif fmt is Format.csv:
        from bilateral.graph.views.csvsafe import csv_text

        typer.echo(csv_text(list(df.columns), df.itertuples(index=False)), nl=False)
    else:
        print_table(list(df.columns), df.itertuples(index=False))
        typer.echo(f"{len(df)} match(es)", err=True)
