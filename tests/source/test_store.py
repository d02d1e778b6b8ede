"""The persistent Oxigraph store: load, re-load, errors, and every command on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import DataSyntaxError, InputError
from bilateral.graph.source.store import load_store, open_dataset

FIX = Path(__file__).parent.parent / "data"
runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kg") / "store"
    load_store(folder, ["bundled"])
    return folder


def test_store_holds_the_same_graph(store_dir: Path, bundled) -> None:
    g = open_dataset(store_dir)
    assert len(g) == len(bundled)
    assert bilateral.validate(g) == []


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_named_queries_agree_with_memory(store_dir: Path, bundled) -> None:
    from decimal import Decimal

    def value(v):  # Oxigraph writes 500000000 where rdflib keeps 500000000.0
        if isinstance(v, Decimal):
            return str(float(v))
        return "|".join(sorted(re.split(r" \| | … ", str(v))))  # GROUP_CONCAT order is free

    def rows(df):
        return sorted(tuple(value(v) for v in row) for row in df.values)

    g = open_dataset(store_dir)
    for name in ("cq-loans", "cq-dependencies", "cq-crimea", "cq-timeline"):
        a = bilateral.query(named=name, g=g)
        b = bilateral.query(named=name, g=bundled)
        assert rows(a) == rows(b), name


def test_measures_agree_with_memory(store_dir: Path, bundled) -> None:
    g = open_dataset(store_dir)
    assert bilateral.dependence(g, "belarus", "russia").total == pytest.approx(
        bilateral.dependence(bundled, "belarus", "russia").total
    )


def test_reload_converges(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    first = load_store(folder, [FIX / "tiny"]).triples
    assert load_store(folder, [FIX / "tiny"]).triples == first


def test_bad_file_is_not_left_half_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    before = load_store(folder, [FIX / "tiny"]).triples
    with pytest.raises(DataSyntaxError) as info:
        load_store(folder, [FIX / "bad" / "malformed.ttl"])
    assert info.value.line == 6 and "malformed.ttl" in str(info.value)
    assert len(open_dataset(folder)) == before


def test_store_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="not a bilateral store"):
        load_store(tmp_path, [FIX / "tiny"])
    with pytest.raises(InputError, match="no store"):
        open_dataset(tmp_path / "missing")


def test_cli_on_store(store_dir: Path, tmp_path: Path) -> None:
    s = ["--store", str(store_dir)]
    assert runner.invoke(app, ["validate", *s]).exit_code == 0
    r = runner.invoke(app, ["query", "--named", "cq-one-team", "--format", "csv", *s])
    assert "one team" in r.stdout
    assert (
        runner.invoke(app, ["dependence", "minsk", "moscow", "--format", "json", *s]).exit_code == 0
    )
    assert runner.invoke(app, ["centrality", "--top", "3", *s]).exit_code == 0
    assert runner.invoke(app, ["render", "--out", str(tmp_path / "g.html"), *s]).exit_code == 0
    both = runner.invoke(app, ["validate", *s, "--data", "bundled"])
    assert both.exit_code == 2 and "not both" in both.stderr


def test_cli_load(tmp_path: Path) -> None:
    r = runner.invoke(app, ["load", "--store", str(tmp_path / "s"), str(FIX / "tiny")])
    assert r.exit_code == 0 and "triples" in r.stdout
    r = runner.invoke(
        app, ["load", "--store", str(tmp_path / "s"), str(FIX / "bad" / "malformed.ttl")]
    )
    assert r.exit_code == 2 and "malformed.ttl:6" in r.stderr
