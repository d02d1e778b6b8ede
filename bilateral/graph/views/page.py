"""The HTML page of the graph: one self-contained file, vis-network inlined, all data as
JSON inside a script block, a Content-Security-Policy that allows only the page's own
two scripts (by hash) and no remote load.

>>> "</" in json_for_script({"x": "</script><b>"})
False
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.graph.views.atomic import write_text
from bilateral.graph.views.styles import DOMAIN_COLORS, OTHER_COLOR

if TYPE_CHECKING:
    from bilateral.graph.views.render import GraphView

__all__ = [
    "PHYSICS_LIMIT",
    "TEMPLATES",
    "html_document",
    "json_for_script",
    "write_html",
]

TEMPLATES = Path(__file__).parent / "templates"
PHYSICS_LIMIT = 300  # above this many nodes: layout in Python, physics off


@lru_cache(maxsize=1)
def _vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def json_for_script(value: object) -> str:
    """JSON safe inside <script>: no '<', '>', '&' or line separators unescaped."""
    # plain lists and dicts built here, never cyclic: no id bookkeeping (~25 % faster)
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def html_document(net: GraphView) -> str:
    """The complete HTML text for a network built by ``render``."""
    from bilateral._version import __version__

    meta = net.meta
    payload: dict[str, object] = {
        "title": meta.get("title", "bilateral graph"),
        "subtitle": meta.get("subtitle", ""),
        "nodes": net.nodes,
        "edges": net.edges,
        "statements": meta.get("statements") or {},
        "years": meta.get("years", [date.today().year, date.today().year]),
        "physicsLimit": meta.get("physicsLimit", PHYSICS_LIMIT),
        "domainColors": meta.get("domainColors", DOMAIN_COLORS),
        "otherColor": meta.get("otherColor", OTHER_COLOR),
        "legend": meta.get("legend", {"classes": [], "domains": []}),
    }
    for n in net.nodes:
        n.setdefault("cls", "Thing")
        n.setdefault("measures", {})
    for e in net.edges:
        e.setdefault("domains", [])
    vis_js = _vis_js().replace("</script", "<\\/script")
    app_js = (TEMPLATES / "app.js").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; "
        f"script-src {_hash(vis_js)} {_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    template = (TEMPLATES / "graph.html").read_text(encoding="utf-8")
    out = template.replace("{{CSP}}", csp)
    out = out.replace("{{VERSION}}", html.escape(__version__))
    out = out.replace("{{TITLE}}", html.escape(str(payload["title"])))
    # data last-but-scripts: replacements below cannot be triggered by data content
    parts = out.split("{{DATA}}")
    head, tail = parts[0], parts[1]
    tail = tail.replace("{{VIS_JS}}", vis_js).replace("{{APP_JS}}", app_js)
    return head + json_for_script(payload) + tail


def write_html(net: GraphView, path: str | os.PathLike[str]) -> Path:
    """Write the network (a ``GraphView``) as one offline HTML file, atomically; return
    the path."""
    write_text(path, html_document(net))
    return Path(path)
