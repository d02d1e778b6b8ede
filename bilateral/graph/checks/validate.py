"""Validate a loaded graph: SHACL shapes, SPARQL checks and the quote check.

Every problem is one ``Violation`` naming the file (and line where it can be
found), the node and the rule, so ``bilateral validate`` prints one line each.

>>> from pathlib import Path
>>> from bilateral.graph.source.load import load
>>> tiny = Path(__file__).parents[3] / "tests" / "data" / "tiny"  # a small valid dataset
>>> validate(load([tiny]))
[]
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from bilateral.graph.checks.literals import bad_literals, shacl_safe
from bilateral.graph.checks.quotes import check_quotes
from bilateral.graph.source.load import PACKAGE_DIR, files_of

__all__ = [
    "CHECKS_DIR",
    "SHAPES_FILE",
    "Violation",
    "check_literals",
    "run_checks",
    "run_shacl",
    "validate",
]

SHAPES_FILE = PACKAGE_DIR / "ontology" / "shapes.ttl"
CHECKS_DIR = PACKAGE_DIR / "ontology" / "checks"
SH = Namespace("http://www.w3.org/ns/shacl#")
_PREFIXES = {
    "https://w3id.org/bilateral/id/": "bid:",
    "https://w3id.org/bilateral/source/": "bsrc:",
    "https://w3id.org/bilateral/ontology#": "bil:",
}


@dataclass(frozen=True)
class Violation:
    """One problem found in the data."""

    file: str
    line: int | None
    node: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file or "(graph)"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.node}: {self.rule}: {self.message}"


def short(node: Node | str) -> str:
    """``bid:belarus`` for a data IRI; blank nodes and other IRIs as N3."""
    text = str(node)
    for base, prefix in _PREFIXES.items():
        if text.startswith(base):
            return prefix + text[len(base) :]
    if isinstance(node, Literal):
        return f'"{text}"'
    return node.n3() if isinstance(node, Node) else text


@lru_cache(maxsize=256)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def _locate(g: Graph, node: Node) -> tuple[str, int | None]:
    """The file that describes ``node`` and the line where it is first a subject."""
    if not isinstance(node, URIRef):
        return "", None
    files = files_of(g, (node, None, None)) or files_of(g, (None, None, node))
    if not files:
        return "", None
    name = files[0]
    wanted = re.compile(rf"^\s*({re.escape(short(node))}|<{re.escape(str(node))}>)(\s|$)")
    base = PACKAGE_DIR.parent / name if not Path(name).is_absolute() else Path(name)
    path = base if base.is_file() else Path(name)
    lines = _file_lines(str(path))
    for number, line in enumerate(lines, start=1):
        if wanted.match(line):
            return name, number
    name_re = re.escape(short(node))
    anywhere = re.compile(rf"(^|[\s;,(]){name_re}([\s;,.)]|$)|<{re.escape(str(node))}>")
    for number, line in enumerate(lines, start=1):
        if anywhere.search(line):
            return name, number
    return name, None


def run_shacl(g: Graph) -> list[Violation]:
    """Validate ``g`` against ``shapes.ttl`` and return one violation per result."""
    return sorted({v for v, _, _ in _shacl_results(g)}, key=_order)


def _shacl_results(g: Graph) -> list[tuple[Violation, Node | None, Node | None]]:
    """SHACL violations with the focus node and value of each."""
    import pyshacl

    flat = Graph()
    xsd_string = URIRef("http://www.w3.org/2001/XMLSchema#string")
    for s, p, o in g.triples((None, None, None)):
        if isinstance(o, Literal):
            if o.datatype == xsd_string:
                o = Literal(str(o))  # RDF 1.1: the same literal; rdflib compares them unequal
            else:
                o = shacl_safe(o)
        flat.add((s, p, o))
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results, _text = pyshacl.validate(
        flat, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    out = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        rule = shapes.value(shape, SH.name) if shape is not None else None
        component = results.value(result, SH.sourceConstraintComponent)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        text = str(message or component)
        if value is not None:
            text += f" (value {short(value)})"
        file, line = _locate(g, focus) if focus is not None else ("", None)
        rule_name = str(rule) if rule else short(component).split("#")[-1]
        out.append((Violation(file, line, short(focus or ""), rule_name, text), focus, value))
    return out


def _order(v: Violation) -> tuple[str, int, str, str, str]:
    return (v.file, v.line or 0, v.node, v.rule, v.message)


def run_checks(g: Graph) -> list[Violation]:
    """Run every ``checks/*-violation.rq``; each result row is a violation."""
    out = []
    for path in sorted(CHECKS_DIR.glob("*-violation.rq")):
        rule = path.name.removesuffix("-violation.rq")
        for row in g.query(path.read_text(encoding="utf-8")):
            node, message = row  # type: ignore[misc]
            file, line = _locate(g, node)
            out.append(Violation(file, line, short(node), rule, str(message)))
    return sorted(set(out), key=_order)


def check_literals(g: Graph, *, reported: Collection[tuple[Node, str]] = ()) -> list[Violation]:
    """Ill-typed literals and non-finite numbers, except those in ``reported``
    (``(node, lexical form)`` pairs a shape already reported)."""
    out = []
    for s, p, o, rule, message in bad_literals(g):
        if (s, str(o)) in reported:
            continue
        file, line = _locate(g, s)
        out.append(Violation(file, line, short(s), rule, f"{message} ({short(p)})"))
    return out


def validate(g: Graph) -> list[Violation]:
    """All problems of ``g``: SHACL, SPARQL checks, literals and quotes, sorted by file
    and line. A bad literal that a shape reports is reported once, by the shape."""
    shacl = _shacl_results(g)
    reported = {(f, str(v)) for _, f, v in shacl if f is not None and v is not None}
    problems = [v for v, _, _ in shacl] + run_checks(g) + check_literals(g, reported=reported)
    for q in check_quotes(g):
        node = URIRef(q.node)
        file, line = _locate(g, node)
        problems.append(Violation(file or q.file, line, short(node), "quote", q.message))
    return sorted(set(problems), key=_order)
