"""``render`` from the edge arrays draws the page the NetworkX projection draws: the same
nodes, edges and data, in the same order, on the bundled data, the fixtures and a
synthetic graph big enough to be laid out (and, with a lowered threshold, measured by
igraph as ``centrality`` measures it)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import bilateral
from bilateral.graph.measures import graph_centrality as centrality_module
from bilateral.graph.measures import project as project_module
from bilateral.graph.measures.centrality import Ranking, centrality, started
from bilateral.graph.measures.snapshot import Snapshot, read_snapshot
from bilateral.graph.views import render as render_module
from bilateral.graph.views.page import PHYSICS_LIMIT
from bilateral.graph.views.render import GraphView, render

DATA = Path(__file__).parent.parent / "data"
OPTIONS: list[dict[str, Any]] = [
    {},
    {"domains": ["energy", "finance"]},
    {"types": ["State"]},
    {"as_of": "2021-06-01"},
    {"rollup": True},
    {"size_by": "degree"},
    {"size_by": "out-degree"},
    {"size_by": "none"},
    {"size_by": "pagerank"},
    {"size_by": "betweenness"},
    {"size_by": "closeness", "domains": ["energy"]},
    {"dyad": "states"},
    {"rollup": True, "dyad": "people", "as_of": "2020"},
    {"types": ["State", "Person"], "size_by": "degree", "title": "t"},
]


def dyad_of(snap: Snapshot, which: str) -> list[str]:
    """Two actors of the data: its first two states, or its first person and its
    last state (sorted by IRI; fewer when the data has fewer)."""
    states = sorted(a for a, actor in snap.actors.items() if "State" in actor.classes)
    people = sorted(a for a, actor in snap.actors.items() if "Person" in actor.classes)
    return states[:2] if which == "states" else (people[:1] + states[-1:])


def _networkx_only(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("the arrays path built a NetworkX projection")


def both(monkeypatch: pytest.MonkeyPatch, snap: Any, **opts: Any) -> tuple[GraphView, GraphView]:
    """The view drawn from the arrays (``render``'s own choice: checked to build no
    NetworkX projection) and the one drawn from a NetworkX projection."""
    with monkeypatch.context() as m:
        m.setattr(project_module, "project_records", _networkx_only)
        arrays = render(snap, **opts)
    with monkeypatch.context() as m:
        m.setattr(render_module, "arrays_path", lambda *_: False)
        networkx = render(snap, **opts)
    return arrays, networkx


def assert_same(a: GraphView, b: GraphView) -> None:
    assert a.nodes == b.nodes
    assert a.edges == b.edges
    assert a.meta == b.meta
    assert a.html() == b.html()


#: the bundled data and the smallest fixture in the quick tier, the other fixtures in the slow
SLOW = pytest.mark.slow


@pytest.fixture(
    scope="module",
    params=[
        "bundled",
        pytest.param("measures", marks=SLOW),
        pytest.param("second-dyad", marks=SLOW),
        "tiny",
        pytest.param("hostile", marks=SLOW),
    ],
)
def snap(request: pytest.FixtureRequest) -> Snapshot:
    if request.param == "bundled":
        return read_snapshot(detail=True)
    return read_snapshot(data=[str(DATA / request.param)], detail=True)


@pytest.mark.parametrize("opts", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()))
def test_the_arrays_draw_the_networkx_page(monkeypatch, snap, opts) -> None:
    if "dyad" in opts:
        opts = opts | {"dyad": dyad_of(snap, opts["dyad"])}
        if len(opts["dyad"]) < 2:
            pytest.skip("the data has no such dyad")
    arrays, networkx = both(monkeypatch, snap, **opts)
    assert_same(arrays, networkx)


def test_the_bundled_page_is_not_empty(monkeypatch) -> None:
    """The comparison compares something: nodes, edges of both kinds, statements, sizes."""
    arrays, _ = both(monkeypatch, read_snapshot(detail=True), dyad=("belarus", "russia"))
    assert len(arrays.nodes) > 40 and len(arrays.edges) > 150
    assert any(e.get("directed") is False for e in arrays.edges)
    assert len({n["size"] for n in arrays.nodes}) > 10
    assert len(arrays.meta["statements"]["iri"]) > 50


def test_the_other_views_keep_networkx(monkeypatch, bundled) -> None:
    """The full view, a focus and a ready projection go through NetworkX (and draw)."""
    monkeypatch.setattr(render_module, "from_arrays", _networkx_only)
    assert render(bundled, view="full").meta["subtitle"].endswith("view full · size by eigenvector")
    assert len(render(bundled, focus="lukashenko").nodes) < 40
    assert render(graph=project_module.project(bundled)).nodes


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """A generated graph of about 400 actors: above ``PHYSICS_LIMIT``, laid out."""
    from benchmarks.generate import write

    out = io.StringIO()
    write(out, 25_000, seed=3)
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.nt"
    path.write_text(out.getvalue(), encoding="utf-8")
    return read_snapshot(bilateral.load([path]), detail=True)


@pytest.mark.parametrize(
    "opts", [{}, {"size_by": "degree"}, {"dyad": ("actor-3", "actor-1"), "as_of": "2010"}]
)
@pytest.mark.slow  # a 25k-triple graph (~3 s); the page tests above are the quick ones
def test_a_laid_out_graph_is_drawn_the_same(monkeypatch, synthetic, opts) -> None:
    arrays, networkx = both(monkeypatch, synthetic, **opts)
    assert len(arrays.nodes) > PHYSICS_LIMIT and all("x" in n for n in arrays.nodes)
    assert_same(arrays, networkx)


@pytest.mark.parametrize(
    ("size_by", "opts"),
    [
        ("eigenvector", {"dyad": ("actor-2", "actor-0")}),
        ("eigenvector", {"dyad": ("actor-176", "actor-0"), "as_of": "2010"}),  # a small part
        ("pagerank", {"domains": ["religious", "energy"]}),
    ],
)
@pytest.mark.slow  # the same graph
def test_big_graphs_are_sized_as_centrality_measures_them(
    monkeypatch, synthetic, size_by, opts
) -> None:
    """Above ``AUTO_THRESHOLD`` nodes (lowered here) both paths measure with igraph, as
    ``centrality`` does: the same sizes, and centrality's numbers."""
    monkeypatch.setattr(centrality_module, "AUTO_THRESHOLD", 100)
    arrays, networkx = both(monkeypatch, synthetic, size_by=size_by, **opts)
    assert_same(arrays, networkx)
    frame = centrality(synthetic, measure=size_by, **opts)
    expected = dict(zip(frame["iri"], frame[size_by].round(6), strict=True))
    assert {n["id"]: n["measures"][size_by] for n in arrays.nodes} == expected
    assert sum(v > 0 for v in expected.values()) > 1


