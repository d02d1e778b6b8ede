"""Named queries shipped in ``bilateral/queries``: the competency questions and more.

Each file ``NAME.rq`` starts with a ``# question: ...`` line. A query about a dyad
declares its parameters with their defaults, ``# parameter: dependent = bid:belarus
(what it is)``, and uses them as variables (``?dependent``); ``--bind dependent=bid:X``
(or ``bindings=`` in Python) overrides a default.

>>> q = named_queries()["cq-loans"]
>>> q.question.startswith("Which loans"), q.parameters["provider"].default
(True, 'bid:russia')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import UnknownNameError

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = ["QUERIES_DIR", "NamedQuery", "Parameter", "get_named", "named_queries"]

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"


@dataclass(frozen=True)
class Parameter:
    """A variable of a named query that has a default value (an IRI, ``bid:x``)."""

    default: str
    about: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query, the question it answers, and its parameters."""

    name: str
    question: str
    text: str
    parameters: dict[str, Parameter] = field(default_factory=dict)

    def defaults(self) -> dict[str, URIRef]:
        """The parameters' default values as RDF terms, for ``bindings``."""
        from rdflib import URIRef

        from bilateral.ontology.vocab import expand

        return {name: URIRef(expand(p.default)) for name, p in self.parameters.items()}

    def with_values(self, values: dict[str, str] | None = None) -> str:
        """The text with each parameter's variable replaced by an IRI (``values`` or the
        default), for servers that take no bindings (``remote_query``). Only IRIs are
        written into the text, and only where the query reads the variable.

        >>> q = named_queries()["cq-loans"]
        >>> "bil:creditor <https://w3id.org/bilateral/id/russia>" in q.with_values()
        True
        """
        from bilateral.errors import QueryError
        from bilateral.graph.sparql.tokens import tokenize
        from bilateral.ontology.vocab import expand

        chosen = {n: p.default for n, p in self.parameters.items()} | (values or {})
        iris = {n: expand(v) for n, v in chosen.items()}
        for name, iri in iris.items():
            if not _SAFE_IRI.fullmatch(iri):
                raise QueryError(f"{name}: {iri!r} is not an IRI (a named query's values are IRIs)")
        out, pos = [], 0
        for tok in tokenize(self.text):
            if tok.kind == "var" and tok.text[1:] in iris:
                out += [self.text[pos : tok.start], f"<{iris[tok.text[1:]]}>"]
                pos = tok.end
        return "".join(out) + self.text[pos:]

    def signature(self) -> str:
        """``dependent=bid:belarus, provider=bid:russia`` (empty if none)."""
        return ", ".join(f"{n}={p.default}" for n, p in self.parameters.items())


_SAFE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]+")
_PARAMETER = re.compile(r"#\s*parameter:\s*(\w+)\s*=\s*(\S+)\s*(?:\((.*)\))?\s*$")


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """All named queries by name, sorted."""
    out = {}
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = ""
        parameters = {}
        for line in text.splitlines():
            if line.startswith("# question:") and not question:
                question = line.split(":", 1)[1].strip()
            elif m := _PARAMETER.match(line):
                parameters[m.group(1)] = Parameter(m.group(2), (m.group(3) or "").strip())
        out[path.stem] = NamedQuery(path.stem, question, text, parameters)
    return out


def get_named(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name lists the close candidates."""
    queries = named_queries()
    if name in queries:
        return queries[name]
    close = [n for n in queries if name.lower() in n or n.endswith(name.lower())]
    hint = ", ".join(close or list(queries))
    raise UnknownNameError(f"no named query {name!r}; choose one of: {hint}")
