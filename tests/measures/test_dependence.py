"""The dependence index on the hand-computed fixture, over time, with weights, as output.

By hand (docs/measures.md, worked example), with codes exact and the unnamed
alternatives fixed at 0.25 (``EXACT``), where only hedged claims vary between draws:
finance, Aland on Bland: the strongest dependency is strong (0.75) and Cland is a
partial alternative (0.5): 0.75 × (1 − 0.5) = 0.375. Trade, Aland on Bland: the only
dependency is "reportedly" critical (confidence 0.4): it holds in 40 % of the draws
(0.75 then), so the median is 0. Bland on Aland: trade weak (0.25), nothing named:
0.25 × (1 − 0.25) = 0.1875. Totals over the scheme's ten domains: 0.0375 and 0.01875.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError, UnknownNameError

from .conftest import BID, FIX

EXACT = {"band": 0.0, "unknown": (0.25, 0.25)}
SCHEME = ["diplomatic", "economic", "energy", "finance", "information", "military", "political",
          "religious", "security", "trade"]  # fmt: skip


@pytest.fixture(scope="module")
def r(dyad):
    return bilateral.dependence(dyad, "aland", "bland")


@pytest.fixture(scope="module")
def exact(dyad):
    return bilateral.dependence(dyad, "aland", "bland", **EXACT)


def test_hand_computed(exact) -> None:
    rows = {d.domain: d for d in exact.domains}
    assert len(rows) == 10 and rows["energy"].sdi == 0.0  # the scheme's domains
    assert rows["finance"].sensitivity == 0.75 and rows["finance"].substitutability == 0.5
    assert rows["finance"].alternatives == "named"
    assert rows["finance"].sdi == pytest.approx(0.375)
    assert rows["trade"].sdi == 0.0 and rows["trade"].reverse_sdi == pytest.approx(0.1875)
    assert rows["trade"].reverse_substitutability is None  # no alternative named
    assert exact.total == pytest.approx(0.0375) and exact.reverse_total == pytest.approx(0.01875)
    assert exact.asymmetry == pytest.approx(0.01875)


def test_default_model_points_lie_in_their_intervals(r) -> None:
    """The default model draws codes within their bands and the unnamed from 0-0.5: the
    points move a little from the hand computation, and each lies in its interval."""
    rows = {d.domain: d for d in r.domains}
    assert rows["finance"].sdi == pytest.approx(0.375, abs=0.03)
    for d in [*r.domains, r.summary]:
        assert d.sdi_low <= d.sdi <= d.sdi_high
        assert d.reverse_low <= d.reverse_sdi <= d.reverse_high
        assert d.asymmetry_low <= d.asymmetry <= d.asymmetry_high


def test_intervals_probabilities_and_hinges(r) -> None:
    rows = {d.domain: d for d in r.domains}
    fin, trade = rows["finance"], rows["trade"]
    assert fin.sdi_low < fin.sdi < fin.sdi_high and fin.p_more_dependent == 1.0
    # the hedged critical dependency holds in ~40 % of draws, and then beats the reverse
    assert 0.35 < trade.p_more_dependent < 0.45
    assert trade.sdi_low == 0.0 and trade.sdi_high > 0.4
    assert fin.hinges_on == BID + "t-dep-ab" and fin.hinge_effect == pytest.approx(-fin.sdi)
    assert trade.hinges_on is None  # removing the hedged claim leaves the median at 0
    assert rows["energy"].p_more_dependent == 0.5  # neither depends: a tie, not "B does"
    s = r.summary
    assert s.sdi_low <= s.sdi <= s.sdi_high and s.asymmetry_low <= s.asymmetry <= s.asymmetry_high


def test_bandwidth_is_reported_beside_the_index(r) -> None:
    rows = {d.domain: d for d in r.domains}
    assert rows["finance"].bandwidth == 1.0 and rows["trade"].bandwidth == 1.0
    assert r.summary.bandwidth == 2.0 and r.summary.reverse_bandwidth == 0.0


def test_evidence_lists_every_statement_behind_a_number(r) -> None:
    fin = {d.domain: d for d in r.domains}["finance"]
    assert {(e["statement"].rsplit("/", 1)[-1], e["role"]) for e in fin.evidence} == {
        ("t-dep-ab", "dependency"),
        ("t-alt-ab", "alternative"),
    }
    assert fin.n_claims == 2


def test_deterministic_and_seeded(dyad, r) -> None:
    again = bilateral.dependence(dyad, "aland", "bland")
    assert again.table() == r.table()
    other = bilateral.dependence(dyad, "aland", "bland", seed=99)
    assert other.summary.sdi_high != r.summary.sdi_high
    assert other.total == pytest.approx(r.total, abs=0.01)  # resampling noise only
    wide = bilateral.dependence(dyad, "aland", "bland", level=0.99)
    assert wide.summary.sdi_high >= r.summary.sdi_high


def test_time_follows_the_two_clocks(dyad) -> None:
    """The 2020 dependency holds in 2020 only (it has an end); the undated claims hold at
    their source's date (2021) and are carried forward after it, marked."""
    y2020 = bilateral.dependence(dyad, "aland", "bland", as_of="2020-06-01", **EXACT)
    assert y2020.active == bilateral.dependence(dyad, "aland", "bland").active
    # in 2020 the alternative (undated, 2021) is not yet known: the unnamed 0.25 stands
    assert y2020.domain("finance").sdi == pytest.approx(0.75 * 0.75)
    assert y2020.reverse_total == 0.0 and not y2020.carried_forward
    y2021 = bilateral.dependence(dyad, "aland", "bland", as_of="2021-06-01", **EXACT)
    assert y2021.domain("finance").sdi == 0.0 and y2021.reverse_total == pytest.approx(0.01875)
    later = bilateral.dependence(dyad, "aland", "bland", as_of="2023-01-01", **EXACT)
    assert later.carried_forward and later.domain("trade").carried_forward
    assert later.domain("finance").sdi == 0.0  # a stated end is an end: nothing carried
    assert later.reverse_total == pytest.approx(0.01875) and later.notes
    rows = bilateral.dependence(
        dyad, "aland", "bland", by="year", from_year=2019, to_year=2022, **EXACT
    ).by_year
    by_year = {row["year"]: row for row in rows}
    assert [by_year[y]["total"] for y in (2019, 2020, 2021, 2022)] == pytest.approx(
        [0.0, 0.05625, 0.0, 0.0], abs=1e-4
    )
    assert [by_year[y]["reverse_total"] for y in (2019, 2020, 2021, 2022)] == pytest.approx(
        [0.0, 0.0, 0.01875, 0.01875], abs=1e-4
    )
    assert [by_year[y]["carried_forward"] for y in (2019, 2020, 2021, 2022)] == [
        False, False, False, True,
    ]  # fmt: skip
    assert [by_year[y]["n_claims"] for y in (2019, 2020, 2021, 2022)] == [0, 1, 3, 3]
    only_2020 = bilateral.dependence(dyad, "aland", "bland", from_year=2020, to_year=2020, **EXACT)
    assert only_2020.total == pytest.approx(0.05625)


