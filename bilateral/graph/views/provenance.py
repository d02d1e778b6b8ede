"""What the data rests on, counted from the graph itself: its sources and its coders
(``provenance``), and the methods appendix's sections on them and on how to cite.

Sources are the ``bil:Source`` nodes; the statements cite them with
``prov:wasDerivedFrom``. A coder is an agent a statement is ``prov:wasAttributedTo``,
or who is ``prov:wasAssociatedWith`` the activity it ``prov:wasGeneratedBy`` (PROV-O's
two ways of saying who made an entity). A graph that records neither has no known coder,
and the methods text says so rather than guess.

>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> p = provenance(snap.origin(), snap)
>>> p.described, [s.statements for s in p.cited], p.coders, p.attributed
(5, [176], {}, 0)
>>> p.sources_of["https://w3id.org/bilateral/id/dep-energy-prices"]
('https://w3id.org/bilateral/source/ponars-memo-2021',)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from bilateral._version import __version__
from bilateral.graph.views.report_text import md
from bilateral.ontology.namespace import BIL
from bilateral.ontology.vocab import local

if TYPE_CHECKING:
    from rdflib import Graph

    from bilateral.graph.measures.results import DependenceResult
    from bilateral.graph.measures.snapshot import Snapshot

__all__ = ["TITLE", "Provenance", "SourceInfo", "citing_text", "many", "provenance", "sources_text"]

#: the tool's title, as CITATION.cff gives it (a test checks that they agree)
TITLE = "bilateral: a sourced knowledge graph of relations between states"

_SCHEMA_URL = URIRef("http://schema.org/url")  # the data's schema: is http, rdflib's SDO https


@dataclass(frozen=True)
class SourceInfo:
    """A source the statements cite, with what the data says of it (``None`` or empty:
    the data does not say; ``unknown``/``uncertain``: the fields it marks so)."""

    iri: str
    label: str
    statements: int  # how many statements cite it
    title: str | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None
    unknown: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Provenance:
    """The counts the methods text reports: statements, the sources described and those
    cited (most cited first), statements that cite none, and the coders recorded (agent
    IRI → label) with how many statements name one, and each statement's sources."""

    statements: int
    described: int
    cited: list[SourceInfo]
    uncited: int
    coders: dict[str, str]
    attributed: int
    sources_of: dict[str, tuple[str, ...]]  # statement IRI → the sources it cites


