"""What-if scenarios and time comparisons, from one snapshot: the dependence of a dyad
before and after (or at two dates), side by side, with intervals, and the change in the
centrality ranking.

A named scenario is a ``bil:Scenario``: its ``bil:removes`` actors and statements go (with
what exists only through them, ``removal.py``) and its ``bil:weakens`` statements have
their strength multiplied by its ``bil:weakeningFactor`` (0.5 where the data gives none).
``after`` is what the measures show *if* the scenario happens, and the change (the median
of the paired draws, with its interval) is the change if it happens. The source's hedge
on the scenario ("may", "likely") and its ``bil:confidence`` are a conditional
likelihood (the memo's "may" hangs on a crisis escalating), shown beside the change and
never multiplied into it. ``rules()`` says which rule took each piece of evidence.

>>> r = scenario(None, "scenario-west-crisis-escalation")  # None: the bundled data
>>> r.hedge, r.likelihood, r.after.summary.bandwidth < r.before.summary.bandwidth
('may', 0.5, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from bilateral.compat import graph_first
from bilateral.errors import InputError
from bilateral.graph.measures import sdi
from bilateral.graph.measures.centrality import DEFAULT_RANKING, centrality
from bilateral.graph.measures.dependence import DependenceResult, domain_set, score
from bilateral.graph.measures.dyad import choose
from bilateral.graph.measures.evidence import gather
from bilateral.graph.measures.project import Slice
from bilateral.graph.measures.removal import apply
from bilateral.graph.measures.snapshot import Snapshot, snapshot_of
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED, DyadOptions
from bilateral.graph.source.resolve import parse_date

if TYPE_CHECKING:
    from datetime import date

    from bilateral.graph.measures.snapshot import GraphLike

__all__ = [
    "Comparison", "DyadOptions", "ScenarioResult", "compare", "rank_changes", "scenario",
    "side_by_side",
]  # fmt: skip


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

    def to_frame(self) -> pd.DataFrame:
        """``dependence_table()`` as a DataFrame indexed by domain."""
        return pd.DataFrame(self.dependence_table()).set_index("domain")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
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

    def to_frame(self) -> pd.DataFrame:
        """``dependence_table()`` as a DataFrame indexed by domain."""
        return pd.DataFrame(self.dependence_table()).set_index("domain")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "dates": [self.first, self.second],
            "dependent": self.dep_first.dependent,
            "provider": self.dep_first.provider,
            "dyad_basis": self.dyad_basis,
            "dependence": self.dependence_table(),
            "centrality": _records(self.centrality),
        }


def _known(snap: Snapshot, dyad: DyadOptions) -> Snapshot:
    """The snapshot as known by ``dyad.known_by``; with nothing known and no dyad named,
    say so (the dyad could not be chosen)."""
    known = snap.known_by(dyad.known_by)
    if snap.records and not known.records and dyad.dependent is None:
        raise InputError(
            f"nothing is known by {dyad.known_by}: no statement has a source issued by then"
        )
    return known


def _fields(options: object) -> dict[str, object]:
    return {f.name: getattr(options, f.name) for f in fields(DyadOptions)}


_OPTIONS = {"options": ("pass its fields as keywords", _fields)}


@graph_first("name", "g", new="scenario(g, name)", keywords=_OPTIONS)
def scenario(
    g: GraphLike | None = None,
    name: str | None = None,
    *,
    remove: Sequence[str] = (),
    drop_kinds: Sequence[str] = (),
    dependent: str | None = None,
    provider: str | None = None,
    top: int | None = 15,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    known_by: date | str | None = None,
    data: Sequence[str] | None = None,
) -> ScenarioResult:
    """Recompute dependence and centrality without what the scenario removes or weakens.

    ``name`` is a ``bil:Scenario`` of the data; ``remove`` (names or IRIs) and
    ``drop_kinds`` (statement kinds, e.g. ``Loan``) add to it or make an ad-hoc one. The
    dyad is ``dependent``/``provider`` if given, else the two states a named scenario is
    about, else the documented heuristic (``dyad.choose``). ``top`` keeps that many rows
    of the centrality changes (``None``: all); ``level``, ``draws``, ``seed`` set the
    intervals and ``unknown``, ``band``, ``min_confidence``, ``coder_noise`` the model
    (as in ``dependence``); ``known_by`` keeps what sources issued by then said.
    """
    dyad = DyadOptions(
        dependent, provider, top, level, draws, seed, unknown, band, min_confidence,
        coder_noise, None if known_by is None else str(known_by),
    )  # fmt: skip
    snap = snapshot_of(g, data=data)
    if dyad.known_by is not None:
        snap = _known(snap, dyad)
    opts = dyad.settings
    if name is None and not remove and not drop_kinds:
        raise InputError("give a scenario `name`, `remove` or `drop_kinds`")
    removed = [snap.resolve(r) for r in remove]
    weakened: dict[str, float] = {}
    label, node_name, likelihood, hedge, named = "ad-hoc scenario", "custom", 1.0, None, None
    if name is not None:
        named = snap.scenario(name)
        node_name, label, likelihood = named.iri.rsplit("/", 1)[-1], named.label, named.confidence
        hedge = named.hedge
        removed += list(named.removes)
        weakened = dict(named.weakens)
    strange = set(drop_kinds) - snap.kinds
    if strange:
        raise InputError(f"unknown statement kind {sorted(strange)[0]!r}; e.g. Support, Loan")
    removed += [r.iri for r in snap.records if set(drop_kinds) & r.classes]
    a, b, basis = choose(snap, dyad.dependent, dyad.provider, named)
    applied = apply(removed, weakened, snap.records, snap.actors)
    for end in (a, b):
        if end in applied.actors:
            how = "removes" if end in removed else "removes, through what it removes,"
            raise InputError(
                f"the scenario {how} {snap.label(end)}, one side of the dyad; the dependence "
                f"of {snap.label(a)} on {snap.label(b)} is not defined without it — choose "
                "another dyad (`dependent`, `provider`) or remove less"
            )
    after_snap = replace(snap, records=applied.records)
    evidence = gather(snap.records, snap.actors, a, b)
    domains = domain_set(snap, evidence, None)
    before = score(snap, a, b, domains, {}, evidence=evidence, **opts)
    after = score(after_snap, a, b, domains, {}, **opts)
    c_before = centrality(snap, measure=DEFAULT_RANKING, dyad=(a, b))
    c_after = centrality(after_snap, measure=DEFAULT_RANKING, dyad=(a, b))
    return ScenarioResult(
        name=node_name,
        label=label,
        likelihood=likelihood,
        removed=sorted(set(removed) | applied.statements | applied.actors),
        weakened=weakened,
        dropped_kinds=list(drop_kinds),
        dyad_basis=basis,
        before=before,
        after=after,
        centrality=rank_changes(c_before, c_after, top=dyad.top),
        hedge=hedge,
        because=applied.because,
    )


@graph_first("first", "second", "g", new="compare(g, first, second)", keywords=_OPTIONS)
def compare(
    g: GraphLike | None,
    first: date | str,
    second: date | str,
    *,
    dependent: str | None = None,
    provider: str | None = None,
    top: int | None = 15,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    known_by: date | str | None = None,
    data: Sequence[str] | None = None,
) -> Comparison:
    """Dependence and centrality ranks as of two dates (``first``, ``second``: dates or
    ``YYYY[-MM[-DD]]``), and the change between them (keywords as in ``scenario``). Each
    date sees the evidence valid on it; evidence past its sources' date is carried
    forward and marked (``clock.py``)."""
    dyad = DyadOptions(
        dependent, provider, top, level, draws, seed, unknown, band, min_confidence,
        coder_noise, None if known_by is None else str(known_by),
    )  # fmt: skip
    snap: Snapshot = snapshot_of(g, data=data)
    if dyad.known_by is not None:
        snap = _known(snap, dyad)
    opts = dyad.settings
    d1, d2 = parse_date(first, what="`first`"), parse_date(second, what="`second`")
    a, b, basis = choose(snap, dyad.dependent, dyad.provider)
    domains = domain_set(snap, gather(snap.records, snap.actors, a, b), None)
    dep1 = score(snap, a, b, domains, {}, Slice(as_of=d1), **opts)
    dep2 = score(snap, a, b, domains, {}, Slice(as_of=d2), **opts)
    c1 = centrality(snap, measure=DEFAULT_RANKING, as_of=d1, dyad=(a, b))
    c2 = centrality(snap, measure=DEFAULT_RANKING, as_of=d2, dyad=(a, b))
    return Comparison(
        first=str(d1),
        second=str(d2),
        dyad_basis=basis,
        dep_first=dep1,
        dep_second=dep2,
        centrality=rank_changes(c1, c2, top=dyad.top),
    )