def test_known_by_keeps_what_sources_issued_by_then_said(dyad) -> None:
    """The fixture's source is issued in 2021 (a year: known by its last day)."""
    with pytest.raises(InputError, match="known_by"):
        bilateral.dependence(dyad, "aland", "bland", known_by="2021-13")
    before = bilateral.dependence(dyad, "aland", "bland", known_by="2021-06-30")
    assert before.total == 0.0 and before.summary.n_claims == 0
    assert before.known_by == "2021-06-30"
    after = bilateral.dependence(dyad, "aland", "bland", known_by="2021")
    assert after.table() == bilateral.dependence(dyad, "aland", "bland").table()


def test_weights(dyad, tmp_path: Path) -> None:
    r = bilateral.dependence(dyad, "aland", "bland", weights={"finance": 3}, **EXACT)
    assert r.total == pytest.approx((3 * 0.375 + 0) / 12)
    path = tmp_path / "w.toml"
    path.write_text("[domains]\nfinance = 3\ntrade = 1\n")
    assert bilateral.dependence(dyad, "aland", "bland", weights=path, **EXACT).total == r.total
    only = bilateral.dependence(dyad, "aland", "bland", domains=["finance", "trade"], **EXACT)
    assert only.active == ["finance", "trade"] and only.total == pytest.approx(0.1875)
    evidence = bilateral.dependence(dyad, "aland", "bland", domains="evidence", **EXACT)
    assert evidence.active == ["finance", "trade"]


