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
from bilateral.cli.dyad_options import DrawsOption, LevelOption, SeedOption
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
from bilateral.cli.output import echo_data, echo_json
from bilateral.cli.remote_options import Remote, with_remote_options
from bilateral.graph.measures.vocabulary import DRAWS, HALF_BAND, LEVEL, SEED


class PanelFormat(StrEnum):
    """What ``panel`` writes."""

    csv = "csv"
    parquet = "parquet"
    json = "json"


@handles_errors
@with_remote_options
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
    level: LevelOption = LEVEL,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
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
    from bilateral.graph.views.tables import table_format

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
        known_by=known_by,
        weights=weights,
        domains=domain_choice(domains),
        unknown=unknown_range(unknown),
        band=band,
        min_confidence=min_confidence,
        coder_noise=coder_noise,
        level=level,
        draws=draws,
        seed=seed,
    )
    for note in frame.attrs.get("notes", []):
        echo(f"note: {note}", err=True)
    if kind == "json":
        rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        if out is None:
            echo_json(rows)
            return
        from bilateral.graph.views.atomic import write_text
        from bilateral.text import strict_json

        write_text(out, strict_json(rows))
    elif out is None:
        from bilateral.cells import csv_text

        cells = frame.astype(object).where(frame.notna(), None).itertuples(index=False)
        echo_data(csv_text(list(frame.columns), cells))
        return
    else:
        bilateral.write_table(frame, out, kind)
    dyads = frame[["dependent", "provider"]].drop_duplicates().shape[0]
    echo(f"{len(frame)} rows ({dyads} directed dyads) written to {out}", err=True)
