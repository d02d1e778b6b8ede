"""The statement table of the HTML page: each statement drawn (an edge, or a node in
the full view) once, its details in columns (one list per field), so the page's JSON
stays compact however many edges share a statement.

>>> t = StatementTable()
>>> t.add("https://e.org/s", {"label": "a loan", "start": "2020-01-01"}, None)
0
>>> t.info("https://e.org/s")["when"]
'from 2020-01-01'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilateral.graph.measures.records import Record

__all__ = ["EdgeAttrs", "StatementTable"]

#: an edge's attributes in a NetworkX projection (any keys a projection sets)
EdgeAttrs = dict[str, Any]


def _when(start: str | None, end: str | None) -> str:
    if start and end and start != end:
        return f"{start} – {end}"
    if start:
        return start if end else f"from {start}"
    if end:
        return f"until {end}"
    return "undated"


class StatementTable:
    """Statement details in columns (one list per field): compact JSON, fast to build."""

    FIELDS = (
        "iri",
        "label",
        "kind",
        "when",
        "status",
        "domains",
        "hedge",
        "confidence",
        "strength",
        "sources",
        "quotes",
        "comment",
    )

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.columns: dict[str, list[object]] = {f: [] for f in self.FIELDS}

    def add(self, iri: str, attrs: EdgeAttrs, rec: Record | None) -> int:
        """Add one statement, from its record ``rec`` or, without one (a ready
        projection), from its edge's ``attrs``; return its row."""
        c = self.columns
        self.index[iri] = len(c["iri"])
        c["iri"].append(iri)
        if rec is None:  # a ready projection: everything comes from the edge attributes
            get = attrs.get
            c["label"].append(str(get("label", iri)))
            c["kind"].append(str(get("kind", "")))
            c["when"].append(_when(get("start"), get("end")))
            c["status"].append(get("status") or "")
            c["domains"].append(list(get("domains", ())))
            c["hedge"].append("")
            c["confidence"].append(get("confidence", 1.0))
            c["strength"].append(get("strength"))
            c["sources"].append(list(get("sources", ())))
            c["quotes"].append(list(get("quotes", ())))
            c["comment"].append("")
        else:
            c["label"].append(rec.label)
            c["kind"].append(rec.kind)
            c["when"].append(
                _when(
                    rec.start.isoformat() if rec.start else None,
                    rec.end.isoformat() if rec.end else None,
                )
            )
            c["status"].append(rec.status or "")
            c["domains"].append(list(rec.domains))
            c["hedge"].append(rec.extra.get("hedge", ""))
            c["confidence"].append(rec.confidence)
            c["strength"].append(rec.strength)
            c["sources"].append(list(rec.sources))
            c["quotes"].append(list(rec.quotes))
            c["comment"].append(rec.extra.get("comment", ""))
        return self.index[iri]

    def info(self, iri: str) -> dict[str, object]:
        """One statement's fields as a dict."""
        i = self.index[iri]
        return {f: self.columns[f][i] for f in self.FIELDS}
