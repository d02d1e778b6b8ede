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
