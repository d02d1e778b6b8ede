"""The curation assistant: which sentences of a source the data already quotes, which
actors and dates each mentions, and a Turtle draft of what is left to curate.

A curator's loop is: ``curate(source, data=[folder]).draft()`` written to ``new.ttl``
→ edit ``new.ttl`` (choose each statement's kind, fill in the roles and numbers the
comments suggest) → ``validate(load([folder]))`` (which names every field still to
decide) → measure (in the CLI: ``bilateral curate``, then ``bilateral validate``). The
draft never decides for the curator: suggestions are comments, and each skeleton is a
bare ``bil:Statement`` that ``validate`` reports until a kind is chosen.

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

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from bilateral.compat import graph_first
from bilateral.errors import InputError
from bilateral.graph.checks.quotes import normalise
from bilateral.graph.checks.stats import is_covered, sentences
from bilateral.graph.source.resolve import NameIndex
from bilateral.ontology.namespace import BIL
from bilateral.ontology.vocab import BSRC, curie

__all__ = ["Curation", "Mention", "SentenceInfo", "curate", "find_dates"]

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}  # fmt: skip
_MONTH = "|".join(m.capitalize() for m in _MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})\s+(?:(?P<day>\d{{1,2}}),\s+)?(?P<year>(?:1[89]|20)\d\d)"
    rf"|(?P<y1>(?:1[89]|20)\d\d)\s*[-–]\s*(?P<y2>(?:1[89]|20)\d\d)"
    rf"|(?P<solo>(?:1[89]|20)\d\d))\b"
)


@dataclass(frozen=True)
class Mention:
    """A date in a sentence: the text, the date it suggests, and its precision."""

    text: str
    start: date
    end: date | None
    precision: str  # day, month or year


def find_dates(text: str) -> list[Mention]:
    """The dates a sentence names (``June 2021``, ``August 4, 2020``, ``2015-2020``,
    ``2021``), as the first day they cover.

    >>> [(m.text, str(m.start), m.precision) for m in find_dates("In June 2021 and 2015-2020")]
    [('June 2021', '2021-06-01', 'month'), ('2015-2020', '2015-01-01', 'year')]
    """
    out = []
    for m in _DATE.finditer(text):
        if m.group("month"):
            month, year = _MONTHS[m.group("month").lower()], int(m.group("year"))
            if m.group("day"):
                try:
                    start = date(year, month, int(m.group("day")))
                except ValueError:
                    continue
                out.append(Mention(m.group(0), start, None, "day"))
            else:
                out.append(Mention(m.group(0), date(year, month, 1), None, "month"))
        elif m.group("y1"):
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            if y1 <= y2:
                out.append(Mention(m.group(0), date(y1, 1, 1), date(y2, 12, 31), "year"))
        else:
            out.append(Mention(m.group(0), date(int(m.group("solo")), 1, 1), None, "year"))
    return out


@dataclass
class SentenceInfo:
    """One sentence of the source and what the data and the vocabulary say of it."""

    index: int
    text: str
    covered: bool
    actors: list[str] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)


@dataclass
class Curation:
    """What ``curate`` found: the sentences, the source's IRI, and whether it is new."""

    path: Path
    source: str
    registered: bool
    sentences: list[SentenceInfo]
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def covered(self) -> int:
        """How many sentences the data's quotes cover."""
        return sum(s.covered for s in self.sentences)

    def rows(self) -> list[dict[str, int | bool | str]]:
        """One row per sentence (for tables, CSV and JSON)."""
        return [
            {
                "sentence": s.index,
                "covered": s.covered,
                "actors": "; ".join(curie(a) for a in s.actors),
                "dates": "; ".join(m.text for m in s.dates),
                "text": s.text,
            }
            for s in self.sentences
        ]

    def draft(self) -> str:
        """Turtle: the source (if new) and a skeleton for every uncovered sentence."""
        return _draft(self)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "source"


