r"""Why a quote is not in its source: the nearest passage of the source text and the first
character where the quote differs from it, naming look-alike characters as such
(straight and typographic quotes and apostrophes, hyphens and dashes).

The passage is the window of the text that best matches the quote (rapidfuzz's
partial-ratio alignment, a few ms on a long source); the two are then compared character
by character (difflib's ``SequenceMatcher``) and the first difference is named.

>>> message = explain("Aland's pipe - for now", ["It said Aland’s pipe — for now, yes."])
>>> print(message.replace(": the", ":\nthe").replace("; ", ";\n"))
quote differs from source at character 6:
the quote has a straight apostrophe ('), the source a typographic one (’) (2 differences in all);
nearest passage: "Aland’s pipe — for now"
>>> explain("Nothing like it", ["Aland’s pipeline stays open."])
'quote not in source text: "Nothing like it" (no passage of the source is close to it)'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

__all__ = ["explain", "first_difference", "line_of", "name_of", "nearest_passage"]

#: a passage whose similarity to the quote (0-100) is below this is not offered as "nearest"
MIN_SCORE = 60.0
_SHOWN = 120  # characters of a passage shown at most
_BREAKABLE = re.compile(r"\\-|[\u2013\u2014]")  # a line may break after these (``normalise``)

#: look-alike characters: (kind, noun); "the quote has a straight apostrophe ('), the
#: source a typographic one (’)" when the nouns agree
_NAMES: dict[str, tuple[str, str]] = {
    "'": ("straight", "apostrophe"),
    "\u2019": ("typographic", "apostrophe"),
    "\u2018": ("typographic opening", "single quote"),
    "\u201b": ("typographic reversed", "single quote"),
    "`": ("", "backtick"),
    "\u00b4": ("", "acute accent"),
    '"': ("straight", "double quote"),
    "\u201c": ("typographic opening", "double quote"),
    "\u201d": ("typographic closing", "double quote"),
    "\u201e": ("low", "double quote"),
    "\u00ab": ("", "guillemet"),
    "\u00bb": ("", "guillemet"),
    "-": ("", "hyphen"),
    "\u2010": ("Unicode", "hyphen"),
    "\u2011": ("non-breaking", "hyphen"),
    "\u2012": ("figure", "dash"),
    "\u2013": ("en", "dash"),
    "\u2014": ("em", "dash"),
    "\u2015": ("horizontal", "bar"),
    "\u2212": ("minus", "sign"),
    "\u2026": ("", "ellipsis"),
}


def name_of(char: str) -> str | None:
    """``straight apostrophe`` for ``'``; None for a character without a special name."""
    found = _NAMES.get(char)
    return " ".join(w for w in found if w) if found else None


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _pair(quoted: str, source: str) -> str | None:
    """The named look-alike characters of a one-character difference, else None."""
    if quoted not in _NAMES or source not in _NAMES:
        return None
    (_, qn), (sk, sn) = _NAMES[quoted], _NAMES[source]
    first = f"the quote has {_article(name_of(quoted) or qn)} ({quoted})"
    if qn == sn and sk:
        return f"{first}, the source {_article(sk + ' one')} ({source})"
    return f"{first}, the source {_article(name_of(source) or sn)} ({source})"


