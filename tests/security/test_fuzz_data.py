"""Fuzzing data files (issue 26): generated Turtle, N-Triples, TriG and N-Quads with
hostile literals, IRIs, datatypes, language tags, blank nodes, collections, graph names,
lone surrogates and control characters (written escaped and raw; no category left out),
loaded and validated in memory and, for a few examples, in a store. Each either succeeds or raises a
``BilateralError`` whose message is one line: never another exception.

The quick suite runs a small budget; ``make fuzz`` a large one, through the
environment variable ``BILATERAL_FUZZ_EXAMPLES`` (the examples of each fuzz test;
the marker ``fuzz`` selects them).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bilateral
from bilateral.errors import BilateralError
from bilateral.graph.checks.validate import Violation
from bilateral.text import for_terminal

BUDGET = int(os.environ.get("BILATERAL_FUZZ_EXAMPLES") or 0)
# a second an example is far more than one takes: the large budget still has a deadline
pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(120 + BUDGET)]
FUZZ = settings(
    max_examples=BUDGET or 15,
    deadline=None,
    derandomize=not BUDGET,  # the quick suite: the same examples every run
    suppress_health_check=list(HealthCheck),
)
STORE_FUZZ = settings(FUZZ, max_examples=max(BUDGET // 10, 3))

BIL = "https://w3id.org/bilateral/ontology#"
BID = "https://w3id.org/bilateral/id/"
BSRC = "https://w3id.org/bilateral/source/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREDICATES = [
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/2002/07/owl#sameAs",
    *(
        BIL + name
        for name in (
            "status quote textFile date startDate endDate datePrecision amount currency "
            "strength confidence hedge dependent provider domain creditor debtor party "
            "agent target valueScheme"
        ).split()
    ),
]
CLASSES = [BIL + c for c in "Loan State Source Dependency Event Person Statement".split()]
DATATYPES = [XSD + t for t in "string date decimal integer double boolean gYear".split()]

# every character, surrogates (Cs) and controls (Cc) included
anything = st.text(alphabet=st.characters(codec=None), max_size=40)
hostile = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x1f", "\x7f", "\ud800", "\udfff", "\ufffe", "\uffff", "\u2028"]
    + ['"', "'", "\\", "<", ">", " ", "\n", "\r", "\t", "{", "}", "^", "`", "|", "#", "_:"]
)


def _escape(text: str, raw: bool) -> str:
    """A Turtle string body: every character escaped (``\\uXXXX``) or written raw except
    the quote, backslash and line breaks, which break the string itself."""
    if raw:
        return (
            text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
    return "".join(
        c
        if 0x20 < ord(c) < 0x7F and c not in '"\\'
        else f"\\u{ord(c):04X}"
        if ord(c) <= 0xFFFF
        else f"\\U{ord(c):08X}"
        for c in text
    )


@st.composite
def strings(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(anything, hostile), max_size=4))
    return "".join(parts)


@st.composite
def iris(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return f"<{draw(st.sampled_from(PREDICATES + CLASSES + DATATYPES))}>"
    if kind == 1:
        return f"<{draw(st.sampled_from([BID, BSRC]))}{draw(st.sampled_from('abcxyz'))}>"
    body = draw(strings())
    base = draw(st.sampled_from([BID, "http://e/", "", "urn:x:", "file:///etc/"]))
    if kind == 2:  # escaped, as Turtle allows in IRIs
        return f"<{base}{_escape(body, raw=False)}>"
    if kind == 3:  # raw, whatever it holds
        return f"<{base}{body.replace('>', '')}>"
    if kind == 4:
        return "<" + "x" * draw(st.sampled_from([0, 300, 5000])) + ">"
    return f"<{base}{draw(st.sampled_from(['a b', 'a%zz', '../../x', '#frag', '?q=1']))}>"


@st.composite
def blanks(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["_:b0", "_:b1", "_:x.y", "_:\u00e9", "[]"]))


@st.composite
def literals(draw: st.DrawFn) -> str:
    body = _escape(draw(strings()), raw=draw(st.booleans()))
    tail = draw(st.integers(0, 3))
    if tail == 1:
        return f'"{body}"^^{draw(iris())}'
    if tail == 2:
        lang = draw(st.sampled_from(["en", "en-GB", "x", "1", "en-", "a" * 40]))
        return f'"{body}"@{lang}'
    if tail == 3:
        number = draw(st.sampled_from(["1", "-0.5", "1e999", "NaN", "0x1", "2021-02-30"]))
        return f'"{number}"^^<{draw(st.sampled_from(DATATYPES))}>'
    return f'"{body}"'


def _object(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 5 if depth < 2 else 2))
    if kind == 0:
        return draw(iris())
    if kind == 1:
        return draw(literals())
    if kind == 2:
        return draw(blanks())
    if kind == 3:
        return f"[ {draw(iris())} {_object(draw, depth + 1)} ]"
    if kind == 4:
        items = [_object(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))]
        return f"( {' '.join(items)} )"
    return draw(st.sampled_from(['"true"', "1", "-2.5", "1e3", "true"]))


@st.composite
def turtle(draw: st.DrawFn) -> str:
    lines = [
        f"@prefix bil: <{BIL}> .",
        f"@prefix bid: <{BID}> .",
        f"@prefix bsrc: <{BSRC}> .",
    ]
    for _ in range(draw(st.integers(1, 6))):
        subject = draw(st.one_of(iris(), blanks()))
        predicate = draw(st.one_of(iris(), st.sampled_from(["a", "bil:status", "bil:textFile"])))
        lines.append(f"{subject} {predicate} {_object(draw)} .")
    if draw(st.booleans()):  # a typed statement, so that the checks have work to do
        lines.append(f"bid:s a <{draw(st.sampled_from(CLASSES))}> ; bil:status {_object(draw)} .")
    if draw(st.integers(0, 9)) == 0:  # anything at all
        lines.append(draw(anything))
    return "\n".join(lines) + "\n"


@st.composite
def ntriples(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        subject = draw(st.one_of(iris(), st.sampled_from(["_:b0", "_:b1"])))
        obj = draw(st.one_of(iris(), literals(), st.sampled_from(["_:b0", "_:b1"])))
        lines.append(f"{subject} {draw(iris())} {obj} .")
    return "\n".join(lines) + "\n"


@st.composite
def trig(draw: st.DrawFn) -> str:
    """Turtle's statements inside a graph (its name an IRI, or a blank node)."""
    head, _, body = draw(turtle()).rpartition(f"@prefix bsrc: <{BSRC}> .\n")
    name = draw(st.one_of(iris(), st.sampled_from(["_:g", "[]"])))
    return f"{head}@prefix bsrc: <{BSRC}> .\n{name} {{\n{body}}}\n"