def many(n: int, word: str) -> str:
    """``n`` and ``word``, plural unless ``n`` is 1: ``many(2, "source")`` is ``2 sources``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _label(rdf: Graph, node: URIRef) -> str:
    labels = sorted(str(o) for o in rdf.objects(node, RDFS.label))
    return labels[0] if labels else local(str(node))


def _first(rdf: Graph, node: URIRef, *predicates: URIRef) -> str | None:
    for p in predicates:
        values = sorted(str(o) for o in rdf.objects(node, p))
        if values:
            return values[0]
    return None


def _source(rdf: Graph, iri: str, n: int) -> SourceInfo:
    node = URIRef(iri)
    publisher = min(rdf.objects(node, DCTERMS.publisher), key=str, default=None)
    return SourceInfo(
        iri=iri,
        label=_label(rdf, node),
        statements=n,
        title=_first(rdf, node, DCTERMS.title),
        creators=tuple(
            sorted(
                _label(rdf, c) if isinstance(c, URIRef) else str(c)
                for c in rdf.objects(node, DCTERMS.creator)
            )
        ),  # fmt: skip
        publisher=_label(rdf, publisher) if isinstance(publisher, URIRef) else None,
        issued=_first(rdf, node, DCTERMS.issued),
        url=_first(rdf, node, _SCHEMA_URL, SDO.url),
        unknown=tuple(sorted(str(o) for o in rdf.objects(node, BIL.unknownField))),
        uncertain=tuple(sorted(str(o) for o in rdf.objects(node, BIL.uncertainField))),
    )


def provenance(rdf: Graph, snap: Snapshot) -> Provenance:
    """Count the sources and coders of the statements of ``snap`` in ``rdf``, the graph
    it was read from."""
    iris = {r.iri for r in snap.records}
    cites: dict[str, int] = {}
    for r in snap.records:
        for src in set(r.sources):
            cites[src] = cites.get(src, 0) + 1
    described = len(set(rdf.subjects(RDF.type, BIL.Source)))
    by_statement: dict[str, set[str]] = {}
    for s, agent in rdf.subject_objects(PROV.wasAttributedTo):
        if str(s) in iris:
            by_statement.setdefault(str(s), set()).add(str(agent))
    for s, activity in rdf.subject_objects(PROV.wasGeneratedBy):
        if str(s) in iris:
            for agent in rdf.objects(activity, PROV.wasAssociatedWith):
                by_statement.setdefault(str(s), set()).add(str(agent))
    agents = sorted({a for found in by_statement.values() for a in found})
    cited = sorted(cites.items(), key=lambda kv: (-kv[1], kv[0]))
    return Provenance(
        statements=len(snap.records),
        described=described,
        cited=[_source(rdf, iri, n) for iri, n in cited],
        uncited=sum(1 for r in snap.records if not r.sources),
        coders={a: _label(rdf, URIRef(a)) for a in agents},
        attributed=len(by_statement),
        sources_of={r.iri: r.sources for r in snap.records},
    )


def sources_text(dep: DependenceResult, prov: Provenance) -> list[str]:
    """The appendix's section on the sources and coders of the data."""
    evidence = {s for d in dep.domains for item in d.evidence for s in item["statements"]}
    sources = {src for s in evidence for src in prov.sources_of.get(s, ())}
    lines = [
        "### Data: sources and coders",
        "",
        f"- The data loaded: {many(prov.statements, 'statement')}; "
        f"{many(prov.described, 'source')} described "
        f"(`bil:Source`), {len(prov.cited)} cited by statements (`prov:wasDerivedFrom`)"
        + (f"; {many(prov.uncited, 'statement')} cite no source" if prov.uncited else "")
        + ".",
        f"- The dependence of {md(dep.dependent_label)} on {md(dep.provider_label)} and the "
        f"reverse rest on {many(len(evidence), 'statement')} (dependencies and alternatives) "
        f"from {many(len(sources), 'source')}"
        + (
            " (those of the slice and knowledge date above)."
            if dep.known_by or any(dep.slice.values())
            else "."
        ),
    ]
    if prov.coders:
        names = ", ".join(md(label) for label in prov.coders.values())
        lines.append(
            f"- Coders: {len(prov.coders)} recorded ({names}), for {prov.attributed} of "
            f"{prov.statements} statements (`prov:wasAttributedTo`, or `prov:wasGeneratedBy` "
            "an activity `prov:wasAssociatedWith` them)."
        )
    else:
        lines.append(
            "- Coders: **not recorded**. No statement names who coded it "
            "(`prov:wasAttributedTo`, or `prov:wasGeneratedBy` an activity "
            "`prov:wasAssociatedWith` an agent), so the number of coders is unknown and no "
            "agreement between coders can be reported. The coder-bias and coder-noise rows "
            "above show what a coder's systematic or random one-step errors would do."
        )
    return lines


def _source_line(s: SourceInfo) -> str:
    parts = [f"“{md(s.title)}”" if s.title else md(s.label)]
    if s.creators:
        parts.append("by " + ", ".join(md(c) for c in s.creators))
    elif "creator" in s.unknown:
        parts.append("author not known (the data marks it unknown)")
    parts += [md(x) for x in (s.publisher, s.issued, s.url) if x]
    if s.uncertain:
        parts.append("uncertain: " + ", ".join(md(f) for f in s.uncertain))
    return f"  - {', '.join(parts)} ({many(s.statements, 'statement')})"


def citing_text(prov: Provenance) -> list[str]:
    """The appendix's section on how to cite the tool, the data and its sources."""
    lines = [
        "### How to cite",
        "",
        f"- The tool: the bilateral authors, *{TITLE}*, version {__version__} (software, "
        "MIT licence). `CITATION.cff` at the root of the repository has this in Citation "
        "File Format.",
        "- The data: the ontology and curated statements bundled with bilateral are CC BY "
        "4.0 (DATA-NOTICE.md): attribute “bilateral” and its version; data you curated "
        "yourself is yours to cite.",
        "- The sources the statements derive from (the quotes are theirs, not ours):",
    ]
    lines += [_source_line(s) for s in prov.cited[:20]]
    if len(prov.cited) > 20:
        lines.append(f"  - … and {len(prov.cited) - 20} more")
    return lines
