"""Old spellings of the public calls, kept working for one release with a warning.

Round 3 gave the API one shape: the graph ``g`` comes first everywhere, and keywords
replace option bundles. A call in the old shape still works and warns
(``BilateralDeprecationWarning``, a ``DeprecationWarning``) with the new spelling.

>>> import warnings
>>> @graph_first("text", "g", new="shout(g, text)")
... def shout(g=None, text=""):
...     return f"{text.upper()} on {g}"
>>> shout(["a graph"], "hi")  # not text first: the new shape
"HI on ['a graph']"
>>> with warnings.catch_warnings(record=True) as seen:
...     warnings.simplefilter("always")
...     shout("hi", g=None)
'HI on None'
>>> str(seen[0].message)
'shout(text, g) is deprecated and goes in the next release: call shout(g, text)'
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, cast

from bilateral.errors import BilateralDeprecationWarning

__all__ = ["deprecated", "graph_first"]

F = TypeVar("F", bound=Callable[..., object])
Rewrite = Callable[[object], dict[str, object]]


def deprecated(what: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``what`` goes in the next release and ``new`` replaces it."""
    warnings.warn(
        f"{what} is deprecated and goes in the next release: {new}",
        BilateralDeprecationWarning,
        stacklevel=stacklevel,
    )


def _plain(x: object) -> bool:
    """A value that is never a graph: text, a path, a date or a number."""
    return isinstance(x, (str, os.PathLike, date, int, float))


def _old_order(args: tuple[object, ...], old: tuple[str, ...]) -> bool:
    if not old or not args:
        return False
    if args[0] is not None:
        return _plain(args[0])
    at = old.index("g") if "g" in old else -1  # ``(None, graph)``: None was the 1st name
    return at > 0 and len(args) > at and args[at] is not None and not _plain(args[at])


def graph_first(
    *old: str, new: str, keywords: Mapping[str, tuple[str, Rewrite]] | None = None
) -> Callable[[F], F]:
    """Accept the call's old positional order ``old`` (its parameter names, ``g`` where
    the graph was) and the old ``keywords`` (name → (advice, rewrite to new keywords)),
    with a warning that names ``new``."""

    def wrap(func: F) -> F:
        name = getattr(func, "__name__", "call")

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            if _old_order(args, old):
                deprecated(f"{name}({', '.join(old)})", f"call {new}")
                if len(args) > len(old):
                    raise TypeError(f"{name}() takes {len(old)} positional arguments")
                for key, value in zip(old, args, strict=False):
                    if key in kwargs:
                        raise TypeError(f"{name}() got multiple values for argument {key!r}")
                    kwargs[key] = value
                args = (kwargs.pop("g", None),)  # the graph was optional then
            for key, (advice, rewrite) in (keywords or {}).items():
                if key in kwargs:
                    deprecated(f"{name}({key}=...)", advice)
                    for k, v in rewrite(kwargs.pop(key)).items():
                        kwargs.setdefault(k, v)
            if not args and "g" in kwargs:
                args = (kwargs.pop("g"),)
            return func(*args, **kwargs)

        return cast(F, call)

    return wrap
