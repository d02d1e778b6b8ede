"""The graph is read once per command: every measure works on one snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.measures import snapshot

from .conftest import BID, FIX


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--out", "{tmp}/out"],
        ["compare", "--as-of", "2020-06-01", "--as-of", "2021-06-01"],
        ["scenario", "t-scenario"],
        ["render", "--out", "{tmp}/g.html"],
        ["dependence", "aland", "bland", "--by", "year"],
        ["centrality"],
    ],
    ids=lambda a: a[0],
)
def test_one_snapshot_per_command(args: list[str], tmp_path: Path, monkeypatch) -> None:
    """A command reads the triples into a snapshot once: counted by wrapping the first
    bulk read of every snapshot (the types of all subjects)."""
    reads: list[object] = []
    real = snapshot.types

    def counted(*a, **kw):  # type: ignore[no-untyped-def]
        reads.append(a)
        return real(*a, **kw)

    monkeypatch.setattr(snapshot, "types", counted)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(app, [*argv, "--data", str(FIX)])
    assert result.exit_code == 0, result.output
    assert len(reads) == 1


def test_the_snapshot_holds_what_the_measures_need(snap) -> None:
    assert snap.resolve("aland") == BID + "aland"
    assert set(snap.domains) >= {"finance", "trade"}
    assert snap.scenarios[BID + "t-scenario"].confidence == 0.5
    assert snap.scenarios[BID + "t-scenario"].weakens == {BID + "t-dep-ab": 0.5}
    assert {"Dependency", "Alternatives", "Loan"} <= snap.kinds
    rec = next(r for r in snap.records if r.iri == BID + "t-dep-ab-trade")
    assert rec.extra["hedge"] == "reportedly" and rec.quotes


def test_kinds_agree_between_stats_and_records(bundled) -> None:
    """`stats` and the measures count a statement under the same kind."""
    from collections import Counter

    from bilateral.graph.checks.stats import stats

    snap = snapshot.read_snapshot(bundled)
    by_kind = Counter(r.kind for r in snap.records)
    assert stats(bundled)["statements_by_kind"] == dict(by_kind)


@pytest.mark.parametrize(
    ("subject", "prop", "value", "message"),
    [
        ("t-dep-ab", "confidence", "7.0", "bil:confidence is 7.0, outside 0..1"),
        ("t-dep-ab", "strength", "NaN", "bil:strength is not a number"),
        ("t-dep-ab", "confidence", "likely", "bil:confidence is not a number"),
        ("t-scenario", "weakeningFactor", "2.0", "bil:weakeningFactor 2.0 is outside 0..1"),
    ],
)
def test_values_outside_the_unit_range_are_refused(
    dyad, subject: str, prop: str, value: str, message: str
) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    from bilateral.errors import InputError
    from bilateral.ontology.vocab import BIL

    g = Graph()
    for s, p, o, _ in dyad.quads((None, None, None, None)):
        g.add((s, p, o))
    s, p = URIRef(BID + subject), URIRef(BIL + prop)
    g.remove((s, p, None))
    g.add((s, p, Literal(value, datatype=XSD.decimal if value != "NaN" else XSD.double)))
    with pytest.raises(InputError, match=message):
        snapshot.read_snapshot(g)


def test_two_values_of_a_single_valued_number_are_refused(dyad) -> None:
    """Which of two strengths the measures read would hang on the order of the triples."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    from bilateral.errors import InputError
    from bilateral.ontology.vocab import BIL

    g = Graph()
    for s, p, o, _ in dyad.quads((None, None, None, None)):
        g.add((s, p, o))
    g.add(
        (URIRef(BID + "t-dep-ab"), URIRef(BIL + "strength"), Literal("0.25", datatype=XSD.decimal))
    )
    with pytest.raises(InputError, match="t-dep-ab: 2 values of bil:strength"):
        snapshot.read_snapshot(g)
