"""What ``dependence`` returns: one row per domain (and the TOTAL) in both directions,
with intervals, the evidence behind it, and the result that holds them with its settings.

>>> from bilateral.graph.measures.dependence import dependence
>>> r = dependence(None, "belarus", "russia", draws=300)
>>> r.domain("TOTAL") is r.summary, r.to_frame().index[-1]
(True, 'TOTAL')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, NotRequired, TypedDict

import numpy as np

from bilateral.graph.measures.sdi import Model
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.words import SourceRef

__all__ = [
    "EVIDENCE_COLUMNS",
    "TOTAL",
    "DependenceResult",
    "DomainResult",
    "EvidenceItem",
    "LevelRow",
    "Row",
    "Scalar",
    "SensitivityRow",
    "YearRow",
    "evidence_frame",
    "evidence_rows",
]

TOTAL = "TOTAL"

#: a value in a row of a table: text, a number, a yes/no or nothing (JSON-ready)
Scalar = str | float | bool | None
#: a row of a table (``DependenceResult.table``): column name to value
Row = dict[str, Scalar]
#: a row of the yearly series (``DependenceResult.by_year``): the year, totals, counts
#: and flags, and each domain's SDI, all numbers
YearRow = dict[str, float]


class EvidenceItem(TypedDict):
    """One claim a domain rests on (``DomainResult.evidence``): the statement that names
    it, every statement it stands for, its domain, role, direction, code, confidence and
    weakening, and its words (``words.Words``): label, kind, hedge, quotes and sources."""

    statement: str
    statements: list[str]
    domain: str
    role: str  # "dependency" or "alternative"
    direction: str  # "dependent on provider" or "provider on dependent"
    value: float
    confidence: float
    factor: float
    label: str
    kind: str
    hedge: str | None
    quotes: list[str]
    sources: list[SourceRef]


#: the columns of ``DependenceResult.evidence`` and their dtypes (docs/measures.md)
EVIDENCE_COLUMNS: dict[str, str] = {
    "domain": "string",
    "direction": "string",
    "role": "string",
    "statement": "string",
    "label": "string",
    "kind": "string",
    "value": "float64",
    "confidence": "float64",
    "factor": "float64",
    "hedge": "string",
    "quote": "string",
    "n_quotes": "int64",
    "source": "string",
    "source_date": "string",
    "source_iri": "string",
    "restated_as": "string",
}


def evidence_rows(items: Iterable[EvidenceItem]) -> list[Row]:
    """Evidence items as flat rows (``EVIDENCE_COLUMNS``): several quotes joined by
    " … ", several sources (labels, dates, IRIs) by "; ", and the other statements a claim
    stands for (restated under other IRIs) in ``restated_as``."""
    return [
        {
            "domain": i["domain"],
            "direction": i["direction"],
            "role": i["role"],
            "statement": i["statement"],
            "label": i["label"],
            "kind": i["kind"],
            "value": i["value"],
            "confidence": i["confidence"],
            "factor": i["factor"],
            "hedge": i["hedge"],
            "quote": " … ".join(i["quotes"]),
            "n_quotes": len(i["quotes"]),
            "source": "; ".join(s["label"] for s in i["sources"]),
            "source_date": "; ".join(s["date"] or "" for s in i["sources"]) or None,
            "source_iri": "; ".join(s["iri"] for s in i["sources"]),
            "restated_as": "; ".join(x for x in i["statements"] if x != i["statement"]) or None,
        }
        for i in items
    ]


def evidence_frame(rows: list[Row], extra: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``rows`` (from ``evidence_rows``, plus any ``extra`` columns with their dtypes) as a
    DataFrame with the documented dtypes, also when there are no rows."""
    import pandas as pd

    columns = {**(extra or {}), **EVIDENCE_COLUMNS}
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


class LevelRow(TypedDict):
    """One row of ``DependenceResult.levels``: the headline at the level of the state
    (its actors rolled up into it) or of its regime (the regime and its head alone),
    with the rule that says who counts (``levels.ROLLUP_RULE``)."""

    level: str  # "state" or "regime"
    dependent: str
    provider: str
    dependent_label: str
    provider_label: str
    members: list[str]  # who counts at this level besides the named sides (a regime's head)
    sdi: float
    sdi_low: float
    sdi_high: float
    reverse_sdi: float
    reverse_low: float
    reverse_high: float
    asymmetry: float
    asymmetry_low: float
    asymmetry_high: float
    p_more_dependent: float
    n_claims: int


class SensitivityRow(TypedDict):
    """One row of ``DependenceResult.sensitivity``: a setting of a modelling choice and
    the headline and domains under it (``sensitivity.sensitivity_table``)."""

    choice: str
    parameter: str
    setting: str
    total: float
    total_low: float
    total_high: float
    reverse_total: float
    asymmetry: float
    asymmetry_low: float
    asymmetry_high: float
    domains: dict[str, float]
    change: NotRequired[float]  # the total's change from the default (set last)


