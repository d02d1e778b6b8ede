"""Scenarios and comparisons on the fixture: one snapshot, fixed domains, the scenario's
own confidence in the result."""

from __future__ import annotations

import pytest

import bilateral

from .conftest import BID


def test_named_scenario_hand_computed(dyad) -> None:
    """ "Cland withdraws" (may: 0.5) removes Cland, so the partial alternative it offered
    goes, and halves Aland's finance dependency: 0.75 × 0.5 × (1 − 0.25) = 0.28125."""
    r = bilateral.scenario("t-scenario", dyad)
    assert r.dyad_basis.startswith("scenario")
    assert (r.before.dependent, r.before.provider) == (BID + "aland", BID + "bland")
    rows = {row["domain"]: row for row in r.dependence_table()}
    assert rows["finance"]["sdi_before"] == 0.375 and rows["finance"]["sdi_after"] == 0.2812
    assert rows["TOTAL"]["change"] == pytest.approx(-0.0469, abs=1e-4)
    assert r.confidence == 0.5
    assert rows["TOTAL"]["expected_change"] == pytest.approx(-0.0234, abs=1e-4)
    # half the draws have no scenario: the interval of the change reaches 0
    assert rows["TOTAL"]["change_low"] < 0 <= rows["TOTAL"]["change_high"]
    assert BID + "t-alt-ab" in r.removed and BID + "cland" in r.removed
    assert r.after.active == r.before.active


def test_ad_hoc_scenarios(dyad) -> None:
    r = bilateral.scenario(None, dyad, remove=["t-dep-ab"], dependent="aland", provider="bland")
    assert r.confidence == 1.0 and r.after.total == 0.0
    rows = {row["domain"]: row for row in r.dependence_table()}
    assert rows["TOTAL"]["expected_change"] == rows["TOTAL"]["change"]
    r = bilateral.scenario(None, dyad, drop_kinds=["Dependency"])
    assert r.after.total == 0.0 and r.after.reverse_total == 0.0


def test_compare_two_dates_on_the_same_domains(dyad) -> None:
    c = bilateral.compare("2020-06-01", "2021-06-01", dyad, dependent="aland", provider="bland")
    rows = {row["domain"]: row for row in c.dependence_table()}
    assert rows["finance"]["sdi_2020-06-01"] == 0.375 and rows["finance"]["sdi_2021-06-01"] == 0.0
    assert c.dep_first.active == c.dep_second.active == ["finance", "trade"]
    assert "rank_change" in c.centrality.columns


def test_results_become_frames(dyad) -> None:
    r = bilateral.scenario("t-scenario", dyad)
    assert list(r.to_frame().index)[-1] == "TOTAL"
    assert r.to_dict()["confidence"] == 0.5


def test_removing_a_side_of_the_dyad_is_refused(dyad) -> None:
    from bilateral.errors import InputError

    with pytest.raises(InputError, match="one side of the dyad"):
        bilateral.scenario(None, dyad, remove=["aland"], dependent="aland", provider="bland")


def test_json_has_no_nan_and_ranks_sort_by_the_better_rank(dyad) -> None:
    import json

    r = bilateral.scenario(None, dyad, remove=["cland"], dependent="aland", provider="bland")
    text = json.dumps(r.to_dict(), allow_nan=False)  # raises on NaN
    rows = json.loads(text)["centrality"]
    gone = [row for row in rows if row["rank_after"] is None]
    assert [row["iri"] for row in gone] == [BID + "cland"]
    best = [min(x for x in (r["rank_before"], r["rank_after"]) if x is not None) for r in rows]
    assert best == sorted(best)
    assert {"bandwidth_before", "bandwidth_after"} <= set(r.dependence_table()[0])


def test_scenarios_of_equal_confidence_happen_in_different_draws(dyad) -> None:
    """The change's interval comes from draws in which the scenario happens; two
    scenarios with the same confidence must not happen in exactly the same draws."""
    from bilateral.graph.measures.scenario import side_by_side

    r = bilateral.scenario("t-scenario", dyad)
    one = side_by_side(r.before, r.after, "before", "after", 0.5, key="one")
    two = side_by_side(r.before, r.after, "before", "after", 0.5, key="two")
    assert [x["change"] for x in one] == [x["change"] for x in two]
    total = {"one": one[-1], "two": two[-1]}
    assert total["one"]["change_low"] != total["two"]["change_low"]
