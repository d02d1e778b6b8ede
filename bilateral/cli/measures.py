"""``bilateral centrality``, ``dependence``, ``compare`` and ``scenario``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from bilateral.cli.common import (
    DataOption,
    EndpointOption,
    Format,
    StoreOption,
    View,
    echo_json,
    fail,
    handles_errors,
    open_graph,
)
from bilateral.cli.output import print_table


class Measure(StrEnum):
    """Centrality measures."""

    all = "all"
    degree = "degree"
    in_degree = "in-degree"
    out_degree = "out-degree"
    betweenness = "betweenness"
    closeness = "closeness"
    eigenvector = "eigenvector"
    pagerank = "pagerank"


class By(StrEnum):
    """Dependence breakdowns."""

    domain = "domain"
    year = "year"


DependentOption = Annotated[str | None, typer.Option("--dependent", help="Dependent actor.")]
ProviderOption = Annotated[str | None, typer.Option("--provider", help="Provider actor.")]
TopOption = Annotated[int, typer.Option("--top", min=1, help="Centrality rows to show.")]
FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json.")]


def _csv(rows: Sequence[Mapping[Any, Any]]) -> str:
    from bilateral.graph.views.csvsafe import csv_text

    return csv_text(list(rows[0]), (list(r.values()) for r in rows)) if rows else ""


def _emit(rows: Sequence[Mapping[Any, Any]], fmt: Format, title: str = "") -> None:
    if fmt is Format.json:
        echo_json(rows)
    elif fmt is Format.csv:
        typer.echo(_csv(rows), nl=False)
    elif rows:
        print_table(list(rows[0]), [list(r.values()) for r in rows], title=title)
    else:
        typer.echo("(no rows)")


def _emit_side_by_side(result: Any, dep: Any, fmt: Format) -> None:
    """The dependence table and the PageRank ranks of a comparison or scenario."""
    title = f"SDI of {dep.dependent_label} on {dep.provider_label}"
    _emit(result.dependence_table(), fmt, title=title)
    records = result.centrality.to_dict(orient="records")
    _emit([{k: _fmt(v) for k, v in r.items()} for r in records], fmt, title="PageRank ranks")


def _fmt(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


@handles_errors
def centrality(
    measure: Annotated[
        Measure, typer.Option("--measure", "-m", help="Which measure.")
    ] = Measure.all,
    view: Annotated[View, typer.Option("--view", help="actors or full.")] = View.actors,
    type_: Annotated[
        list[str] | None, typer.Option("--type", help="Keep nodes of this class, e.g. State.")
    ] = None,
    domain: Annotated[list[str] | None, typer.Option("--domain", help="Keep this domain.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY[-MM[-DD]].")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Range start date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Range end date.")] = None,
    rollup: Annotated[
        bool, typer.Option("--rollup", help="Roll actors up to their state.")
    ] = False,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show the top N rows.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Centrality of every actor (or statement, --view full), highest first.

    Example: bilateral centrality --measure pagerank --top 10 --rollup
    """
    import bilateral

    df = bilateral.centrality(
        open_graph(data, store, endpoint),
        measure=measure.value,
        view=view.value,
        types=type_,
        domains=domain,
        as_of=as_of,
        start=start,
        end=end,
        rollup=rollup,
        top=top,
    )
    rows = [{k: _fmt(v) for k, v in r.items()} for r in df.to_dict(orient="records")]
    if not rows:
        typer.echo("no nodes in this slice (check --as-of/--from/--to, --type, --domain)", err=True)
    _emit(rows, fmt, title="centrality")


@handles_errors
def dependence(
    dependent: Annotated[str, typer.Argument(help="Dependent actor: slug, label or IRI.")],
    provider: Annotated[str, typer.Argument(help="Provider actor: slug, label or IRI.")],
    by: Annotated[By, typer.Option("--by", help="domain or year.")] = By.domain,
    from_year: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY[-MM[-DD]].")] = None,
    weights: Annotated[
        Path | None, typer.Option("--weights", help="JSON/TOML file of domain weights.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write a PNG of SDI over time.")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Structural dependence index of DEPENDENT on PROVIDER, per domain or per year.

    Example: bilateral dependence belarus russia --by year --plot sdi.png
    """
    import bilateral
    from bilateral.graph.views.plot import plot_dependence

    if from_year is not None and to_year is not None and from_year > to_year:
        fail(f"--from {from_year} is after --to {to_year}")
    start = f"{from_year}-01-01" if from_year is not None and by is By.domain else None
    end = f"{to_year}-12-31" if to_year is not None and by is By.domain else None
    result = bilateral.dependence(
        dependent,
        provider,
        open_graph(data, store, endpoint),
        as_of=as_of,
        start=start,
        end=end,
        from_year=from_year,
        to_year=to_year,
        weights=weights,
    )
    if plot is not None:
        plot_dependence(result, plot)
    if fmt is Format.json:
        typer.echo(result.to_json())
    else:
        rows = result.by_year if by is By.year else result.table()
        title = f"SDI of {result.dependent_label} on {result.provider_label}"
        _emit(rows, fmt, title=title)
        if fmt is Format.table and by is By.domain:
            _emit(result.sensitivity, fmt, title="weight sensitivity (total SDI)")
            typer.echo(
                f"asymmetry SDI({result.dependent_label} on {result.provider_label}) - "
                f"SDI({result.provider_label} on {result.dependent_label}) = "
                f"{result.asymmetry:+.4f}"
            )
    if plot is not None:
        typer.echo(f"plot written to {plot}", err=True)


@handles_errors
def compare(
    as_of: Annotated[
        list[str], typer.Option("--as-of", help="Two dates to compare (give it twice).")
    ],
    dependent: DependentOption = None,
    provider: ProviderOption = None,
    top: TopOption = 15,
    fmt: FormatOption = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Change in dependence and in centrality ranks between two dates.

    Example: bilateral compare --as-of 2020-07-01 --as-of 2021-12-31
    """
    import bilateral

    if len(as_of) != 2:
        fail("give --as-of exactly twice, e.g. --as-of 2020-07-01 --as-of 2021-12-31")
    result = bilateral.compare(
        as_of[0],
        as_of[1],
        open_graph(data, store),
        dependent=dependent,
        provider=provider,
        top=top,
    )
    if fmt is Format.json:
        echo_json(result.to_dict())
        return
    dep = result.dep_first
    _emit_side_by_side(result, dep, fmt)


@handles_errors
def scenario(
    name: Annotated[str | None, typer.Argument(help="A bil:Scenario (slug or label).")] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="Remove an actor or statement.")
    ] = None,
    drop_kind: Annotated[
        list[str] | None, typer.Option("--drop-kind", help="Remove all statements of a kind.")
    ] = None,
    dependent: DependentOption = None,
    provider: ProviderOption = None,
    top: TopOption = 15,
    fmt: FormatOption = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Recompute dependence and centrality under a scenario, before/after side by side.

    Example: bilateral scenario scenario-west-crisis-escalation
    """
    import bilateral

    result = bilateral.scenario(
        name,
        open_graph(data, store),
        remove=remove or (),
        drop_kinds=drop_kind or (),
        dependent=dependent,
        provider=provider,
        top=top,
    )
    if fmt is Format.json:
        echo_json(result.to_dict())
        return
    typer.echo(
        f"{result.label}: removes {len(result.removed)}, weakens {len(result.weakened)}",
        err=True,
    )
    dep = result.before
    _emit_side_by_side(result, dep, fmt)
