"""The options of the dependence index's modelling choices and knowledge date, shared by
``dependence``, ``compare`` and ``scenario`` (the library checks the values; these only
turn the command line's text into them).

>>> unknown_range("0,0.5"), unknown_range("0.25"), domain_choice("energy, trade")
((0.0, 0.5), (0.25, 0.25), ['energy', 'trade'])
"""

from __future__ import annotations

from typing import Annotated

import typer

from bilateral.graph.measures.vocabulary import UNKNOWN

__all__ = [
    "DEFAULT_UNKNOWN", "BandOption", "CoderNoiseOption", "KnownByOption", "MinConfidenceOption",
    "UnknownOption", "domain_choice", "unknown_range",
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
DEFAULT_UNKNOWN = ",".join(f"{x:g}" for x in UNKNOWN)


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
