"""The options ``compare`` and ``scenario`` share (the dyad, the intervals, the model),
declared once and handed to ``bilateral.compare``/``bilateral.scenario`` as keywords."""

from __future__ import annotations

from typing import Annotated, TypedDict

import typer

from bilateral.cli.model_options import (
    DEFAULT_UNKNOWN,
    BandOption,
    CoderNoiseOption,
    DrawsOption,
    KnownByOption,
    LevelOption,
    MinConfidenceOption,
    SeedOption,
    UnknownOption,
    unknown_range,
)
from bilateral.cli.option_groups import grouped
from bilateral.graph.measures.vocabulary import DRAWS, HALF_BAND, LEVEL, SEED

__all__ = [
    "DependentOption",
    "DrawsOption",
    "DyadKeywords",
    "LevelOption",
    "ProviderOption",
    "SeedOption",
    "TopOption",
    "dyad_options",
    "with_dyad_options",
]

DependentOption = Annotated[
    str | None, typer.Option("--dependent", help="Dependent actor of the dyad.")
]
ProviderOption = Annotated[str | None, typer.Option("--provider", help="Provider actor.")]
TopOption = Annotated[int, typer.Option("--top", min=1, help="Centrality rows to show.")]


class DyadKeywords(TypedDict, total=False):
    """The keywords ``bilateral.compare`` and ``bilateral.scenario`` share."""

    dependent: str | None
    provider: str | None
    top: int | None
    level: float
    draws: int
    seed: int
    known_by: str | None
    unknown: tuple[float, float]
    band: float
    min_confidence: float
    coder_noise: float


def dyad_options(
    dependent: DependentOption = None,
    provider: ProviderOption = None,
    top: TopOption = 15,
    level: LevelOption = LEVEL,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
    known_by: KnownByOption = None,
    unknown: UnknownOption = DEFAULT_UNKNOWN,
    band: BandOption = HALF_BAND,
    min_confidence: MinConfidenceOption = 0.0,
    coder_noise: CoderNoiseOption = 0.0,
) -> DyadKeywords:
    """The options ``compare`` and ``scenario`` share, as their keywords."""
    return DyadKeywords(
        dependent=dependent, provider=provider, top=top, level=level, draws=draws, seed=seed,
        known_by=known_by, unknown=unknown_range(unknown), band=band,
        min_confidence=min_confidence, coder_noise=coder_noise,
    )  # fmt: skip


#: ``@with_dyad_options``: the parameters of ``dyad_options`` (--dependent, --provider,
#: --top, --level, --draws, --seed, --known-by and the modelling choices) stand in place of
#: a command's ``dyad`` parameter, which gets them gathered into one ``DyadKeywords``
with_dyad_options = grouped(dyad_options, "dyad")
