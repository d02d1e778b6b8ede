"""Properties of the default ranking on generated graphs (Hypothesis): two states A and
B (the dyad), organs of each (``bil:country``), a third state C and stateless actors,
linked by random statements. The ranking sees the whole relationship: every actor of a
statement the dyad takes part in scores above 0, on every backend, in the same order;
and a one-mention actor without a state, added next to an organ, never outranks an organ
that has its tie and more (the bundled data's Armenia against its interior ministry)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.graph.measures.arrays import project_edges
from bilateral.graph.measures.graph_centrality import dyad_part, measures
from bilateral.graph.measures.project import project_records
from bilateral.graph.measures.records import Actor, Record
from bilateral.graph.measures.table import edge_measures

pytestmark = pytest.mark.slow  # generated graphs on three backends: ~1 s per property

SETTINGS = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
STATES = ("A", "B", "C")
ORGANS = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
STATELESS = ("p1", "p2")
EVERYONE = (*STATES, *ORGANS, *STATELESS)
KNOWN = {
    **{s: Actor(s, s, "State", classes=frozenset({"State"})) for s in (*STATES, "P")},
    **{o: Actor(o, o, "GovernmentBody", country=c) for o, c in ORGANS.items()},
    **{p: Actor(p, p, "Group") for p in STATELESS},
}


def side(actor: str) -> str:
    """The state an actor counts for (itself when it has none)."""
    return ORGANS.get(actor, actor)


@dataclass(frozen=True)
class Tie:
    """A statement: parties without direction, or one agent and its targets."""

    slug: str
    agent: str | None
    others: tuple[str, ...]

    def record(self) -> Record:
        roles = {"agent": (self.agent,), "target": self.others} if self.agent else {}
        kind = "Action" if self.agent else "Agreement"
        return Record(
            self.slug, self.slug, (kind,), roles or {"party": self.others},
            classes=frozenset({kind, "Statement"}),
        )  # fmt: skip

    @property
    def members(self) -> set[str]:
        return {*self.others, *([self.agent] if self.agent else [])}


@st.composite
def ties(draw: st.DrawFn, slug: str) -> Tie:
    if draw(st.booleans()):
        return Tie(slug, None, tuple(draw(st.lists(st.sampled_from(EVERYONE), min_size=2,
                                                   max_size=3, unique=True))))  # fmt: skip
    agent = draw(st.sampled_from(EVERYONE))
    rest = [a for a in EVERYONE if a != agent]
    targets = draw(st.lists(st.sampled_from(rest), min_size=1, max_size=2, unique=True))
    return Tie(slug, agent, tuple(targets))


@st.composite
def worlds(draw: st.DrawFn) -> list[Tie]:
    """Random statements, one between the two sides of the dyad (A or an organ of A, B
    or an organ of B: the dyad has a relationship, perhaps only through organs), and one
    of each state with anyone (the states are in the graph)."""
    a = draw(st.sampled_from(["A", "a1", "a2"]))
    b = draw(st.sampled_from(["B", "b1", "b2"]))
    out = [Tie("dyad", None, (a, b))]
    for state in ("A", "B"):
        partner = draw(st.sampled_from([x for x in EVERYONE if x != state]))
        out.append(Tie(f"anchor-{state}", None, (state, partner)))
    for i in range(draw(st.integers(0, 8))):
        out.append(draw(ties(f"s{i}")))
    return out


def rankings(world: list[Tie]) -> list[dict[str, float]]:
    """The default ranking (eigenvector on the dyad's part) on NetworkX, igraph from the
    NetworkX projection, and igraph from the edge arrays."""
    recs = [t.record() for t in world]
    G = project_records(recs, KNOWN)
    part = dyad_part(G, ["A"])
    E = project_edges(recs, KNOWN)
    assert E.part("A") == part
    out = [
        measures(G, ["eigenvector"], backend=backend, part=part)["eigenvector"].to_dict()
        for backend in ("networkx", "igraph")
    ]
    out.append(edge_measures(E, ["eigenvector"], part=part).result()["eigenvector"].to_dict())
    return out


def order(scores: dict[str, float]) -> list[str]:
    return sorted(scores, key=lambda n: (-round(scores[n], 9), n))


@SETTINGS
@given(worlds())
def test_every_actor_of_a_statement_of_the_dyad_scores_above_zero(world) -> None:
    scored = rankings(world)
    dyad = {"A", "B"}
    involved = set().union(*(t.members for t in world if dyad & {side(m) for m in t.members}))
    for scores in scored:
        assert set(scores) >= involved
        for actor in involved:
            assert scores[actor] > 0, actor
        for organ in ORGANS.keys() & set(scores):  # an organ with any statement
            assert scores[organ] > 0, organ
    first = order(scored[0])
    for scores in scored[1:]:  # every backend, the same numbers and the same ranking
        assert all(abs(scores[n] - scored[0][n]) < 1e-6 for n in scores)
        assert order(scores) == first


@SETTINGS
@given(worlds(), st.sampled_from(sorted(ORGANS)), st.data())
def test_a_one_mention_actor_does_not_outrank_an_organ_with_more_ties(world, organ, data) -> None:
    """P, without a state, has one statement, with X; the organ has one with X, or with
    an organ of X when X is a state (Armenia with Russia, the interior ministry with
    Rosgvardia), and another: P never ranks above it. P's ties (X and X's state) are a
    part of the organ's in the ranking graph, and only through the state ties when the
    organ meets X through X's organ."""
    x = data.draw(st.sampled_from([a for a in EVERYONE if a != organ]))
    via = data.draw(st.sampled_from([x, *(o for o, c in ORGANS.items() if c == x and o != organ)]))
    other = data.draw(st.sampled_from([a for a in EVERYONE if a != organ]))
    world = [
        *world,
        Tie("organ-x", None, (organ, via)),
        Tie("organ-more", organ, (other,)),
        Tie("one-mention", None, ("P", x)),
    ]
    for scores in rankings(world):
        assert 0 < scores["P"] < scores[organ]
        assert order(scores).index("P") > order(scores).index(organ)
