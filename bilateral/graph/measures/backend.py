"""Import igraph without its plotting layer.

``import igraph`` imports matplotlib when it is installed (0.4 s here), only to offer
plotting we never use. ``igraph()`` hides matplotlib during that import, so the
compiled measures and layouts start fast; matplotlib itself stays importable.

>>> ig = igraph()
>>> ig.Graph(n=3).vcount()
3
"""

from __future__ import annotations

import sys
from types import ModuleType

__all__ = ["igraph"]


def igraph() -> ModuleType:
    """The ``igraph`` module (raises ImportError when it is not installed)."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    hide = "matplotlib" not in sys.modules
    if hide:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph as ig
    finally:
        if hide:
            del sys.modules["matplotlib"]
    return ig
