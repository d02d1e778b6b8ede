"""CITATION.cff validates against the Citation File Format 1.2.0 schema (the schema and
validator that cffconvert ships: no network) and says what the package and the methods
appendix say: the same version and title."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from cffconvert import Citation

import bilateral
from bilateral.graph.views.provenance import TITLE, Provenance, citing_text

CFF = (Path(__file__).parent.parent.parent / "CITATION.cff").read_text(encoding="utf-8")


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    citation = Citation(CFF)
    assert citation.cffversion == "1.2.0"
    citation.validate()  # raises on any schema violation


def test_the_validator_refuses_what_the_schema_refuses() -> None:
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        Citation(CFF.replace("authors:", "writers:")).validate()
    with pytest.raises(jsonschema.ValidationError):
        Citation(CFF.replace("  - CC-BY-4.0", "  - Not-A-Licence")).validate()


def test_citation_cff_names_the_package_version_and_title() -> None:
    cff = Citation(CFF).cffobj
    assert cff["version"] == bilateral.__version__
    assert cff["title"] == TITLE
    nothing = Provenance(0, 0, [], 0, {}, 0, {})
    said = "\n".join(citing_text(nothing))  # what the methods appendix says
    assert f"the bilateral authors, *{TITLE}*, version {bilateral.__version__}" in said
    assert [a["name"] for a in cff["authors"]] == ["the bilateral authors"]  # as LICENSE