def test_sensitivity_shows_every_choice(dyad) -> None:
    r = bilateral.dependence(dyad, "aland", "bland", sensitivity=True, draws=500)
    rows = r.sensitivity
    assert rows[0]["choice"] == "default" and rows[0]["total"] == round(r.total, 4)
    choices = {row["choice"] for row in rows}
    assert choices == {
        "default", "unknown alternatives", "strength band", "confidence threshold",
        "coder bias", "coder noise", "domain set", "domain weights",
    }  # fmt: skip
    by = {(row["choice"], row["setting"]): row for row in rows}
    # only the claims the source states without a hedge: the hedged trade claim goes
    assert by[("confidence threshold", "1: unhedged claims only")]["domains"]["trade"] == 0.0
    # the domains with evidence: two instead of ten, so the total is five times larger
    domain_set = by[("domain set", "only the domains with evidence either way")]
    assert domain_set["total"] == pytest.approx(5 * rows[0]["total"], rel=0.01)
    dropped = by[("domain weights", "finance dropped")]
    assert dropped["total"] < rows[0]["total"] and dropped["change"] < 0
    from bilateral.graph.measures.sensitivity import tornado

    bars = tornado(rows)
    assert bars[0]["choice"] == "domain set"
    assert all(b["low"] <= rows[0]["total"] <= b["high"] for b in bars)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"finance": -1}', "finite number"),
        ('{"finance": NaN}', "NaN is not a weight"),
        ('{"finance": Infinity}', "Infinity is not a weight"),
        ('{"finance": 1e308}', "finite number"),
        (json.dumps(dict.fromkeys(SCHEME, 0)), "has weight 0"),
        ('{"components": {"share": 1}}', "'components' weighted the old"),
        ('{"luck": 1}', "unknown domain 'luck'"),
        ("[1, 2]", "must be a mapping"),
    ],
)
def test_bad_weights(dyad, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        bilateral.dependence(dyad, "aland", "bland", weights=path)


def test_bad_settings_and_names(dyad) -> None:
    bad: list[dict[str, object]] = [
        {"level": 1.5}, {"level": float("nan")}, {"draws": 10}, {"draws": 10**9},
        {"draws": True}, {"seed": -1}, {"seed": 1.5},
        {"weights": {"finance": -1}}, {"weights": {"finance": "2"}},
        {"weights": {"luck": 1}}, {"band": -0.1}, {"min_confidence": 1.5},
        {"unknown": (0.5, 0.2)}, {"coder_noise": 2}, {"domains": ["luck"]},
        {"domains": "scheme"}, {"domains": ["trade"], "weights": {"trade": 0}},
    ]  # fmt: skip
    for kwargs in bad:
        with pytest.raises(InputError):
            bilateral.dependence(dyad, "aland", "bland", **kwargs)  # type: ignore[arg-type]
    # one domain at 0 is a choice, not an error; seed 0 is a seed, not "the default"
    only_trade = bilateral.dependence(
        dyad, "aland", "bland", weights={"finance": 0}, domains=["finance", "trade"]
    )
    assert only_trade.weights == {"finance": 0.0, "trade": 1.0}
    assert only_trade.total == only_trade.domain("trade").sdi
    s0 = bilateral.dependence(dyad, "aland", "bland", seed=0, by="year")
    s1 = bilateral.dependence(dyad, "aland", "bland", by="year")
    assert s0.seed == 0 and s0.by_year != s1.by_year
    wide = bilateral.dependence(dyad, "aland", "bland", level=0.5, draws=300, by="year")
    narrow = wide.by_year[0]
    assert narrow["total_high"] - narrow["total_low"] <= (
        s1.by_year[0]["total_high"] - s1.by_year[0]["total_low"]
    )
    with pytest.raises(UnknownNameError, match="did you mean"):
        bilateral.dependence(dyad, "alan", "bland")
    with pytest.raises(InputError, match="same entity"):
        bilateral.dependence(dyad, "aland", "bid:aland")
    with pytest.raises(InputError, match="expected an rdflib Graph"):
        bilateral.dependence([str(FIX)], "aland", "bland")  # type: ignore[arg-type]
    none = bilateral.dependence(dyad, "cland", "bland")
    assert none.total == 0.0 and len(none.active) == 10
    # from Python: the types a caller may pass are checked, not tracebacks
    assert bilateral.dependence(dyad, "aland", "bland", as_of=2021).slice["as_of"] == "2021-01-01"
    from datetime import datetime

    assert bilateral.dependence(dyad, "aland", "bland", as_of=datetime(2021, 6, 1, 12)).slice[
        "as_of"
    ] == "2021-06-01"  # fmt: skip
    for kwargs, message in [
        ({"from_year": "2019"}, "from_year must be a whole year"),
        ({"to_year": 2019.5, "by": "year"}, "to_year must be a whole year"),
        ({"domains": []}, "at least one domain"),
        ({"by": "year", "as_of": "2021"}, "`as_of` does not apply to a yearly series"),
        ({"as_of": 3.5}, "bad `as_of`"),
        ({"weights": [("energy", 1)]}, "weights must map domains to numbers"),
    ]:
        with pytest.raises(InputError, match=message):
            bilateral.dependence(dyad, "aland", "bland", **kwargs)


def test_json_is_strict_and_frames_are_typed(r) -> None:
    doc = json.loads(r.to_json(), parse_constant=lambda c: pytest.fail(f"non-strict {c}"))
    assert doc["total"] == r.total and "samples" not in doc
    frame = r.to_frame()
    assert list(frame.index)[-1] == "TOTAL" and "finance" in frame.index
    assert frame["sdi"].dtype.kind == "f" and not any(math.isnan(x) for x in frame["sdi"])


def test_other_dyads_change_nothing(dyad, tmp_path: Path) -> None:
    """Data about a disjoint dyad (even with its own dependencies, alternatives, flows
    and a scenario) leaves this dyad's numbers, intervals included, as they were."""
    other = tmp_path / "other.ttl"
    other.write_text((FIX / "dyad.ttl").read_text().replace("bid:aland", "bid:xland")
                     .replace("bid:bland", "bid:yland").replace("bid:cland", "bid:zland")
                     .replace("bid:t-", "bid:u-").replace('"Aland', '"Xland')
                     .replace('"Bland', '"Yland').replace('"Cland', '"Zland'))  # fmt: skip
    both = bilateral.load([FIX, other])
    assert (
        bilateral.dependence(both, "aland", "bland").table()
        == bilateral.dependence(dyad, "aland", "bland").table()
    )


def test_third_parties_touching_the_dyad_change_nothing(dyad) -> None:
    """Aland's dependency on a fourth state, that state's pressure on Bland and its
    loan to Aland concern other dyads: SDI(Aland on Bland), its intervals and its
    bandwidth stay as they were."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from bilateral.ontology.vocab import BIL

    g = Graph()
    for s, p, o, _ in dyad.quads((None, None, None, None)):
        g.add((s, p, o))
    before = bilateral.dependence(g, "aland", "bland").table()
    d, a, b = URIRef(BID + "dland"), URIRef(BID + "aland"), URIRef(BID + "bland")
    g.add((d, RDF.type, URIRef(BIL + "State")))
    for name, kind, roles in [
        ("x-dep", "Dependency", {"dependent": a, "provider": d}),
        ("x-press", "Pressure", {"agent": d, "target": b}),
        ("x-loan", "Loan", {"creditor": d, "debtor": a}),
    ]:
        s = URIRef(BID + name)
        g.add((s, RDF.type, URIRef(BIL + kind)))
        g.add((s, URIRef(BIL + "domain"), URIRef(BIL + "finance")))
        for role, who in roles.items():
            g.add((s, URIRef(BIL + role), who))
    g.add((URIRef(BID + "x-dep"), URIRef(BIL + "strength"), Literal("1.0", datatype=XSD.decimal)))
    after = bilateral.dependence(g, "aland", "bland")
    assert after.table() == before
    # while the third party's own dyad sees the dependency
    assert bilateral.dependence(g, "aland", "dland").domain("finance").sdi > 0


def test_cli_csv_keeps_its_shape(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["dependence", "aland", "bland", "--format", "csv", "--data", str(FIX)]
    )
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.strip().splitlines()
    cols = header.split(",")
    for name in ("domain", "sdi", "sdi_low", "sdi_high", "reverse_sdi", "reverse_low",
                 "reverse_high", "asymmetry", "asymmetry_low", "asymmetry_high",
                 "p_more_dependent"):  # fmt: skip
        assert name in cols, name
    assert rows[-1].startswith("TOTAL,")


def test_cli_json_equals_the_library(dyad) -> None:
    result = CliRunner().invoke(
        app, ["dependence", "aland", "bland", "--format", "json", "--data", str(FIX)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(
        bilateral.dependence(dyad, "aland", "bland").to_json()
    )


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_cli_plots(tmp_path: Path) -> None:
    for by in ("domain", "year"):
        out = tmp_path / f"{by}.png"
        result = CliRunner().invoke(
            app,
            ["dependence", "aland", "bland", "--by", by, "--plot", str(out), "--data", str(FIX)],
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes()[:4] == b"\x89PNG"
