"""What a scenario or a comparison returns: the dependence before and after (or at two
dates) side by side, the change with its interval, and the centrality ranks that moved.

>>> import pandas as pd
>>> before = pd.DataFrame({"iri": ["a", "b"], "label": ["A", "B"], "class": ["State"] * 2,
...                        "eigenvector": [0.9, 0.1]})
>>> after = before.iloc[::-1].assign(eigenvector=[0.9, 0.1])  # b first now
>>> rank_changes(before, after, top=None)["rank_change"].tolist()
[-1, 1]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from bilateral.graph.measures import sdi
from bilateral.graph.measures.results import (
    DependenceResult,
    EvidenceItem,
    evidence_frame,
    evidence_rows,
)
from bilateral.graph.measures.vocabulary import DEFAULT_RANKING

__all__ = ["Comparison", "ScenarioResult", "rank_changes", "side_by_side"]


def _r(x: float) -> float:
    return round(float(x), 4)


def side_by_side(x: DependenceResult, y: DependenceResult, a: str, b: str) -> list[dict[str, Any]]:
    """Per domain and in total: SDI and its interval in ``x`` and ``y``, the change (the
    median of the paired draws, ``y`` − ``x``, with its interval: every claim keeps its
    draws, so the change is the scenario's or the dates', not resampling noise), whether
    each side carries evidence forward (``carried_<a>``, ``reverse_carried_<a>``), and
    the bandwidth in both."""
    rows = []
    for dx, dy in zip([*x.domains, x.summary], [*y.domains, y.summary], strict=True):
        key = dx.domain
        delta = y.samples[f"a:{key}"] - x.samples[f"a:{key}"]
        lo, hi = sdi.interval(delta, x.level)
        rows.append(
            {
                "domain": key,
                f"sdi_{a}": _r(dx.sdi),
                f"sdi_{a}_low": _r(dx.sdi_low),
                f"sdi_{a}_high": _r(dx.sdi_high),
                f"sdi_{b}": _r(dy.sdi),
                f"sdi_{b}_low": _r(dy.sdi_low),
                f"sdi_{b}_high": _r(dy.sdi_high),
                "change": _r(sdi.point(delta)),
                "change_low": _r(lo),
                "change_high": _r(hi),
                f"reverse_{a}": _r(dx.reverse_sdi),
                f"reverse_{b}": _r(dy.reverse_sdi),
                "reverse_change": _r(dy.reverse_sdi - dx.reverse_sdi),
                f"bandwidth_{a}": _r(dx.bandwidth),
                f"bandwidth_{b}": _r(dy.bandwidth),
                f"reverse_bandwidth_{a}": _r(dx.reverse_bandwidth),
                f"reverse_bandwidth_{b}": _r(dy.reverse_bandwidth),
                f"carried_{a}": dx.carried_forward,
                f"carried_{b}": dy.carried_forward,
                f"reverse_carried_{a}": dx.reverse_carried_forward,
                f"reverse_carried_{b}": dy.reverse_carried_forward,
            }
        )
    return rows


def rank_changes(before: pd.DataFrame, after: pd.DataFrame, *, top: int | None) -> pd.DataFrame:
    """Each node's default-ranking score and rank in two centrality tables, and the change,
    sorted by the better of its two ranks (``top`` keeps the first rows). A node missing
    from one table has no rank there (``<NA>``) and counts as score 0 in the change."""
    key = DEFAULT_RANKING

    def ranked(df: pd.DataFrame) -> pd.DataFrame:
        out = df[["iri", "label", "class", key]].copy()
        out["rank"] = range(1, len(out) + 1)
        return out.set_index("iri")

    merged = ranked(before).merge(
        ranked(after),
        how="outer",
        left_index=True,
        right_index=True,
        suffixes=("_before", "_after"),
    )
    for col in ("label", "class"):
        merged[col] = merged[f"{col}_before"].fillna(merged[f"{col}_after"])
    for col in ("rank_before", "rank_after"):
        merged[col] = merged[col].astype("Int64")
    merged["rank_change"] = merged["rank_before"] - merged["rank_after"]
    merged[f"{key}_change"] = merged[f"{key}_after"].fillna(0) - merged[f"{key}_before"].fillna(0)
    # a node that enters the ranking high (new after) sorts beside those it outranks
    merged["_best"] = merged[["rank_before", "rank_after"]].min(axis=1)
    merged = merged.sort_values(
        ["_best", "rank_before", "rank_after"], na_position="last"
    ).reset_index()
    cols = ["iri", "label", "class", f"{key}_before", "rank_before", f"{key}_after",
            "rank_after", "rank_change", f"{key}_change"]  # fmt: skip
    return merged[cols].head(top) if top else merged[cols]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, a missing value (NaN, ``<NA>``) as ``None`` (strict JSON)."""
    return [
        {
            str(k): (None if pd.isna(v) else v.item() if hasattr(v, "item") else v)
            for k, v in row.items()
        }
        for row in frame.to_dict(orient="records")
    ]


