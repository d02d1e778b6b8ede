"""``bilateral centrality``, ``dependence``, ``compare`` and ``scenario``: thin shells over
``bilateral.centrality`` and friends (the library owns what every option means)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from bilateral.cli.common import (
    DataOption,
    Format,
    StoreOption,
    View,
    echo,
    echo_json,
    handles_errors,
    open_graph,
    view_filters,
)
from bilateral.cli.dyad_options import (
    DependentOption,
    DyadKeywords,
    ProviderOption,
    with_dyad_options,
)
from bilateral.cli.output import emit_rows
from bilateral.cli.progress import progress_bar
from bilateral.cli.remote_options import Remote, with_remote_options
from bilateral.cli.tables import (
    side_by_side_rows,
)
from bilateral.graph.measures.vocabulary import (
    DEFAULT_RANKING,
    cli_names,
)
from bilateral.progress import reporting

Measure = StrEnum("Measure", {n: n for n in ["all", *cli_names()]})  # type: ignore[misc]


FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json.")]


class By(StrEnum):
    """Dependence breakdowns."""

    domain = "domain"
    year = "year"


def _emit(rows: Sequence[Mapping[Any, Any]], fmt: Format, title: str = "") -> None:
    emit_rows(rows, fmt, title)


def _fmt(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def _note(basis: str) -> None:
    if basis != "named":
        echo(f"dyad: {basis}", err=True)


def _notes(result: Any) -> None:
    for note in result.notes:
        echo(f"note: {note}", err=True)


def _emit_side_by_side(result: Any, dep: Any, fmt: Format) -> None:
    """The dependence table and the centrality ranks of a comparison or scenario (or
    its JSON), with a note on stderr when the dyad was not named."""
    _note(result.dyad_basis)
    for dep_result in (dep, getattr(result, "after", None), getattr(result, "dep_second", None)):
        if dep_result is not None:
            _notes(dep_result)
    if fmt is Format.json:
        echo_json(result.to_dict())
        return
    title = f"SDI of {dep.dependent_label} on {dep.provider_label}"
    table = result.dependence_table()
    if fmt is Format.table:
        a, b = ("before", "after") if hasattr(result, "before") else (result.first, result.second)
        table = side_by_side_rows(table, a, b)
    _emit(table, fmt, title=title)
    records = result.centrality.to_dict(orient="records")
    if fmt is not Format.csv:  # CSV is one table: the dependence
        _emit([{k: _fmt(v) for k, v in r.items()} for r in records], fmt, title="ranks")


@handles_errors
@with_remote_options
def centrality(
    measure: Annotated[
        Measure,
        typer.Option("--measure", "-m", help=f"Which measure (all: sorted by {DEFAULT_RANKING})."),
    ] = Measure.all,  # type: ignore[attr-defined]
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
    dependent: DependentOption = None,
    provider: ProviderOption = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show the top N rows.")] = None,
    fmt: FormatOption = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """Centrality of every actor (or statement, --view full), highest first.

    The default ranking is eigenvector centrality on the dyad's connected part of the
    undirected statement graph, where every statement also ties its participants to
    their states (bil:country): an organ (a ministry, an agency, a church) takes part
    for itself and for its state, so transgovernmental channels such as an agreement
    between two interior ministries rank inside the relationship, and a one-mention
    third state does not outrank them. Degrees, betweenness, closeness and PageRank
    count the statements alone. See docs/measures.md, section 2.

    Example: bilateral centrality --top 10 --rollup
    """
    import bilateral

    with progress_bar() as bar, reporting(bar):  # on a terminal, for steps over ~2 s
        df = bilateral.centrality(
            open_graph(data, store, remote),
            measure=measure.value,
            start=start,
            end=end,
            top=top,
            **view_filters(view, type_, domain, as_of, rollup),
            dyad=[dependent, provider] if dependent and provider else None,
        )
    for warning in df.attrs.get("warnings", []):
        echo(f"warning: {warning}", err=True)
    rows = [{k: _fmt(v) for k, v in r.items()} for r in df.to_dict(orient="records")]
    if not rows:
        echo("no nodes in this slice (check --as-of/--from/--to, --type, --domain)", err=True)
    _emit(rows, fmt, title="centrality")


@handles_errors
@with_dyad_options
@with_remote_options
def compare(
    as_of: Annotated[
        list[str], typer.Option("--as-of", help="Two dates to compare (give it twice).")
    ],
    dyad: DyadKeywords | None = None,
    fmt: FormatOption = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """Change in dependence and in centrality ranks between two dates.

    Example: bilateral compare --as-of 2020-07-01 --as-of 2021-12-31
    """
    import bilateral
    from bilateral.errors import InputError

    if len(as_of) != 2:
        raise InputError("give --as-of exactly twice, e.g. --as-of 2020-07-01 --as-of 2021-12-31")
    result = bilateral.compare(open_graph(data, store, remote), as_of[0], as_of[1], **(dyad or {}))
    _emit_side_by_side(result, result.dep_first, fmt)


@handles_errors
@with_dyad_options
@with_remote_options
def scenario(
    name: Annotated[str | None, typer.Argument(help="A bil:Scenario (slug or label).")] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="Remove an actor or statement.")
    ] = None,
    drop_kind: Annotated[
        list[str] | None, typer.Option("--drop-kind", help="Remove all statements of a kind.")
    ] = None,
    dyad: DyadKeywords | None = None,
    fmt: FormatOption = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """Recompute dependence and centrality under a scenario, before/after side by side.

    Example: bilateral scenario scenario-west-crisis-escalation
    """
    import bilateral

    result = bilateral.scenario(
        open_graph(data, store, remote),
        name,
        remove=remove or (),
        drop_kinds=drop_kind or (),
        **(dyad or {}),
    )
    if fmt is not Format.json:
        hedge = f"'{result.hedge}', " if result.hedge else ""
        echo(
            f"{result.label}: removes {len(result.removed)} (with what exists only through "
            f"them), weakens {len(result.weakened)}; the numbers are the change if it "
            f"happens (the source's likelihood: {hedge}{result.likelihood:g}, conditional, "
            "not multiplied in)",
            err=True,
        )
    _emit_side_by_side(result, result.before, fmt)
    if fmt is Format.table and result.rules():
        _emit(
            [{**r, "statement": r["statement"].rsplit("/", 1)[-1]} for r in result.rules()],
            fmt,
            title="what carries the change: each piece of evidence removed or weakened, and why",
        )
