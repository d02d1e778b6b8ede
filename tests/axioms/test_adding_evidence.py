"""Axiom 1: adding evidence that A depends on B never lowers SDI(A on B), in its domain or
in total; removing such evidence never raises it. Checked on generated worlds, at all
time and as of several dates, points and both ends of the intervals (the draws of the
other statements do not move, so the property holds draw by draw)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from .conftest import EPS, POINTS, SETTINGS, measure, rows, value
from .worlds import AS_OF, MODELS, claims, state_of, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each


def _never_lower(smaller: dict, larger: dict) -> None:
    for domain in set(smaller) | set(larger):
        for column in POINTS:
            low, high = value(smaller, domain, column), value(larger, domain, column)
            assert high >= low - EPS, (domain, column, low, high)


@SETTINGS
@given(worlds(), st.data(), AS_OF, MODELS)
def test_adding_a_dependency_never_lowers_the_index(world, data, as_of, model) -> None:
    extra = data.draw(
        claims(world.fresh(), world.sources, dependent="sa", provider="sb", alternatives=False)
    )
    _never_lower(
        rows(measure(world, as_of, **model)), rows(measure(world.plus(extra), as_of, **model))
    )


@SETTINGS
@given(worlds(), st.data(), AS_OF, MODELS)
def test_removing_a_dependency_never_raises_the_index(world, data, as_of, model) -> None:
    ours = [
        c for c in world.claims
        if c.kind == "Dependency" and state_of(c.dependent) == "sa"
        and state_of(c.provider) == "sb"
    ]  # fmt: skip
    assume(ours)
    gone = data.draw(st.sampled_from(ours))
    _never_lower(
        rows(measure(world.without(gone.slug), as_of, **model)),
        rows(measure(world, as_of, **model)),
    )
