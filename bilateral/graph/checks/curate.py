"""The curation assistant: which sentences of a source the data already quotes, and for
each of the others what the rules suggest (kind, actors, roles, date, hedge, strength,
domain, each with the words that triggered it), and a Turtle draft of them.

A curator's loop is: ``curate(g, source).draft()`` written to ``new.ttl`` → review
``new.ttl`` (each statement is marked ``bil:draft true``: correct it, then remove the
mark) → ``validate(load([folder]))``, which reports every statement still marked as
"draft, not reviewed" and a source whose label or date is still to fill → measure.

>>> from pathlib import Path
>>> memo = Path(__file__).parents[2] / "data" / "sources" / "000_cdb1d46302525148.txt"
>>> report = curate(None, memo)  # None: the bundled data
>>> report.covered == len(report.sentences), report.sentences[0].actors[:2]
(True, ['https://w3id.org/bilateral/id/belarus', 'https://w3id.org/bilateral/id/russia'])
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from bilateral.compat import graph_first
from bilateral.errors import InputError
from bilateral.graph.checks.quotes import normalise
from bilateral.graph.checks.stats import is_covered, sentences
from bilateral.graph.checks.suggest import Suggestion, suggest
from bilateral.graph.checks.suggest_actors import (
    ActorSpan,
    find_actors,
    find_possessives,
    first_seen,
    patterns,
)
from bilateral.graph.checks.suggest_dates import (
    Mention,
    date_in_header,
    find_dates,
    parse_issued,
)
from bilateral.graph.source.resolve import NameIndex
from bilateral.ontology.namespace import BIL
from bilateral.ontology.vocab import BSRC, curie

__all__ = ["Curation", "Mention", "SentenceInfo", "curate", "find_dates"]


@dataclass
class SentenceInfo:
    """One sentence of the source, whether the data quotes it, and the suggestions."""

    index: int
    text: str
    covered: bool
    actors: list[str] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    spans: list[ActorSpan] = field(default_factory=list)
    suggestion: Suggestion | None = None

    @property
    def date(self) -> Mention | None:
        """The suggested date: the first the sentence names."""
        return self.dates[0] if self.dates else None


@dataclass
class Curation:
    """What ``curate`` found: the sentences, the source's IRI, whether it is new, and
    the source's date (``issued``, with its precision and where it came from)."""

    path: Path
    source: str
    registered: bool
    sentences: list[SentenceInfo]
    labels: dict[str, str] = field(default_factory=dict)
    issued: tuple[date, str] | None = None
    issued_from: str = ""

    @property
    def covered(self) -> int:
        """How many sentences the data's quotes cover."""
        return sum(s.covered for s in self.sentences)

    def rows(self) -> list[dict[str, int | bool | str]]:
        """One flat row per sentence (for tables and CSV)."""
        return [
            {
                "sentence": s.index,
                "covered": s.covered,
                "kind": str(s.suggestion.kind.value) if s.suggestion else "",
                "actors": "; ".join(curie(a) for a in s.actors),
                "dates": "; ".join(m.text for m in s.dates),
                "text": s.text,
            }
            for s in self.sentences
        ]

    def suggestions(self) -> list[dict[str, Any]]:
        """One object per sentence with every suggestion and its ``why`` (for JSON)."""
        from bilateral.graph.checks.draft_turtle import suggestion_object

        return [suggestion_object(self, s) for s in self.sentences]

    def draft(self) -> str:
        """Turtle: the source (if new) and a draft statement for every uncovered
        sentence, made of the suggestions and marked ``bil:draft true``."""
        from bilateral.graph.checks.draft_turtle import draft

        return draft(self)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "source"


def _spelled(rdf: Graph) -> dict[str, str]:
    """Each label and alias as the data writes it (capitals kept), by its casefold."""
    out: dict[str, str] = {}
    for prop in (RDFS.label, SKOS.altLabel):
        for _, name in rdf.subject_objects(prop):
            out.setdefault(str(name).casefold(), str(name))
    return out


