"""A forest plot of a dependence result as inline SVG: one row per domain and the
total, the SDI of A on B (dark) and of B on A (light) as points with their intervals,
on a 0–1 axis. Labels are escaped text; the figure has a title and a description.

>>> from bilateral.graph.measures.dependence import dependence
>>> r = dependence(None, "belarus", "russia", draws=200)
>>> svg = forest(r)
>>> svg.startswith("<svg") and svg.count("<circle") == 2 * (len(r.domains) + 1)
True
"""

from __future__ import annotations

from bilateral.graph.measures.results import DependenceResult
from bilateral.workbench.html import esc

__all__ = ["forest"]

ROW = 26
LEFT = 110
WIDTH = 560
PLOT = WIDTH - LEFT - 20
DARK, LIGHT = "#1f4e8c", "#e08a2c"


def _x(value: float) -> float:
    return round(LEFT + PLOT * min(max(value, 0.0), 1.0), 1)


def forest(r: DependenceResult) -> str:
    """The SVG markup of the plot."""
    rows = [*r.domains, r.summary]
    height = ROW * len(rows) + 40
    out = [
        f"<svg class='forest' role='img' aria-labelledby='forest-title forest-desc' "
        f"viewBox='0 0 {WIDTH} {height}' width='100%' preserveAspectRatio='xMinYMin meet' "
        "xmlns='http://www.w3.org/2000/svg'>",
        f"<title id='forest-title'>SDI of {esc(r.dependent_label)} on {esc(r.provider_label)} "
        "per domain</title>",
        f"<desc id='forest-desc'>Points are medians, lines {r.level:.0%} intervals; "
        f"dark: {esc(r.dependent_label)} on {esc(r.provider_label)}, light: the reverse.</desc>",
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = _x(tick)
        out.append(f"<line x1='{x}' x2='{x}' y1='8' y2='{height - 24}' stroke='#ddd'/>")
        out.append(
            f"<text x='{x}' y='{height - 8}' font-size='11' text-anchor='middle'>{tick:g}</text>"
        )
    for i, d in enumerate(rows):
        y = 20 + ROW * i
        weight = " font-weight='bold'" if d is r.summary else ""
        out.append(
            f"<text x='{LEFT - 8}' y='{y + 4}' font-size='12' text-anchor='end'{weight}>"
            f"{esc(d.domain)}</text>"
        )
        for dy, (point, low, high), colour in (
            (-4, (d.sdi, d.sdi_low, d.sdi_high), DARK),
            (5, (d.reverse_sdi, d.reverse_low, d.reverse_high), LIGHT),
        ):
            out.append(
                f"<line x1='{_x(low)}' x2='{_x(high)}' y1='{y + dy}' y2='{y + dy}' "
                f"stroke='{colour}' stroke-width='2'/>"
                f"<circle cx='{_x(point)}' cy='{y + dy}' r='4' fill='{colour}'>"
                f"<title>{esc(d.domain)}: {point:.2f} [{low:.2f}, {high:.2f}]</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)
