"""The columnar read of statements: the same records from a graph and from a store, and
the same values as the subject-grouped read (``props``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bilateral.graph.measures.records import Column, read_columns, statements
from bilateral.graph.measures.snapshot import read_snapshot
from bilateral.graph.source.read import RDFS_LABEL, columns, props, types


def test_column_keeps_the_first_value_and_groups_only_when_needed() -> None:
    single = Column([["s1", "a"], ["s2", "b"]])
    assert single.groups is None
    assert single.all("s1") == ("a",) and single.all("nobody") == ()
    several = Column([["s1", "a"], ["s2", "b"], ["s1", "c"]])
    assert several.first == {"s1": "a", "s2": "b"}
    assert list(several.all("s1")) == ["a", "c"]
    assert dict(several.items()) == {"s1": ["a", "c"], "s2": ["b"]}


@pytest.mark.parametrize("where", ["graph", "store"])
def test_columns_hold_what_props_holds(where: str, bundled, bundled_store) -> None:
    g = bundled if where == "graph" else bundled_store
    preds = [RDFS_LABEL, "https://w3id.org/bilateral/ontology#party"]
    grouped = props(g, preds)
    for p, col in read_columns(g, preds).items():
        expected = {s: sorted(d[p]) for s, d in grouped.items() if p in d}
        assert {s: sorted(v) for s, v in col.items()} == expected
    assert sum(len(rows) for rows in columns(g, preds).values()) == sum(
        len(v) for d in grouped.values() for v in d.values()
    )


def test_types_group_every_type_of_a_subject(bundled) -> None:
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert types(bundled) == {s: set(d[rdf_type]) for s, d in props(bundled, [rdf_type]).items()}


@pytest.mark.parametrize("detail", [False, True])
def test_a_store_gives_the_records_of_the_graph(detail: bool, bundled, bundled_store) -> None:
    def same(recs):  # rdflib writes decimals in canonical form ("5.0"), Oxigraph as given
        return [
            replace(r, extra=r.extra | {"amount": float(r.extra["amount"])})
            if "amount" in r.extra
            else r
            for r in recs
        ]

    assert same(statements(bundled_store, detail=detail)) == same(
        statements(bundled, detail=detail)
    )
    mem, disk = read_snapshot(bundled, detail=detail), read_snapshot(bundled_store, detail=detail)
    assert disk.actors == mem.actors
    assert disk.names == mem.names


def test_records_are_whole_dataclass_instances(bundled) -> None:
    """The fast constructor sets every field: rebuilding through ``__init__`` changes
    nothing."""
    from dataclasses import fields

    recs = statements(bundled)
    assert all(set(vars(r)) == {f.name for f in fields(r)} for r in recs)
    assert [replace(r) for r in recs] == recs


def test_the_name_table_is_built_on_the_first_label(bundled, monkeypatch) -> None:
    """Slugs and IRIs resolve from the entities alone; the first label builds (once) the
    same table the eager index of the graph holds."""
    from bilateral.graph.source.resolve import NameIndex

    eager = NameIndex.from_graph(bundled)
    built: list[object] = []
    real = NameIndex.build.__func__  # type: ignore[attr-defined]

    def counted(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(args)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(NameIndex, "build", classmethod(counted))
    snap = read_snapshot(bundled)
    bid = "https://w3id.org/bilateral/id/"
    assert snap.resolve("belarus") == snap.resolve(bid + "belarus") == bid + "belarus"
    assert built == []  # not built yet
    assert snap.resolve("Minsk") == bid + "belarus"
    assert snap.resolve("Lukashenko") == bid + "lukashenko"
    assert len(built) == 1
    assert snap.names.names == eager.names and snap.names.entities == eager.entities
