"""The options of the dependence index's modelling choices and knowledge date, shared by
``dependence``, ``compare`` and ``scenario`` (the library checks the values; these only
turn the command line's text into them).

>>> unknown_range("0,0.5"), unknown_range("0.25"), domain_choice("energy, trade")
((0.0, 0.5), (0.25, 0.25), ['energy', 'trade'])
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TypedDict

import typer

from bilateral.cli.option_groups import grouped
from bilateral.graph.measures.vocabulary import DRAWS, HALF_BAND, LEVEL, SEED, UNKNOWN

__all__ = [
    "DEFAULT_UNKNOWN", "BandOption", "CoderNoiseOption", "DomainsOption", "DrawsOption",
    "KnownByOption", "LevelOption", "MinConfidenceOption", "ModelKeywords", "SeedOption",
    "UnknownOption", "WeightsOption", "domain_choice", "model_options", "unknown_range",
    "with_model_options",
]  # fmt: skip

KnownByOption = Annotated[
    str | None,
    typer.Option("--known-by", help="Only what sources issued by this date said (YYYY[-MM[-DD]])."),
]
UnknownOption = Annotated[
    str,
    typer.Option(
        "--unknown", help="Range an unnamed alternative is drawn from: LO,HI or one value."
    ),
]
BandOption = Annotated[
    float, typer.Option("--band", help="Half-width of an ordinal code's band (0-0.5).")
]
MinConfidenceOption = Annotated[
    float, typer.Option("--min-confidence", help="Leave out claims less sure than this (0-1).")
]
CoderNoiseOption = Annotated[
    float,
    typer.Option("--coder-noise", help="Chance a code is one step off in a draw (0-1)."),
]
LevelOption = Annotated[
    float, typer.Option("--level", help="Width of the intervals (0-1).", show_default=True)
]
DrawsOption = Annotated[int, typer.Option("--draws", help="Resampling draws (at least 100).")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the resampling.")]
WeightsOption = Annotated[
    Path | None, typer.Option("--weights", help="JSON/TOML file of domain weights.")
]
DomainsOption = Annotated[
    str | None,
    typer.Option("--domains", help="Domains of the total: scheme (default), evidence, or a,b,c."),
]
DEFAULT_UNKNOWN = ",".join(f"{x:g}" for x in UNKNOWN)


class ModelKeywords(TypedDict):
    """The keywords ``bilateral.dependence`` and ``bilateral.panel`` share: what is
    known, the domains and weights of the total, the modelling choices, the draws."""

    known_by: str | None
    weights: Path | None
    domains: list[str] | str | None
    unknown: tuple[float, float]
    band: float
    min_confidence: float
    coder_noise: float
    level: float
    draws: int
    seed: int


def model_options(
    known_by: KnownByOption = None,
    weights: WeightsOption = None,
    domains: DomainsOption = None,
    unknown: UnknownOption = DEFAULT_UNKNOWN,
    band: BandOption = HALF_BAND,
    min_confidence: MinConfidenceOption = 0.0,
    coder_noise: CoderNoiseOption = 0.0,
    level: LevelOption = LEVEL,
    draws: DrawsOption = DRAWS,
    seed: SeedOption = SEED,
) -> ModelKeywords:
    """The options of the index's model as ``bilateral.dependence``'s keywords."""
    return ModelKeywords(
        known_by=known_by, weights=weights, domains=domain_choice(domains),
        unknown=unknown_range(unknown), band=band, min_confidence=min_confidence,
        coder_noise=coder_noise, level=level, draws=draws, seed=seed,
    )  # fmt: skip


def unknown_range(text: str) -> tuple[float, float]:
    """``--unknown``: ``LO,HI`` or one value (a fixed value), as two floats."""
    from bilateral.errors import InputError

    parts = [p.strip() for p in text.split(",")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) not in (1, 2):
        raise InputError(f"--unknown must be LO,HI or one number, got {text!r}")
    return (values[0], values[-1])


def domain_choice(text: str | None) -> list[str] | str | None:
    """``--domains``: ``scheme`` (default), ``evidence``, or a comma-separated list."""
    if text is None or text == "scheme":
        return None
    if text == "evidence":
        return text
    return [d.strip() for d in text.split(",") if d.strip()]


#: ``@with_model_options``: the parameters of ``model_options`` stand in place of a
#: command's ``model`` parameter, which gets them as one ``ModelKeywords``
with_model_options = grouped(model_options, "model")
