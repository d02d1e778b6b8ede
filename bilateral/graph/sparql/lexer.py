"""Read a SPARQL query into tokens and triple patterns, keeping where each came from.

This is not the safety check (that is SPARQL's grammar, in ``safety.py``): it is the
reader that query rewriting (inference), hints, ``--bind`` and column order use. It
finds the triples of every graph pattern of the WHERE side (OPTIONAL, UNION, MINUS,
GRAPH, EXISTS, subqueries) and leaves CONSTRUCT templates and VALUES blocks alone.

>>> q = analyse("SELECT * WHERE { ?x a bil:Loan ; rdfs:label ?l . FILTER(?l != 'x') }")
>>> [(t.s.text, t.p.text, t.o.text) for t in q.triples]
[('?x', 'a', 'bil:Loan'), ('?x', 'rdfs:label', '?l')]
>>> q.star, q.variables
(True, ['x', 'l'])
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bilateral.graph.sparql.tokens import Token, tokenize

__all__ = ["Analysis", "Block", "Term", "Triple", "analyse"]


@dataclass
class Term:
    """A subject or object: a token's text, or a blank node made for ``[ ... ]``."""

    text: str
    kind: str  # a token kind, or "made" for a blank node of a property list or collection
    start: int = -1  # the span in the query text, for verbs
    end: int = -1


@dataclass
class Triple:
    """A triple pattern; ``p.kind`` is ``path`` for property paths (``p.text`` as written)."""

    s: Term
    p: Term
    o: Term


