"""Query results as typed DataFrames: numbers, dates and booleans that pandas can compute
with, strings as strings, the same on the store as in memory (issue 15)."""

from __future__ import annotations

import pandas as pd
import pytest

import bilateral

VALUES = """SELECT ?i ?d ?t ?b ?s ?iri WHERE {
  VALUES (?i ?d ?t ?b ?s ?iri) {
    (1 "0.25"^^xsd:decimal "2021-06-01"^^xsd:date true "x" bid:belarus)
    (2 1.5e0 "2020-08-09"^^xsd:date false "y"@en bid:russia)
  } }"""


def test_loans_compute_in_pandas(bundled) -> None:
    df = bilateral.query(named="cq-loans", g=bundled)
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert df["amount"].dtype == "float64" and df["amount"].describe()["max"] > 0
    assert df["date"].notna().any()
    assert set(df["date"].dropna().dt.year) <= set(range(2020, 2023))
    # a month-precision date is the first day of its month (docs/querying.md)
    month = df[df["precision"] == "month"]["date"].dropna()
    assert len(month) and (month.dt.day == 1).all()
    assert pd.api.types.is_string_dtype(df["loan"]) and df["loan"].dtype == "string"
    assert df["loan"].str.startswith("https://w3id.org/bilateral/id/").all()


def test_each_xsd_kind_has_its_dtype(bundled) -> None:
    df = bilateral.query(bundled, VALUES)
    assert [str(t) for t in df.dtypes] == [
        "Int64",
        "float64",
        "datetime64[ns]",
        "bool",
        "string",
        "string",
    ]
    assert df["i"].sum() == 3 and df["d"].sum() == pytest.approx(1.75)
    assert list(df["iri"]) == [str(bilateral.iri("bid:belarus")), str(bilateral.iri("bid:russia"))]


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_counts_are_integers_and_missing_values_are_na(bundled) -> None:
    df = bilateral.query(
        bundled, "SELECT ?kind (COUNT(?s) AS ?n) WHERE { ?s a ?kind } GROUP BY ?kind"
    )
    assert df["n"].dtype == "Int64"
    df = bilateral.query(
        bundled,
        "SELECT ?s ?strength WHERE { ?s a bil:Statement OPTIONAL { ?s bil:strength ?strength } }",
    )
    assert df["strength"].dtype == "float64" and df["strength"].isna().any()
    # (a row with nothing bound at all is dropped: an aggregate over nothing)
    df = bilateral.query(bundled, "SELECT ?b ?n WHERE { VALUES (?b ?n) { (true 1) (UNDEF 2) } }")
    assert df["b"].dtype == "boolean" and df["b"].isna().sum() == 1


def test_date_times_with_offsets_are_utc(bundled) -> None:
    df = bilateral.query(
        bundled,
        'SELECT ?t WHERE { VALUES ?t { "2021-01-01T10:00:00+02:00"^^xsd:dateTime '
        '"2021-01-01T09:00:00Z"^^xsd:dateTime } }',
    )
    assert str(df["t"].dtype) == "datetime64[ns, UTC]"
    assert df["t"].iloc[0] == df["t"].iloc[1] - pd.Timedelta(hours=1)


def test_mixed_and_ill_typed_columns_stay_objects(bundled) -> None:
    df = bilateral.query(
        bundled, 'SELECT ?v WHERE { VALUES ?v { 1 "2021-01-01"^^xsd:date "x" bid:belarus } }'
    )
    assert df["v"].dtype == object
    assert [type(v).__name__ for v in df["v"]] == ["int", "Timestamp", "str", "str"]
    df = bilateral.query(bundled, 'SELECT ?v WHERE { VALUES ?v { 1.5 "abc"^^xsd:decimal } }')
    assert df["v"].dtype == object and list(df["v"]) == [1.5, "abc"]


@pytest.mark.slow  # eight queries; test_infer's store answers are the quick store check
def test_the_store_gives_the_same_dtypes(bundled, bundled_store) -> None:
    for named in ("cq-loans", "cq-dependencies", "cq-timeline"):
        a = bilateral.query(named=named, g=bundled_store)
        b = bilateral.query(named=named, g=bundled)
        assert list(a.dtypes) == list(b.dtypes), named
    assert list(bilateral.query(bundled_store, VALUES).dtypes) == list(
        bilateral.query(bundled, VALUES).dtypes
    )


def test_the_precision_example_of_the_docs_runs() -> None:
    """docs/querying.md shows how to turn month/year dates into periods: run it as shown."""
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "querying.md").read_text(encoding="utf-8")
    code = next(b for b in re.findall(r"```python\n(.*?)```", doc, re.S) if "to_period" in b)
    scope: dict[str, object] = {"bilateral": bilateral, "pd": pd}
    exec(code, scope)
    when = scope["df"]["when"]  # type: ignore[index]
    assert str(when.dtype) == "period[M]"
    assert "2020-12" in {str(p) for p in when.dropna()}
