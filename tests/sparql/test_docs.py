"""Every SPARQL example of docs/querying.md runs and returns rows; its shell examples
name only real commands and options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilateral.graph.sparql.engine import run

DOC = (Path(__file__).parents[2] / "docs" / "querying.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```", DOC, re.S)


def test_the_page_has_examples_and_is_linked_from_the_readme() -> None:
    assert len(EXAMPLES) >= 10
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "docs/querying.md" in readme


@pytest.mark.parametrize("sparql", EXAMPLES, ids=range(len(EXAMPLES)))
def test_every_example_returns_rows(bundled, sparql: str) -> None:
    assert run(bundled, sparql).rows


def test_the_date_example_finds_the_end_of_july_arrest(bundled) -> None:
    example = next(e for e in EXAMPLES if "2020-08-01" in e)
    found = {str(r[0]).rsplit("/", 1)[-1] for r in run(bundled, example).rows}
    assert "arrest-russian-pmc-2020" in found