@dataclass
class Block:
    """A run of triples written together, with its span in the query text."""

    start: int
    end: int
    triples: list[Triple] = field(default_factory=list)
    has_collection: bool = False
    existential: bool = False  # in EXISTS, MINUS or ASK: only whether it matches counts


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


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TERM_KINDS = {"iri", "pname", "var", "bnode", "string", "number", "anon", "nil"}
_GROUP_WORDS = {"OPTIONAL", "MINUS", "GRAPH", "SERVICE", "UNION", "FILTER", "BIND", "VALUES"}
_MODIFIERS = {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


class _Reader:
    def __init__(self, text: str, tokens: list[Token]):
        self.text = text
        self.t = tokens
        self.i = 0
        self.out = Analysis(tokens)
        self._made = itertools.count(1)
        self._where_vars: dict[str, None] = {}

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def is_(self, text: str, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok is not None and (tok.text == text or tok.word() == text)

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
                self._where_vars.setdefault(tok.text[1:])
            self.i += 1
            if tok.text in "([{" and tok.kind == "punct":
                depth += 1
            elif tok.text in ")]}" and tok.kind == "punct":
                depth -= 1
                if depth <= 0:
                    return

    in_where = False
    existential = False
    _minus = False

    def run(self) -> Analysis:
        out = self.out
        while self.peek() and self.peek().word() in ("PREFIX", "BASE"):  # type: ignore[union-attr]
            if self.peek().word() == "PREFIX" and self.peek(1) and self.peek(2):  # type: ignore[union-attr]
                name, iri = self.peek(1).text, self.peek(2).text  # type: ignore[union-attr]
                out.prefixes[name.rstrip(":")] = iri[1:-1]
                self.i += 3
            else:
                self.i += 2
        tok = self.peek()
        out.form = tok.word() if tok else ""
        self.i += 1
        if out.form == "CONSTRUCT" and self.is_("{"):
            self.skip_balanced()  # the template
        elif out.form == "CONSTRUCT" and self.is_("WHERE") and self.is_("{", 1):
            start = self.peek(1).start  # type: ignore[union-attr]
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
            if tok.word() in ("FROM", "NAMED"):
                pass
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
                self.i += 1
                if self.is_("NOT"):
                    self.i += 1
                if self.is_("EXISTS"):
                    self.i += 1
                    self.group(existential=True)
                    continue
                if self.peek() and self.peek().kind == "name":  # type: ignore[union-attr]
                    self.i += 1  # a function name: regex(...), bound(...)
                self.skip_balanced()
            elif word == "VALUES":
                self.i += 1
                while self.peek() and not self.is_("{"):
                    if self.peek().kind == "var":  # type: ignore[union-attr]
                        self._where_vars.setdefault(self.peek().text[1:])  # type: ignore[union-attr]
                    self.i += 1
                self.skip_balanced()
            elif word in _GROUP_WORDS:  # OPTIONAL, MINUS, GRAPH x, SERVICE x, UNION
                self._minus = word == "MINUS"
                self.i += 1
                while self.peek() and not self.is_("{") and self.peek().word() != "UNION":  # type: ignore[union-attr]
                    if self.peek().kind == "var":  # type: ignore[union-attr]
                        self._where_vars.setdefault(self.peek().text[1:])  # type: ignore[union-attr]
                    self.i += 1
            elif tok.kind in _TERM_KINDS or tok.text in ("[", "(") or word in ("TRUE", "FALSE"):
                self.block()
            else:
                self.i += 1  # unreadable here: the grammar check will say why

    # --- triples ----------------------------------------------------------------
    def block(self) -> None:
        start_tok = self.peek()
        assert start_tok is not None
        block = Block(start_tok.start, start_tok.end, existential=self.existential)
        self.out.blocks.append(block)
        while True:
            subject = self.node(block)
            if subject is None:
                break
            if not self._ends_block() and not self.is_("."):
                self.property_list(subject, block)
            block.end = self.t[min(self.i, len(self.t)) - 1].end
            if not self.is_("."):
                break
            self.i += 1
            nxt = self.peek()
            if nxt is None or not (
                nxt.kind in _TERM_KINDS or nxt.text in ("[", "(") or nxt.word() in ("TRUE", "FALSE")
            ):
                break

    def _ends_block(self) -> bool:
        tok = self.peek()
        return tok is None or tok.text in ("}", "{", "]") or tok.word() in _GROUP_WORDS

    def made(self) -> Term:
        return Term(f"_:_bi_b{next(self._made)}", "made")

    def node(self, block: Block) -> Term | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.text == "[" and tok.kind == "punct":
            self.i += 1
            term = self.made()
            self.property_list(term, block)
            if self.is_("]"):
                self.i += 1
            return term
        if tok.text == "(" and tok.kind == "punct":
            self.i += 1
            block.has_collection = True
            head = self.made()
            current = head
            while self.peek() and not self.is_(")"):
                item = self.node(block)
                if item is None:
                    break
                block.triples.append(Triple(current, Term(f"<{_RDF}first>", "iri"), item))
                rest = self.made() if not self.is_(")") else Term(f"<{_RDF}nil>", "iri")
                block.triples.append(Triple(current, Term(f"<{_RDF}rest>", "iri"), rest))
                current = rest
            self.i += 1
            return head
        if tok.kind not in _TERM_KINDS and tok.word() not in ("TRUE", "FALSE"):
            return None
        self.i += 1
        if tok.kind == "var":
            self._where_vars.setdefault(tok.text[1:])
        text = tok.text
        if tok.kind == "string":
            if self.peek() and self.peek().kind == "lang":  # type: ignore[union-attr]
                text += self.peek().text  # type: ignore[union-attr]
                self.i += 1
                return Term(text, "lang-string")
            if self.is_("^^") and self.peek(1):
                text += "^^" + self.peek(1).text  # type: ignore[union-attr]
                self.i += 2
                return Term(text, "typed-string")
        return Term(text, tok.kind)

    def property_list(self, subject: Term, block: Block) -> None:
        while (verb := self.verb()) is not None:
            while True:
                obj = self.node(block)
                if obj is None:
                    break
                block.triples.append(Triple(subject, verb, obj))
                if not self.is_(","):
                    break
                self.i += 1
            if not self.is_(";"):
                return
            while self.is_(";"):
                self.i += 1

    def verb(self) -> Term | None:
        tok = self.peek()
        if tok is None or tok.text in ("]", ".", "}") or tok.word() in _GROUP_WORDS:
            return None
        if tok.kind == "var":
            self.i += 1
            self._where_vars.setdefault(tok.text[1:])
            return Term(tok.text, "var")
        first = self.i
        self.path()
        toks = self.t[first : self.i]
        if not toks:
            return None
        start, end = toks[0].start, toks[-1].end
        if len(toks) == 1:
            kind = "a" if toks[0].text == "a" else toks[0].kind
            return Term(toks[0].text, kind, start, end)
        return Term(self.text[start:end], "path", start, end)

    def path(self) -> None:
        """Path := elt (('/'|'|') elt)* ; elt := '^'? primary modifier?"""
        while True:
            if self.is_("^"):
                self.i += 1
            tok = self.peek()
            if tok is None:
                return
            if tok.text == "(" and tok.kind == "punct":
                self.i += 1
                self.path()
                if self.is_(")"):
                    self.i += 1
            elif tok.text == "!":
                self.i += 1
                if self.is_("("):
                    self.skip_balanced()
                elif self.peek() is not None:
                    self.i += 1
            elif tok.kind in ("iri", "pname") or tok.text == "a":
                self.i += 1
            else:
                return
            if self.peek() and self.peek().text in ("*", "+", "?"):  # type: ignore[union-attr]
                self.i += 1
            if self.peek() and self.peek().text in ("/", "|"):  # type: ignore[union-attr]
                self.i += 1
                continue
            return

    def finish(self) -> Analysis:
        self.out.variables = list(self._where_vars)
        return self.out


def analyse(text: str) -> Analysis:
    """Tokens, form, triples and variables of a query (best effort on bad syntax)."""
    return _Reader(text, tokenize(text)).run()
