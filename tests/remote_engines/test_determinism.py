"""Named queries choose no value by chance: no SAMPLE, no GROUP_CONCAT (SPARQL 1.1 has
no ordered one, and each engine joins in its own order), and the fixed list of source
fields in cq-sources is the ontology's list."""

from __future__ import annotations

import re

from bilateral.graph.sparql.engine import run
from bilateral.graph.sparql.named import named_queries


def test_no_value_is_chosen_by_chance() -> None:
    for name, q in named_queries().items():
        code = "\n".join(line.split("#", 1)[0] for line in q.text.splitlines())
        assert not re.search(r"\b(SAMPLE|GROUP_CONCAT)\s*\(", code, re.I), name


def test_cq_sources_lists_every_source_field(bundled) -> None:  # type: ignore[no-untyped-def]
    notations = run(
        bundled, "SELECT ?n WHERE { ?c skos:inScheme bil:SourceFields ; skos:notation ?n }"
    )
    expected = sorted(str(row[0]) for row in notations.rows)
    text = named_queries()["cq-sources"].text
    for var in ("u", "c"):
        listed = re.findall(rf'\?{var} = "([^"]+)"', text)
        assert listed == expected, (var, listed)  # every field, in this order
