"""Every measure's evidence carries its words: label, kind, hedge, quotes and sources
(issue 27, item 1), in Python (``.evidence`` DataFrames), in JSON and on the command line."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.checks.quotes import normalise, strip_furniture
from bilateral.graph.measures.results import EVIDENCE_COLUMNS
from bilateral.graph.measures.snapshot import Snapshot, read_snapshot
from bilateral.graph.measures.words import words_of

MEMO = Path(bilateral.__file__).parent / "data" / "sources" / "000_cdb1d46302525148.txt"


def _flat(text: str) -> str:
    """The text as the quote check compares it (page furniture out, lines joined)."""
    return normalise(strip_furniture(text))


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return read_snapshot()


@pytest.fixture(scope="module")
def result(snap: Snapshot) -> bilateral.DependenceResult:
    return bilateral.dependence(snap, "belarus", "russia")


def test_evidence_frame_has_the_documented_columns_and_dtypes(result) -> None:
    frame = result.evidence
    assert list(frame.columns) == list(EVIDENCE_COLUMNS)
    assert {c: str(t) for c, t in frame.dtypes.items()} == EVIDENCE_COLUMNS


def test_every_domain_with_evidence_has_rows_with_quotes(result) -> None:
    frame = result.evidence
    with_evidence = [d.domain for d in result.domains if d.evidence]
    assert with_evidence, "the bundled data has evidence"
    for domain in with_evidence:
        rows = frame[frame["domain"] == domain]
        assert len(rows) == len(result.domain(domain).evidence)
        assert rows["quote"].str.len().min() > 0, domain
    assert set(frame["domain"]) == set(with_evidence)


def test_quotes_are_the_sources_words_and_sources_have_labels_and_dates(result) -> None:
    memo = _flat(MEMO.read_text(encoding="utf-8"))
    items = [i for d in result.domains for i in d.evidence]
    for item in items:
        assert item["quotes"], item["statement"]
        for quote in item["quotes"]:
            assert _flat(quote) in memo, quote
        assert item["sources"], item["statement"]
        for src in item["sources"]:
            assert src["label"].startswith("Moscow-Minsk Ties After 2020")
            assert src["date"] == "2021"
        assert item["label"] and item["kind"] in {"Dependency", "Alternatives"}


def test_hedges_are_carried(result) -> None:
    hedged = result.evidence.dropna(subset=["hedge"])
    assert not hedged.empty
    for _, row in hedged.iterrows():
        # the hedge word is the source's own: it appears in one of the quotes
        assert row["hedge"].lower() in row["quote"].lower(), row["statement"]


def test_json_carries_the_same_words(result) -> None:
    data = json.loads(result.to_json())
    items = [i for d in data["domains"] for i in d["evidence"]]
    frame = result.evidence
    assert len(items) == len(frame)
    for item in items:
        assert {"label", "kind", "hedge", "quotes", "sources", "domain"} <= set(item)
        assert item["quotes"] and item["sources"][0]["label"]


@pytest.mark.slow
def test_cli_json_and_evidence_csv_match_the_library(result) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["dependence", "belarus", "russia", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    first = data["domains"][0]["evidence"][0]
    assert first["quotes"] == result.domains[0].evidence[0]["quotes"]
    out = runner.invoke(app, ["dependence", "belarus", "russia", "--evidence", "--format", "csv"])
    assert out.exit_code == 0, out.output
    back = pd.read_csv(io.StringIO(out.stdout), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(EVIDENCE_COLUMNS)
    assert back["quote"].tolist() == result.evidence["quote"].tolist()
    table = runner.invoke(app, ["dependence", "belarus", "russia", "--evidence"])
    assert table.exit_code == 0 and "quote" in table.stdout and "A = Belarus" in table.stdout


@pytest.mark.slow
def test_scenario_evidence_names_the_rule_that_took_each_claim(snap) -> None:
    sc = bilateral.scenario(snap, "scenario-leadership-change")
    frame = sc.evidence
    assert list(frame.columns) == ["rule", *EVIDENCE_COLUMNS]
    taken = frame.dropna(subset=["rule"])
    assert len(taken) == len(sc.rules()) > 0
    assert taken["quote"].str.len().min() > 0
    assert all("rule" in item for item in sc.to_dict()["evidence"])


@pytest.mark.slow
def test_compare_evidence_is_per_date(snap) -> None:
    cmp = bilateral.compare(snap, "2020-07-01", "2021-12-31")
    frame = cmp.evidence
    assert set(frame["as_of"]) <= {"2020-07-01", "2021-12-31"}
    later = frame[frame["as_of"] == "2021-12-31"]
    assert len(later) == sum(len(d.evidence) for d in cmp.dep_second.domains) > 0
    assert len(cmp.to_dict()["evidence"]) == len(frame)


def test_words_without_the_graph_fall_back_to_the_records(snap) -> None:
    """A snapshot whose graph is gone (read from standard input) still names its
    statements; quotes come from the records when it was read with detail."""
    iri = "https://w3id.org/bilateral/id/dep-economic-sanctions"
    bare = replace(snap, origin=None)
    w = words_of(bare, [iri])[iri]
    assert w["kind"] == "Dependency" and w["sources"][0]["date"] is None
    detailed = replace(read_snapshot(detail=True), origin=None)
    w = words_of(detailed, [iri])[iri]
    assert w["label"].startswith("Western sanctions") and w["quotes"]


def test_no_evidence_gives_an_empty_typed_frame(snap) -> None:
    r = bilateral.dependence(snap, "armenia", "azerbaijan")
    assert r.evidence.empty
    assert {c: str(t) for c, t in r.evidence.dtypes.items()} == EVIDENCE_COLUMNS


def test_evidence_alone_refuses_the_other_tables() -> None:
    runner = CliRunner()
    for extra in (["--sensitivity"], ["--by", "year"]):
        out = runner.invoke(app, ["dependence", "belarus", "russia", "--evidence", *extra])
        assert out.exit_code == 2 and "--evidence prints the evidence table alone" in out.output
