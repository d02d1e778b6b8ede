"""Fold text for search: one key for the spellings a reader treats as the same word.

Case, diacritics, apostrophe and quote styles, punctuation and possessives go; British
and American spellings meet (defence/defense, organisation/organization,
centre/center, colour/color); so do common transliterations from Russian and
Belarusian (kh/h, ya/ia, yu/iu, iy/y/i, -skiy/-sky, e/ye, x/ks) and doubled letters
(Rosselkhoznadzor, Roselhoznadzor). The keys are for matching only: what is shown is
always the text as stored.

>>> words("Lukashenko’s “one team”")
['lukashenko', 'one', 'team']
>>> fold("Rosselkhoznadzor") == fold("Rosselhoznadzor")
True
>>> fold("defence") == fold("defense"), fold("Dmitriy") == fold("Dmitry") == fold("Dmitri")
(True, True)
>>> fold("Yermakova") == fold("Ermakova"), fold("Zelenskiy") == fold("Zelensky")
(True, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["STOPWORDS", "fold", "normalize", "words"]

#: words that carry no meaning in a search (ignored unless the query is only these)
STOPWORDS = frozenset(
    "a an and are as at be by did do does for from had has have in into is it its of on "
    "or that the their there these this to was were what which who with".split()
)

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_POSSESSIVE = re.compile(r"(\w)'s\b|(\w)s'(?=\s|$)")
_NON_WORD = re.compile(r"[^\w]+")

# British → American endings (applied to whole words, both sides alike)
_ENDINGS = [
    (re.compile(r"(\w{2})ence$"), r"\1ense"),  # defence, licence, offence
    (re.compile(r"(\w{2})is(e|ed|es|ing|ation|ations)$"), r"\1iz\2"),  # organise
    (re.compile(r"(\w{2})ys(e|ed|es|ing)$"), r"\1yz\2"),  # analyse
    (re.compile(r"(\w{2})our(s|ed|ing|able)?$"), r"\1or\2"),  # colour, labour
    (re.compile(r"(\w{2})tre(s)?$"), r"\1ter\2"),  # centre, metre
    (re.compile(r"(\w{2})ogue(s)?$"), r"\1og\2"),  # catalogue
]
_DOUBLES = re.compile(r"(\w)\1+")


def normalize(text: str) -> str:
    """Lower case, no diacritics, straight quotes, no possessive ``'s``, punctuation
    replaced by spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", str(text).translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _POSSESSIVE.sub(lambda m: m.group(1) or m.group(2), text)
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The matching key of one word (see the module docstring)."""
    w = normalize(word).replace(" ", "")
    for pattern, repl in _ENDINGS:
        w = pattern.sub(repl, w)
    w = w.replace("x", "ks").replace("kh", "h")
    w = re.sub(r"(^|[aeiou])ye", r"\1e", w)  # Yermakova, Andreyev
    w = w.replace("y", "i")  # ya/ia, yu/iu, iy/y/i, -skiy/-sky
    return _DOUBLES.sub(r"\1", w)


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return [fold(w) for w in normalize(text).split()]
