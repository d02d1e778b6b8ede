"""``bilateral dependence``: a thin shell over ``bilateral.dependence``: the table of
domains (or years), the state and regime levels, the sensitivity, the evidence with its
quotes, and plots."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from bilateral.cli.model_options import ModelKeywords, model_options, with_model_options
from bilateral.cli.output import echo_notes, emit_rows
from bilateral.cli.remote_options import Remote, with_remote_options
from bilateral.cli.tables import (
    dependence_rows,
    evidence_table,
    flat_sensitivity,
    level_rows,
    sensitivity_rows,
)

if TYPE_CHECKING:
    from bilateral.graph.measures.results import DependenceResult

FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json.")]


class By(StrEnum):
    """Dependence breakdowns."""

    domain = "domain"
    year = "year"


def _evidence_title(result: DependenceResult) -> str:
    return (
        f"the evidence (A = {result.dependent_label}, B = {result.provider_label}): each "
        "claim, its code, confidence, hedge, quotes and source"
    )


@handles_errors
@with_remote_options
@with_model_options
def dependence(
    dependent: Annotated[str, typer.Argument(help="Dependent actor: slug, label or IRI.")],
    provider: Annotated[str, typer.Argument(help="Provider actor: slug, label or IRI.")],
    by: Annotated[By, typer.Option("--by", help="domain or year.")] = By.domain,
    from_year: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY[-MM[-DD]].")] = None,
    model: ModelKeywords | None = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Also show the headline under every modelling choice (CSV: only that table).",
        ),
    ] = False,
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence",
            help="Show the evidence instead: one row per claim with its label, kind, "
            "hedge, quotes and source (table, csv or json).",
        ),
    ] = False,
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
    remote: Remote | None = None,
) -> None:
    """Structural dependence of DEPENDENT on PROVIDER per domain (or year), with intervals.

    Example: bilateral dependence minsk moscow --sensitivity --tornado tornado.png
    """
    import bilateral
    from bilateral.errors import InputError
    from bilateral.graph.views.plot import plot_dependence, plot_series, plot_tornado

    if evidence and (sensitivity or by is By.year):
        what = "--sensitivity" if sensitivity else "--by year"
        raise InputError(f"--evidence prints the evidence table alone: drop {what}")
    result = bilateral.dependence(
        open_graph(data, store, remote, dyad=(dependent, provider)),
        dependent,
        provider,
        as_of=as_of,
        by=by.value,
        from_year=from_year,
        to_year=to_year,
        sensitivity=sensitivity or tornado is not None,
        **(model if model is not None else model_options()),
    )
    if plot is not None:
        (plot_series if by is By.year else plot_dependence)(result, plot)
    if tornado is not None:
        plot_tornado(result, tornado)
    echo_notes(result.notes)
    if evidence:
        from bilateral.graph.measures.results import evidence_rows

        items = [i for d in result.domains for i in d.evidence]
        flat = evidence_rows(items)
        if fmt is Format.json:
            echo_json(items)
        else:
            emit_rows(flat if fmt is Format.csv else evidence_table(flat), fmt,
                      title=_evidence_title(result))  # fmt: skip
    elif fmt is Format.json:
        echo_json(result.to_dict())
    elif fmt is Format.csv and sensitivity:  # CSV is one table: the sensitivity's
        emit_rows(flat_sensitivity(result.sensitivity), fmt)
    else:
        rows: Sequence[Mapping[str, object]]
        rows = result.by_year if by is By.year else result.table()
        if fmt is Format.table and by is By.domain:
            rows = dependence_rows(rows)
        title = (
            f"SDI of {result.dependent_label} on {result.provider_label} "
            f"(medians, {result.level:.0%} intervals)"
        )
        emit_rows(rows, fmt, title=title)
        if fmt is Format.table and by is By.domain:
            s = result.summary
            echo(
                f"asymmetry SDI({result.dependent_label} on {result.provider_label}) - "
                f"SDI({result.provider_label} on {result.dependent_label}) = "
                f"{s.asymmetry:+.4f} [{s.asymmetry_low:+.4f}, {s.asymmetry_high:+.4f}]"
            )
        if result.levels and fmt is Format.table:
            emit_rows(level_rows(result.levels), fmt, title="the state and its regime")
            echo(f"who counts: {result.rollup_rule}")
        if sensitivity and fmt is Format.table:
            emit_rows(sensitivity_rows(result.sensitivity), fmt,
                  title="sensitivity: the total under each modelling choice")  # fmt: skip
    for path in (plot, tornado):
        if path is not None:
            echo(f"plot written to {path}", err=True)
