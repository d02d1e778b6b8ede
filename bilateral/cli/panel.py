"""``bilateral panel``: the dyad-year panel (``bilateral.panel``) as CSV, Parquet or
JSON, for one dyad or every dyad of states in the data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    StoreOption,
    echo,
    handles_errors,
    open_graph,
)
from bilateral.cli.model_options import ModelKeywords, model_options, with_model_options
from bilateral.cli.output import echo_data, echo_json
from bilateral.cli.remote_options import Remote, with_remote_options


class PanelFormat(StrEnum):
    """What ``panel`` writes."""

    csv = "csv"
    parquet = "parquet"
    json = "json"


@handles_errors
@with_remote_options
@with_model_options
def panel(
    dependent: Annotated[
        str | None, typer.Argument(help="Dependent actor (slug, label or IRI).")
    ] = None,
    provider: Annotated[str | None, typer.Argument(help="Provider actor.")] = None,
    all_dyads: Annotated[
        bool,
        typer.Option(
            "--all-dyads",
            help="Every directed dyad of states with dependence evidence either way.",
        ),
    ] = False,
    from_year: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    model: ModelKeywords | None = None,
    fmt: Annotated[
        PanelFormat | None,
        typer.Option("--format", help="csv (default), parquet (needs --out) or json."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file (else standard output).")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """One row per dyad x domain x year: SDI both ways with intervals, asymmetry, flows,
    counts (the codebook: docs/measures.md).

    Example: bilateral panel --all-dyads --out panel.csv
    """
    import bilateral
    from bilateral.errors import InputError
    from bilateral.graph.views.tables import plain, table_format

    kind = fmt.value if fmt is not None else table_format(out) if out is not None else "csv"
    if kind == "parquet" and out is None:
        raise InputError("Parquet is binary: give --out FILE.parquet")
    frame = bilateral.panel(
        open_graph(data, store, remote),
        dependent,
        provider,
        all_dyads=all_dyads,
        from_year=from_year,
        to_year=to_year,
        **(model if model is not None else model_options()),
    )
    for note in frame.attrs.get("notes", []):
        echo(f"note: {note}", err=True)
    if kind == "json":
        rows = plain(frame).to_dict(orient="records")
        if out is None:
            echo_json(rows)
            return
        from bilateral.graph.views.atomic import write_text
        from bilateral.text import strict_json

        write_text(out, strict_json(rows))
    elif out is None:
        from bilateral.cells import csv_text

        cells = plain(frame).itertuples(index=False)
        echo_data(csv_text(list(frame.columns), cells))
        return
    else:
        bilateral.write_table(frame, out, kind)
    dyads = frame[["dependent", "provider"]].drop_duplicates().shape[0]
    echo(f"{len(frame)} rows ({dyads} directed dyads) written to {out}", err=True)
