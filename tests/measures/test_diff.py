"""What a new source changes (issue 29, item 4): ``bilateral diff`` lists the numbers that
move when data is added, all time and per year, with the statements responsible, and
nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.measures.diff import DIFF_COLUMNS

SECOND = Path(__file__).resolve().parents[1] / "data" / "second-dyad"
DRAWS = 300
NEW = """
@prefix bil:  <https://w3id.org/bilateral/ontology#> .
@prefix bid:  <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct:  <http://purl.org/dc/terms/> .

bsrc:new-commentary a bil:Source ; rdfs:label "A new commentary"@en ;
    dct:issued "2019-05-01"^^xsd:date .
bid:new-religious-tie a bil:Dependency ;
    rdfs:label "Belarus's church depends on Moscow's patriarchate"@en ;
    bil:dependent bid:belarus ; bil:provider bid:russia ; bil:domain bil:religious ;
    bil:strength 0.5 ; bil:startDate "2019-01-01"^^xsd:date ;
    bil:endDate "2019-12-31"^^xsd:date ;
    prov:wasDerivedFrom bsrc:new-commentary ; bil:quote "a sentence" .
"""

pytestmark = pytest.mark.slow  # scores every year of every dyad twice


@pytest.fixture(scope="module")
def new_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("new") / "new.ttl"
    path.write_text(NEW, encoding="utf-8")
    return path


def test_a_new_claim_moves_its_domain_its_year_and_the_total(new_source: Path) -> None:
    d = bilateral.diff(None, [new_source], draws=DRAWS)
    assert {c: str(t) for c, t in d.dtypes.items()} == DIFF_COLUMNS
    assert set(d["dependent_label"]) == {"Belarus"}
    iri = "https://w3id.org/bilateral/id/new-religious-tie"
    years = [None if pd.isna(y) else int(y) for y in d["year"]]
    moved = set(zip(years, d["domain"], strict=True))
    assert moved == {(None, "religious"), (None, "TOTAL"), (2019, "religious"), (2019, "TOTAL")}
    assert set(d["entered"]) == {iri} and d["left"].isna().all()
    assert (d["change"] > 0).all() and (d["reverse_change"] == 0).all()
    # the after numbers are dependence's on the data with the new file
    after = bilateral.dependence(bilateral.load(["bundled", str(new_source)]), "belarus",
                                 "russia", draws=DRAWS)  # fmt: skip
    total = d[d["year"].isna() & (d["domain"] == "TOTAL")]
    assert total["sdi_after"].item() == after.total
    assert total["n_claims_after"].item() == total["n_claims_before"].item() + 1


def test_another_dyad_leaves_the_bundled_dyad_alone() -> None:
    d = bilateral.diff(None, [SECOND], draws=DRAWS)
    assert set(d["dependent_label"]) == {"Valdoria"}  # once per pair, the more dependent first
    assert d["left"].isna().all() and d["entered"].notna().all()


def test_nothing_relevant_changes_nothing(tmp_path: Path) -> None:
    extra = tmp_path / "actor.ttl"
    extra.write_text(
        "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/bilateral/id/estonia> a bil:State ; rdfs:label "Estonia"@en .\n',
        encoding="utf-8",
    )
    assert bilateral.diff(None, [extra], draws=DRAWS).empty
    result = CliRunner().invoke(app, ["diff", "--with", str(extra), "--draws", str(DRAWS)])
    assert result.exit_code == 0 and "no number changes (1 pair(s)" in result.stdout


def test_cli_table_and_json(new_source: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["diff", "--with", str(new_source), "--draws", str(DRAWS)])
    assert table.exit_code == 0, table.output
    assert "new-religious-tie" in table.stdout and "Belarus on Russia" in table.stdout
    out = runner.invoke(
        app, ["diff", "--with", str(new_source), "--draws", str(DRAWS), "--format", "json"]
    )
    rows = json.loads(out.stdout)
    assert {r["year"] for r in rows} == {None, 2019}


def test_wrong_calls_are_one_line_errors() -> None:
    with pytest.raises(InputError, match="give the data to add"):
        bilateral.diff(None, [])
    with pytest.raises(InputError, match="both a dependent and a provider"):
        bilateral.diff(None, [SECOND], dependent="belarus")
