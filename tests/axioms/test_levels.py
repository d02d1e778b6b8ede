"""The state and its regime side by side (issue 27, item 4): the regime row is the index
of the regime and its head alone, computed like the state's, and the rule of who counts
is stated with it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import ORG

import bilateral

from .conftest import DRAWS, SETTINGS
from .worlds import BID, BIL, World, claims, graph, worlds

pytestmark = pytest.mark.slow  # generated worlds and whole results: seconds each

HEAD = BID["sa-head"]


def _with_regime(world: World, head: bool) -> Graph:
    """The world with sa's body typed as its regime (and, if ``head``, a person of sa
    heading it who takes over the dependent role of every claim the body makes)."""
    g = graph(world)
    regime = BID[dict(world.names)["sa-regime"]]
    g.add((regime, RDF.type, BIL.Regime))
    if head:
        g.add((HEAD, RDF.type, BIL.Person))
        g.add((HEAD, RDFS.label, Literal("SA HEAD", lang="en")))
        g.add((HEAD, BIL.country, BID[dict(world.names)["sa"]]))
        g.add((HEAD, ORG.headOf, regime))
        for node in list(g.subjects(BIL.dependent, regime)):
            g.remove((node, BIL.dependent, regime))
            g.add((node, BIL.dependent, HEAD))
    return g


def _headline(r: bilateral.DependenceResult) -> tuple[float, ...]:
    s = r.summary
    return (s.sdi, s.sdi_low, s.sdi_high, s.reverse_sdi, s.asymmetry, s.n_claims)


def _level(row: dict[str, object]) -> tuple[object, ...]:
    keys = ("sdi", "sdi_low", "sdi_high", "reverse_sdi", "asymmetry", "n_claims")
    return tuple(row[k] for k in keys)


@settings(SETTINGS, max_examples=25)
@given(worlds(), st.data())
def test_the_regime_row_is_the_regime_measured_alone(world, data) -> None:
    """With no head, the regime row equals ``dependence(regime, B)`` (a named actor is
    never rolled up); a head's claims count for the regime exactly as if the regime had
    made them. Most worlds get one claim of the regime's own on B (so that the property
    is about something); the rest may have none, and then show no levels."""
    if data.draw(st.integers(0, 3)):
        own = data.draw(claims(world.fresh("r"), world.sources, dependent="sa", provider="sb"))
        world = world.plus(replace(own, dependent="sa-regime"))
    a, b = world.iri("sa"), world.iri("sb")
    regime = world.iri("sa-regime")
    plain = bilateral.read_snapshot(_with_regime(world, head=False))
    state = bilateral.dependence(plain, a, b, draws=DRAWS)
    direct = bilateral.dependence(plain, regime, b, draws=DRAWS)
    if direct.summary.n_claims == 0:
        assert state.levels == []  # the data does not tell the regime apart
        return
    assert [r["level"] for r in state.levels] == ["state", "regime"]
    assert _level(state.levels[0]) == _headline(state)
    assert _level(state.levels[1]) == _headline(direct)
    assert state.rollup_rule and "org:headOf" in state.rollup_rule
    headed = bilateral.read_snapshot(_with_regime(world, head=True))
    via_head = bilateral.dependence(headed, a, b, draws=DRAWS)
    assert _level(via_head.levels[1]) == _headline(direct)
    assert via_head.levels[1]["members"] == [str(HEAD)]
    assert _headline(via_head) == _headline(state)  # the state level is unchanged


def test_no_regime_in_the_data_gives_no_levels() -> None:
    world = World(sources=(), claims=())
    r = bilateral.dependence(bilateral.read_snapshot(graph(world)), world.iri("sa"),
                             world.iri("sb"), draws=DRAWS)  # fmt: skip
    assert r.levels == [] and r.rollup_rule is None


def test_the_bundled_regime_is_lukashenkos() -> None:
    r = bilateral.dependence(None, "belarus", "russia")
    state, regime = r.levels
    assert regime["dependent_label"] == "Lukashenko regime"
    assert regime["members"] == ["https://w3id.org/bilateral/id/lukashenko"]
    assert regime["provider_label"] == "Russia"
    # the memo: sanctions raise "the regime's dependence on Moscow", and Russia relies
    # on Lukashenko as "the best available promoter of Russian interests"
    assert 0 < regime["sdi"] < state["sdi"]
    assert 0 < regime["reverse_sdi"] < regime["sdi"]
    assert regime["n_claims"] < state["n_claims"]
    data = r.to_dict()
    assert data["levels"][1]["level"] == "regime" and data["rollup_rule"]