@pytest.mark.parametrize("size_by", ["eigenvector", "pagerank", "closeness"])
@pytest.mark.parametrize("dyad", [None, ("belarus", "russia"), ("lukashenko", "putin")])
def test_small_graphs_are_sized_by_networkx_to_the_last_bit(monkeypatch, size_by, dyad) -> None:
    """Up to ``AUTO_THRESHOLD`` nodes the sizes are NetworkX's numbers on the NetworkX
    projection, unrounded (igraph agrees only to 1e-6), and igraph is not asked."""
    from bilateral.graph.measures import backend
    from bilateral.graph.measures.arrays import project_edges
    from bilateral.graph.measures.centrality import dyad_part, values
    from bilateral.graph.views.drawn import sizes

    snap = read_snapshot(detail=True)
    ends = [snap.resolve(x) for x in dyad] if dyad else None
    E = project_edges(snap.records, snap.actors)
    G = project_module.project(snap)
    part = dyad_part(G, ends) if ends and size_by == "eigenvector" else None
    monkeypatch.setattr(backend, "heavy_arrays", _networkx_only)
    assert sizes(E, size_by, ends) == values(G, size_by, part=part)


def test_a_caller_may_hand_over_its_projection_and_sizes(monkeypatch) -> None:
    """``from_arrays`` with the edges and sizes a caller already has draws what it draws
    alone, without projecting or measuring again."""
    from bilateral.graph.measures import arrays
    from bilateral.graph.measures.arrays import project_edges
    from bilateral.graph.measures.project import Projection, Slice
    from bilateral.graph.views import drawn

    snap = read_snapshot(detail=True)
    how = Projection(domains=["energy", "security", "finance"], when=Slice.parse("2022"))
    ends = [snap.resolve("belarus")]
    alone = drawn.from_arrays(snap, how, "eigenvector", ends)
    E = project_edges(snap.records, snap.actors, how)
    values = drawn.sizes(E, "eigenvector", ends)
    monkeypatch.setattr(drawn, "sizes", _networkx_only)
    monkeypatch.setattr(arrays, "record_edges", _networkx_only)
    given = drawn.from_arrays(snap, how, "eigenvector", edges=E, values=values)
    recs = {r.iri: r for r in snap.records}
    assert drawn.assemble(given, recs, "eigenvector") == drawn.assemble(alone, recs, "eigenvector")
    assert given.values == alone.values and len(given.values) == alone.n_nodes > 10
    with pytest.raises(ValueError, match="actors view"):
        drawn.from_arrays(snap, Projection(view="full"), "none", edges=E, values={})


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_render_and_centrality_take_the_arrays_of_their_projection(monkeypatch) -> None:
    """``report`` projects once: the arrays built for a snapshot are kept in it, and the
    drawing and the centrality of the same projection use them; arrays of another
    projection are refused, never drawn or measured as if they were these."""
    from bilateral.graph.measures import arrays
    from bilateral.graph.measures.arrays import project_edges
    from bilateral.graph.measures.project import Projection, Slice

    alone = read_snapshot(detail=True)
    alone_view = render(alone, dyad=("belarus", "russia"))
    alone_table = started(alone, Ranking(dyad=("belarus", "russia")), backend="igraph").result()
    snap = read_snapshot(detail=True)
    E = project_edges(snap.records, snap.actors, Projection(when=Slice.parse(None)))
    assert E.projection == Projection()  # an all-time slice keeps everything: no slice
    snap.built.append(E)
    other = project_edges(snap.records, snap.actors, domains=["energy"])
    monkeypatch.setattr(arrays, "record_edges", _networkx_only)  # no projecting below
    assert_same(render(snap, dyad=("belarus", "russia")), alone_view)
    given = started(snap, Ranking(dyad=("belarus", "russia")), backend="igraph").result()
    # igraph's eigenvector centrality varies in the last bit from run to run
    pd.testing.assert_frame_equal(given, alone_table, rtol=1e-12)
    assert snap.built == [E]
    with pytest.raises(ValueError, match="another projection"):
        started(snap, backend="igraph", edges=other).result()
