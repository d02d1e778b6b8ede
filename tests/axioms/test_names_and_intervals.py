"""Axiom 5: renaming every IRI and label changes nothing, and every point lies inside its
own interval (each domain, the total, the reverse and the asymmetry)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import EPS, SETTINGS, measure, rows
from .worlds import AS_OF, MODELS, World, renamed, worlds

pytestmark = pytest.mark.slow  # generated worlds: ~5 s each


def content(world: World, iri: str) -> tuple:
    """What a claim says, without its name, label and quote (one source's quotes coded
    alike are one claim, named by any of its statements)."""
    claim = next(c for c in world.claims if iri.endswith("/" + c.slug))
    sources = frozenset({claim.source, claim.also} - {None})
    return replace(claim, slug="", label="", quote="", source="", also=None), sources


@SETTINGS
@given(worlds(), AS_OF, st.sampled_from(["x", "zz-renamed", "0"]), MODELS)
def test_renaming_iris_and_labels_changes_nothing(world, as_of, salt, model) -> None:
    other, mapping = renamed(world, salt)
    before, after = measure(world, as_of, **model), measure(other, as_of, **model)
    assert rows(after) == rows(before)
    back = {new: old for old, new in mapping.items()}
    for old, new in zip(before.domains, after.domains, strict=True):
        # the same claim (a claim restated under several IRIs is named by any of them)
        assert (old.hinges_on is None) == (new.hinges_on is None)
        if old.hinges_on:
            assert content(world, back[new.hinges_on]) == content(world, old.hinges_on)


@SETTINGS
@given(worlds(max_claims=10), AS_OF, st.sampled_from([0.5, 0.8, 0.9]), MODELS)
def test_every_point_lies_inside_its_interval(world, as_of, level, model) -> None:
    for domain, row in rows(measure(world, as_of, level=level, **model)).items():
        for name in ("sdi", "reverse", "asymmetry"):
            point = row["sdi" if name == "sdi" else f"{name}_sdi" if name == "reverse" else name]
            low, high = row[f"{name}_low"], row[f"{name}_high"]
            assert low - EPS <= point <= high + EPS, (domain, name, low, point, high)
