"""What-if scenarios and time comparisons: recompute the measures, show the difference.

A named scenario is a ``bil:Scenario`` node: its ``bil:removes`` actors/statements are
dropped and its ``bil:weakens`` statements have their weight multiplied by its
``bil:weakeningFactor`` (0.5 where the data gives none). Ad-hoc scenarios remove IRIs
or whole statement kinds.

>>> r = scenario("scenario-west-crisis-escalation")
>>> r.after.total < r.before.total
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from rdflib import RDF, RDFS, Graph, URIRef

from bilateral.errors import InputError, UnknownNameError
from bilateral.graph.measures.centrality import centrality
from bilateral.graph.measures.dependence import DependenceResult, dependence
from bilateral.graph.source.resolve import resolve
from bilateral.ontology.namespace import BIL

__all__ = [
    "Comparison",
    "ScenarioResult",
    "compare",
    "main_dyad",
    "rank_changes",
    "scenario",
]

DEFAULT_FACTOR = 0.5


@dataclass
class ScenarioResult:
    """Dependence and centrality before and after a scenario."""

    name: str
    label: str
    removed: list[str]
    weakened: dict[str, float]
    dropped_kinds: list[str]
    before: DependenceResult
    after: DependenceResult
    centrality: pd.DataFrame = field(default_factory=pd.DataFrame)

    def dependence_table(self) -> list[dict[str, Any]]:
        """Per domain: SDI before, after and the difference (both directions)."""
        return _side_by_side(self.before, self.after, "before", "after")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "scenario": self.name,
            "label": self.label,
            "removed": self.removed,
            "weakened": self.weakened,
            "dropped_kinds": self.dropped_kinds,
            "dependent": self.before.dependent,
            "provider": self.before.provider,
            "dependence": self.dependence_table(),
            "centrality": self.centrality.to_dict(orient="records"),
        }


@dataclass
class Comparison:
    """Dependence and centrality at two dates."""

    first: str
    second: str
    dep_first: DependenceResult
    dep_second: DependenceResult
    centrality: pd.DataFrame

    def dependence_table(self) -> list[dict[str, Any]]:
        """Per domain: SDI at each date and the change."""
        return _side_by_side(self.dep_first, self.dep_second, self.first, self.second)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "dates": [self.first, self.second],
            "dependent": self.dep_first.dependent,
            "provider": self.dep_first.provider,
            "dependence": self.dependence_table(),
            "centrality": self.centrality.to_dict(orient="records"),
        }


def _side_by_side(x: DependenceResult, y: DependenceResult, a: str, b: str) -> list[dict[str, Any]]:
    xs = {d.domain: d.sdi for d in x.domains}
    ys = {d.domain: d.sdi for d in y.domains}
    xr = {d.domain: d.sdi for d in x.reverse}
    yr = {d.domain: d.sdi for d in y.reverse}
    domains = [d for d in xs if d in set(x.active) | set(y.active)]
    rows = [
        {
            "domain": d,
            f"sdi_{a}": round(xs[d], 4),
            f"sdi_{b}": round(ys[d], 4),
            "change": round(ys[d] - xs[d], 4),
            f"reverse_{a}": round(xr[d], 4),
            f"reverse_{b}": round(yr[d], 4),
            "reverse_change": round(yr[d] - xr[d], 4),
        }
        for d in domains
    ]
    rows.append(
        {
            "domain": "TOTAL",
            f"sdi_{a}": round(x.total, 4),
            f"sdi_{b}": round(y.total, 4),
            "change": round(y.total - x.total, 4),
            f"reverse_{a}": round(x.reverse_total, 4),
            f"reverse_{b}": round(y.reverse_total, 4),
            "reverse_change": round(y.reverse_total - x.reverse_total, 4),
        }
    )
    return rows


def main_dyad(g: Graph) -> tuple[str, str]:
    """The two states with the most statements between them, more dependent first."""
    from bilateral.graph.measures.project import project

    G = project(g, rollup=True, types=["State"])
    counts: dict[tuple[str, str], int] = {}
    for u, v in G.edges():
        key = (min(u, v), max(u, v))
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        raise InputError("no two states are linked by any statement; name the dyad explicitly")
    a, b = max(counts, key=lambda k: (counts[k], k))
    r = dependence(a, b, g)
    return (a, b) if r.total >= r.reverse_total else (b, a)


def rank_changes(before: pd.DataFrame, after: pd.DataFrame, *, top: int | None) -> pd.DataFrame:
    """PageRank and rank of each node in two centrality tables, and the change."""

    def ranked(df: pd.DataFrame) -> pd.DataFrame:
        out = df[["iri", "label", "class", "pagerank"]].copy()
        out["rank"] = range(1, len(out) + 1)
        return out.set_index("iri")

    b, a = ranked(before), ranked(after)
    merged = b.merge(
        a, how="outer", left_index=True, right_index=True, suffixes=("_before", "_after")
    )
    merged["label"] = merged["label_before"].fillna(merged["label_after"])
    merged["class"] = merged["class_before"].fillna(merged["class_after"])
    merged = merged.drop(columns=["label_before", "label_after", "class_before", "class_after"])
    for col in ("rank_before", "rank_after"):
        merged[col] = merged[col].astype("Int64")
    merged["rank_change"] = merged["rank_before"] - merged["rank_after"]
    merged["pagerank_change"] = merged["pagerank_after"].fillna(0) - merged[
        "pagerank_before"
    ].fillna(0)
    merged = merged.sort_values(["rank_before", "rank_after"], na_position="last")
    merged = merged.reset_index()[
        [
            "iri",
            "label",
            "class",
            "pagerank_before",
            "rank_before",
            "pagerank_after",
            "rank_after",
            "rank_change",
            "pagerank_change",
        ]
    ]
    return merged.head(top) if top else merged


def _scenario_node(g: Graph, name: str) -> URIRef:
    iri = URIRef(resolve(g, name))
    if (iri, RDF.type, BIL.Scenario) not in g:
        raise UnknownNameError(f"{name!r} is not a bil:Scenario")
    return iri


def _kind_names(g: Graph) -> set[str]:
    return {
        str(c).rsplit("#", 1)[-1]
        for c in g.subjects(RDFS.subClassOf, None)
        if str(c).startswith(str(BIL._NS))
    } | {"Statement"}


def scenario(
    name: str | None = None,
    g: Graph | None = None,
    *,
    remove: Sequence[str] = (),
    drop_kinds: Sequence[str] = (),
    dependent: str | None = None,
    provider: str | None = None,
    top: int | None = 15,
    data: Sequence[str] | None = None,
) -> ScenarioResult:
    """Recompute dependence and centrality without what the scenario removes or weakens."""
    from bilateral.graph.measures.records import statements
    from bilateral.graph.source.load import load

    rdf = g if g is not None else load(data)
    if name is None and not remove and not drop_kinds:
        raise InputError("give a scenario name, --remove IRI or --drop-kind KIND")
    removed = [resolve(rdf, r) for r in remove]
    weakened: dict[str, float] = {}
    label = "ad-hoc scenario"
    node_name = "custom"
    if name is not None:
        node = _scenario_node(rdf, name)
        node_name = str(node).rsplit("/", 1)[-1]
        label = str(rdf.value(node, RDFS.label) or node_name)
        removed += [str(o) for o in rdf.objects(node, BIL.removes)]
        factor_lit = rdf.value(node, BIL.weakeningFactor)
        factor = float(str(factor_lit)) if factor_lit is not None else DEFAULT_FACTOR
        weakened = {str(o): factor for o in rdf.objects(node, BIL.weakens)}
    kinds = _kind_names(rdf)
    for kind in drop_kinds:
        if kind not in kinds:
            raise InputError(f"unknown statement kind {kind!r}; e.g. Support, Loan, Dependency")
    if drop_kinds:
        removed += [r.iri for r in statements(rdf) if set(drop_kinds) & r.classes]
    removed = sorted(set(removed))
    a, b = _dyad(rdf, dependent, provider)
    before = dependence(a, b, rdf)
    after = dependence(a, b, rdf, exclude=removed, weaken=weakened, active=before.active)
    c_before = centrality(rdf, rollup=False)
    c_after = centrality(rdf, rollup=False, exclude=removed, weaken=weakened)
    return ScenarioResult(
        name=node_name,
        label=label,
        removed=removed,
        weakened=weakened,
        dropped_kinds=list(drop_kinds),
        before=before,
        after=after,
        centrality=rank_changes(c_before, c_after, top=top),
    )


def _dyad(rdf: Graph, dependent: str | None, provider: str | None) -> tuple[str, str]:
    if (dependent is None) != (provider is None):
        raise InputError("name both the dependent and the provider, or neither")
    if dependent is not None and provider is not None:
        return resolve(rdf, dependent), resolve(rdf, provider)
    return main_dyad(rdf)


def compare(
    first: Any,
    second: Any,
    g: Graph | None = None,
    *,
    dependent: str | None = None,
    provider: str | None = None,
    top: int | None = 15,
    data: Sequence[str] | None = None,
) -> Comparison:
    """Dependence and centrality ranks as of two dates, and the change between them."""
    from bilateral.graph.source.load import load
    from bilateral.graph.source.resolve import parse_date

    rdf = g if g is not None else load(data)
    d1, d2 = parse_date(first, what="--as-of"), parse_date(second, what="--as-of")
    a, b = _dyad(rdf, dependent, provider)
    first_pass = [dependence(a, b, rdf, as_of=d) for d in (d1, d2)]
    active = sorted(set(first_pass[0].active) | set(first_pass[1].active))
    dep1 = dependence(a, b, rdf, as_of=d1, active=active)
    dep2 = dependence(a, b, rdf, as_of=d2, active=active)
    c1 = centrality(rdf, as_of=d1)
    c2 = centrality(rdf, as_of=d2)
    return Comparison(
        first=str(d1),
        second=str(d2),
        dep_first=dep1,
        dep_second=dep2,
        centrality=rank_changes(c1, c2, top=top),
    )
