"""A query whose evaluation dominates start-up, on a 1M-triple store: ``bilateral query``
with every safety layer on (SPARQL grammar check, forked child under the seccomp network
guard, memory cap, row and byte caps) against a plain pyoxigraph script, both as whole
processes, back to back, twice.

The CLI runs with ``--no-infer`` so that both answer the same question: with inference
(the default) ``?s a ?c`` also counts every superclass of a node's types, a query about
four times larger (``?s a/rdfs:subClassOf* ?c``, ~55 s in pyoxigraph itself here).
"""

from __future__ import annotations

from benchmarks.common import PY, Row, back_to_back, bilateral, loaded_store, paired_row

QUERY = (
    "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c . ?s ?p ?o . ?o ?p2 ?o2 . "
    "FILTER(isIRI(?o2)) } GROUP BY ?c"
)
REFERENCE = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
for row in store.query(sys.argv[2], use_default_graph_as_union=True):
    print(row[0].value, row[1].value)
"""


def run(triples: int = 1_000_000) -> list[Row]:
    with loaded_store(triples) as (store, _):
        ref = [PY, "-c", REFERENCE, str(store), QUERY]
        ours = bilateral(
            "query", QUERY, "--store", str(store), "--no-infer", "--format", "csv",
            "--timeout", "600",
        )  # fmt: skip
        refs, mine = back_to_back(ref, ours)
    return [
        paired_row(
            "2-hop GROUP BY on 1M triples (CLI, all safety layers)",
            refs,
            mine,
            1.2,
            "pyoxigraph Store.query in a plain script, rows printed",
            "default memory cap (1 GiB over the parent), row and byte caps, seccomp",
        )
    ]
