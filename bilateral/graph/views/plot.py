"""Plot the dependence index per domain over time (matplotlib PNG, written atomically)."""

from __future__ import annotations

import os
from pathlib import Path

from bilateral.graph.measures.dependence import DependenceResult
from bilateral.graph.views.atomic import write_with

__all__ = ["plot_dependence"]


def plot_dependence(result: DependenceResult, path: str | os.PathLike[str]) -> None:
    """Draw SDI(A on B) per active domain and in total, one point per year."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = result.by_year
    fig, ax = plt.subplots(figsize=(10, 5), dpi=120)
    if rows:
        years = [r["year"] for r in rows]
        for domain in result.active:
            ax.plot(years, [r[domain] for r in rows], marker="o", linewidth=1.2, label=domain)
        ax.plot(years, [r["total"] for r in rows], color="black", linewidth=2.8, label="total")
        ax.plot(
            years,
            [r["reverse_total"] for r in rows],
            color="grey",
            linestyle="--",
            linewidth=2,
            label=f"total, {result.provider_label} on {result.dependent_label}",
        )
        ax.set_xticks(years)
        ax.tick_params(axis="x", rotation=45)
    else:
        ax.text(0.5, 0.5, "no dated statements", ha="center", va="center")
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("structural dependence index")
    ax.set_title(
        f"Dependence of {result.dependent_label} on {result.provider_label}, by domain "
        "(dated statements only)",
        fontsize=10,
    )
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()

    def save(tmp: Path) -> None:
        fig.savefig(tmp, format="png")

    try:
        write_with(path, save)
    finally:
        plt.close(fig)
