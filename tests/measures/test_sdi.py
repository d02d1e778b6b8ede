"""The index as pure maths: medians of draws, hedges as probabilities, alternatives that
never count for less than the unnamed, content-seeded streams, the model's choices."""

from __future__ import annotations

import numpy as np
import pytest

from bilateral.errors import InputError
from bilateral.graph.measures.sdi import (
    HALF_BAND,
    HINGE_MIN,
    UNKNOWN,
    Cell,
    Item,
    Model,
    draws,
    hinge,
    interval,
    point,
)

EXACT = Model(band=0.0, unknown=(0.25, 0.25))  # codes as curated, the unnamed at 0.25


def sdi(cell: Cell, model: Model = EXACT, n: int = 2000, seed: int = 1) -> float:
    return point(draws(cell, n=n, seed=seed, model=model))


def test_sensitivity_times_lack_of_alternatives() -> None:
    assert sdi(Cell([Item("d", 0.75)], [Item("a", 0.5)])) == pytest.approx(0.375)
    assert sdi(Cell([Item("d", 0.75)], [Item("a", 0.0)])) == 0.75  # ruled out: none
    assert sdi(Cell([Item("d", 0.75)])) == pytest.approx(0.75 * 0.75)  # unnamed: 0.25
    assert sdi(Cell([], [Item("a", 0.5)])) == 0.0  # alternatives without dependence


def test_a_named_alternative_never_counts_for_less_than_the_unnamed() -> None:
    """Naming an alternative says what one option offers, not that there are no others:
    a named 0.1 leaves the unnamed 0.25 in place (round 2 raised the index here)."""
    unnamed = sdi(Cell([Item("d", 0.75)]))
    assert sdi(Cell([Item("d", 0.75)], [Item("a", 0.1)])) == unnamed
    assert sdi(Cell([Item("d", 0.75)], [Item("a", 0.5)])) < unnamed
    # only a claim that rules alternatives out closes the unnamed remainder
    assert sdi(Cell([Item("d", 0.75)], [Item("a", 0.1), Item("none", 0.0)])) == pytest.approx(
        0.75 * 0.9
    )


def test_a_hedged_ruling_out_that_fails_leaves_the_unnamed() -> None:
    model = Model(band=0.0, unknown=(0.5, 0.5))
    x = draws(Cell([Item("d", 1.0)], [Item("none", 0.0, confidence=0.5)]), n=4000, seed=2,
              model=model)  # fmt: skip
    assert set(np.round(x, 6)) == {0.5, 1.0}
    assert 0.46 < np.mean(x == 1.0) < 0.54


def test_statements_do_not_add_up() -> None:
    one = Cell([Item("d1", 0.5)])
    three = Cell([Item("d1", 0.5), Item("d2", 0.5), Item("d3", 0.25)])
    assert sdi(one) == sdi(three)
    # nor do they push a code up its band: claims coded alike share the band's draw, so
    # eight sources saying "strong" give what one gives (round 3's first cut drifted up)
    model = Model(unknown=(0.0, 0.0))
    many = [Item(f"s{k}", 0.75) for k in range(8)]
    assert np.array_equal(draws(Cell(many[:1]), n=500, seed=2, model=model),
                          draws(Cell(many), n=500, seed=2, model=model))  # fmt: skip


def test_a_hedge_is_a_probability_not_a_discount() -> None:
    """ "Reportedly critical" (confidence 0.4) is critical in ~40 % of draws and absent in
    the others; never "certainly moderate". The median is then 0."""
    cell = Cell([Item("d", 1.0, confidence=0.4)], [Item("a", 0.0)])
    x = draws(cell, n=4000, seed=3)
    present = x > 0
    assert 0.37 < present.mean() < 0.43
    assert point(x) == 0.0
    assert x[present].min() >= (1.0 - HALF_BAND) ** 2 - 1e-9  # critical when it holds
    assert point(draws(Cell([Item("d", 1.0, confidence=0.6)], [Item("a", 0.0)]), n=4000,
                       seed=3)) > 0.8  # fmt: skip


def test_draws_stay_in_bands_are_seeded_and_hold_their_point() -> None:
    cell = Cell([Item("d", 0.5)], [Item("a", 0.75)])
    x = draws(cell, n=2000, seed=7)
    assert np.array_equal(x, draws(cell, n=2000, seed=7))
    assert not np.array_equal(x, draws(cell, n=2000, seed=8))
    lo = (0.5 - HALF_BAND) * (1 - (0.75 + HALF_BAND))
    hi = (0.5 + HALF_BAND) * (1 - max(0.75 - HALF_BAND, UNKNOWN[1]))
    assert lo - 1e-9 <= x.min() and x.max() <= hi + 1e-9
    low, high = interval(x, 0.9)
    assert lo <= low <= point(x) <= high <= hi


def test_unknown_alternatives_give_a_range() -> None:
    x = draws(Cell([Item("d", 1.0)]), n=4000, seed=1)
    assert x.min() >= (1 - HALF_BAND) * (1 - UNKNOWN[1]) - 1e-9 and x.max() <= 1.0
    assert x.max() - x.min() > 0.4  # the interval carries the range


