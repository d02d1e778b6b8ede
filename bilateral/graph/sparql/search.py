"""Search labels, aliases, titles, quotes and comments: ranked, forgiving matches.

Every word of the query must match a word of one field (a stopword such as "the" need
not), exactly after folding (``fold.py``: case, diacritics, apostrophes, possessives,
British/American spelling, transliteration variants), as a prefix or inflection
("loan" finds "loans", "recognition" finds "recognized"), or within a small edit
distance (one typo in words of 4-7 letters, two from 8; computed by rapidfuzz). When
no field holds every word, the matches that hold most of them are returned instead,
ranked lower. The ranking weighs
the field (a label before a quote), how well each word matched, and whether the words
appear as a phrase. One row per entity or statement: its best-matching field.

The index is built once per graph; for a store it is kept in the store's metadata
folder (``.bilateral/cache-search.json``) and rebuilt when the store changes.

>>> from bilateral.graph.source.load import load
>>> g = load()
>>> df = search(g, "Rosselkhoznadzor")
>>> df.iloc[0]["iri"]
'https://w3id.org/bilateral/id/rosselhoznadzor'
>>> search(g, "Lukashenko’s nominee", limit=1).iloc[0]["snippet"][:42]
'Gazprom appointed Nadezhda Ermakova, Lukas'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.graph.source.inputs import graph_of
from bilateral.graph.sparql.fold import STOPWORDS, fold, normalize, words
from bilateral.graph.sparql.search_index import SearchIndex, index_of

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Graph

    from bilateral.graph.source.handle import StoreHandle

__all__ = ["COLUMNS", "FIELD_WEIGHTS", "MAX_WORDS", "search"]

COLUMNS = ["score", "iri", "label", "kind", "field", "snippet"]
#: the most distinct words a search takes (a pasted sentence fits; each word costs a
#: pass over the vocabulary and the postings, so a page-long query would run for minutes)
MAX_WORDS = 64
Row = tuple[float, str, str, str, str, str]  # one match, in COLUMNS order
FIELD_WEIGHTS = {"label": 1.0, "altLabel": 0.95, "title": 0.9, "comment": 0.7, "quote": 0.75}


def _candidates(index: SearchIndex, word: str) -> dict[str, float]:
    """Vocabulary words that match ``word``, with the quality of each match."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    found: dict[str, float] = {}
    if word in index.postings:
        found[word] = 1.0
    if len(word) >= 3:
        for other in index.vocabulary:
            if other != word and other.startswith(word):
                # a prefix, or an inflection when the rest is short ("loan" -> "loans")
                found[other] = max(found.get(other, 0), 0.9 if len(other) - len(word) <= 3 else 0.8)
            elif len(other) >= 4 and word.startswith(other) and len(word) - len(other) <= 2:
                found[other] = max(found.get(other, 0), 0.85)
            elif len(word) >= 6 and other[:5] == word[:5]:
                # the same stem, another ending: recognition / recognized, acquisitions / acquire
                stem = len(os.path.commonprefix([word, other]))
                if stem >= 0.7 * min(len(word), len(other)):
                    found[other] = max(found.get(other, 0), 0.75)
    if len(word) >= 4:
        limit = 1 if len(word) < 8 else 2
        for other, dist, _ in process.extract(
            word, index.vocabulary, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
        ):
            if dist and (other[0] == word[0] or len(word) >= 8):
                found[other] = max(found.get(other, 0), 0.8 - 0.1 * dist)
    return found


