"""Open the written HTML in headless Chromium with the network blocked.

Needs Debian's ``chromium`` (installed by ``.ci/run``) and the ``playwright`` package
(test extra). Where no Chromium can be found the tests are skipped with a loud reason.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import bilateral
from bilateral.graph.views.render import render, write_html

CHROMIUM = next(
    (
        p
        for p in (
            os.environ.get("BILATERAL_CHROMIUM"),
            shutil.which("chromium"),
            "/usr/bin/chromium",
        )
        if p and Path(p).exists()
    ),
    None,
)
ARTIFACTS = Path(__file__).parent.parent / "artifacts"
FIXTURES = Path(__file__).parent.parent / "data"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="NO CHROMIUM FOUND: install Debian's chromium (apt-get install chromium) "
        "to run the browser tests",
    ),
]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _open(browser, path: Path, *, frame: bool = False, width: int = 1400, height: int = 850):
    """Open ``path`` offline (every request leaves a trace; only the file itself may
    load) and wait until the graph (in the page, or in its inline frame) has drawn."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    requests: list[str] = []

    def block(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    ctx.route("**/*", block)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri())
    for _ in range(300):  # poll: the page's CSP forbids Playwright's eval-based waiting
        frames = page.frames
        target = (frames[1] if len(frames) > 1 else None) if frame else page
        if target is not None and target.evaluate("() => window.bilateralReady === true"):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"graph never finished drawing; page errors: {errors}")
    return ctx, page, requests, errors


def test_bundled_graph_draws_offline(browser, tmp_path: Path) -> None:
    net = render()
    out = write_html(net, tmp_path / "graph.html")
    ctx, page, requests, errors = _open(browser, out)
    stats = page.evaluate("() => window.bilateralStats")
    assert stats["drawnNodes"] == len(net.nodes)
    assert stats["drawnEdges"] == len(net.edges)
    assert [r for r in requests if not r.startswith("file:")] == []
    assert errors == []
    # the canvas really has ink on it
    inked = page.evaluate(
        """() => { const c = document.querySelector('canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0;
                   for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                   return n; }"""
    )
    assert inked > 1000
    # legend and filters are there
    assert page.locator("#class-filter input").count() >= 5
    assert page.locator("#domain-filter input").count() >= 5
    # click on Belarus: the panel lists its statements
    box = page.evaluate(
        """() => { const n = window.bilateral.network;
                   const id = 'https://w3id.org/bilateral/id/belarus';
                   const p = n.canvasToDOM(n.getPositions([id])[id]);
                   const r = document.querySelector('#graph canvas').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }"""
    )
    page.mouse.click(box["x"], box["y"])
    assert "Belarus" in page.locator("#details h3").inner_text()
    # a statement shows its date, source and quote
    page.evaluate(
        "() => window.bilateral.showStatement('https://w3id.org/bilateral/id/loan-2020-tranche-1')"
    )
    details = page.locator("#details").inner_text()
    assert "2020-12-01" in details and "ponars-memo-2021" in details
    assert "two $500 million tranches" in details
    # a domain filter hides edges
    page.locator("#domain-filter input").first.uncheck()
    assert page.evaluate("() => window.bilateralStats.edges") < len(net.edges)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#domain-filter input").first.check()
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    ctx.close()


def test_hostile_labels_run_nothing(browser, tmp_path: Path) -> None:
    g = bilateral.load([FIXTURES / "hostile"])
    net = render(g)
    out = write_html(net, tmp_path / "hostile.html")
    text = out.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "</script><script>window" not in text
    ctx, page, requests, errors = _open(browser, out)
    for node in net.nodes:
        page.evaluate(f"() => window.bilateral.showNode({node['id']!r})")
    for iri in ("xss-support", "xss-pressure", "rtl-dependency"):
        page.evaluate(
            f"() => window.bilateral.showStatement('https://w3id.org/bilateral/id/{iri}')"
        )
    page.locator("#search").fill("script")
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("#details img, #details a, #details script").count() == 0
    page.evaluate("() => window.bilateral.showNode('https://w3id.org/bilateral/id/xss-href')")
    shown = page.locator("#details").inner_text()
    assert '<a href="javascript:window.__xss=3">click</a>' in shown
    assert [r for r in requests if not r.startswith("file:")] == []
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile.png"))
    ctx.close()


def test_large_graph_uses_python_layout(browser, tmp_path: Path) -> None:
    import networkx as nx

    G = nx.MultiDiGraph(nx.barabasi_albert_graph(1500, 2, seed=3).to_directed())
    for n in G:
        G.nodes[n].update(label=f"n{n}", cls="State", classes=frozenset({"State"}))
    for u, v, k in G.edges(keys=True):
        G.edges[u, v, k].update(statement=f"s{u}-{v}", domains=("trade",))
    G.graph["view"] = "actors"
    net = render(graph=G, size_by="degree")
    assert all("x" in n for n in net.nodes)
    out = write_html(net, tmp_path / "big.html")
    ctx, page, requests, errors = _open(browser, out)
    stats = page.evaluate("() => window.bilateralStats")
    assert stats["drawnNodes"] == 1500 and stats["drawnEdges"] == G.number_of_edges()
    assert page.evaluate("() => window.bilateral.network.physics.physicsEnabled") is False
    ctx.close()


def test_the_inline_view_draws_inside_a_notebook_page(browser, tmp_path: Path) -> None:
    """What Jupyter shows for ``bilateral.render(...)``: its ``_repr_html_`` (a sandboxed
    iframe holding the offline page) inside a notebook-like page. The graph draws, makes
    no request and cannot reach the host page. The screenshot is the README's."""
    view = render(bilateral.read_snapshot(detail=True), focus="lukashenko", depth=1)
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>notebook</title></head>"
        "<body style='font-family:sans-serif;margin:24px'>"
        "<pre>In [1]: import bilateral\n        bilateral.render(focus='lukashenko', depth=1)"
        "</pre><div class='output'>" + view._repr_html_() + "</div></body></html>",
        encoding="utf-8",
    )
    ctx, page, requests, errors = _open(browser, frame=True, width=1200, height=780, path=host)
    frame = page.frames[1]
    stats = frame.evaluate("() => window.bilateralStats")
    assert stats["drawnNodes"] == len(view.nodes) and stats["drawnEdges"] == len(view.edges)
    assert frame.evaluate("() => { try { return window.parent.document.title; } "
                          "catch (e) { return 'blocked'; } }") == "blocked"  # fmt: skip
    assert [r for r in requests if not r.startswith(("file:", "about:"))] == []
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "jupyter-inline.png"))
    ctx.close()