def _names(index: NameIndex) -> list[tuple[re.Pattern[str], set[str]]]:
    """Patterns for every label and alias, longest first (``the Kremlin`` before
    ``Kremlin``), matched as whole words, case-insensitively."""
    out = []
    for name, iris in sorted(index.names.items(), key=lambda kv: -len(kv[0])):
        if len(name) < 3:
            continue
        out.append((re.compile(rf"(?<!\w){re.escape(name)}(?:’s|'s)?(?!\w)", re.I), iris))
    return out


def _actors_in(text: str, patterns: list[tuple[re.Pattern[str], set[str]]]) -> list[str]:
    """The actors a sentence names, in the order it first names them."""
    first: dict[str, int] = {}
    taken = [False] * len(text)
    for pattern, iris in patterns:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue  # inside a longer name already found
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            for iri in iris:
                first[iri] = min(first.get(iri, m.start()), m.start())
    return sorted(first, key=lambda iri: (first[iri], iri))


@graph_first("source", "g", new="curate(g, source)")
def curate(
    g: Graph | None,
    source: str | os.PathLike[str],
    *,
    data: Sequence[str] | None = None,
) -> Curation:
    """Split ``source`` (a UTF-8 text file, regular, up to 64 MiB) into sentences, as
    ``coverage`` does, and say of each whether the data's quotes cover it, which known
    actors it names and which dates it contains. The data is ``g`` or ``data`` (the
    bundled data by default); a source is "registered" when some ``bil:Source`` of the
    data declares that file."""
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
    patterns = _names(index)
    infos = [
        SentenceInfo(
            i, text, is_covered(text, quotes), _actors_in(text, patterns), find_dates(text)
        )
        for i, text in enumerate(sentences(raw), start=1)
    ]
    labels = {iri: next(iter(_label(rdf, iri)), curie(iri)) for s in infos for iri in s.actors}
    return Curation(path, source_iri, registered, infos, labels)


def _label(rdf: Graph, iri: str) -> list[str]:
    from rdflib import RDFS

    return [str(x) for x in rdf.objects(URIRef(iri), RDFS.label)]


def _source_of(rdf: Graph, path: Path) -> tuple[str, bool]:
    """The IRI of the source that declares ``path`` as its text, or a new one."""
    for s, name in rdf.subject_objects(BIL.textFile):
        if str(name) == path.name:
            return str(s), True
    return BSRC + _slug(path.stem), False


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _draft(report: Curation) -> str:
    src = curie(report.source)
    lines = [
        "@prefix bil:  <https://w3id.org/bilateral/ontology#> .",
        "@prefix bid:  <https://w3id.org/bilateral/id/> .",
        "@prefix bsrc: <https://w3id.org/bilateral/source/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .",
        "",
        f"# Draft written by `bilateral curate {report.path.name}`: one skeleton per sentence",
        "# the data does not quote yet. Each is a bare bil:Statement: choose its kind",
        "# (bil:Dependency, bil:Loan, bil:Support, bil:Assessment ... see docs/curation.md),",
        "# give it a label and its roles; the comments suggest what the sentence names.",
        "# `bilateral validate` names every field still to decide. Never invent a fact.",
        "",
    ]
    if not report.registered:
        lines += [
            f"{src} a bil:Source ;",
            f"    rdfs:label {_literal(report.path.stem)}@en ;",
            f"    bil:textFile {_literal(report.path.name)} .",
            "",
        ]
    stem = _slug(report.source.rsplit("/", 1)[-1])
    for s in report.sentences:
        if s.covered:
            continue
        lines.append(f"# sentence {s.index}")
        for iri in s.actors:
            lines.append(f"#   names {curie(iri)} ({report.labels.get(iri, '')})")
        for m in s.dates:
            value = f'bil:date "{m.start.isoformat()}"^^xsd:date'
            if m.end is not None:
                value = (
                    f'bil:startDate "{m.start.isoformat()}"^^xsd:date ; '
                    f'bil:endDate "{m.end.isoformat()}"^^xsd:date'
                )
            lines.append(f'#   date "{m.text}": {value} ; bil:datePrecision "{m.precision}"')
        lines += [
            f"bid:{stem}-s{s.index} a bil:Statement ;",
            f"    prov:wasDerivedFrom {src} ;",
            f"    bil:quote {_literal(s.text)} .",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"
