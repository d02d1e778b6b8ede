"""``bilateral centrality``, ``dependence``, ``compare`` and ``scenario``: thin shells over
``bilateral.centrality`` and friends (the library owns what every option means)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from bilateral.cli.common import (
    DataOption,
    EndpointOption,
    EndpointTimeoutOption,
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
    DrawsOption,
    DyadKeywords,
    LevelOption,
    ProviderOption,
    SeedOption,
    with_dyad_options,
)
from bilateral.cli.model_options import (
    DEFAULT_UNKNOWN,
    BandOption,
    CoderNoiseOption,
    KnownByOption,
    MinConfidenceOption,
    UnknownOption,
    domain_choice,
    unknown_range,
)
from bilateral.cli.output import echo_data, print_table
from bilateral.cli.progress import progress_bar
from bilateral.cli.tables import (
    dependence_rows,
    flat_sensitivity,
    sensitivity_rows,
    side_by_side_rows,
)
from bilateral.graph.measures.vocabulary import (
    DEFAULT_RANKING,
    DRAWS,
    HALF_BAND,
    LEVEL,
    SEED,
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
    from bilateral.graph.views.csvsafe import csv_text

    if fmt is Format.json:
        echo_json(rows)
    elif fmt is Format.csv:
        echo_data(csv_text(list(rows[0]), (list(r.values()) for r in rows)) if rows else "")
    elif rows:
        print_table(list(rows[0]), [list(r.values()) for r in rows], title=title)
    else:
        echo("(no rows)")


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
    endpoint: EndpointOption = None,
    timeout: EndpointTimeoutOption = 30.0,
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
            open_graph(data, store, endpoint, timeout=timeout),
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
def dependence(
    dependent: Annotated[str, typer.Argument(help="Dependent actor: slug, label or IRI.")],
    provider: Annotated[str, typer.Argument(help="Provider actor: slug, label or IRI.")],
    by: Annotated[By, typer.Option("--by", help="domain or year.")] = By.domain,
    from_year: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY[-MM[-DD]].")] = None,
    known_by: KnownByOption = None,
    weights: Annotated[
        Path | None, typer.Option("--weights", help="JSON/TOML file of domain weights.")
    ] = None,
    domains: Annotated[
        str | None,
        typer.Option(
            "--domains", help="Domains of the total: scheme (default), evidence, or a,b,c."
        ),
    ] = None,
    unknown: UnknownOption = DEFAULT_UNKNOWN,
    band: BandOption = HALF_BAND,
    min_confidence: MinConfidenceOption = 0.0,
    coder_noise: CoderNoiseOption = 0.0,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Also show the headline under every modelling choice (CSV: only that table).",
        ),
    ] = False,
    level: LevelOption = LEVEL,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
    fmt: FormatOption = Format.table,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Write a PNG: forest plot by domain, or the yearly series."),
    ] = None,
    tornado: Annotated[
        Path | None,
        typer.Option("--tornado", help="Write the sensitivity as a tornado plot (.png or .svg)."),
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    timeout: EndpointTimeoutOption = 30.0,
) -> None:
    """Structural dependence of DEPENDENT on PROVIDER per domain (or year), with intervals.

    Example: bilateral dependence minsk moscow --sensitivity --tornado tornado.png
    """
    import bilateral
    from bilateral.graph.views.plot import plot_dependence, plot_series, plot_tornado

    result = bilateral.dependence(
        open_graph(data, store, endpoint, timeout=timeout),
        dependent,
        provider,
        as_of=as_of,
        known_by=known_by,
        by=by.value,
        from_year=from_year,
        to_year=to_year,
        weights=weights,
        domains=domain_choice(domains),
        unknown=unknown_range(unknown),
        band=band,
        min_confidence=min_confidence,
        coder_noise=coder_noise,
        sensitivity=sensitivity or tornado is not None,
        level=level,
        draws=draws,
        seed=seed,
    )
    if plot is not None:
        (plot_series if by is By.year else plot_dependence)(result, plot)
    if tornado is not None:
        plot_tornado(result, tornado)
    _notes(result)
    if fmt is Format.json:
        echo_json(result.to_dict())
    elif fmt is Format.csv and sensitivity:  # CSV is one table: the sensitivity's
        _emit(flat_sensitivity(result.sensitivity), fmt)
    else:
        rows: Sequence[Mapping[str, object]] = result.by_year if by is By.year else result.table()
        if fmt is Format.table and by is By.domain:
            rows = dependence_rows(rows)
        title = (
            f"SDI of {result.dependent_label} on {result.provider_label} "
            f"(medians, {result.level:.0%} intervals)"
        )
        _emit(rows, fmt, title=title)
        if fmt is Format.table and by is By.domain:
            s = result.summary
            echo(
                f"asymmetry SDI({result.dependent_label} on {result.provider_label}) - "
                f"SDI({result.provider_label} on {result.dependent_label}) = "
                f"{s.asymmetry:+.4f} [{s.asymmetry_low:+.4f}, {s.asymmetry_high:+.4f}]"
            )
        if sensitivity and fmt is Format.table:
            _emit(sensitivity_rows(result.sensitivity), fmt,
                  title="sensitivity: the total under each modelling choice")  # fmt: skip
    for path in (plot, tornado):
        if path is not None:
            echo(f"plot written to {path}", err=True)


@handles_errors
@with_dyad_options
def compare(
    as_of: Annotated[
        list[str], typer.Option("--as-of", help="Two dates to compare (give it twice).")
    ],
    dyad: DyadKeywords | None = None,
    fmt: FormatOption = Format.table,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Change in dependence and in centrality ranks between two dates.

    Example: bilateral compare --as-of 2020-07-01 --as-of 2021-12-31
    """
    import bilateral
    from bilateral.errors import InputError

    if len(as_of) != 2:
        raise InputError("give --as-of exactly twice, e.g. --as-of 2020-07-01 --as-of 2021-12-31")
    result = bilateral.compare(open_graph(data, store), as_of[0], as_of[1], **(dyad or {}))
    _emit_side_by_side(result, result.dep_first, fmt)


@handles_errors
@with_dyad_options
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
) -> None:
    """Recompute dependence and centrality under a scenario, before/after side by side.

    Example: bilateral scenario scenario-west-crisis-escalation
    """
    import bilateral

    result = bilateral.scenario(
        open_graph(data, store),
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
