"""One problem found in the data, as ``bilateral validate`` prints it: one line.

>>> print(Violation("data/x.ttl", 12, "bid:dep", "off-scale", "bil:strength 0.8 ...", "warning"))
data/x.ttl:12: warning: bid:dep: off-scale: bil:strength 0.8 ...
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import Node

__all__ = ["Found", "Violation"]

#: a problem before it is located: (node, rule, message)
Found = tuple[Node, str, str]


@dataclass(frozen=True)
class Violation:
    """One problem found in the data."""

    file: str
    line: int | None
    node: str
    rule: str
    message: str
    #: ``"error"`` (``bilateral validate`` exits 1) or ``"warning"`` (printed, exit 0;
    #: the rules of ``checks/*-warning.rq``)
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file or "(graph)"
        if self.line is not None:
            where = f"{where}:{self.line}"
        kind = "warning: " if self.severity == "warning" else ""
        return f"{where}: {kind}{self.node}: {self.rule}: {self.message}"
