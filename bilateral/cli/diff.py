"""``bilateral diff``: what new data changes (``bilateral.diff``): the dependence numbers
of every dyad before and after adding it, all time and per year, with the statements
that entered or left each number."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bilateral.cli.common import Format, echo, echo_json, handles_errors
from bilateral.cli.model_options import DrawsOption, LevelOption, SeedOption
from bilateral.cli.output import emit_rows
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED


def _short(iris: Any) -> str:
    """``bid:`` IRIs joined by "; " as their local names."""
    if not isinstance(iris, str):
        return ""
    return ", ".join(i.rsplit("/", 1)[-1] for i in iris.split("; "))


def _table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "dyad": f"{r['dependent_label']} on {r['provider_label']}",
            "year": "all" if r["year"] is None else r["year"],
            "domain": r["domain"],
            "SDI before": round(r["sdi_before"], 3),
            "after": round(r["sdi_after"], 3),
            "change": f"{r['change']:+.3f}",
            "reverse change": f"{r['reverse_change']:+.3f}",
            "claims": f"{r['n_claims_before']} -> {r['n_claims_after']}",
            "entered": _short(r["entered"]),
            "left": _short(r["left"]),
        }
        for r in rows
    ]


@handles_errors
def diff(
    with_: Annotated[
        list[str],
        typer.Option("--with", help="The new data: files or folders to add (repeatable)."),
    ],
    base: Annotated[
        list[str] | None,
        typer.Option("--base", help="The data before (repeatable; default: the bundled dataset)."),
    ] = None,
    dependent: Annotated[
        str | None, typer.Option("--dependent", help="Only this dyad: the dependent.")
    ] = None,
    provider: Annotated[str | None, typer.Option("--provider", help="Its provider.")] = None,
    from_year: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    level: LevelOption = LEVEL,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """What adding data changes: SDI before and after, per dyad, all time and per year,
    and the statements behind each change.

    Example: bilateral diff --with my-source.ttl
    """
    import bilateral

    frame = bilateral.diff(
        None,
        with_,
        dependent=dependent,
        provider=provider,
        from_year=from_year,
        to_year=to_year,
        level=level,
        draws=draws,
        seed=seed,
        data=base,
    )
    from bilateral.graph.views.tables import plain

    cells = plain(frame)
    rows: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in cells.to_dict(orient="records")
    ]
    if fmt is Format.json:
        echo_json(rows)
    elif fmt is Format.csv:
        emit_rows(rows, fmt)
    elif rows:
        emit_rows(_table(rows), fmt, title="what the new data changes (SDI, all time and per year)")
    else:
        n = frame.attrs.get("dyads", 0)
        echo(f"no number changes ({n} pair(s) of states compared): the new data adds no "
             "dependence evidence about them")  # fmt: skip