def _shown(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


_MULTI = {"--": "two hyphens", "---": "three hyphens", "...": "three dots", "''": "two apostrophes"}


def _named(text: str) -> str | None:
    if text in _MULTI:
        return _MULTI[text]
    name = name_of(text) if len(text) == 1 else None
    return _article(name) if name else None


def _describe(quoted: str, source: str) -> str:
    """One difference: what the quote has where the source has something else."""
    q, s = quoted.strip(), source.strip()
    pair = _pair(q, s) if len(q) == 1 and len(s) == 1 else None
    if pair is None and q and s and _named(q) and _named(s):
        pair = f"the quote has {_named(q)} ({q}), the source {_named(s)} ({s})"
    if pair is not None:
        return pair + (" and different spacing around it" if (q, s) != (quoted, source) else "")
    if not source:
        return f'the quote has "{_shown(quoted)}" where the source has nothing'
    if not quoted:
        return f'the source has "{_shown(source)}" where the quote has nothing'
    case = " (letter case)" if quoted.casefold() == source.casefold() else ""
    return f'the quote has "{_shown(quoted)}", the source "{_shown(source)}"{case}'


def nearest_passage(quote: str, texts: Iterable[str]) -> tuple[str, float, int]:
    """The passage of ``texts`` most like ``quote``, its similarity (0-100) and the
    index of the text it is in."""
    from rapidfuzz import fuzz

    best, score, index = "", -1.0, -1
    for k, text in enumerate(texts):
        if len(quote) >= len(text):
            found, start, end = fuzz.ratio(quote, text), 0, len(text)
        else:
            aligned = fuzz.partial_ratio_alignment(quote, text)
            assert aligned is not None  # None only with a score_cutoff
            found, start, end = aligned.score, aligned.dest_start, aligned.dest_end
            start, end = max(0, start - 8), min(len(text), end + 8)  # room for a shift
        if found > score:
            best, score, index = text[start:end], found, k
    return best, score, index


def line_of(raw: str, passage: str) -> int | None:
    """The line of the raw text where a (normalised) passage begins, if it can be found
    (whitespace and line-break hyphens may differ).

    >>> line_of("one\\ntwo three-\\n  four five", "three-four five")
    2
    """
    words = passage.split()[:6]
    if not words:
        return None
    joined = r"\s+".join(_BREAKABLE.sub(r"\g<0>\\s*", re.escape(w)) for w in words)
    text = unicodedata.normalize("NFC", raw)
    found = re.search(joined, text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


Opcode = tuple[str, int, int, int, int]


def _widened(quote: str, passage: str, op: Opcode) -> tuple[int, int, int, int]:
    """A difference inside a word widened to the whole word, on both sides alike (the
    letters around it are the same in the quote and the passage)."""
    _, i1, i2, j1, j2 = op
    while i1 > 0 and j1 > 0 and quote[i1 - 1].isalnum() and quote[i1 - 1] == passage[j1 - 1]:
        i1, j1 = i1 - 1, j1 - 1
    while (
        i2 < len(quote) and j2 < len(passage) and quote[i2].isalnum() and quote[i2] == passage[j2]
    ):
        i2, j2 = i2 + 1, j2 + 1
    return i1, i2, j1, j2


_EDGE = 4  # a difference this close to the quote's start or end may hold source context


def _trimmed(ops: Sequence[Opcode], quote: str, passage: str) -> list[Opcode]:
    """The opcodes without the source's text before the quote begins and after it ends
    (the passage has some room on both sides): an insertion there is context, and so is
    the excess of a longer source span near the quote's edges, which then stands for
    the quote's first (last) characters only."""
    n, ops = len(quote), list(ops)
    if ops and ops[0][0] == "insert" and ops[0][1] == 0:
        ops = ops[1:]
    if ops and ops[-1][0] == "insert" and ops[-1][1] == n:
        ops = ops[:-1]
    first = next((k for k, op in enumerate(ops) if op[0] != "equal"), None)
    if first is not None:
        tag, i1, i2, j1, j2 = ops[first]
        if i1 < _EDGE and j2 - j1 > i2 - i1:  # the quote's start against source context
            ops[: first + 1] = [("replace", 0, i2, j2 - i2, j2)]
    last = next((k for k in range(len(ops) - 1, -1, -1) if ops[k][0] != "equal"), None)
    if last is not None:
        tag, i1, i2, j1, j2 = ops[last]
        if n - i2 < _EDGE and j2 - j1 > i2 - i1:  # and its end
            ops[last:] = [(tag if i1 < i2 else "replace", i1, n, j1, j1 + n - i1)]
    out = []
    for tag, i1, i2, j1, j2 in ops:  # the same characters on both sides are no difference
        while tag != "equal" and i1 < i2 and j1 < j2 and quote[i1] == passage[j1]:
            i1, j1 = i1 + 1, j1 + 1
        while tag != "equal" and i1 < i2 and j1 < j2 and quote[i2 - 1] == passage[j2 - 1]:
            i2, j2 = i2 - 1, j2 - 1
        if tag == "equal" or i1 < i2 or j1 < j2:
            out.append((tag, i1, i2, j1, j2))
    return out


def first_difference(quote: str, passage: str) -> tuple[int, str, int, str] | None:
    """``(index in quote, description, index in passage, passage trimmed to the quote)``
    of the first difference between ``quote`` and the part of ``passage`` it matches
    (source text before the quote begins or after it ends does not count), or None if
    the quote occurs in the passage."""
    matcher = SequenceMatcher(None, quote, passage, autojunk=False)
    ops = _trimmed(matcher.get_opcodes(), quote, passage)
    changed = [op for op in ops if op[0] != "equal"]
    if not changed:
        return None
    begin, end = ops[0][3], ops[-1][4]
    _, i1, i2, j1, j2 = changed[0]
    if not (_pair(quote[i1:i2].strip(), passage[j1:j2].strip())):
        i1, i2, j1, j2 = _widened(quote, passage, changed[0])
    description = _describe(quote[i1:i2], passage[j1:j2])
    more = sum(1 for op in changed[1:] if op[1] >= i2 and op[3] >= j2)
    if more:
        description += f" ({more + 1} differences in all)"
    return i1, description, j1 - begin, passage[begin:end]


def _excerpt(passage: str, at: int) -> str:
    if len(passage) <= _SHOWN:
        return passage
    start = max(0, min(at - 40, len(passage) - _SHOWN))
    head = "..." if start > 0 else ""
    tail = "..." if start + _SHOWN < len(passage) else ""
    return head + passage[start : start + _SHOWN] + tail


def explain(quote: str, texts: Sequence[str], raws: Sequence[tuple[str, str]] | None = None) -> str:
    """The one-line message for a (normalised) quote that none of ``texts`` holds;
    ``raws``, one per text, its file's name and raw text, to say where the passage is."""
    passage, score, index = nearest_passage(quote, texts)
    found = first_difference(quote, passage) if score >= MIN_SCORE else None
    if found is None:
        close = "no passage of the source is close to it"
        return f'quote not in source text: "{_shown(quote, 60)}" ({close})'
    at, description, where, trimmed = found
    place = ""
    if raws is not None and 0 <= index < len(raws):
        name, raw = raws[index]
        line = line_of(raw, trimmed)
        place = f" ({name}:{line})" if line is not None else f" ({name})"
    return (
        f"quote differs from source at character {at + 1}: {description}; "
        f'nearest passage{place}: "{_excerpt(trimmed, where)}"'
    )
