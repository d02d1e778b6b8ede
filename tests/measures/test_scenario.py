"""Scenarios and comparisons on the fixture: one snapshot, fixed domains, the change if
the scenario happens, the source's hedge shown beside it and never multiplied in."""

from __future__ import annotations

import pytest

import bilateral

from .conftest import BID

EXACT = {"band": 0.0, "unknown": (0.25, 0.25)}


def test_named_scenario_hand_computed(dyad) -> None:
    """ "Cland withdraws" (may: 0.5) removes Cland, so the partial alternative it offered
    goes, and halves Aland's finance dependency: 0.75 × 0.5 × (1 − 0.25) = 0.28125. The
    change is the change if it happens, whatever the "may"."""
    r = bilateral.scenario(dyad, "t-scenario", **EXACT)
    assert r.dyad_basis.startswith("scenario")
    assert (r.before.dependent, r.before.provider) == (BID + "aland", BID + "bland")
    rows = {row["domain"]: row for row in r.dependence_table()}
    assert rows["finance"]["sdi_before"] == 0.375 and rows["finance"]["sdi_after"] == 0.2812
    assert rows["finance"]["change"] == pytest.approx(-0.0938, abs=1e-4)
    assert rows["TOTAL"]["change"] == pytest.approx(-0.0094, abs=1e-4)
    # it happens in every draw of "after": the interval of the change is the change's own
    assert rows["TOTAL"]["change_low"] == rows["TOTAL"]["change_high"] == rows["TOTAL"]["change"]
    assert "expected_change" not in rows["TOTAL"]
    assert (r.likelihood, r.hedge, r.confidence) == (0.5, "may", 0.5)
    assert BID + "t-alt-ab" in r.removed and BID + "cland" in r.removed
    assert r.after.active == r.before.active
    rules = {(x["domain"], x["statement"].rsplit("/", 1)[-1]): x["rule"] for x in r.rules()}
    assert rules == {
        ("finance", "t-alt-ab"): "loses its only alternative (cland)",
        ("finance", "t-dep-ab"): "weakened by the scenario (bil:weakens, x0.5)",
    }
    assert r.because[BID + "cland"] == "named by the scenario"


def test_the_default_model_gives_the_change_an_interval(dyad) -> None:
    r = bilateral.scenario(dyad, "t-scenario")
    total = r.dependence_table()[-1]
    assert total["change_low"] <= total["change"] <= total["change_high"]
    assert total["change"] < 0 < total["change_high"]  # removing an alternative can raise it


def test_ad_hoc_scenarios(dyad) -> None:
    r = bilateral.scenario(dyad, None, remove=["t-dep-ab"], dependent="aland", provider="bland")
    assert r.likelihood == 1.0 and r.hedge is None and r.after.total == 0.0
    assert r.because[BID + "t-dep-ab"] == "named by the scenario"
    r = bilateral.scenario(dyad, None, drop_kinds=["Dependency"])
    assert r.after.total == 0.0 and r.after.reverse_total == 0.0


def test_compare_two_dates_on_the_same_domains(dyad) -> None:
    c = bilateral.compare(
        dyad, "2020-06-01", "2021-06-01", dependent="aland", provider="bland", **EXACT
    )
    rows = {row["domain"]: row for row in c.dependence_table()}
    assert rows["finance"]["sdi_2020-06-01"] == 0.5625 and rows["finance"]["sdi_2021-06-01"] == 0.0
    assert c.dep_first.active == c.dep_second.active and len(c.dep_first.active) == 10
    assert "rank_change" in c.centrality.columns
    later = bilateral.compare(dyad, "2021-06-01", "2024-06-01", dependent="aland", provider="bland")
    rows = {row["domain"]: row for row in later.dependence_table()}
    assert rows["trade"]["carried_2024-06-01"] and not rows["trade"]["carried_2021-06-01"]
    assert rows["TOTAL"]["change"] == 0.0
    known = bilateral.compare(
        dyad, "2020-06-01", "2021-06-01", dependent="aland", provider="bland", known_by="2020-12-31"
    )
    assert known.dep_second.total == 0.0  # the 2021 source was not known by then


def test_results_become_frames(dyad) -> None:
    r = bilateral.scenario(dyad, "t-scenario")
    assert list(r.to_frame().index)[-1] == "TOTAL"
    doc = r.to_dict()
    assert doc["likelihood"] == 0.5 and doc["hedge"] == "may" and doc["rules"]


def test_removing_a_side_of_the_dyad_is_refused(dyad) -> None:
    from bilateral.errors import InputError

    with pytest.raises(InputError, match="one side of the dyad"):
        bilateral.scenario(dyad, None, remove=["aland"], dependent="aland", provider="bland")


def test_json_has_no_nan_and_ranks_sort_by_the_better_rank(dyad) -> None:
    import json

    r = bilateral.scenario(dyad, None, remove=["cland"], dependent="aland", provider="bland")
    text = json.dumps(r.to_dict(), allow_nan=False)  # raises on NaN
    rows = json.loads(text)["centrality"]
    gone = [row for row in rows if row["rank_after"] is None]
    assert [row["iri"] for row in gone] == [BID + "cland"]
    best = [min(x for x in (r["rank_before"], r["rank_after"]) if x is not None) for r in rows]
    assert best == sorted(best)
    assert {"bandwidth_before", "bandwidth_after"} <= set(r.dependence_table()[0])