@dataclass
class DomainResult:
    """One row: a domain (or ``TOTAL``) in both directions, with intervals and evidence.

    ``sdi``, ``reverse_sdi`` and ``asymmetry`` are medians of the draws (so each lies
    inside its interval); ``sensitivity``, ``substitutability`` and ``alternatives``
    describe the evidence as curated (claims more likely true than not)."""

    domain: str
    weight: float | None
    sdi: float
    sdi_low: float
    sdi_high: float
    reverse_sdi: float
    reverse_low: float
    reverse_high: float
    asymmetry: float
    asymmetry_low: float
    asymmetry_high: float
    p_more_dependent: float
    sensitivity: float | None = None
    substitutability: float | None = None  # the best named; None: the sources name none
    alternatives: str | None = None  # "not named", "named", "ruled out"
    reverse_sensitivity: float | None = None
    reverse_substitutability: float | None = None
    bandwidth: float = 0.0
    reverse_bandwidth: float = 0.0
    hinges_on: str | None = None
    hinge_effect: float = 0.0
    n_claims: int = 0
    carried_forward: bool = False
    reverse_carried_forward: bool = False
    evidence: list[EvidenceItem] = field(default_factory=list)


@dataclass
class DependenceResult:
    """Everything ``bilateral dependence`` reports."""

    dependent: str
    provider: str
    dependent_label: str
    provider_label: str
    domains: list[DomainResult]
    summary: DomainResult
    weights: dict[str, float]
    level: float = LEVEL
    draws: int = DRAWS
    seed: int = SEED
    model: Model = field(default_factory=Model)
    slice: dict[str, str | None] = field(default_factory=dict)
    known_by: str | None = None
    notes: list[str] = field(default_factory=list)
    by_year: list[YearRow] = field(default_factory=list)
    sensitivity: list[SensitivityRow] = field(default_factory=list)
    levels: list[LevelRow] = field(default_factory=list)
    rollup_rule: str | None = None
    samples: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def total(self) -> float:
        """SDI(A on B) over all domains (point value)."""
        return self.summary.sdi

    @property
    def reverse_total(self) -> float:
        """SDI(B on A) over all domains (point value)."""
        return self.summary.reverse_sdi

    @property
    def asymmetry(self) -> float:
        """SDI(A on B) − SDI(B on A) over all domains (the median of the paired draws)."""
        return self.summary.asymmetry

    @property
    def active(self) -> list[str]:
        """The domains the total averages over."""
        return [d.domain for d in self.domains]

    @property
    def carried_forward(self) -> bool:
        """Some evidence (either way) counts only by being carried past its sources'
        date."""
        return self.summary.carried_forward or self.summary.reverse_carried_forward

    def domain(self, name: str) -> DomainResult:
        """The row of one domain (or ``TOTAL``)."""
        for row in [*self.domains, self.summary]:
            if row.domain == name:
                return row
        raise KeyError(name)

    def table(self) -> list[Row]:
        """One row per domain and a ``TOTAL`` row (what CSV and tables show)."""
        return [_row(d) for d in [*self.domains, self.summary]]

    def to_frame(self) -> pd.DataFrame:
        """``table()`` as a DataFrame indexed by domain."""
        import pandas as pd

        return pd.DataFrame(self.table()).set_index("domain")

    @property
    def evidence(self) -> pd.DataFrame:
        """Every claim the numbers rest on, one row per claim and domain, with its words
        (label, kind, hedge, quotes, sources with their dates): ``EVIDENCE_COLUMNS``."""
        return evidence_frame(evidence_rows(i for d in self.domains for i in d.evidence))

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict with every number and the statements, quotes and sources
        behind it."""
        out = asdict(self)
        out.pop("samples", None)
        out["model"] = self.model.to_dict()
        out["total"], out["reverse_total"] = self.total, self.reverse_total
        out["asymmetry"] = self.asymmetry
        return out

    def to_json(self) -> str:
        """``to_dict`` as strict JSON (no NaN or Infinity)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _row(d: DomainResult) -> Row:
    return {
        "domain": d.domain,
        "weight": d.weight,
        "sensitivity": _r(d.sensitivity),
        "substitutability": _r(d.substitutability),
        "alternatives": d.alternatives,
        "reverse_sensitivity": _r(d.reverse_sensitivity),
        "reverse_substitutability": _r(d.reverse_substitutability),
        "sdi": _r(d.sdi),
        "sdi_low": _r(d.sdi_low),
        "sdi_high": _r(d.sdi_high),
        "reverse_sdi": _r(d.reverse_sdi),
        "reverse_low": _r(d.reverse_low),
        "reverse_high": _r(d.reverse_high),
        "asymmetry": _r(d.asymmetry),
        "asymmetry_low": _r(d.asymmetry_low),
        "asymmetry_high": _r(d.asymmetry_high),
        "p_more_dependent": _r(d.p_more_dependent),
        "bandwidth": _r(d.bandwidth),
        "reverse_bandwidth": _r(d.reverse_bandwidth),
        "hinges_on": d.hinges_on,
        "hinge_effect": _r(d.hinge_effect),
        "n_claims": d.n_claims,
        "carried_forward": d.carried_forward,
        "reverse_carried_forward": d.reverse_carried_forward,
    }