@dataclass
class ScenarioResult:
    """Dependence and centrality before and after a scenario (if it happens).

    ``likelihood`` and ``hedge`` are the source's: how likely it says the scenario is,
    given its conditions; they are shown, never multiplied into a number. ``because``
    names the rule that removed or weakened each statement and actor."""

    name: str
    label: str
    likelihood: float
    removed: list[str]
    weakened: dict[str, float]
    dropped_kinds: list[str]
    dyad_basis: str
    before: DependenceResult
    after: DependenceResult
    centrality: pd.DataFrame = field(default_factory=pd.DataFrame)
    hedge: str | None = None
    because: dict[str, str] = field(default_factory=dict)

    @property
    def confidence(self) -> float:
        """The scenario's ``bil:confidence`` (its ``likelihood``)."""
        return self.likelihood

    def dependence_table(self) -> list[dict[str, Any]]:
        """Per domain: SDI before and after with intervals, the change and its interval."""
        return side_by_side(self.before, self.after, "before", "after")

    def rules(self) -> list[dict[str, Any]]:
        """Each piece of evidence of the dyad (dependencies and alternatives, either
        direction) that the scenario removed or weakened, per domain, with the rule that
        took it: what carries the change in the index."""
        out = []
        for row in self.before.domains:
            for item in row.evidence:
                for iri in item["statements"]:
                    why = self.because.get(iri)
                    if why is not None:
                        out.append({
                            "domain": row.domain, "statement": iri, "role": item["role"],
                            "direction": item["direction"], "rule": why,
                        })  # fmt: skip
        return out

    def _items(self) -> list[tuple[EvidenceItem, str | None]]:
        """The evidence before, each item with the rule that removed or weakened it."""
        return [
            (item, next((self.because[i] for i in item["statements"] if i in self.because), None))
            for row in self.before.domains
            for item in row.evidence
        ]

    @property
    def evidence(self) -> pd.DataFrame:
        """The evidence before the scenario with its words (``EVIDENCE_COLUMNS``) and the
        ``rule`` that removed or weakened each claim (missing: the scenario leaves it)."""
        found = self._items()
        rows = [{"rule": rule, **row} for (_, rule), row in
                zip(found, evidence_rows(item for item, _ in found), strict=True)]  # fmt: skip
        return evidence_frame(rows, {"rule": "string"})

    def to_frame(self) -> pd.DataFrame:
        """``dependence_table()`` as a DataFrame indexed by domain."""
        return pd.DataFrame(self.dependence_table()).set_index("domain")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary, with the evidence before and the rule that took each claim."""
        return {
            "scenario": self.name,
            "label": self.label,
            "likelihood": self.likelihood,
            "hedge": self.hedge,
            "removed": self.removed,
            "weakened": self.weakened,
            "dropped_kinds": self.dropped_kinds,
            "dependent": self.before.dependent,
            "provider": self.before.provider,
            "dyad_basis": self.dyad_basis,
            "dependence": self.dependence_table(),
            "rules": self.rules(),
            "because": self.because,
            "evidence": [{**item, "rule": rule} for item, rule in self._items()],
            "centrality": _records(self.centrality),
        }


@dataclass
class Comparison:
    """Dependence and centrality at two dates."""

    first: str
    second: str
    dyad_basis: str
    dep_first: DependenceResult
    dep_second: DependenceResult
    centrality: pd.DataFrame

    def dependence_table(self) -> list[dict[str, Any]]:
        """Per domain: SDI at each date with intervals, and the change."""
        return side_by_side(self.dep_first, self.dep_second, self.first, self.second)

    def _items(self) -> list[tuple[str, EvidenceItem]]:
        return [
            (when, item)
            for when, dep in ((self.first, self.dep_first), (self.second, self.dep_second))
            for row in dep.domains
            for item in row.evidence
        ]

    @property
    def evidence(self) -> pd.DataFrame:
        """The evidence valid at each date with its words (``EVIDENCE_COLUMNS``), the
        date in ``as_of``."""
        found = self._items()
        rows = [{"as_of": when, **row} for (when, _), row in
                zip(found, evidence_rows(item for _, item in found), strict=True)]  # fmt: skip
        return evidence_frame(rows, {"as_of": "string"})

    def to_frame(self) -> pd.DataFrame:
        """``dependence_table()`` as a DataFrame indexed by domain."""
        return pd.DataFrame(self.dependence_table()).set_index("domain")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary, with the evidence at each date."""
        return {
            "dates": [self.first, self.second],
            "dependent": self.dep_first.dependent,
            "provider": self.dep_first.provider,
            "dyad_basis": self.dyad_basis,
            "dependence": self.dependence_table(),
            "evidence": [{**item, "as_of": when} for when, item in self._items()],
            "centrality": _records(self.centrality),
        }
