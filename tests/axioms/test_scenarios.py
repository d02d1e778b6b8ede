"""Scenarios obey the axioms too: weakening or removing evidence that A depends on B never
raises SDI(A on B), in its domain or in total, and the change's interval holds its point
(a claim restated under another IRI and weakened in one of them stays as strong as the
other: round 3's first cut split it into two claims and raised the index)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import bilateral

from .conftest import DRAWS, EPS, POINTS, SETTINGS, rows, value
from .worlds import MODELS, graph, state_of, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each


def _ours(world):
    return [
        c for c in world.claims
        if c.kind == "Dependency" and state_of(c.dependent) == "sa"
        and state_of(c.provider) == "sb"
    ]  # fmt: skip


@SETTINGS
@given(worlds(), st.data(), MODELS, st.booleans())
def test_weakening_or_removing_a_dependency_never_raises_the_index(
    world, data, model, restate
) -> None:
    ours = _ours(world)
    assume(ours)
    target = data.draw(st.sampled_from(ours))
    if restate:  # the same claim under a second IRI, which the scenario leaves alone
        world = world.plus(replace(target, slug=world.fresh("again"), label="again"))
    weak = replace(world, weakens=(target.slug,))
    snap = bilateral.read_snapshot(graph(weak))
    sa, sb = weak.iri("sa"), weak.iri("sb")
    options = {"dependent": sa, "provider": sb, "draws": DRAWS, **model}
    for r in (
        bilateral.scenario(snap, "scenario-w", **options),
        bilateral.scenario(snap, None, remove=[target.slug], **options),
    ):
        before, after = rows(r.before), rows(r.after)
        for domain in before:
            for column in POINTS:
                assert value(after, domain, column) <= value(before, domain, column) + EPS, (
                    domain, column,
                )  # fmt: skip
        for row in r.dependence_table():
            assert row["change_low"] - EPS <= row["change"] <= row["change_high"] + EPS
