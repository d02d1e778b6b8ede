"""Flow semantics and roll-up: what counts as a flow from B to A, and what does not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bilateral.errors import InputError
from bilateral.graph.measures.evidence import gather
from bilateral.graph.measures.records import Record

from .conftest import BID


def _ev(snap, records=None):
    return gather(records or snap.records, snap.actors, BID + "aland", BID + "bland")


def _short(flows: dict[str, float]) -> set[str]:
    return {i.rsplit("/", 1)[-1] for i in flows}


def test_flows_from_b_to_a(snap) -> None:
    ev = _ev(snap)
    # the loan to Aland's treasury (rolled up) and the agreement whose beneficiary is
    # Aland; the cooperation names no beneficiary, the pressure is no flow, the pledge is
    # a promise not yet delivered
    assert _short(ev.flows[("a", "finance")]) == {"t-loan"}
    assert _short(ev.flows[("a", "trade")]) == {"t-ports"}
    assert ev.bandwidth("a") == 2.0 and ev.bandwidth("b") == 0.0


def test_an_undirected_tie_is_a_flow_only_toward_its_beneficiary(snap) -> None:
    ports = next(r for r in snap.records if r.iri == BID + "t-ports")
    flipped = replace(ports, roles={**ports.roles, "beneficiary": (BID + "bland",)})
    others = [r for r in snap.records if r.iri != ports.iri]
    ev = _ev(snap, [*others, flipped])
    assert "t-ports" not in _short(ev.flows[("a", "trade")])
    assert _short(ev.flows[("b", "trade")]) == {"t-ports"}
    none = replace(ports, roles={"party": ports.roles["party"]})
    ev = _ev(snap, [*others, none])
    assert "t-ports" not in _short(ev.flows[("a", "trade")] | ev.flows[("b", "trade")])


def test_pressure_is_neither_a_flow_nor_an_alternative(snap) -> None:
    ev = _ev(snap)
    assert [i.iri for i in ev.cell("a", "trade").alternatives] == []
    assert "t-pressure" not in _short(ev.flows[("a", "trade")])


def test_a_dependency_is_evidence_not_its_own_flow(snap) -> None:
    ev = _ev(snap)
    assert [i.iri.rsplit("/", 1)[-1] for i in ev.cell("a", "finance").sensitivity] == ["t-dep-ab"]
    assert not any("t-dep" in f for flows in ev.flows.values() for f in flows)


def test_named_alternatives_reach_their_cell(snap) -> None:
    alt = _ev(snap).cell("a", "finance").alternatives
    assert [(i.iri.rsplit("/", 1)[-1], i.value) for i in alt] == [("t-alt-ab", 0.5)]


def test_parts_count_with_their_whole() -> None:
    loan = Record("L", "L", ("Loan",), {"creditor": ("b",), "debtor": ("a",)},
                  domains=("finance",), classes=frozenset({"Loan", "Agreement"}))  # fmt: skip
    part = replace(loan, iri="L1", part_of=("L",))
    ev = gather([loan, part], {}, "a", "b")
    assert set(ev.flows[("a", "finance")]) == {"L"}
    ev = gather([part], {}, "a", "b")  # without its whole, the part counts
    assert set(ev.flows[("a", "finance")]) == {"L1"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("strength", float("nan")), ("strength", 5.0), ("strength", -3.0), ("confidence", 1e300)],
)
def test_out_of_range_numbers_are_refused_naming_the_node(snap, field, value) -> None:
    dep = next(r for r in snap.records if r.iri == BID + "t-dep-ab")
    bad = replace(dep, **{field: value})
    with pytest.raises(InputError, match=rf"bid:t-dep-ab: bil:{field} .* not a number in \[0, 1\]"):
        _ev(snap, [bad])
