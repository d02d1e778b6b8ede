"""The actors a sentence names: labels, alternative labels (capitals, metonyms, demonyms
such as "Russian"), matched as whole words, the longest name first.

A compound ("Russian-Belarusian") names both; a name written with a capital in the data
("Western") is not found in lower case ("western neighbours").

>>> from bilateral.graph.source.resolve import NameIndex
>>> idx = NameIndex.build({"https://w3id.org/bilateral/id/ru": ["Ruritania", "Ruritanian"],
...                        "https://w3id.org/bilateral/id/ko": ["Kolonia", "the Kolonian court"]})
>>> text = "Ruritanian-Kolonian ties and the Kolonian court"
>>> [(s.words, s.iri[-2:]) for s in find_actors(text, patterns(idx))]
[('Ruritanian', 'ru'), ('the Kolonian court', 'ko')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral.graph.source.resolve import NameIndex

__all__ = ["ActorSpan", "Patterns", "find_actors", "find_possessives", "first_seen", "patterns"]

#: (pattern, the name as the data writes it, the entities it names), longest first
Patterns = list[tuple[re.Pattern[str], str, frozenset[str]]]


@dataclass(frozen=True)
class ActorSpan:
    """One mention of an actor: where it is, the words, and the entity."""

    start: int
    end: int
    words: str
    iri: str


def patterns(index: NameIndex, spelled: dict[str, str] | None = None) -> Patterns:
    """Patterns for every label and alias of ``index`` (three characters or more),
    longest first (``the Kremlin`` before ``Kremlin``). ``spelled`` maps a casefolded
    name to the data's own spelling (its capitals)."""
    out: Patterns = []
    for name, iris in sorted(index.names.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        written = (spelled or {}).get(name, name)
        acronym = written.isupper() and len(written) >= 2  # "EU": in capitals only
        if len(name) < 3 and not acronym:
            continue
        flags = 0 if acronym else re.I
        rx = re.compile(rf"(?<!\w){re.escape(written)}(?:’s|'s)?(?!\w)", flags)
        out.append((rx, written, frozenset(iris)))
    return out


def _case_fits(found: str, name: str) -> bool:
    """A capitalised name found only in lower case is a common word ("western")."""
    if name == name.casefold():
        return True  # the data spells it in lower case: any case will do
    return found != found.casefold()


def find_actors(text: str, pats: Patterns) -> list[ActorSpan]:
    """Every mention of an actor in ``text``, in order; a name inside a longer name
    already found is not counted again."""
    taken = [False] * len(text)
    spans: list[ActorSpan] = []
    for rx, name, iris in pats:
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]) or not _case_fits(m.group(0), name):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            spans += [ActorSpan(m.start(), m.end(), m.group(0), iri) for iri in sorted(iris)]
    return sorted(spans, key=lambda s: (s.start, s.iri))


def first_seen(spans: list[ActorSpan]) -> list[str]:
    """The entities of ``spans``, each once, in the order the text first names them."""
    out: list[str] = []
    for s in spans:
        if s.iri not in out:
            out.append(s.iri)
    return out


_POSSESSIVE = re.compile(
    r"\b(?:its|their) (leadership|government|regime|authorities|president)\b", re.I
)


def find_possessives(
    text: str,
    spans: list[ActorSpan],
    antecedent: str | None,
    names: dict[str, list[str]],
    known: dict[str, set[str]],
) -> list[ActorSpan]:
    """ "its leadership", "their government": the body of the state named last (before
    the words in this sentence, else ``antecedent`` from the sentences before). The
    body is the entity named "<a name of the state> <noun>" if the data has one
    ("Belarusian leadership"), else the state itself. ``names`` gives each state's
    labels and aliases, ``known`` the entities by casefolded name.

    >>> ru = "https://w3id.org/bilateral/id/ru"
    >>> spans = [ActorSpan(0, 9, "Ruritania", ru)]
    >>> found = find_possessives("Ruritania and its leadership", spans, None,
    ...     {ru: ["Ruritania", "Ruritanian"]}, {"ruritanian leadership": {"junta"}})
    >>> [(s.words, s.iri) for s in found]
    [('its leadership', 'junta')]
    """
    out: list[ActorSpan] = []
    for m in _POSSESSIVE.finditer(text):
        before = [s.iri for s in spans if s.end <= m.start() and s.iri in names]
        state = before[-1] if before else antecedent
        if state is None:
            continue
        body = [
            next(iter(known[key]))
            for name in names[state]
            if len(known.get(key := f"{name} {m.group(1)}".casefold(), ())) == 1
        ]
        out.append(ActorSpan(m.start(), m.end(), m.group(0), body[0] if body else state))
    return out
