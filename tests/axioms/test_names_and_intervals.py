"""Axiom 5: renaming every IRI and label changes nothing, and every point lies inside its
own interval (each domain, the total, the reverse and the asymmetry)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import EPS, SETTINGS, measure, rows
from .worlds import AS_OF, renamed, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each


@SETTINGS
@given(worlds(), AS_OF, st.sampled_from(["x", "zz-renamed", "0"]))
def test_renaming_iris_and_labels_changes_nothing(world, as_of, salt) -> None:
    other, mapping = renamed(world, salt)
    before, after = measure(world, as_of), measure(other, as_of)
    assert rows(after) == rows(before)
    for old, new in zip(before.domains, after.domains, strict=True):
        assert (mapping.get(old.hinges_on) if old.hinges_on else None) == new.hinges_on


@SETTINGS
@given(worlds(max_claims=10), AS_OF, st.sampled_from([0.5, 0.8, 0.9]))
def test_every_point_lies_inside_its_interval(world, as_of, level) -> None:
    for domain, row in rows(measure(world, as_of, level=level)).items():
        for name in ("sdi", "reverse", "asymmetry"):
            point = row["sdi" if name == "sdi" else f"{name}_sdi" if name == "reverse" else name]
            low, high = row[f"{name}_low"], row[f"{name}_high"]
            assert low - EPS <= point <= high + EPS, (domain, name, low, point, high)
