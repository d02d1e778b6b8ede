"""The index as pure maths: point values, draws, hedges as probabilities, hinges."""

from __future__ import annotations

import numpy as np
import pytest

from bilateral.graph.measures.sdi import (
    HALF_BAND,
    UNKNOWN_MAX,
    UNKNOWN_POINT,
    Cell,
    Item,
    draws,
    hinge,
    interval,
    point,
)


def test_point_is_sensitivity_times_lack_of_alternatives() -> None:
    assert point(Cell([Item("d", 0.75)], [Item("a", 0.5)])) == pytest.approx(0.375)
    assert point(Cell([Item("d", 0.75)], [Item("a", 0.0)])) == 0.75  # "no alternative"
    # the source names none: the documented assumption, not "none exist"
    assert point(Cell([Item("d", 0.75)])) == pytest.approx(0.75 * (1 - UNKNOWN_POINT))
    assert point(Cell([], [Item("a", 0.5)])) == 0.0  # alternatives without dependence


def test_statements_do_not_add_up() -> None:
    """Several statements of one dependence are one piece of evidence: the strongest."""
    one = Cell([Item("d1", 0.5)])
    three = Cell([Item("d1", 0.5), Item("d2", 0.5), Item("d3", 0.25)])
    assert point(one) == point(three)


def test_a_hedge_is_a_probability_not_a_discount() -> None:
    """ "Reportedly critical" (confidence 0.4) is critical in ~40 % of draws and absent in
    the others; never "certainly moderate"."""
    cell = Cell([Item("d", 1.0, confidence=0.4)], [Item("a", 0.0)])
    assert point(cell) == 0.0  # more likely false than true: not in the point value
    x = draws(cell, n=4000, seed=3, key="k")
    present = x > 0
    assert 0.37 < present.mean() < 0.43
    # when it holds, it is critical (the "no alternative" band is [0, HALF_BAND])
    assert x[present].min() >= (1.0 - HALF_BAND) ** 2 - 1e-9
    assert point(Cell([Item("d", 1.0, confidence=0.5)], [Item("a", 0.0)])) == 1.0


def test_draws_stay_in_bands_and_are_deterministic() -> None:
    cell = Cell([Item("d", 0.5)], [Item("a", 0.25)])
    x = draws(cell, n=2000, seed=7, key="k")
    assert np.array_equal(x, draws(cell, n=2000, seed=7, key="k"))
    assert not np.array_equal(x, draws(cell, n=2000, seed=8, key="k"))
    lo = (0.5 - HALF_BAND) * (1 - (0.25 + HALF_BAND))
    hi = (0.5 + HALF_BAND) * (1 - (0.25 - HALF_BAND))
    assert lo - 1e-9 <= x.min() and x.max() <= hi + 1e-9
    low, high = interval(x, 0.9)
    assert lo <= low < point(cell) < high <= hi


def test_unknown_alternatives_give_a_range() -> None:
    x = draws(Cell([Item("d", 1.0)]), n=4000, seed=1, key="k")
    assert x.min() >= (1 - HALF_BAND) * (1 - UNKNOWN_MAX) - 1e-9 and x.max() <= 1.0
    assert x.max() - x.min() > 0.4  # the interval carries the range


def test_draws_of_a_statement_do_not_depend_on_order_or_neighbours() -> None:
    """Each statement is seeded by its IRI (the dyad-level property, that other dyads'
    data change nothing, is tested in test_dependence.py)."""
    a, b = Item("d1", 0.75, 0.7), Item("d2", 0.5, 0.9)
    assert np.array_equal(
        draws(Cell([a, b]), n=500, seed=1, key="k"), draws(Cell([b, a]), n=500, seed=1, key="k")
    )
    # a statement that never wins the max changes nothing: the others' draws do not
    # depend on it (with one shared random stream they would shift)
    certain = Item("d1", 0.75, 1.0)
    alone = draws(Cell([certain], [Item("x", 0.5)]), n=500, seed=1, key="k")
    crowded = draws(
        Cell([Item("z", 0.0), certain], [Item("y", 0.0), Item("x", 0.5)]), n=500, seed=1, key="k"
    )
    assert np.array_equal(alone, crowded)
    other_seed = draws(Cell([certain], [Item("x", 0.5)]), n=500, seed=2, key="k")
    assert not np.array_equal(alone, other_seed)


def test_weakening_multiplies_the_strength() -> None:
    assert point(Cell([Item("d", 0.75, factor=0.5)], [Item("a", 0.0)])) == 0.375


def test_hinge_is_the_statement_whose_removal_moves_the_value_most() -> None:
    cell = Cell([Item("d1", 0.75), Item("d2", 0.25)], [Item("a", 0.5)])
    assert hinge(cell) == ("d1", pytest.approx(0.25 * 0.5 - 0.375))
    assert hinge(Cell([Item("d1", 0.5), Item("d2", 0.5)])) == (None, 0.0)  # no single one
    iri, effect = hinge(Cell([Item("d", 0.75)], [Item("a", 0.75)]))
    assert iri == "a" and effect > 0  # removing the alternative raises the value
