"""Warnings about what a curator has still to review: statements marked ``bil:draft``
(as ``bilateral curate --draft`` writes them), sources whose label or title is still a
placeholder (begins with ``TODO``), and such sources, or sources of draft statements,
that have no date (``dct:issued``) and do not say it is unknown.

These are warnings, not errors (``Violation.severity``): ``bilateral validate`` prints
them, one line each, and exits 0 when they are all there is. ``report`` and ``push``
go ahead despite warnings, except a draft statement (``BLOCKS_OUTPUT``): a draft is not
data yet, and its guessed codes would enter the numbers.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix bil: <https://w3id.org/bilateral/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/bilateral/id/s1> a bil:Assessment ; bil:draft true .
... <https://w3id.org/bilateral/source/t> a bil:Source ; rdfs:label "TODO: title"@en ;
...     bil:textFile "t.txt" .''', format="turtle")
>>> sorted((str(n).rsplit("/", 1)[1], rule) for n, rule, _ in draft_findings(g))
[('s1', 'draft'), ('t', 'source-placeholder'), ('t', 'source-undated')]
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
from rdflib.term import Node

from bilateral.ontology.namespace import BIL

__all__ = ["BLOCKS_OUTPUT", "WARNING_RULES", "draft_findings"]

#: the rules whose findings are warnings (the rest of ``validate`` reports errors)
WARNING_RULES = frozenset({"draft", "source-placeholder", "source-undated"})
#: the warnings that still stop ``report`` and ``push`` (``remember.validate_once``)
BLOCKS_OUTPUT = frozenset({"draft"})
_PLACEHOLDER = "todo"


def draft_findings(g: Graph) -> list[tuple[Node, str, str]]:
    """``(node, rule, message)`` for each draft statement and each source still to fill."""
    out: list[tuple[Node, str, str]] = []
    for node, flag in g.subject_objects(BIL.draft):
        if isinstance(flag, Literal) and flag.toPython() is False:
            continue
        out.append(
            (node, "draft", "draft, not reviewed: check it against its quote, then remove "
             "`bil:draft true`")
        )  # fmt: skip
    drafted = {
        src for node in g.subjects(BIL.draft, None) for src in g.objects(node, PROV.wasDerivedFrom)
    }
    for src in set(g.subjects(RDF.type, BIL.Source)):
        todo = sorted(
            {
                name
                for prop, name in ((RDFS.label, "rdfs:label"), (DCTERMS.title, "dct:title"))
                for value in g.objects(src, prop)
                if str(value).strip().casefold().startswith(_PLACEHOLDER)
            }
        )
        if todo:
            out.append(
                (src, "source-placeholder", f"{', '.join(todo)} still a placeholder: fill it in")
            )
        if (todo or src in drafted) and _undated(g, src):
            out.append(
                (src, "source-undated", 'no dct:issued: give the source\'s date, or '
                 'bil:unknownField "date" if nobody knows it')
            )  # fmt: skip
    return out


def _undated(g: Graph, src: Node) -> bool:
    """A source with no date that does not say its date is unknown or uncertain."""
    if (src, DCTERMS.issued, None) in g:
        return False
    said = {str(v) for p in (BIL.unknownField, BIL.uncertainField) for v in g.objects(src, p)}
    return "date" not in said
