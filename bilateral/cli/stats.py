"""``bilateral stats``: what the graph holds, and how much of its sources it covers."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bilateral.cli.common import (
    DataOption,
    Format,
    StoreOption,
    echo,
    echo_json,
    handles_errors,
    open_graph,
)


def _print_table(summary: dict[str, Any]) -> None:
    from bilateral.cli.output import print_table

    rows: list[tuple[str, Any]] = [
        (key, summary[key])
        for key in ("triples", "actors", "places", "statements", "quotes", "sources")
    ]
    rows += [(f"  actor: {cls}", n) for cls, n in summary["actors_by_class"].items()]
    rows += [(f"  statement: {kind}", n) for kind, n in summary["statements_by_kind"].items()]
    if summary["date_range"]:
        rows.append(("date range", " … ".join(summary["date_range"])))
    print_table(["what", "count"], rows, title="bilateral graph")


@handles_errors
def stats(
    data: DataOption = None,
    store: StoreOption = None,
    fmt: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.table,
    show_coverage: Annotated[
        bool,
        typer.Option("--coverage", help="Report the share of source sentences quotes cover."),
    ] = False,
) -> None:
    """Count triples, entities by class, statements by kind, sources and dates.

    Example: bilateral stats --coverage
    """
    import bilateral

    g = open_graph(data, store)
    summary = bilateral.stats(g)
    if show_coverage:
        summary["coverage"] = [
            {
                "source": c.source,
                "sentences": c.sentences,
                "covered": c.covered,
                "share": round(c.share, 4),
                "excluded": c.excluded,
                "uncovered": c.uncovered,
            }
            for c in bilateral.coverage(g)
        ]
    if fmt is Format.json:
        echo_json(summary)
        return
    if fmt is Format.csv:
        echo("what,count")
        for key in ("triples", "actors", "places", "statements", "quotes", "sources"):
            echo(f"{key},{summary[key]}")
    else:
        _print_table(summary)
    for c in summary.get("coverage", []):
        echo(
            f"coverage of {c['source']}: {c['covered']}/{c['sentences']} sentences "
            f"({c['share']:.1%}); excluded: {c['excluded']}"
        )
        for sentence in c["uncovered"]:
            echo(f"  uncovered: {sentence}")
