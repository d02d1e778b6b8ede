"""Plots of the dependence index (matplotlib, written atomically): a forest plot of each
domain in both directions with its interval, the yearly series, and the tornado plot of
the sensitivity to the modelling choices (PNG, or SVG by the file's suffix)."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from bilateral.graph.measures.dependence import DependenceResult
from bilateral.graph.views.atomic import write_with

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plain", "plot_dependence", "plot_series", "plot_tornado"]


def plain(text: object) -> str:
    """Text for a matplotlib label: ``$`` would start mathtext, so it is escaped.

    >>> plain("costs $5 and $6")
    'costs \\\\$5 and \\\\$6'
    """
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


def _save(fig: Figure, path: str | os.PathLike[str]) -> None:
    import matplotlib.pyplot as plt

    kind = Path(path).suffix.lower().lstrip(".") or "png"  # a name without one: PNG
    if kind not in ("png", "svg"):
        from bilateral.errors import InputError

        plt.close(fig)
        raise InputError(f"{path}: a plot is written as .png or .svg, not .{kind}")

    def save(tmp: Path) -> None:
        fig.savefig(tmp, format=kind)

    try:
        write_with(path, save)
    finally:
        plt.close(fig)


def pyplot() -> ModuleType:
    """``matplotlib.pyplot`` on the Agg backend (``InputError`` when not installed)."""
    try:
        import matplotlib
    except ImportError:
        from bilateral.errors import InputError

        raise InputError("PNG plots need matplotlib: pip install 'bilateral[plot]'") from None

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_dependence(result: DependenceResult, path: str | os.PathLike[str]) -> None:
    """Forest plot: per domain (and in total), SDI(A on B) and SDI(B on A), each with its
    interval; the point is the median of the draws, the bar their central interval."""
    plt = pyplot()
    rows = [*result.domains, result.summary]
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.6), dpi=120)
    a, b = plain(result.dependent_label), plain(result.provider_label)
    for i, row in enumerate(reversed(rows)):
        for offset, value, lo, hi, color, name in (
            (0.15, row.sdi, row.sdi_low, row.sdi_high, "#c53030", f"{a} on {b}"),
            (-0.15, row.reverse_sdi, row.reverse_low, row.reverse_high, "#2b6cb0", f"{b} on {a}"),
        ):
            ax.errorbar(
                value,
                i + offset,
                xerr=[[value - lo], [hi - value]],  # the median lies inside its interval
                fmt="D" if row.domain == "TOTAL" else "o",
                color=color,
                capsize=3,
                label=name if i == 0 else None,
            )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([plain(r.domain) for r in reversed(rows)])
    ax.axhline(0.5, color="grey", linewidth=0.6)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(
        f"structural dependence index (sensitivity × lack of alternatives); "
        f"bars: {result.level:.0%} interval"
    )
    ax.set_title(f"Dependence of {a} on {b} and the reverse, by domain", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    _save(fig, path)


def plot_series(result: DependenceResult, path: str | os.PathLike[str]) -> None:
    """The yearly series: total SDI both ways with their intervals, and each domain."""
    plt = pyplot()
    rows = result.by_year
    fig, ax = plt.subplots(figsize=(10, 5), dpi=120)
    a, b = plain(result.dependent_label), plain(result.provider_label)
    if rows:
        years = [r["year"] for r in rows]
        for domain in result.active:
            ax.plot(years, [r[domain] for r in rows], marker="o", linewidth=1, label=plain(domain))
        ax.plot(years, [r["total"] for r in rows], color="black", linewidth=2.6, label="total")
        ax.fill_between(
            years, [r["total_low"] for r in rows], [r["total_high"] for r in rows],
            color="black", alpha=0.12,
        )  # fmt: skip
        ax.plot(
            years,
            [r["reverse_total"] for r in rows],
            color="grey",
            linestyle="--",
            linewidth=2,
            label=f"total, {b} on {a}",
        )
        ax.set_xticks(years)
        ax.tick_params(axis="x", rotation=45)
    else:
        ax.text(0.5, 0.5, "no yearly series", ha="center", va="center")
        carried = [r["year"] for r in rows if r.get("carried_forward")]
        if carried:  # past the sources' date: what they said then, not evidence
            ax.axvspan(min(carried) - 0.5, max(carried) + 0.5, color="grey", alpha=0.12, lw=0)
            ax.text(min(carried) - 0.4, 0.97, "carried forward", fontsize=8, va="top")
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("structural dependence index (median of the draws)")
    ax.set_title(f"Dependence of {a} on {b} by year (evidence valid in each year)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    _save(fig, path)


def plot_tornado(result: DependenceResult, path: str | os.PathLike[str]) -> None:
    """Tornado plot of ``result.sensitivity``: per modelling choice, the range of the
    total across its settings around the default total, widest first, each end labelled
    with the setting that gives it. PNG, or SVG when ``path`` ends in ``.svg``."""
    from bilateral.errors import InputError
    from bilateral.graph.measures.sensitivity import tornado

    if not result.sensitivity:
        raise InputError("no sensitivity table: compute the dependence with sensitivity=True")
    plt = pyplot()
    bars = tornado(result.sensitivity)
    default = result.sensitivity[0]["total"]
    fig, ax = plt.subplots(figsize=(10, 0.6 * len(bars) + 1.8), dpi=120)
    for i, bar in enumerate(reversed(bars)):
        ax.barh(i, bar["high"] - bar["low"], left=bar["low"], color="#4a5568", height=0.5)
        for x, setting, side in ((bar["low"], bar["low_setting"], "right"),
                                 (bar["high"], bar["high_setting"], "left")):  # fmt: skip
            if setting:
                pad = -0.004 if side == "right" else 0.004
                ax.text(x + pad, i, plain(setting), ha=side, va="center", fontsize=7)
    ax.axvline(default, color="#c53030", linewidth=1.2, label=f"default total {default:.3f}")
    ax.set_yticks(range(len(bars)))
    ax.set_yticklabels([plain(b["choice"]) for b in reversed(bars)])
    ax.set_xlim(-0.02, 1.02)
    a, b = plain(result.dependent_label), plain(result.provider_label)
    ax.set_xlabel(f"total SDI of {a} on {b} (median of the draws)")
    ax.set_title("What moves the headline: the total under each modelling choice", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    _save(fig, path)