@graph_first("source", "g", new="curate(g, source)")
def curate(
    g: Graph | None,
    source: str | os.PathLike[str],
    *,
    data: Sequence[str] | None = None,
    issued: str | date | None = None,
) -> Curation:
    """Split ``source`` (a UTF-8 text file, regular, up to 64 MiB) into sentences, as
    ``coverage`` does, and say of each whether the data's quotes cover it, which known
    actors it names and which dates it contains. The data is ``g`` or ``data`` (the
    bundled data by default); a source is "registered" when some ``bil:Source`` of the
    data declares that file. ``issued`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) is the
    source's date, against which relative dates ("last year") are resolved; without it,
    a date in the text's first lines (a dateline) is used, if there is one."""
    from bilateral.graph.source.inputs import graph_of
    from bilateral.graph.source.regular import MAX_TEXT_BYTES, read_regular

    path = Path(source)
    try:
        raw = read_regular(path, "source text", MAX_TEXT_BYTES).decode("utf-8")
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")  # as open() reads text
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read source text {path}: {exc}") from None
    rdf: Graph = graph_of(g, data=data)
    source_iri, registered = _source_of(rdf, path)
    quotes = {
        normalise(str(q))
        for node in (rdf.subjects(PROV.wasDerivedFrom, URIRef(source_iri)) if registered else [])
        for q in rdf.objects(node, BIL.quote)
    }
    index = NameIndex.from_graph(rdf)
    actors, statements = _actors_and_statements(rdf)
    index.names = {n: {i for i in iris if i not in statements} for n, iris in index.names.items()}
    pats = patterns(index, _spelled(rdf))
    when, came_from = _issued(issued, raw)
    infos: list[SentenceInfo] = []
    context: int | None = None
    states = _state_names(rdf)
    last_state: str | None = None
    for i, text in enumerate(sentences(raw), start=1):
        spans = find_actors(text, pats)
        spans = sorted(
            spans + find_possessives(text, spans, last_state, states, index.names),
            key=lambda s: (s.start, s.iri),
        )
        named = [s.iri for s in spans if s.iri in states]
        last_state = named[-1] if named else last_state
        dates = find_dates(text, issued=when[0] if when else None, context_year=context)
        context = dates[-1].start.year if dates else None  # for the next sentence only
        covered = is_covered(text, quotes)
        infos.append(
            SentenceInfo(
                i,
                text,
                covered,
                first_seen(spans),
                dates,
                spans,
                suggest(text, spans, actors.__contains__),
            )  # fmt: skip
        )
    labels = {iri: next(iter(_label(rdf, iri)), curie(iri)) for s in infos for iri in s.actors}
    return Curation(path, source_iri, registered, infos, labels, when, came_from)


def _state_names(rdf: Graph) -> dict[str, list[str]]:
    """Each ``bil:State`` with its labels and aliases (for "its leadership")."""
    return {
        str(s): [str(n) for p in (RDFS.label, SKOS.altLabel) for n in rdf.objects(s, p)]
        for s in rdf.subjects(RDF.type, BIL.State)
    }


def _actors_and_statements(rdf: Graph) -> tuple[set[str], set[str]]:
    """The IRIs typed as actors (any subclass of ``bil:Actor``), which may take roles,
    and the statements (derived from a source), which are not names of entities."""
    kinds = set(rdf.transitive_subjects(RDFS.subClassOf, BIL.Actor))
    actors = {str(s) for k in kinds for s in rdf.subjects(RDF.type, k)}
    return actors, {str(s) for s in rdf.subjects(PROV.wasDerivedFrom, None)}


def _issued(issued: str | date | None, raw: str) -> tuple[tuple[date, str] | None, str]:
    """The source's date: ``issued`` as given, else a date in the text's first lines."""
    if isinstance(issued, date):
        return (issued, "day"), "the date given to curate"
    if issued:
        try:
            return parse_issued(issued), "the date given to curate"
        except ValueError as exc:
            raise InputError(f"`issued`: {exc}") from None
    header = date_in_header(raw)
    return (header, "found in the text's first lines") if header else (None, "")


def _label(rdf: Graph, iri: str) -> list[str]:
    return [str(x) for x in rdf.objects(URIRef(iri), RDFS.label)]


def _source_of(rdf: Graph, path: Path) -> tuple[str, bool]:
    """The IRI of the source that declares ``path`` as its text, or a new one."""
    for s, name in rdf.subject_objects(BIL.textFile):
        if str(name) == path.name:
            return str(s), True
    return BSRC + _slug(path.stem), False
