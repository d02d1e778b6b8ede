"""``stats`` on a store answers from aggregate queries and says what ``stats`` says of
the same files in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bilateral.graph.checks.stats import stats
from bilateral.graph.source.load import load
from bilateral.graph.source.store import load_store, open_dataset

PREFIXES = """@prefix bil: <https://w3id.org/bilateral/ontology#> .
@prefix bid: <https://w3id.org/bilateral/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
"""

#: the same triples in two files, a subclass of bil:Actor from the data, a node of two
#: kinds, dates out of order
DUPLICATES = (
    PREFIXES
    + """
ex:Militia rdfs:subClassOf bil:Actor .
bid:dup-1 a bil:Loan , bil:Dependency ; bil:quote "q" , "r" ; bil:date "2030-02-01"^^xsd:date .
bid:dup-2 a ex:Militia ; rdfs:label "m" .
bid:dup-3 a bil:State , bil:Person ; bil:startDate "1990-05-01"^^xsd:date .
"""
)


def _no_triple_reads(g: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("stats on a store read triples one by one")

    for name in ("triples", "objects", "subjects", "subject_objects", "quads", "__iter__"):
        monkeypatch.setattr(g, name, refuse)


def test_store_stats_match_memory_on_bundled(bundled, bundled_store, monkeypatch) -> None:
    _no_triple_reads(bundled_store, monkeypatch)
    assert stats(bundled_store) == stats(bundled)


def test_store_stats_match_memory_with_duplicates(tmp_path: Path, monkeypatch) -> None:
    for name in ("a.ttl", "b.ttl"):
        (tmp_path / name).write_text(DUPLICATES, encoding="utf-8")
    paths = [tmp_path / "a.ttl", tmp_path / "b.ttl"]
    load_store(tmp_path / "store", paths)
    g = open_dataset(tmp_path / "store")
    _no_triple_reads(g, monkeypatch)
    found, expected = stats(g), stats(load(paths))
    assert found == expected
    assert found["date_range"] == ["1990-05-01", "2030-02-01"]
    assert found["quotes"] == 2  # the same quote in two files is one quote
    assert found["actors_by_class"]["Actor"] == 1  # ex:Militia, known only from the data
