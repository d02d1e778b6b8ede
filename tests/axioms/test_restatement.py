"""Axiom 4: the same claim restated under another IRI (same roles, domain, values, quote
and source; another label) counts once: every number and interval stays as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from .conftest import SETTINGS, measure, rows
from .worlds import AS_OF, MODELS, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each


@SETTINGS
@given(worlds(), st.data(), AS_OF, MODELS)
def test_a_restated_claim_counts_once(world, data, as_of, model) -> None:
    assume(world.claims)
    claim = data.draw(st.sampled_from(world.claims))
    copies = data.draw(st.integers(1, 3))
    restated = world.plus(
        *(
            replace(claim, slug=world.fresh(f"again{i}"), label=f"restated {i}")
            for i in range(copies)
        )  # fmt: skip
    )
    assert rows(measure(restated, as_of, **model)) == rows(measure(world, as_of, **model))
