"""The endpoint as SPARQL clients expect it (issue 15): a service description on
``GET /sparql``, ``default-graph-uri``/``named-graph-uri`` by the stable graph names,
CONSTRUCT in the RDF format asked for, the row cap visible inside the result, and
``serve --no-infer``. Real servers on 127.0.0.1, driven by plain HTTP, SPARQLWrapper
and rdflib's SPARQLStore."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from bilateral.graph.sparql.dataset import graph_names
from bilateral.graph.sparql.serve import make_server

from ..conftest import free_port

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
GRAPH = "https://w3id.org/bilateral/graph/"
ACTORS = GRAPH + "bundled/belarus-russia/actors.ttl"
ECONOMY = GRAPH + "bundled/belarus-russia/economy.ttl"
ONTOLOGY = GRAPH + "ontology/bilateral.ttl"


@contextmanager
def running(g: Any, **kwargs: Any) -> Iterator[str]:
    server = make_server(g, host="127.0.0.1", port=free_port(), quiet=True, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def endpoint(bundled) -> Iterator[str]:
    with running(bundled, timeout=30.0, row_cap=40) as url:
        yield url


def _get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


def _query(endpoint: str, sparql: str, **params: Any) -> str:
    pairs = [("query", sparql)]
    for key, value in params.items():
        values = value if isinstance(value, list) else [value]
        pairs += [(key.replace("_", "-"), v) for v in values]
    return f"{endpoint}/sparql?{urllib.parse.urlencode(pairs)}"


def _count(endpoint: str, sparql: str, **params: Any) -> int:
    status, _, text = _get(_query(endpoint, sparql, **params))
    assert status == 200, text
    return int(json.loads(text)["results"]["bindings"][0]["n"]["value"])


# --- the service description -------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "ctype", "parse_as"),
    [
        ("", "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
    ],
)
def test_get_without_a_query_describes_the_service(
    endpoint: str, bundled, accept: str, ctype: str, parse_as: str
) -> None:
    status, headers, text = _get(endpoint + "/sparql", {"Accept": accept} if accept else {})
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    sd = Graph().parse(data=text, format=parse_as)
    service = sd.value(predicate=SD.endpoint, object=URIRef(endpoint + "/sparql"))
    assert service is not None and (service, SD.supportedLanguage, SD.SPARQL11Query) in sd
    assert (service, SD.feature, SD.UnionDefaultGraph) in sd
    names = {str(n) for n in sd.objects(None, SD.name)}
    assert names == set(graph_names(bundled)) and {ACTORS, ONTOLOGY} <= names
    assert not any(n.startswith("file:") for n in names)  # stable names, not paths
    formats = {str(f).rsplit("/", 1)[-1] for f in sd.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "RDF_XML", "JSON-LD", "Turtle"} <= formats


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_description_follows_format_and_states_no_inference(bundled) -> None:
    with running(bundled, infer=False) as url:
        status, headers, text = _get(url + "/sparql?format=json-ld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    sd = Graph().parse(data=text, format="json-ld")
    regime = URIRef("http://www.w3.org/ns/entailment/Simple")
    assert (None, SD.defaultEntailmentRegime, regime) in sd


# --- default-graph-uri and named-graph-uri ----------------------------------------------


def test_default_graph_uri_chooses_the_default_graph(endpoint: str, bundled) -> None:
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    actors = len(Graph(store=bundled.store, identifier=URIRef(ACTORS)))
    economy = len(Graph(store=bundled.store, identifier=URIRef(ECONOMY)))
    assert 0 < actors < _count(endpoint, count)
    assert _count(endpoint, count, default_graph_uri=ACTORS) == actors
    both = _count(endpoint, count, default_graph_uri=[ACTORS, ECONOMY])
    assert actors < both <= actors + economy
    # named graphs only: the default graph is empty, GRAPH sees just those named
    assert _count(endpoint, count, named_graph_uri=ACTORS) == 0
    status, _, text = _get(
        _query(endpoint, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", named_graph_uri=ECONOMY)
    )
    graphs = {b["g"]["value"] for b in json.loads(text)["results"]["bindings"]}
    assert status == 200 and graphs == {ECONOMY}


def test_graph_uris_work_with_post(endpoint: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    form = urllib.parse.urlencode({"query": count, "default-graph-uri": ACTORS}).encode()
    status, _, form_text = _get(
        endpoint + "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, form
    )
    assert status == 200
    direct = f"{endpoint}/sparql?{urllib.parse.urlencode({'default-graph-uri': ACTORS})}"
    status, _, direct_text = _get(
        direct, {"Content-Type": "application/sparql-query"}, count.encode()
    )
    assert status == 200
    assert json.loads(form_text) == json.loads(direct_text)
    assert json.loads(direct_text) != json.loads(_get(_query(endpoint, count))[2])


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_an_unknown_graph_name_is_a_400_naming_it(endpoint: str, param: str) -> None:
    name = "file:///home/someone/memory/timeout/actors.ttl"  # words that mean 503 elsewhere
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "ASK {}", param: name})
    status, _, text = _get(url)
    assert status == 400 and name in text and param in text


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_store_honours_graph_names_too(bundled_store_dir) -> None:
    from bilateral.graph.source.storereader import StoreReader

    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    with running(StoreReader(bundled_store_dir)) as url:
        whole = _count(url, count)
        actors = _count(url, count, default_graph_uri=ACTORS)
        assert 0 < actors < whole
        assert _count(url, count, named_graph_uri=ACTORS) == 0
        assert _get(_query(url, "ASK {}", default_graph_uri=GRAPH + "nope"))[0] == 400


# --- CONSTRUCT in the format asked for ----------------------------------------------


CONSTRUCT = "CONSTRUCT WHERE { bid:belarus ?p ?o }"


@pytest.mark.parametrize(
    ("accept", "fmt", "ctype", "parse_as"),
    [
        ("text/turtle", None, "text/turtle", "turtle"),
        ("application/n-triples", None, "application/n-triples", "nt"),
        ("application/rdf+xml", None, "application/rdf+xml", "xml"),
        ("application/ld+json", None, "application/ld+json", "json-ld"),
        ("text/turtle", "rdf+xml", "application/rdf+xml", "xml"),
        ("", "json-ld", "application/ld+json", "json-ld"),
        ("", "application/n-triples", "application/n-triples", "nt"),
    ],
)
def test_construct_answers_the_rdf_format_asked_for(
    endpoint: str, bundled, accept: str, fmt: str | None, ctype: str, parse_as: str
) -> None:
    url = _query(endpoint, CONSTRUCT, **({"format": fmt} if fmt else {}))
    status, headers, text = _get(url, {"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    got = Graph().parse(data=text, format=parse_as)
    expected = Graph()
    for t in bundled.triples((URIRef("https://w3id.org/bilateral/id/belarus"), None, None)):
        expected.add(t)
    assert len(got) > 3 and isomorphic(got, expected)


@pytest.mark.parametrize(
    ("query", "fmt"), [(CONSTRUCT, "csv"), ("ASK {}", "turtle"), ("ASK {}", "yaml")]
)
def test_a_format_the_result_cannot_take_is_a_400(endpoint: str, query: str, fmt: str) -> None:
    status, headers, text = _get(_query(endpoint, query, format=fmt))
    assert status == 400 and fmt in text
    assert headers["Content-Type"].startswith("text/plain")
    assert headers["X-Content-Type-Options"] == "nosniff"


# --- the row cap inside the result ----------------------------------------------------


def test_the_row_cap_is_linked_from_the_results(endpoint: str) -> None:
    many = "SELECT ?s ?p ?o { ?s ?p ?o }"
    status, headers, text = _get(_query(endpoint, many))
    doc = json.loads(text)
    assert status == 200 and len(doc["results"]["bindings"]) == 40
    assert headers["X-Bilateral-Truncated"] == "row cap 40"
    [link] = doc["head"]["link"]
    page = _get(link)
    assert page[0] == 200 and "40 rows" in page[2]
    status, _, xml = _get(_query(endpoint, many), {"Accept": "application/sparql-results+xml"})
    assert status == 200 and f'<link href="{link.replace("&", "&amp;")}"/>' in xml
    status, _, ttl = _get(_query(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }"))
    assert ttl.startswith("# truncated: the row cap 40 cut this result")
    assert len(Graph().parse(data=ttl, format="turtle")) == 40
    few = json.loads(_get(_query(endpoint, "SELECT ?o { bid:belarus a ?o }"))[2])
    assert "link" not in few["head"]


# --- inference on by default, off with --no-infer -----------------------------------------


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_inference_is_on_unless_switched_off(endpoint: str, bundled) -> None:
    agreements = "SELECT (COUNT(DISTINCT ?x) AS ?n) { ?x a bil:Agreement }"
    with running(bundled, infer=False) as plain:
        asserted = _count(plain, agreements)
    inferred = _count(endpoint, agreements)
    assert inferred > asserted


def test_cli_serve_no_infer_reaches_the_server(monkeypatch) -> None:
    from typer.testing import CliRunner

    import bilateral.graph.sparql.serve as serve_module
    from bilateral.cli import app

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(serve_module, "serve", lambda g, **kw: seen.append(kw))
    runner = CliRunner()
    assert runner.invoke(app, ["serve", "--port", "0"]).exit_code == 0
    assert runner.invoke(app, ["serve", "--port", "0", "--no-infer"]).exit_code == 0
    assert [kw["infer"] for kw in seen] == [True, False]


# --- standard clients -----------------------------------------------------------------


def test_sparqlwrapper_gets_rdf_graphs_graph_names_and_the_cap(endpoint: str) -> None:
    pytest.importorskip("SPARQLWrapper")
    from SPARQLWrapper import JSON, JSONLD, RDFXML, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery(
        "CONSTRUCT WHERE { <https://w3id.org/bilateral/id/belarus> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    for fmt in (RDFXML, JSONLD):  # SPARQLWrapper sends its own format= values as well
        client.setReturnFormat(fmt)
        g = client.query().convert()
        assert isinstance(g, Graph) and len(g) == 1, fmt
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setReturnFormat(JSON)
    client.addDefaultGraph(ACTORS)
    client.setQuery("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    n = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n == _count(endpoint, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default_graph_uri=ACTORS)
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery("SELECT * { ?s ?p ?o }")
    assert client.query().convert()["head"]["link"][0].startswith(endpoint + "/limits")


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(endpoint + "/sparql", returnFormat="json")
    g = Graph(store=store)
    rows = list(
        g.query(
            "SELECT ?l WHERE { <https://w3id.org/bilateral/id/belarus> "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
        )
    )
    assert [str(r[0]) for r in rows] == ["Belarus"]
    constructed = g.query(
        "CONSTRUCT WHERE { <https://w3id.org/bilateral/id/belarus> "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    assert len(constructed.graph) == 1  # type: ignore[arg-type]
    belarus = URIRef("https://w3id.org/bilateral/id/belarus")
    assert len(list(g.triples((belarus, None, None)))) > 3
