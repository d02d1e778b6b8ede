"""Axiom 2: statements about B's dependence on A, or about other dyads, never change
SDI(A on B): not its domains, not its total, not its intervals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import POINTS, SETTINGS, measure, rows
from .worlds import AS_OF, MODELS, claims, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each

#: (dependent, provider) of the statements that are not evidence about A on B
ELSEWHERE = [("sb", "sa"), ("sa", "sc"), ("sc", "sa"), ("sb", "sc"), ("sc", "sb")]


@SETTINGS
@given(worlds(), st.data(), AS_OF, MODELS)
def test_other_dyads_and_the_reverse_never_change_the_index(world, data, as_of, model) -> None:
    extra = []
    for i in range(data.draw(st.integers(1, 3))):
        dependent, provider = data.draw(st.sampled_from(ELSEWHERE))
        extra.append(
            data.draw(
                claims(world.fresh(f"x{i}"), world.sources, dependent=dependent, provider=provider)
            )  # fmt: skip
        )
    before = rows(measure(world, as_of, **model))
    after = rows(measure(world.plus(*extra), as_of, **model))
    assert set(after) == set(before)
    for domain, row in before.items():
        for column in POINTS:
            assert after[domain][column] == row[column], (domain, column)
