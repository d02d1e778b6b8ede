"""Issue 28's "done when" on real servers: ``push`` logs in to Virtuoso's authenticated
Graph Store endpoint, and ``dependence``/``centrality`` with ``--endpoint --graph`` give
the local numbers and ranking on Virtuoso and on ``oxigraph serve``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from tests.triplestores import Endpoint

pytestmark = pytest.mark.slow  # real servers

DRAWS = 300


@pytest.fixture(params=["virtuoso", "oxigraph"])
def store(request: pytest.FixtureRequest) -> Endpoint:
    endpoint: Endpoint = request.getfixturevalue(f"{request.param}_store")
    return endpoint


def test_push_logs_in_to_virtuoso(
    virtuoso_store: Endpoint, data_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = data_dir / "tiny"
    crud = virtuoso_store.url.rsplit("/sparql", 1)[0] + "/sparql-graph-crud-auth"
    graph = "urn:bilateral:pushed"
    runner = CliRunner()
    monkeypatch.delenv("BILATERAL_PASSWORD", raising=False)
    refused = runner.invoke(app, ["push", "--data", str(tiny), "--endpoint", crud,
                                  "--graph", graph])  # fmt: skip
    assert refused.exit_code != 0 and "--user" in refused.output
    assert refused.output.count("\n") == 1
    monkeypatch.setenv("BILATERAL_PASSWORD", "dba")
    pushed = runner.invoke(app, ["push", "--data", str(tiny), "--endpoint", crud,
                                 "--graph", graph, "--user", "dba"])  # fmt: skip
    assert pushed.exit_code == 0, pushed.output
    ask = runner.invoke(
        app,
        ["query", "ASK { bid:tiny-gas a bil:Dependency }", "--endpoint", virtuoso_store.url,
         "--graph", graph, "--format", "json"],
    )  # fmt: skip
    assert ask.exit_code == 0, ask.output
    assert json.loads(ask.stdout)["boolean"] is True


def test_dependence_over_the_endpoint_is_the_local_one(store: Endpoint, bundled) -> None:
    local = bilateral.dependence(bundled, "belarus", "russia", draws=DRAWS)
    out = CliRunner().invoke(
        app,
        ["dependence", "belarus", "russia", "--endpoint", store.url, "--graph", store.graph,
         "--draws", str(DRAWS), "--format", "json"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    remote = json.loads(out.stdout)
    assert remote["total"] == local.total and remote["reverse_total"] == local.reverse_total
    for got, want in zip(remote["domains"], local.domains, strict=True):
        assert (got["domain"], got["sdi"], got["sdi_low"]) == (want.domain, want.sdi, want.sdi_low)
    assert [e["quotes"] for d in remote["domains"] for e in d["evidence"]] == [
        e["quotes"] for d in local.domains for e in d.evidence
    ]


def test_centrality_over_the_endpoint_is_the_local_one(store: Endpoint, bundled) -> None:
    local = bilateral.centrality(bundled, top=15)
    out = CliRunner().invoke(
        app,
        ["centrality", "--endpoint", store.url, "--graph", store.graph, "--top", "15",
         "--format", "json"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    remote = json.loads(out.stdout)
    assert [r["iri"] for r in remote] == list(local["iri"])
    for r, want in zip(remote, local["eigenvector"], strict=True):
        assert r["eigenvector"] == pytest.approx(want, abs=1e-4)
