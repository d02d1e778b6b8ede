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

from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import ConjunctiveGraph, Graph, Literal, Namespace, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from bilateral.errors import InputError
from bilateral.graph.checks.closest import with_hints
from bilateral.graph.checks.draft_checks import WARNING_RULES, draft_findings
from bilateral.graph.checks.literals import bad_literals, canonical, shacl_safe
from bilateral.graph.checks.locate import Locator, short
from bilateral.graph.checks.quotes import check_quotes
from bilateral.graph.checks.steps import ProgressFn, Steps
from bilateral.graph.checks.tidy import one_per_problem, with_clashes
from bilateral.graph.checks.violation import Found, Violation
from bilateral.graph.source.inputs import graph_of
from bilateral.graph.source.load import PACKAGE_DIR
from bilateral.graph.source.read import native_store

if TYPE_CHECKING:
    import pyoxigraph

    from bilateral.graph.checks.onstore import OxTerm
    from bilateral.graph.source.handle import StoreHandle

__all__ = [
    "CHECKS_DIR",
    "SHAPES_FILE",
    "ProgressFn",
    "Violation",
    "check_literals",
    "run_checks",
    "run_shacl",
    "validate",
]

SHAPES_FILE = PACKAGE_DIR / "ontology" / "shapes.ttl"
CHECKS_DIR = PACKAGE_DIR / "ontology" / "checks"
SH = Namespace("http://www.w3.org/ns/shacl#")
ENGINES = ("auto", "reference", "compiled")


def _located(
    g: Graph,
    found: list[Found],
    fallback: dict[Node, str] | None = None,
    locator: Locator | None = None,
) -> list[Violation]:
    """The problems as violations with file and line (all files found at once);
    ``fallback`` names a file for nodes that no triple places in one."""
    locator = locator or Locator(g)
    locator.prefetch(node for node, _, _ in found)
    warn = _warning_rules() | WARNING_RULES
    out = set()
    for node, rule, message in found:
        file, line = locator.locate(node)
        file = file or (fallback or {}).get(node, "")
        severity = "warning" if rule in warn else "error"
        out.add(Violation(file, line, short(node), rule, message, severity))
    return sorted(out, key=_order)


def run_shacl(g: Graph) -> list[Violation]:
    """Validate ``g`` against ``shapes.ttl`` with pyshacl (the reference) and return one
    violation per result."""
    return _located(g, [f for f, _, _ in _shacl_results(g)])


def _shacl_results(g: Graph) -> list[tuple[Found, Node | None, Node | None]]:
    """SHACL violations (pyshacl) with the focus node and value of each."""
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
    out: list[tuple[Found, Node | None, Node | None]] = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        if (None, SH.detail, result) in results:
            continue  # a detail of another result (why an sh:node failed), not a rule's own
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        rule = shapes.value(shape, SH.name) if shape is not None else None
        component = results.value(result, SH.sourceConstraintComponent)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        text = str(message or component)
        if value is not None:
            text += f" (value {_value(value)})"
        rule_name = str(rule) if rule else short(component).split("#")[-1]
        out.append(((focus if focus is not None else Literal(""), rule_name, text), focus, value))
    return out


def _compiled_results(
    g: Graph,
    bad: list[tuple[Node, Node, Literal, str, str]],
    step: Callable[[str], None] | None = None,
) -> list[tuple[Found, Node | None, Node | None]]:
    """SHACL violations from the shapes compiled to SPARQL, run by Oxigraph."""
    from bilateral.graph.checks.onstore import ox_term, rdf_term, run_compiled

    by_pair: dict[tuple[str, str], dict[OxTerm, Literal]] = {}
    for s, p, o, _, _ in bad:
        if isinstance(s, URIRef):
            by_pair.setdefault((str(s), str(p)), {})[ox_term(o)] = o
    out: list[tuple[Found, Node | None, Node | None]] = []
    for focus_ox, value_ox, rule, message in run_compiled(native_store(g), by_pair, on_shape=step):
        focus = rdf_term(focus_ox)
        value = None if value_ox is None else rdf_term(value_ox)
        text = message if value is None else f"{message} (value {_value(value)})"
        out.append(((focus, rule, text), focus, value))
    return out


def _value(value: Node) -> str:
    """A value in a message, as the store keeps it (``literals.canonical``)."""
    return short(canonical(value) if isinstance(value, Literal) else value)


def _order(v: Violation) -> tuple[str, int, str, str, str]:
    return (v.file, v.line or 0, v.node, v.rule, v.message)


def _check_files() -> list[Path]:
    """The SPARQL checks: ``*-violation.rq`` (errors) and ``*-warning.rq`` (warnings)."""
    return sorted([*CHECKS_DIR.glob("*-violation.rq"), *CHECKS_DIR.glob("*-warning.rq")])


def _rule(path: Path) -> str:
    return path.name.removesuffix("-violation.rq").removesuffix("-warning.rq")


def _warning_rules() -> set[str]:
    return {_rule(p) for p in CHECKS_DIR.glob("*-warning.rq")}


def _oxigraph_of(g: Graph) -> pyoxigraph.Store | None:
    """The Oxigraph store behind ``g``, or an in-memory Oxigraph copy of ``g``: the checks
    run 5-20x faster on Oxigraph's engine than on rdflib's (copying 3k triples takes
    ~30 ms); None if a term cannot be copied (rdflib's engine then runs the checks)."""
    store: pyoxigraph.Store | None = native_store(g)
    if store is not None:
        return store
    import pyoxigraph as ox
    from oxrdflib._converter import to_ox

    copy = ox.Store()
    if isinstance(g, ConjunctiveGraph):  # a dataset: each triple in its graph
        quads = (to_ox((s, p, o), c) for s, p, o, c in g.quads((None, None, None, None)))
    else:
        quads = (to_ox(t) for t in g)
    try:
        copy.extend(q for q in quads if isinstance(q, ox.Quad))
    except (ValueError, TypeError):
        return None
    return copy


