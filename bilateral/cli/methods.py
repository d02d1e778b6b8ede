"""``bilateral methods``: print (or write) the methods appendix, a thin shell over
``bilateral.methods``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    EndpointOption,
    EndpointTimeoutOption,
    StoreOption,
    echo,
    handles_errors,
    open_graph,
)
from bilateral.cli.dyad_options import (
    DependentOption,
    DrawsOption,
    LevelOption,
    ProviderOption,
    SeedOption,
)
from bilateral.cli.model_options import (
    DEFAULT_UNKNOWN,
    BandOption,
    CoderNoiseOption,
    KnownByOption,
    MinConfidenceOption,
    UnknownOption,
    unknown_range,
)
from bilateral.cli.output import echo_data
from bilateral.graph.measures.vocabulary import DRAWS, HALF_BAND, LEVEL, SEED

__all__ = ["methods"]


@handles_errors
def methods(
    dependent: DependentOption = None,
    provider: ProviderOption = None,
    known_by: KnownByOption = None,
    unknown: UnknownOption = DEFAULT_UNKNOWN,
    band: BandOption = HALF_BAND,
    min_confidence: MinConfidenceOption = 0.0,
    coder_noise: CoderNoiseOption = 0.0,
    level: LevelOption = LEVEL,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Markdown file to write (atomically).")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    timeout: EndpointTimeoutOption = 30.0,
) -> None:
    """Print the methods appendix (Markdown): the index, its choices and sensitivity, the
    sources and coders, what the intervals cover, how to cite.

    Example: bilateral methods --dependent belarus --provider russia --out methods.md
    """
    import bilateral
    from bilateral.graph.views.atomic import write_text

    text = bilateral.methods(
        open_graph(data, store, endpoint, timeout=timeout),
        dependent=dependent,
        provider=provider,
        known_by=known_by,
        unknown=unknown_range(unknown),
        band=band,
        min_confidence=min_confidence,
        coder_noise=coder_noise,
        level=level,
        draws=draws,
        seed=seed,
    )
    if out is None:
        echo_data(text)  # exact in a pipe or file; on a terminal, control characters escaped
        return
    write_text(out, text)
    echo(f"wrote {out}")
