"""Axiom 3: naming an alternative with substitutability above 0 never raises SDI(A on B),
in its domain or in total: an alternative the source names is never assumed smaller
than one it leaves unnamed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import EPS, POINTS, SETTINGS, measure, rows, value
from .worlds import AS_OF, MODELS, claims, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each


@SETTINGS
@given(worlds(), st.data(), AS_OF, MODELS)
def test_naming_an_alternative_never_raises_the_index(world, data, as_of, model) -> None:
    named = data.draw(
        claims(
            world.fresh(),
            world.sources,
            dependent="sa",
            provider="sb",
            alternatives=True,
            positive=True,
        )  # fmt: skip
    )
    before = rows(measure(world, as_of, **model))
    after = rows(measure(world.plus(named), as_of, **model))
    for domain in set(before) | set(after):
        for column in POINTS:
            was, now = value(before, domain, column), value(after, domain, column)
            assert now <= was + EPS, (domain, column, was, now)