def _snippet(text: str, hits: set[str], width: int = 160) -> str:
    """``text`` around its first matching word, cut to about ``width`` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    start = 0
    for m in re.finditer(r"\w+", text):
        if fold(m.group()) in hits:
            start = m.start()
            break
    lo = max(0, start - width // 3)
    lo = text.rfind(" ", 0, lo) + 1 if lo else 0
    out = text[lo : lo + width].rsplit(" ", 1)[0]
    return ("…" if lo else "") + out + ("…" if lo + width < len(text) else "")


def search(
    g: Graph | StoreHandle,
    text: str,
    *,
    kind: str | None = None,
    limit: int | None = 20,
) -> pd.DataFrame:
    """Ranked matches of ``text`` as a DataFrame with columns ``score`` (0-1), ``iri``,
    ``label``, ``kind`` (the primary kind), ``field`` (label, altLabel, title, comment
    or quote), ``snippet``.

    ``kind`` keeps entities and statements of that class or its subclasses (``Person``,
    ``Agreement``, ``bil:Event``). ``g`` is a graph from ``load()`` or a store.
    """
    g = graph_of(g)  # an open store's graph
    import pandas as pd

    query_words = list(dict.fromkeys(w for w in words(text) if w))  # each word once
    if not query_words:
        raise InputError("search needs at least one word")
    if len(query_words) > MAX_WORDS:
        raise InputError(
            f"search takes at most {MAX_WORDS} different words ({len(query_words)} given)"
        )
    wanted = [w for w in query_words if w not in STOPWORDS] or query_words
    index = index_of(g)
    kind_name = _kind_name(index, kind) if kind else None
    per_word = [_candidates(index, w) for w in wanted]
    phrase = normalize(text)
    rows = _rank(index, wanted, per_word, phrase, kind_name, need_all=True, keep=limit)
    if not rows and len(wanted) > 1:
        rows = _rank(index, wanted, per_word, phrase, kind_name, need_all=False, keep=limit)
    rows.sort(key=lambda r: (-r[0], r[1]))
    if limit is not None:
        rows = rows[:limit]
    return pd.DataFrame(rows, columns=COLUMNS)


def _kind_name(index: SearchIndex, kind: str) -> str:
    name = kind.split(":", 1)[1] if kind.startswith("bil:") else kind
    known = {k.casefold(): k for k in index.known_kinds()}
    if name.casefold() not in known:
        import difflib

        close = difflib.get_close_matches(name, sorted(known.values()), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"no kind {kind!r} in the graph{hint}")
    return known[name.casefold()]


def _rank(
    index: SearchIndex,
    wanted: list[str],
    per_word: list[dict[str, float]],
    phrase: str,
    kind: str | None,
    *,
    need_all: bool,
    keep: int | None,
) -> list[Row]:
    hits_by_doc: dict[int, list[float]] = {}
    for i, matches in enumerate(per_word):
        for word, quality in matches.items():
            for doc in index.postings[word]:
                scores = hits_by_doc.setdefault(doc, [0.0] * len(wanted))
                scores[i] = max(scores[i], quality)
    best: dict[str, tuple[float, int]] = {}  # subject -> (score, doc)
    for doc, scores in hits_by_doc.items():
        matched = sum(1 for s in scores if s > 0)
        if matched < len(wanted) if need_all else matched * 2 < len(wanted):
            continue
        subject, field, _ = index.docs[doc]
        if kind and kind not in index.entities[subject]["classes"]:
            continue
        quality = sum(scores) / len(wanted)
        # a short field that is mostly the query (a name) before a long one that mentions it
        coverage = min(1.0, matched / max(1, index.lengths[doc]))
        score = FIELD_WEIGHTS.get(field, 0.7) * (0.85 + 0.15 * coverage) * quality
        if not need_all:
            score *= 0.8
        if subject not in best or score > best[subject][0]:
            best[subject] = (score, doc)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    if keep is not None:  # the phrase bonus is at most 0.1: look that far down
        floor = ranked[min(keep, len(ranked)) - 1][1][0] - 0.1 if ranked else 0.0
        ranked = [kv for i, kv in enumerate(ranked) if i < keep or kv[1][0] >= floor]
    hits = {w for m in per_word for w in m}
    rows: list[Row] = []
    for subject, (score, doc) in ranked:
        _, field, text = index.docs[doc]
        if len(wanted) > 1 and phrase and phrase in normalize(text):
            score += 0.1
        entity = index.entities[subject]
        snippet = _snippet(text, hits)
        rows.append(
            (round(min(1.0, score), 3), subject, entity["label"], entity["kind"], field, snippet)
        )
    return rows


def fields() -> Iterable[str]:
    """The fields search looks in."""
    return FIELD_WEIGHTS
