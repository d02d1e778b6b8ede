"""Every competency question runs on the bundled data and returns its key facts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

import bilateral
from bilateral.graph.sparql.named import named_queries

BID = "https://w3id.org/bilateral/id/"


def q(bundled, name: str) -> pd.DataFrame:
    result = bilateral.query(named=name, g=bundled)
    assert isinstance(result, pd.DataFrame)
    return result


@pytest.mark.slow
def test_every_named_query_has_a_question_and_runs(bundled) -> None:
    for name, nq in named_queries().items():
        assert nq.question.endswith("?") or nq.question.endswith(")"), name
        assert len(q(bundled, name)) > 0, f"{name} returned nothing"


def test_cq1_loans(bundled) -> None:
    df = q(bundled, "cq-loans").set_index("loan")
    t1, t2 = df.loc[BID + "loan-2020-tranche-1"], df.loc[BID + "loan-2021-tranche-2"]
    assert t1["date"].date() == date(2020, 12, 1) and t2["date"].date() == date(2021, 6, 1)
    assert t1["amount"] == Decimal("500000000") == t2["amount"]
    assert t1["currency"] == "USD" == t2["currency"]
    assert t1["partOf"] == t2["partOf"] == BID + "intergovernmental-loan"
    tax = df.loc[BID + "loan-2021-tax-maneuver"]
    assert tax["date"].date() == date(2021, 7, 1) and "tax maneuver" in tax["quote"]


def test_cq2_assistance(bundled) -> None:
    df = q(bundled, "cq-assistance")
    domains = set(df["domain"])
    assert {"political", "information", "economic", "security", "diplomatic"} <= domains
    labels = " ".join(df["label"]).lower()
    assert "security officials helped coordinate" in labels
    assert "police reinforcement pledged" in labels
    assert "propaganda" in labels and "diplomatic endorsement" in labels


def test_cq3_military_facilities(bundled) -> None:
    df = q(bundled, "cq-military-facilities")
    assert len(df) == 1
    row = df.iloc[0]
    assert row["count"] == 2 and row["status"] == "extended"
    assert row["lessee"] == "Russia" and row["lessor"] == "Belarus"


def test_cq4_acquisition_appetite(bundled) -> None:
    df = q(bundled, "cq-acquisition-appetite")
    assert set(df["sector"]) == {"petrochemical industry", "machine-building", "banking sector"}


def test_cq5_takeover_attempt(bundled) -> None:
    df = q(bundled, "cq-takeover-2011")
    assert len(df) == 1
    row = df.iloc[0]
    assert "strategic enterprises" in row["label"] and row["status"] == "attempted"
    assert "little result" in row["comment"]
    assert row["eventDate"].date() == date(2010, 12, 1) and row["eventStatus"] == "rigged"


def test_cq6_moscow_concessions(bundled) -> None:
    df = q(bundled, "cq-moscow-concessions")
    by = dict(zip(df["statement"], df["status"], strict=True))
    assert by[BID + "constitutional-change-insistence"] == "abandoned"
    assert by[BID + "pro-russian-party-not-registered"] == "denied"
    assert by[BID + "gazprom-accepted-raid"] == "accepted"


def test_cq7_crimea(bundled) -> None:
    df = q(bundled, "cq-crimea")
    assert set(df["statement"]) == {BID + "no-crimea-recognition", BID + "no-crimea-transport"}
    assert set(df["status"]) == {"not-done"}
    assert any("de jure recognized" in quote for quote in df["quote"])


def test_cq8_scenarios(bundled) -> None:
    df = q(bundled, "cq-scenarios")  # one row per quote
    assert df["scenario"].nunique() == 3
    text = " ".join(df["quote"])
    assert "change of leadership" in text
    assert "next revolutionary tide will be geopolitical" in text
    assert "withdraw support for Lukashenko" in text


def test_cq9_dependencies(bundled) -> None:
    df = q(bundled, "cq-dependencies")
    assert {
        "energy",
        "finance",
        "security",
        "trade",
        "information",
        "political",
        "diplomatic",
        "military",
    } <= set(df["domain"])
    quotes = " ".join(df["quote"])  # one row per quote
    for fact in (
        "Gas and oil prices",
        "$500 million tranches",
        "coordinate the regime",
        "air defense",
        "agricultural products",
        "oil products via Russian Baltic",
        "propaganda machine",
        "diplomatic endorsement",
    ):
        assert fact in quotes, fact
    assert df["strength"].between(0, 1).all()


def test_cq10_one_team(bundled) -> None:
    df = q(bundled, "cq-one-team")
    assert len(df) == 1
    assert "“we [Lukashenko and Putin] are tightly stuck into one team.”" in df.iloc[0]["quote"]
    assert df.iloc[0]["precision"] == "month"


def test_cq11_pressure_west(bundled) -> None:
    df = q(bundled, "cq-pressure-west").set_index("statement")
    assert df.loc[BID + "migrant-trafficking", "role"] == "pressure on the West"
    assert "trafficking migrants into the EU" in df.loc[BID + "migrant-trafficking", "quote"]
    assert df.loc[BID + "transit-cutoff-not-allowed", "status"] == "not-allowed"


def test_cq12_pledges(bundled) -> None:
    df = q(bundled, "cq-pledges")
    assert set(df["sector"]) == {"banking sector", "agricultural products"}
    assert set(df["status"]) == {"pledged"}


@pytest.mark.parametrize(
    ("name", "column", "expected"),
    [
        ("cq-negative-facts", "status", {"not-done", "denied", "abandoned", "not-planned"}),
        ("cq-hedged", "hedge", {"reportedly", "widely believed", "arguably", "apparently"}),
        ("cq-prices", "status", {"frozen", "ended"}),
        ("cq-belgazprombank", "label", None),
        ("cq-regional-context", "party", None),
    ],
)
def test_own_questions(bundled, name: str, column: str, expected: set[str] | None) -> None:
    df = q(bundled, name)
    if expected is not None:
        assert expected <= set(df[column])


def test_own_belgazprombank_story(bundled) -> None:
    labels = " ".join(q(bundled, "cq-belgazprombank")["label"])
    for fact in ("credit line", "Ermakova", "Babariko", "Raiding"):
        assert fact in labels


def test_own_regional_context(bundled) -> None:
    parties = " ".join(q(bundled, "cq-regional-context")["party"])  # one row per party
    for country in ("Armenia", "Azerbaijan", "Kyrgyzstan", "Tajikistan", "Moldova"):
        assert country in parties


def test_own_timeline_is_sorted_and_marks_inferred_dates(bundled) -> None:
    df = q(bundled, "cq-timeline")
    assert list(df["when"]) == sorted(df["when"])
    assert {"stated", "inferred"} <= set(df["basis"].dropna())


def test_own_sources_mark_unknowns(bundled) -> None:
    df = q(bundled, "cq-sources")  # one row per cited source
    memo = df[df["source"] == "https://w3id.org/bilateral/source/ponars-memo-2021"]
    assert set(memo["unknownFields"]) == {"creator, url"}
    assert set(memo["uncertainFields"]) == {"date, publisher, title"}  # in a fixed order
    assert memo["cites"].str.startswith("https://w3id.org/bilateral/source/").sum() == 3


def test_own_integration(bundled) -> None:
    df = q(bundled, "cq-integration")
    assert {"proposed", "renamed", "stalled"} <= set(df["status"])