@st.composite
def nquads(draw: st.DrawFn) -> str:
    lines = draw(ntriples()).splitlines()
    graphs = st.one_of(st.just(""), iris(), st.just("_:g"))
    return "".join(f"{line[:-1].rstrip()} {draw(graphs)} .\n" for line in lines)


documents = st.one_of(
    st.tuples(turtle(), st.just(".ttl")),
    st.tuples(ntriples(), st.just(".nt")),
    st.tuples(trig(), st.just(".trig")),
    st.tuples(nquads(), st.just(".nq")),
)


def _write(folder: Path, text: str, suffix: str, raw: bool) -> Path:
    path = folder / f"data{suffix}"
    # a lone surrogate written raw is not UTF-8 (surrogatepass): the loader must say so
    path.write_bytes(text.encode("utf-8", "surrogatepass" if raw else "backslashreplace"))
    return path


def _one_line(exc: BilateralError) -> None:
    assert "\n" not in str(exc) and str(exc).strip(), repr(str(exc))


def _printable(problems: list[Violation]) -> None:
    """Each problem is one line as ``validate`` prints it (the values it quotes escaped)."""
    for problem in problems:
        assert isinstance(problem, Violation) and problem.rule, problem
        assert "\n" not in for_terminal(str(problem)), str(problem)


def _load_and_validate(path: Path) -> None:
    try:
        g = bilateral.load([path])
        problems = bilateral.validate(g)
    except BilateralError as exc:
        _one_line(exc)
        return
    _printable(problems)


@FUZZ
@given(documents, st.booleans())
def test_generated_data_loads_and_validates_or_fails_in_one_line(doc, raw: bool) -> None:
    text, suffix = doc
    with tempfile.TemporaryDirectory() as folder:
        _load_and_validate(_write(Path(folder), text, suffix, raw))


@STORE_FUZZ
@given(documents, st.booleans())
def test_generated_data_in_a_store_too(doc, raw: bool) -> None:
    text, suffix = doc
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), text, suffix, raw)
        store = Path(folder) / "store"
        try:
            bilateral.load_store(store, [path])
            with bilateral.open_store(store) as handle:
                problems = bilateral.validate(handle)
        except BilateralError as exc:
            _one_line(exc)
            return
        _printable(problems)