def test_a_claim_draws_from_its_content_not_its_name() -> None:
    """Streams are seeded by content: renaming changes no draw, and neither the order of
    the claims nor a claim that never wins the maximum moves the others."""
    a = Item("x", 0.75, 0.7, stream=("dependency", ("trade",), 0.75, 0.7, None, None, 0))
    renamed = Item("y", 0.75, 0.7, stream=a.stream)
    assert np.array_equal(draws(Cell([a]), n=500, seed=1), draws(Cell([renamed]), n=500, seed=1))
    b = Item("d2", 0.5, 0.9)
    assert np.array_equal(draws(Cell([a, b]), n=500, seed=1), draws(Cell([b, a]), n=500, seed=1))
    certain = Item("d1", 0.75, 1.0)
    alone = draws(Cell([certain], [Item("x", 0.5)]), n=500, seed=1)
    crowded = draws(
        Cell([Item("z", 0.0), certain], [Item("y", 0.0, confidence=0.0), Item("x", 0.5)]),
        n=500, seed=1,
    )  # fmt: skip
    assert np.array_equal(alone, crowded)


def test_the_unnamed_draw_is_shared_by_both_directions_of_a_domain() -> None:
    """What the sources leave unsaid cannot make one side look more dependent: with equal
    codes and nothing named, A on B and B on A draw alike."""
    fwd = Cell([Item("d", 0.5, stream=("s",))], domain="energy")
    rev = Cell([Item("e", 0.5, stream=("s",))], domain="energy")
    assert np.array_equal(draws(fwd, n=300, seed=4), draws(rev, n=300, seed=4))


def test_weakening_multiplies_the_strength() -> None:
    assert sdi(Cell([Item("d", 0.75, factor=0.5)], [Item("a", 0.0)])) == 0.375


def test_model_choices() -> None:
    cell = Cell([Item("d", 0.75, confidence=0.6)], [Item("a", 0.25)])
    assert sdi(cell, Model(band=0.0, min_confidence=0.7)) == 0.0  # left out
    up = draws(Cell([Item("d", 0.5)]), n=500, seed=1, model=EXACT.with_(shift=(1, 1)))
    assert set(np.round(up, 6)) == {round(0.75 * 0.75, 6)}
    noisy = draws(Cell([Item("d", 0.75)]), n=4000, seed=5,
                  model=EXACT.with_(coder_noise=1.0, unknown=(0.0, 0.0)))  # fmt: skip
    assert set(np.round(noisy, 6)) == {0.5, 1.0}
    assert 0.45 < np.mean(noisy == 1.0) < 0.55
    # ruling out is the curated code's: a ruling-out a step up still closes the unnamed
    # remainder (and offers 0.25), a limited alternative a step down never closes it
    up = draws(
        Cell([Item("d", 1.0)], [Item("a", 0.0)]), n=100, seed=1, model=EXACT.with_(shift=(1, 1))
    )
    assert set(np.round(up, 6)) == {0.75}
    wide = Model(band=0.0, unknown=(0.5, 0.5), shift=(-1, -1))
    down = draws(Cell([Item("d", 1.0)], [Item("a", 0.25)]), n=100, seed=1, model=wide)
    assert set(np.round(down, 6)) == {0.375}  # 0.75 × (1 − 0.5 unnamed), not 0.75 × 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"band": -0.1}, "band must be between 0 and 0.5"),
        ({"band": 0.6}, "band must be between 0 and 0.5"),
        ({"unknown": (0.6, 0.2)}, "low <= high"),
        ({"unknown": (0.0, 1.5)}, "unknown must be between 0 and 1"),
        ({"unknown": 0.3}, "unknown must be a range"),
        ({"min_confidence": 2}, "min_confidence must be between 0 and 1"),
        ({"coder_noise": float("nan")}, "coder_noise must be between 0 and 1"),
        ({"coder_noise": "0.2"}, "coder_noise must be a number"),
        ({"shift": 3}, "shift must be"),
        ({"shift": (1, 3)}, "shift must be"),
    ],
)
def test_bad_model_choices_are_one_line_errors(changes: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        Model(**changes)


def test_hinge_is_the_claim_whose_removal_moves_the_value_most() -> None:
    cell = Cell([Item("d1", 0.75), Item("d2", 0.25)], [Item("a", 0.5)])
    iri, effect = hinge(cell, n=2000, seed=1, model=EXACT)
    assert iri == "d1" and effect == pytest.approx(0.25 * 0.5 - 0.375)
    assert hinge(Cell([Item("d1", 0.5), Item("d2", 0.5)]), n=500, seed=1, model=EXACT) == (
        None, 0.0,
    )  # fmt: skip
    iri, effect = hinge(Cell([Item("d", 0.75)], [Item("a", 0.75)]), n=500, seed=1, model=EXACT)
    assert iri == "a" and effect > 0  # removing the alternative raises the value
    # a claim restated under two IRIs is one claim: removing it (both) moves the value
    restated = Item("d", 0.75, members=("d", "d-again"))
    assert hinge(Cell([restated]), n=500, seed=1, model=EXACT) == ("d", -0.5625)
    # two claims of the same content from other sources are twins: neither is a hinge
    twins = [Item(f"t{k}", 0.75, 0.6, stream=("dependency", ("energy",), 0.75, 0.6, k))
             for k in (0, 1)]  # fmt: skip
    assert hinge(Cell(twins), n=500, seed=1) == (None, 0.0)
    tiny = hinge(Cell([Item("d", 0.75)], [Item("a", 0.26)]), n=500, seed=1, model=EXACT)
    assert tiny == (None, 0.0) or abs(tiny[1]) >= HINGE_MIN