def _check_rows(
    g: Graph, step: Callable[[str], None] | None = None, store: pyoxigraph.Store | None = None
) -> list[Found]:
    out: list[Found] = []
    store = store if store is not None else _oxigraph_of(g)
    for path in _check_files():
        rule = _rule(path)
        if step is not None:
            step(f"check {rule}")
        text = path.read_text(encoding="utf-8")
        if store is not None:  # Oxigraph's engine, no rdflib term per row
            from bilateral.graph.checks.onstore import rdf_term, solutions

            rows = solutions(store, text)
            out += [(rdf_term(r[0]), rule, _message(r[1], rule)) for r in rows if r[0]]
        else:
            selected = (r for r in g.query(text) if isinstance(r, ResultRow))  # SELECT: rows
            out += [(n, rule, _message(m, rule)) for n, m in selected if n is not None]
    return out


def _message(message: object, rule: str) -> str:
    """A check's message; one the check could not build (a value of an unexpected kind
    where the message shows it) still names the rule."""
    if message is None:
        return f"the {rule} check failed on a value of an unexpected kind"
    return str(getattr(message, "value", message))


def run_checks(g: Graph) -> list[Violation]:
    """Run every ``checks/*-violation.rq`` and ``*-warning.rq``; each row is a problem."""
    return _located(g, _check_rows(g))


def _literal_rows(
    bad: list[tuple[Node, Node, Literal, str, str]], reported: Collection[tuple[Node, str]]
) -> list[Found]:
    return [
        (s, rule, f"{message} ({short(p)})")
        for s, p, o, rule, message in bad
        if (s, str(o)) not in reported
    ]


def check_literals(g: Graph, *, reported: Collection[tuple[Node, str]] = ()) -> list[Violation]:
    """Ill-typed literals and non-finite numbers, except those in ``reported``
    (``(node, lexical form)`` pairs a shape already reported)."""
    return _located(g, _literal_rows(_bad_literals(g), reported))


def _bad_literals(g: Graph) -> list[tuple[Node, Node, Literal, str, str]]:
    store = native_store(g)
    if store is None:
        return list(bad_literals(g))
    from bilateral.graph.checks.literals import bad_literals_store

    return bad_literals_store(store)


def validate(g: Graph | StoreHandle, *, engine: str = "auto") -> list[Violation]:
    """All problems of ``g``: SHACL, SPARQL checks, literals and quotes, sorted by file
    and line, one per problem (``tidy.py``: a bad literal that a shape reports, a
    missing label, a dangling IRI are reported once). Errors and warnings
    (``Violation.severity``: a value off an ordinal scale); a dangling IRI or unknown
    term names the closest names (``closest.py``), a quote not in its source the
    nearest passage (``nearest.py``).

    ``engine`` is how the SHACL shapes run: ``"reference"`` (pyshacl on a copy of the
    graph), ``"compiled"`` (the shapes compiled to SPARQL and run by Oxigraph:
    ``checks/compiled.py``; graphs opened from a store only) or ``"auto"`` (compiled on
    a store, the reference otherwise). Both give the same violations (tested on every
    fixture). Each step is told to whoever listens (``bilateral.progress``; steps as in
    ``ProgressFn``). A store found
    valid remembers it (``checks/remember.py``), so ``report`` can skip validating it
    until it changes.
    """
    g = graph_of(g)  # an open store's graph
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    compiled = engine == "compiled" or (engine == "auto" and native_store(g) is not None)
    if compiled and native_store(g) is None:
        raise InputError("the compiled engine runs on a store: a graph from open_store(folder)")
    from bilateral.graph.checks.remember import remember, state_of

    state = state_of(g)  # before reading: what a record of this validation will name
    if compiled:
        from bilateral.graph.checks.compiled import compile_shapes

        shape_steps = len(compile_shapes())
    else:
        shape_steps = 1
    from bilateral.progress import listener

    step = Steps(listener(), 3 + shape_steps + len(_check_files()))
    step("literals")
    bad = _bad_literals(g)
    if compiled:
        shacl = _compiled_results(g, bad, step)
    else:
        step("shapes (pyshacl)")
        shacl = _shacl_results(g)
    reported = {(f, str(v)) for _, f, v in shacl if f is not None and v is not None}
    store = _oxigraph_of(g)  # the SPARQL checks run on Oxigraph (a copy of a Dataset)
    found = [f for f, _, _ in shacl] + _check_rows(g, step, store) + _literal_rows(bad, reported)
    found += draft_findings(g)  # warnings: drafts and sources still to fill
    fallback: dict[Node, str] = {}
    step("quotes")
    for q in check_quotes(g):
        node = URIRef(q.node)
        found.append((node, "quote", q.message))
        fallback.setdefault(node, q.file)
    step("locating")
    locator = Locator(g)
    found = with_hints(g, one_per_problem(found, shacl), store)
    located = with_clashes(g, _located(g, found, fallback, locator), locator, _order, store)
    if not any(v.severity == "error" for v in located) and state is not None:
        remember(g, state)  # a store found valid: ``report`` need not validate it again
    step.finish()
    return located
