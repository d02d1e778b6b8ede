"""How much each modelling choice moves the dependence index: the headline (total,
reverse, asymmetry) and every domain under the documented range of each choice, one
choice at a time, the others at their defaults.

The choices and their ranges (``docs/measures.md`` §3.6):

* **unknown alternatives** — the range an unnamed alternative's substitutability is
  drawn from (default 0–0.5): fixed at 0 (assume none), 0.25, 0.5, or anything (0–1);
* **strength band** — the half-width of an ordinal code's band (default ± 0.125): codes
  exact (0), or ± one step (0.25);
* **confidence threshold** — the least confidence a claim needs to count (default 0:
  every claim, with its confidence as a probability): 0.5 (more likely than not), 1
  (unhedged claims only);
* **coder bias** — every code one step lower, or one step higher (clipped to the scale);
  the strengths alone, the substitutabilities alone;
* **coder noise** — each code one step off in half of the draws (this widens the
  intervals; by default they carry no coder noise);
* **domain set** — the scheme's domains (default) or only those with evidence either way;
* **domain weights** — each domain dropped (weight 0) or doubled.

Every row is a full re-run on the same draws (paired: a difference between two rows is
the choice's effect, not resampling noise).

>>> from bilateral.graph.measures.dependence import dependence
>>> rows = dependence(None, "belarus", "russia", draws=400, sensitivity=True).sensitivity
>>> rows[0]["choice"], sorted({r["choice"] for r in rows})[:3]
('default', ['coder bias', 'coder noise', 'confidence threshold'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict

import numpy as np

from bilateral.graph.measures import sdi
from bilateral.graph.measures.evidence import Evidence
from bilateral.graph.measures.model import Model, ModelChanges
from bilateral.graph.measures.results import DomainResult, SensitivityRow

if TYPE_CHECKING:
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["CHOICES", "Bar", "sensitivity_table", "tornado"]

#: (choice, model parameter, [(the model's fields set, what it means)]) — the range of
#: each choice
CHOICES: list[tuple[str, str, list[tuple[ModelChanges, str]]]] = [
    ("unknown alternatives", "unknown", [
        ({"unknown": (0.0, 0.0)}, "0: assume none unnamed"),
        ({"unknown": (0.25, 0.25)}, "0.25: limited"),
        ({"unknown": (0.5, 0.5)}, "0.5: partial"),
        ({"unknown": (0.0, 1.0)}, "0-1: anything"),
    ]),
    ("strength band", "band", [
        ({"band": 0.0}, "0: codes exact"), ({"band": 0.25}, "0.25: one step either way"),
    ]),
    ("confidence threshold", "min_confidence", [
        ({"min_confidence": 0.5}, "0.5: claims more likely than not"),
        ({"min_confidence": 1.0}, "1: unhedged claims only"),
    ]),
    ("coder bias", "shift", [
        ({"shift": (-1, -1)}, "-1: every code a step lower"),
        ({"shift": (1, 1)}, "+1: every code a step higher"),
        ({"shift": (-1, 0)}, "-1: strengths only"), ({"shift": (1, 0)}, "+1: strengths only"),
        ({"shift": (0, -1)}, "-1: substitutabilities only"),
        ({"shift": (0, 1)}, "+1: substitutabilities only"),
    ]),
    ("coder noise", "coder_noise", [
        ({"coder_noise": 0.5}, "0.5: each code a step off in half the draws"),
    ]),
]  # fmt: skip


class Bar(TypedDict):
    """One bar of a tornado plot (``tornado``): a choice's lowest and highest total and
    the settings that give them ("" for the default)."""

    choice: str
    low: float
    high: float
    low_setting: str
    high_setting: str


def _r(x: float) -> float:
    return round(float(x), 4)


def _row(
    choice: str,
    parameter: str,
    setting: str,
    rows: Sequence[DomainResult],
    fwd: np.ndarray,
    rev: np.ndarray,
    level: float,
) -> SensitivityRow:
    lo, hi = sdi.interval(fwd, level)
    alo, ahi = sdi.interval(fwd - rev, level)
    return {
        "choice": choice,
        "parameter": parameter,
        "setting": setting,
        "total": _r(sdi.point(fwd)),
        "total_low": _r(lo),
        "total_high": _r(hi),
        "reverse_total": _r(sdi.point(rev)),
        "asymmetry": _r(sdi.point(fwd - rev)),
        "asymmetry_low": _r(alo),
        "asymmetry_high": _r(ahi),
        "domains": {d.domain: _r(d.sdi) for d in rows},
    }


def sensitivity_table(
    snap: Snapshot,
    ev: Evidence,
    domains: Sequence[str],
    weights: Mapping[str, float],
    *,
    level: float,
    draws: int,
    seed: int,
    model: Model,
) -> list[SensitivityRow]:
    """The default row, then one row per setting of each choice (``CHOICES``, the domain
    set, each domain's weight), with the total's change from the default."""
    from bilateral.graph.measures.assess import assess, weighted_draws
    from bilateral.graph.measures.dependence import domain_set

    def run(m: Model, ds: Sequence[str]) -> tuple[list[DomainResult], dict[str, np.ndarray]]:
        rows, _, samples = assess(
            ev, ds, weights, model=m, hinges=False, level=level, draws=draws, seed=seed
        )
        return rows, samples

    base_rows, base = run(model, domains)
    out = [_row("default", "", _describe(model, domains, snap), base_rows, base["a:TOTAL"],
                base["b:TOTAL"], level)]  # fmt: skip
    for choice, parameter, settings in CHOICES:
        for changes, meaning in settings:
            changed = model.with_(**changes)
            if changed == model:  # the setting is the model's own
                continue
            rows, samples = run(changed, domains)
            out.append(_row(choice, parameter, meaning, rows, samples["a:TOTAL"],
                            samples["b:TOTAL"], level))  # fmt: skip
    evidence_domains = domain_set(snap, ev, "evidence")
    if list(evidence_domains) != list(domains) and evidence_domains:
        rows, samples = run(model, evidence_domains)
        out.append(_row("domain set", "domains", "only the domains with evidence either way",
                        rows, samples["a:TOTAL"], samples["b:TOTAL"], level))  # fmt: skip
    for d in domains:
        for factor, meaning in ((0.0, "dropped"), (2.0, "doubled")):
            w = {**weights, d: factor * weights.get(d, 1.0)}
            if not any(w.get(x, 1.0) for x in domains):
                continue
            fwd = weighted_draws(base, "a", domains, w, draws)
            rev = weighted_draws(base, "b", domains, w, draws)
            out.append(_row("domain weights", "weights", f"{d} {meaning}", base_rows, fwd, rev,
                            level))  # fmt: skip
    default = out[0]["total"]
    for row in out:
        row["change"] = _r(row["total"] - default)
    return out


def _describe(model: Model, domains: Sequence[str], snap: Snapshot) -> str:
    low, high = model.unknown
    scheme = "the scheme's domains" if list(domains) == list(snap.domains) else "chosen domains"
    return (
        f"unknown {low:g}-{high:g}, band {model.band:g}, threshold {model.min_confidence:g}, "
        f"noise {model.coder_noise:g}, {scheme}"
    )


def tornado(rows: Sequence[SensitivityRow]) -> list[Bar]:
    """Per choice, the lowest and highest total across its settings (and which setting
    gives each), widest first: the bars of a tornado plot around the default."""
    default = rows[0]["total"]
    bars: dict[str, Bar] = {}
    for row in rows[1:]:
        bar = bars.setdefault(
            row["choice"],
            {"choice": row["choice"], "low": default, "high": default, "low_setting": "",
             "high_setting": ""},
        )  # fmt: skip
        if row["total"] < bar["low"]:
            bar["low"], bar["low_setting"] = row["total"], row["setting"]
        if row["total"] > bar["high"]:
            bar["high"], bar["high_setting"] = row["total"], row["setting"]
    return sorted(bars.values(), key=lambda b: (-(b["high"] - b["low"]), b["choice"]))
