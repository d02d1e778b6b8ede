"""The HTML graph without a browser: self-contained, CSP, hostile data stays data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.views.page import html_document
from bilateral.graph.views.render import render

FIX = Path(__file__).parent.parent / "data"
runner = CliRunner()


def test_html_is_self_contained_and_has_csp(bundled) -> None:
    text = html_document(render(bundled))
    assert 'http-equiv="Content-Security-Policy"' in text
    assert "default-src 'none'" in text and "connect-src 'none'" in text
    assert "unsafe-eval" not in text
    # no element loads anything: no src/href attributes, no <link>
    html_only = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
    assert not re.search(r"\s(src|href)\s*=", html_only)
    assert "<link" not in html_only
    assert text.count("<script") - text.count("<script\\") >= 3


def test_json_cannot_break_out_of_its_script_tag() -> None:
    hostile = "</script><script>alert(1)</script>\u2028&"
    text = html_document(render(bilateral.load([FIX / "tiny"]), title=hostile))
    payload = text.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert "\u2028" not in payload
    assert json.loads(payload)["title"] == hostile


def test_hostile_data_stays_data() -> None:
    g = bilateral.load([FIX / "hostile"])
    text = html_document(render(g))
    data = text.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert json.loads(data)["nodes"]


def test_render_options(bundled) -> None:
    net = render(bundled, focus="lukashenko", depth=1, size_by="degree")
    ids = {n["id"] for n in net.nodes}
    assert "https://w3id.org/bilateral/id/lukashenko" in ids and len(ids) < 40
    assert all(n["shape"] for n in net.nodes)
    with pytest.raises(InputError, match="size_by"):
        render(bundled, size_by="fame")
    full = render(bundled, view="full", size_by="none")
    assert any(n["cls"] == "Dependency" for n in full.nodes)


def test_edges_carry_statement_quotes(bundled) -> None:
    net = render(bundled)
    columns = net.bilateral["statements"]
    i = columns["iri"].index("https://w3id.org/bilateral/id/loan-2020-tranche-1")
    info = {field: values[i] for field, values in columns.items()}
    assert info["when"] == "2020-12-01" and "$500 million" in info["quotes"][0]


def test_cli_render(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    result = runner.invoke(app, ["render", "--out", str(out), "--focus", "putin", "--depth", "2"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    missing = runner.invoke(app, ["render", "--out", str(tmp_path / "no" / "dir" / "g.html")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_the_view_works_in_jupyter_and_in_pyvis(bundled, tmp_path: Path) -> None:
    """IPython's own display machinery finds the inline HTML; pyvis's own methods work on
    the converted network."""
    from IPython.core.formatters import DisplayFormatter

    view = render(bundled)
    data, _ = DisplayFormatter().format(view)
    inline = data["text/html"]
    assert inline.startswith('<iframe sandbox="allow-scripts"') and "srcdoc=" in inline
    assert "allow-same-origin" not in inline and "<script" not in inline  # escaped in srcdoc
    import html

    page = html.unescape(inline.split('srcdoc="', 1)[1].rsplit('"', 1)[0])
    assert page == view.html() and "Content-Security-Policy" in page
    net = view.to_pyvis()
    assert net.num_nodes() == len(view.nodes) and net.num_edges() > 0
    a, b = view.nodes[0]["id"], view.nodes[-1]["id"]
    net.add_edge(a, b)  # pyvis's own method: the nodes exist
    assert view.save(tmp_path / "g.html").read_text(encoding="utf-8") == page


def test_a_snapshot_read_without_detail_is_drawn_with_its_detail(bundled) -> None:
    """The README's notebook call: ``render(read_snapshot())`` reads the labels and quotes
    it needs from the snapshot's own graph, and draws the same page as a detailed one."""
    import gc

    from bilateral.graph.measures.snapshot import read_snapshot

    page = render(read_snapshot(bundled, detail=True)).html()
    assert render(read_snapshot()).html() == page  # the bundled data, read again
    plain = read_snapshot(bilateral.load())
    assert not plain.detail and render(plain).html() == page
    known = plain.known_by("2019")  # its records keep their dates
    assert len(render(known).nodes) < len(render(plain).nodes)
    gone = read_snapshot(bilateral.load())  # a graph nobody holds any more
    gc.collect()
    with pytest.raises(InputError, match="detail=True"):
        render(gone)
