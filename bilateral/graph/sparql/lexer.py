"""Read a SPARQL query into tokens and triple patterns, keeping where each came from.

This is not the safety check (that is SPARQL's grammar, in ``safety.py``): it is the
reader that query rewriting (inference), hints, bindings and column order use. It
finds the triples of every graph pattern of the WHERE side (OPTIONAL, UNION, MINUS,
GRAPH, EXISTS, subqueries) and leaves CONSTRUCT templates and VALUES blocks alone; the
triples themselves are read by ``patterns.py``.

>>> q = analyse("SELECT * WHERE { ?x a bil:Loan ; rdfs:label ?l . FILTER(?l != 'x') }")
>>> [(t.s.text, t.p.text, t.o.text) for t in q.triples]
[('?x', 'a', 'bil:Loan'), ('?x', 'rdfs:label', '?l')]
>>> q.star, q.variables
(True, ['x', 'l'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bilateral.graph.sparql.patterns import GROUP_WORDS, Block, PatternReader, Term, Triple
from bilateral.graph.sparql.tokens import Token, tokenize

__all__ = ["Analysis", "Block", "Term", "Triple", "analyse"]


@dataclass
class Analysis:
    """What a query holds: its form, its triples by block, and its variables."""

    tokens: list[Token]
    form: str = ""
    star: bool = False
    distinct: bool = False
    blocks: list[Block] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)  # WHERE side, first appearance
    short_construct: tuple[int, int] | None = None  # the group of CONSTRUCT WHERE { }
    prefixes: dict[str, str] = field(default_factory=dict)  # declared in the query

    @property
    def triples(self) -> list[Triple]:
        """Every triple pattern of the WHERE side, in order."""
        return [t for b in self.blocks for t in b.triples]


class _Reader(PatternReader):
    """The query's structure: prologue, form, projection, groups and modifiers."""

    in_where = False
    _minus = False

    def __init__(self, text: str, tokens: list[Token]):
        super().__init__(text, tokens)
        self.out = Analysis(tokens, blocks=self.blocks)

    def skip_balanced(self) -> None:
        """Skip from an opening bracket to just after its match; EXISTS groups inside
        expressions are read as graph patterns."""
        depth = 0
        while (tok := self.peek()) is not None:
            if tok.word() == "EXISTS" and self.is_("{", 1):
                self.i += 1
                self.group(existential=True)
                continue
            if tok.kind == "var" and self.in_where:
                self.where_vars.setdefault(tok.text[1:])
            self.i += 1
            if tok.text in "([{" and tok.kind == "punct":
                depth += 1
            elif tok.text in ")]}" and tok.kind == "punct":
                depth -= 1
                if depth <= 0:
                    return

    def run(self) -> Analysis:
        out = self.out
        while self.word() in ("PREFIX", "BASE"):
            name, iri = self.peek(1), self.peek(2)
            if self.word() == "PREFIX" and name is not None and iri is not None:
                out.prefixes[name.text.rstrip(":")] = iri.text[1:-1]
                self.i += 3
            else:
                self.i += 2
        out.form = self.word()
        self.i += 1
        if out.form == "CONSTRUCT" and self.is_("{"):
            self.skip_balanced()  # the template
        elif out.form == "CONSTRUCT" and self.is_("WHERE") and self.is_("{", 1):
            start = self.t[self.i + 1].start
            self.i += 1
            self.where()
            out.short_construct = (start, self.t[min(self.i, len(self.t)) - 1].end)
            return self.finish()
        self.head(top=True)
        self.existential = out.form == "ASK"
        self.where()
        return self.finish()

    def head(self, top: bool = False) -> None:
        """The projection (or DESCRIBE terms) up to WHERE or the group."""
        while (tok := self.peek()) is not None and not self.is_("{") and tok.word() != "WHERE":
            if tok.word() in ("DISTINCT", "REDUCED") and top:
                self.out.distinct = True
            if tok.text == "*" and top:
                self.out.star = True
            if tok.text == "(":
                self.in_where = True
                self.skip_balanced()
                self.in_where = False
                continue
            self.i += 1

    def where(self) -> None:
        if self.is_("WHERE"):
            self.i += 1
        if self.is_("{"):
            self.in_where = True
            self.group()
            self.in_where = False
        self.modifiers()

    def modifiers(self) -> None:
        """GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, VALUES: skipped, brackets balanced."""
        while (tok := self.peek()) is not None and tok.text != "}":
            if tok.text in ("(", "{", "["):
                self.skip_balanced()
            else:
                self.i += 1

    def group(self, existential: bool | None = None) -> None:
        """``{ ... }``: a group graph pattern or a subquery."""
        outer = self.existential
        self.existential = outer if existential is None else existential
        try:
            self._group()
        finally:
            self.existential = outer

    def _group(self) -> None:
        self.i += 1  # {
        if self.is_("SELECT"):
            self.existential = False  # a subquery's rows count (aggregates...)
            self.i += 1
            self.head()
            self.where()
            if self.is_("}"):
                self.i += 1
            return
        while (tok := self.peek()) is not None:
            word = tok.word()
            if tok.text == "}" and tok.kind == "punct":
                self.i += 1
                return
            if tok.text == "{":
                minus, self._minus = self._minus, False
                self.group(existential=True if minus else None)
            elif tok.text == "." and tok.kind == "punct":
                self.i += 1
            elif word in ("FILTER", "BIND"):
                self._filter()
            elif word == "VALUES":
                self.i += 1
                self._note_vars_until()
                self.skip_balanced()
            elif word in GROUP_WORDS:  # OPTIONAL, MINUS, GRAPH x, SERVICE x, UNION
                self._minus = word == "MINUS"
                self.i += 1
                self._note_vars_until("UNION")
            elif self.starts_term(tok):
                self.block()
            else:
                self.i += 1  # unreadable here: the grammar check will say why

    def _filter(self) -> None:
        """FILTER or BIND: an expression, or a [NOT] EXISTS group."""
        self.i += 1
        if self.is_("NOT"):
            self.i += 1
        if self.is_("EXISTS"):
            self.i += 1
            self.group(existential=True)
            return
        if self.kind() == "name":
            self.i += 1  # a function name: regex(...), bound(...)
        self.skip_balanced()

    def _note_vars_until(self, word: str = "") -> None:
        """Step to the next ``{`` (or ``word``), noting the variables on the way."""
        while (tok := self.peek()) is not None and not self.is_("{"):
            if word and tok.word() == word:
                return
            if tok.kind == "var":
                self.where_vars.setdefault(tok.text[1:])
            self.i += 1

    def finish(self) -> Analysis:
        self.out.variables = list(self.where_vars)
        return self.out


def analyse(text: str) -> Analysis:
    """Tokens, form, triples and variables of a query (best effort on bad syntax)."""
    return _Reader(text, tokenize(text)).run()
