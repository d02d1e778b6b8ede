"""Read the triple patterns of a SPARQL query: subjects, verbs (property paths as
written), objects, ``[ ... ]`` property lists and ``( ... )`` collections.

``lexer.py`` walks a query's groups and hands each run of triples to ``PatternReader``;
blank nodes of property lists and collections become made terms (``_:_bi_b1`` ...).

>>> from bilateral.graph.sparql.lexer import analyse
>>> [(t.s.text, t.p.kind, t.o.text) for t in analyse("ASK { ?x bil:a/bil:b [ a ?c ] }").triples]
[('_:_bi_b1', 'a', '?c'), ('?x', 'path', '_:_bi_b1')]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bilateral.graph.sparql.tokens import Token

__all__ = ["Block", "PatternReader", "Term", "Triple"]


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


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TERM_KINDS = {"iri", "pname", "var", "bnode", "string", "number", "anon", "nil"}
GROUP_WORDS = {"OPTIONAL", "MINUS", "GRAPH", "SERVICE", "UNION", "FILTER", "BIND", "VALUES"}


class PatternReader:
    """A cursor over a query's tokens that reads triple patterns (``block``); it notes
    every variable it meets in ``where_vars``, in order, and every block in ``blocks``."""

    existential = False  # whether the block being read is in EXISTS, MINUS or ASK

    def __init__(self, text: str, tokens: list[Token]):
        self.text = text
        self.t = tokens
        self.i = 0
        self._made = itertools.count(1)
        self.where_vars: dict[str, None] = {}
        self.blocks: list[Block] = []

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def is_(self, text: str, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok is not None and (tok.text == text or tok.word() == text)

    def word(self, k: int = 0) -> str:
        """The keyword ahead (``Token.word``), '' at the end."""
        tok = self.peek(k)
        return tok.word() if tok is not None else ""

    def kind(self, k: int = 0) -> str:
        """The kind of the token ahead, '' at the end."""
        tok = self.peek(k)
        return tok.kind if tok is not None else ""

    def starts_term(self, tok: Token | None) -> bool:
        """Whether ``tok`` can begin a subject."""
        return tok is not None and (
            tok.kind in TERM_KINDS or tok.text in ("[", "(") or tok.word() in ("TRUE", "FALSE")
        )

    def block(self) -> Block:
        """The triples from here to the end of the run (``.``-separated)."""
        start_tok = self.peek()
        assert start_tok is not None
        block = Block(start_tok.start, start_tok.end, existential=self.existential)
        self.blocks.append(block)
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
            if not self.starts_term(self.peek()):
                break
        return block

    def _ends_block(self) -> bool:
        tok = self.peek()
        return tok is None or tok.text in ("}", "{", "]") or tok.word() in GROUP_WORDS

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
            return self.collection(block)
        if tok.kind not in TERM_KINDS and tok.word() not in ("TRUE", "FALSE"):
            return None
        self.i += 1
        if tok.kind == "var":
            self.where_vars.setdefault(tok.text[1:])
        text = tok.text
        if tok.kind == "string":
            if (lang := self.peek()) is not None and lang.kind == "lang":
                self.i += 1
                return Term(text + lang.text, "lang-string")
            if self.is_("^^") and (datatype := self.peek(1)) is not None:
                self.i += 2
                return Term(f"{text}^^{datatype.text}", "typed-string")
        return Term(text, tok.kind)

    def collection(self, block: Block) -> Term:
        """``( a b ... )``: its first/rest triples; the head node."""
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
        if tok is None or tok.text in ("]", ".", "}") or tok.word() in GROUP_WORDS:
            return None
        if tok.kind == "var":
            self.i += 1
            self.where_vars.setdefault(tok.text[1:])
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
            if (mod := self.peek()) is not None and mod.text in ("*", "+", "?"):
                self.i += 1
            if (sep := self.peek()) is not None and sep.text in ("/", "|"):
                self.i += 1
                continue
            return

    def skip_balanced(self) -> None:
        """Skip from an opening bracket to just after its match."""
        depth = 0
        while (tok := self.peek()) is not None:
            self.i += 1
            if tok.text in "([{" and tok.kind == "punct":
                depth += 1
            elif tok.text in ")]}" and tok.kind == "punct":
                depth -= 1
                if depth <= 0:
                    return
