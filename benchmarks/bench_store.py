"""The persistent store on 1M triples: bulk load (time, peak memory) and three queries."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.common import BIN, DATA, PY, Row, median_command, median_time
from benchmarks.generate import ensure

QUERIES = {
    "label filter": 'SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "crisis border")) }',
    "2-hop join": "SELECT ?a ?b WHERE { ?st bil:agent ?a ; bil:target ?b . ?a a bil:State . "
    "?b a bil:Person }",
    "GROUP BY": "SELECT ?kind (COUNT(*) AS ?n) WHERE { ?s a ?kind } GROUP BY ?kind",
}

REF_LOAD = """
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
kw = {"to_graph": ox.NamedNode("file:///bench")} if sys.argv[3] == "named" else {}
s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_TRIPLES, **kw)
s.flush()
"""


def run(runs: int = 3, triples: int = 1_000_000) -> list[Row]:
    nt = ensure(triples, DATA)
    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    try:

        def fresh(name: str):
            return lambda: shutil.rmtree(work / name, ignore_errors=True)

        ref_default = median_command(
            [PY, "-c", REF_LOAD, str(work / "ref"), str(nt), "default"], runs, before=fresh("ref")
        )
        ref_named = median_command(
            [PY, "-c", REF_LOAD, str(work / "ref"), str(nt), "named"], runs, before=fresh("ref")
        )
        ours = median_command(
            [str(BIN / "bilateral"), "load", "--store", str(work / "ours"), str(nt)],
            runs,
            before=fresh("ours"),
        )
        rows = [
            Row(
                "load 1M triples into the store",
                ours["seconds"],
                ref_named["seconds"],
                1.3,
                reference_name="pyoxigraph bulk_load into a named graph",
                notes="each file is a named graph (provenance, atomic removal of a failed file)",
            ),
            Row(
                "load 1M triples (vs default-graph load)",
                ours["seconds"],
                ref_default["seconds"],
                1.3,
                reference_name="pyoxigraph bulk_load into the default graph",
                notes="Oxigraph's named-graph indexes cost the difference",
            ),
            Row(
                "peak memory, load 1M triples",
                ours["rss_kb"] / 1024,
                ref_named["rss_kb"] / 1024,
                1.3,
                unit="MiB",
                reference_name="pyoxigraph bulk_load into a named graph",
            ),
            Row(
                "peak memory, load 1M (vs default graph)",
                ours["rss_kb"] / 1024,
                ref_default["rss_kb"] / 1024,
                1.3,
                unit="MiB",
                reference_name="pyoxigraph bulk_load into the default graph",
            ),
        ]
        rows += queries(work / "ours", runs)
        rows += projection(work / "ours", runs)
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def queries(store_dir: Path, runs: int) -> list[Row]:
    from bilateral.graph.source.store import open_dataset
    from bilateral.graph.sparql.engine import run as run_query
    from bilateral.ontology.vocab import PREFIXES

    g = open_dataset(store_dir)
    store = g.store._inner
    rows = []
    times: dict[str, float] = {}
    for name, q in QUERIES.items():

        def ref(q: str = q) -> None:
            for solution in store.query(q, prefixes=PREFIXES, use_default_graph_as_union=True):
                list(solution)

        def ours(q: str = q, infer: bool = False) -> None:
            run_query(g, q, infer=infer)

        ref_t = median_time(ref, runs, warmup=1)
        ours_t = times[name] = median_time(ours, runs, warmup=1)
        rows.append(
            Row(
                f"query on 1M: {name}",
                ours_t,
                ref_t,
                1.5,
                reference_name="pyoxigraph Store.query, results consumed",
                notes="through bilateral's query path (checks, child process, rdflib "
                "terms) without inference, as the reference; process start excluded",
            )
        )
    inferred = median_time(lambda: ours(QUERIES["GROUP BY"], infer=True), runs, warmup=1)
    rows.append(
        Row(
            "query on 1M: GROUP BY with RDFS inference (the default)",
            inferred,
            times["GROUP BY"],
            None,
            reference_name="the same query without inference (row above)",
            notes="a different query: `?s a ?kind` also counts every superclass of each "
            "type (the subclass closure), so more rows and a longer evaluation",
        )
    )
    return rows


def projection(store_dir: Path, runs: int) -> list[Row]:
    import csv
    import io

    import pyoxigraph as ox

    from bilateral.graph.measures.project import project
    from bilateral.graph.measures.records import _CORE as _CORE_PROPS
    from bilateral.graph.measures.records import ROLE_PROPERTIES
    from bilateral.graph.source.read import RDF_TYPE
    from bilateral.graph.source.store import open_dataset

    g = open_dataset(store_dir)
    store = g.store._inner

    def extract(preds: list[str]) -> list[list[str]]:
        values = " ".join(f"<{p}>" for p in preds)
        data = store.query(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}",
            use_default_graph_as_union=True,
        ).serialize(format=ox.QueryResultsFormat.CSV)
        return list(csv.reader(io.StringIO(data.decode("utf-8"))))

    def ref_edges() -> None:
        extract([str(p) for p in ROLE_PROPERTIES.values()])

    def ref_same() -> None:
        extract([RDF_TYPE])
        extract(_CORE_PROPS)

    def ours() -> None:
        project(g, detail=False)

    t_edges = median_time(ref_edges, runs, warmup=1)
    t_same = median_time(ref_same, runs)
    t_ours = median_time(ours, runs)
    G = project(g, detail=False)
    extra = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    return [
        Row(
            "projection of the 1M-triple graph",
            t_ours,
            t_edges,
            2.0,
            reference_name="pyoxigraph edge-list extraction (participant triples, CSV)",
            extra=extra,
        ),
        Row(
            "projection (vs extracting the same attributes)",
            t_ours,
            t_same,
            2.0,
            reference_name="pyoxigraph extraction of types + participants + dates, domains, "
            "weights, sources (CSV)",
            extra=extra,
        ),
    ]
