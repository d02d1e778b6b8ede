"""Search finds its targets whatever the spelling: the variants of issue 14."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.source.storemeta import cache_name
from bilateral.graph.source.storemeta import path as meta
from bilateral.graph.sparql.search_index import INDEX_NAME
from bilateral.ontology.vocab import BID, BIL

# (what a user types, the entity or statement it must find among the first three)
BUNDLED = [
    ("defence", "belarusian-air-defense"),  # British spelling, data says "defense"
    ("air defence", "dep-military-air-defense"),
    ("Rosselkhoznadzor", "rosselhoznadzor"),  # the memo spells it without the k
    ("Lukashenko’s nominee", "ermakova-appointment-2021-01"),  # curly apostrophe
    ("Lukashenko's nominee", "role-ermakova-belgazprombank"),  # straight, quote is curly
    ("Yermakova", "ermakova"),  # e/ye
    ("Lukashenko", "lukashenko"),
    ("Lukashenk", "lukashenko"),  # a prefix
    ("Lukashneko", "lukashenko"),  # a typo (two letters swapped)
    ("propoganda", "support-propaganda-2020"),  # a typo
    ("Belgazprombank raiding", "gazprom-accepted-raid"),
    ("one team", "one-team-remark-2021-01"),
    ("tightly stuck", "one-team-remark-2021-01"),
    ("ANNEXATION of crimea", "crimea-annexation"),
    ("machine building", "machine-building"),
    ("Kremlin", "russia"),  # an alias
]


@pytest.mark.parametrize(("typed", "target"), BUNDLED)
def test_bundled_variants_find_their_target(bundled, typed: str, target: str) -> None:
    found = list(bilateral.search(bundled, typed, limit=3)["iri"])
    assert BID + target in found, (typed, found)


def _tiny() -> Graph:
    g = Graph()
    names = {
        "zelensky": ["Volodymyr Zelenskiy"],
        "medvedev": ["Dmitriy Medvedev"],
        "yury": ["Yuriy Voronezhsky"],
        "tatyana": ["Tatyana Khodorkovskaya"],
        "yelena": ["Yelena Kh. Smirnova"],
        "centre": ["Centre for Strategic Analysis"],
        "cafe": ["Café Ørsted"],
    }
    for slug, labels in names.items():
        g.add((URIRef(BID + slug), RDF.type, URIRef(BIL + "Person")))
        for text in labels:
            g.add((URIRef(BID + slug), RDFS.label, Literal(text, lang="en")))
    g.add((URIRef(BID + "zelensky"), SKOS.altLabel, Literal("President of Ukraine", lang="en")))
    return g


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("Zelensky", "zelensky"),  # -skiy / -sky
        ("Zelenskyi", "zelensky"),
        ("Dmitry Medvedev", "medvedev"),  # iy / y
        ("Dmitri", "medvedev"),  # iy / i
        ("Iuriy Voronezhskiy", "yury"),  # yu / iu, -sky / -skiy
        ("Tatiana Hodorkovskaia", "tatyana"),  # ya / ia, kh / h
        ("Elena Smirnova", "yelena"),  # ye / e
        ("center", "centre"),  # British / American
        ("cafe orsted", "cafe"),  # diacritics
        ("president ukraine", "zelensky"),  # stopwords and an alias
    ],
)
def test_transliteration_variants(typed: str, target: str) -> None:
    assert bilateral.search(_tiny(), typed, limit=1).iloc[0]["iri"] == BID + target


def test_ranking_kind_filter_and_columns(bundled) -> None:
    df = bilateral.search(bundled, "Lukashenko", kind="Person")
    assert list(df.columns) == ["score", "iri", "label", "kind", "field", "snippet"]
    assert df.iloc[0]["iri"] == BID + "lukashenko" and set(df["kind"]) == {"Person"}
    assert list(df["score"]) == sorted(df["score"], reverse=True)
    loans = bilateral.search(bundled, "tranche", kind="bil:Agreement")  # subclasses count
    assert BID + "loan-2020-tranche-1" in set(loans["iri"])
    with pytest.raises(InputError, match="did you mean Person"):
        bilateral.search(bundled, "x", kind="Persn")


def test_partial_matches_when_no_field_holds_every_word(bundled) -> None:
    df = bilateral.search(bundled, "Rosselkhoznadzor zzzzqqq watchdog")
    assert BID + "dep-trade-agricultural-imports" in set(df["iri"])
    assert bilateral.search(bundled, "qqqqzzzz").empty


def test_search_on_a_store_builds_its_index_once(
    bundled, bundled_store, bundled_store_dir, monkeypatch
) -> None:
    from bilateral.graph.sparql import search_index

    first = bilateral.search(bundled_store, "Rosselkhoznadzor")
    assert meta(bundled_store_dir, cache_name(INDEX_NAME)).is_file()
    builds: list[object] = []
    real = search_index.build
    monkeypatch.setattr(search_index, "build", lambda g: builds.append(g) or real(g))
    again = bilateral.search(bundled_store, "Rosselkhoznadzor")
    assert builds == []  # read from the store's folder, not built again
    assert first.equals(again)
    assert list(first["iri"]) == list(bilateral.search(bundled, "Rosselkhoznadzor")["iri"])


def test_store_index_is_rebuilt_after_a_load(tmp_path, data_dir) -> None:
    from bilateral.graph.source.store import load_store, open_dataset

    folder = tmp_path / "store"
    load_store(folder, [data_dir / "tiny"])
    assert bilateral.search(open_dataset(folder), "Rosselkhoznadzor").empty
    load_store(folder, ["bundled"])
    assert not bilateral.search(open_dataset(folder), "Rosselkhoznadzor").empty


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_cli_search_json_and_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["search", "Rosselkhoznadzor", "--format", "json", "--limit", "2"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[0]["iri"] == BID + "rosselhoznadzor" and len(rows) == 2
    assert runner.invoke(app, ["search", "x", "--kind", "Nothing"]).exit_code == 2
    assert runner.invoke(app, ["search", "  ..  "]).exit_code == 2
