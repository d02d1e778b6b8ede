"""Shapes, SPARQL checks and the quote check each catch their rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.graph.checks.quotes import normalise, strip_furniture


def test_bundled_data_is_valid(bundled_problems) -> None:
    assert bundled_problems == []


def _rules(paths: list[Path | str]) -> set[tuple[str, str]]:
    return {(v.node, v.rule) for v in bilateral.validate(bilateral.load(paths))}


@pytest.mark.slow
def test_shapes_catch_each_rule(data_dir: Path) -> None:
    found = _rules(["bundled", data_dir / "bad" / "shapes-bad.ttl"])
    assert found == {
        ("bid:no-source", "statement-source"),  # its quote unchecked: the same problem
        ("bid:no-quote", "statement-quote"),
        ("bid:bad-date", "date-type"),
        ("bid:amount-no-currency", "amount-currency"),
        ("bid:strength-too-big", "dependency-strength"),
        ("bid:no-provider", "dependency-provider"),
        ("bid:bad-confidence", "confidence-range"),
        ("bid:bad-quote", "quote"),
    }


@pytest.mark.slow
def test_checks_catch_each_rule(data_dir: Path) -> None:
    found = _rules(["bundled", data_dir / "bad" / "checks-bad.ttl"])
    assert found == {
        ("bid:unlabelled-state", "unlabelled-entity"),  # and the label shape: one line
        ("bil:Sttae", "unknown-term"),
        ("bid:nowhere-land", "untyped-iri"),
        ("bid:belarus", "conflicting-label"),
    }


@pytest.mark.slow
def test_violation_lines_name_file_and_line(data_dir: Path) -> None:
    problems = bilateral.validate(bilateral.load(["bundled", data_dir / "bad" / "shapes-bad.ttl"]))
    lines = [str(p) for p in problems]
    assert "tests/data/bad/shapes-bad.ttl:16: bid:no-quote: statement-quote:" in " ".join(lines)


def test_user_source_text_beside_the_data(data_dir: Path) -> None:
    g = bilateral.load([data_dir / "tiny"])
    assert bilateral.validate(g) == []


def test_changed_quote_is_caught(data_dir: Path, tmp_path: Path) -> None:
    text = (data_dir / "tiny" / "tiny.ttl").read_text(encoding="utf-8")
    (tmp_path / "tiny-source.txt").write_text(
        (data_dir / "tiny" / "tiny-source.txt").read_text(encoding="utf-8")
    )
    (tmp_path / "tiny.ttl").write_text(text.replace("10 million", "20 million"))
    problems = bilateral.validate(bilateral.load([tmp_path]))
    assert [(p.node, p.rule) for p in problems] == [("bid:tiny-loan", "quote")]


def test_missing_source_text_is_reported(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "tiny.ttl").write_text((data_dir / "tiny" / "tiny.ttl").read_text())
    problems = bilateral.validate(bilateral.load([tmp_path]))
    assert ("bsrc:tiny", "quote") in {(p.node, p.rule) for p in problems}


def test_normalisation() -> None:
    assert normalise("a\u0065\u0301  b") == "a\u00e9 b"
    assert normalise("decision-\nmaking") == "decision-making"
    assert normalise("decision-\nmaking", drop_hyphen=True) == "decisionmaking"
    assert strip_furniture("x\n 4 \ny") == "x\n\ny"
