"""Validation messages that point at the fix (issue 29, item 3): each test asserts the
exact line a user sees, on small files written here (none added to the bundled data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.checks.remember import validate_once
from bilateral.graph.source.naming import display_path

runner = CliRunner()
BUNDLED_DEPS = Path(bilateral.__file__).parent / "data" / "belarus-russia" / "dependencies.ttl"

PREFIXES = """\
@prefix bil:  <https://w3id.org/bilateral/ontology#> .
@prefix bid:  <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""
SOURCE_TEXT = """\
Bland pays Aland for gas, and has no other supplier.
Aland’s government said the pipeline would stay
open — for now.
"""
GOOD_QUOTE = '"Bland pays Aland for gas, and has no other supplier."'
SOURCED = f"prov:wasDerivedFrom bsrc:msg ; bil:quote {GOOD_QUOTE}"

MESSAGES = f"""{PREFIXES}
bsrc:msg a bil:Source ; rdfs:label "Message test source"@en ; bil:textFile "src.txt" .
bid:aland a bil:State ; rdfs:label "Aland"@en .
bid:bland a bil:State ; rdfs:label "Bland"@en .

bid:msg-apostrophe a bil:Support ; rdfs:label "apostrophe"@en ;
    bil:agent bid:aland ; bil:target bid:bland ; prov:wasDerivedFrom bsrc:msg ;
    bil:quote "Aland's government said the pipeline would stay open — for now." .
bid:msg-dash a bil:Support ; rdfs:label "dash"@en ;
    bil:agent bid:aland ; bil:target bid:bland ; prov:wasDerivedFrom bsrc:msg ;
    bil:quote "Aland’s government said the pipeline would stay open - for now." .
bid:msg-typo a bil:Support ; rdfs:label "typo"@en ; bil:target bid:bland ;
    bil:agent bid:alnd ;
    {SOURCED} .
bid:msg-regime a bil:Pressure ; rdfs:label "regime"@en ; bil:target bid:bland ;
    bil:agent bid:lukashenko_regime ;
    {SOURCED} .
bid:msg-bundled a bil:Support ; rdfs:label "bundled"@en ; bil:target bid:bland ;
    bil:agent bid:belarus ;
    {SOURCED} .
bid:msg-kind a bil:Dependancy ; rdfs:label "class typo"@en ; {SOURCED} .
bid:msg-domain a bil:Dependency ; rdfs:label "domain typo"@en ;
    bil:dependent bid:bland ; bil:provider bid:aland ; bil:strength 0.5 ;
    bil:domain bil:energi ;
    rdfs:comment "moderate" ; {SOURCED} .
bid:msg-unlabelled a bil:Support ; bil:agent bid:aland ; bil:target bid:bland ; {SOURCED} .
bid:msg-sourceless a bil:Support ; rdfs:label "no source"@en ;
    bil:agent bid:aland ; bil:target bid:bland ; bil:quote {GOOD_QUOTE} .
bid:msg-strength a bil:Dependency ; rdfs:label "strength"@en ;
    bil:dependent bid:bland ; bil:provider bid:aland ; bil:domain bil:energy ;
    bil:strength 0.8 ; rdfs:comment "strong" ; {SOURCED} .
bid:msg-substitutability a bil:Alternatives ; rdfs:label "substitutability"@en ;
    bil:dependent bid:bland ; bil:provider bid:aland ; bil:domain bil:energy ;
    bil:substitutability 0.3 ; rdfs:comment "limited" ; {SOURCED} .
bid:msg-twin a bil:Support ; rdfs:label "twin here"@en ;
    bil:agent bid:aland ; bil:target bid:bland ; {SOURCED} .
"""
TWIN = f"""{PREFIXES}
# another file that uses the same statement IRI

bid:msg-twin a bil:Support ; rdfs:label "twin there"@en ;
    bil:agent bid:aland ; bil:target bid:bland ; {SOURCED} .
"""


def _line(path: Path, start: str) -> int:
    """The first line of ``path`` that starts with ``start`` (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.lstrip().startswith(start))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("messages") / "msgdata"
    root.mkdir()
    (root / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (root / "msg.ttl").write_text(MESSAGES, encoding="utf-8")
    (root / "twin.ttl").write_text(TWIN, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lines(folder: Path) -> list[str]:
    return [str(v) for v in bilateral.validate(bilateral.load([folder]))]


def _at(folder: Path, start: str, file: str = "msg.ttl") -> str:
    path = folder / file
    return f"{display_path(path)}:{_line(path, start)}"


def test_quote_names_straight_apostrophe(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bid:msg-apostrophe')}: bid:msg-apostrophe: quote: quote differs from "
        "source at character 6: the quote has a straight apostrophe ('), the source a "
        f"typographic one (’); nearest passage ({display_path(folder / 'src.txt')}:2): "
        '"Aland’s government said the pipeline would stay open — for now."'
    ) in lines


def test_quote_names_hyphen_against_em_dash(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bid:msg-dash')}: bid:msg-dash: quote: quote differs from source at "
        "character 54: the quote has a hyphen (-), the source an em dash (—); nearest "
        f"passage ({display_path(folder / 'src.txt')}:2): "
        '"Aland’s government said the pipeline would stay open — for now."'
    ) in lines


def test_dangling_iri_names_the_closest_name(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bil:agent bid:alnd')}: bid:alnd: untyped-iri: IRI is used but never "
        "typed (dangling reference or typo?); did you mean bid:aland?"
    ) in lines
    # the shape the dangling IRI also fails (party-actor) is not a second line
    assert not [line for line in lines if "party-actor" in line]


def test_typo_of_a_bundled_name_says_where_it_is(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bil:agent bid:lukashenko_regime')}: bid:lukashenko_regime: untyped-iri: "
        "IRI is used but never typed (dangling reference or typo?); did you mean "
        "bid:lukashenko-regime (in the bundled data: add `--data bundled`)?"
    ) in lines


def test_iri_of_the_bundled_data_says_add_it(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bil:agent bid:belarus')}: bid:belarus: untyped-iri: IRI is used but "
        "never typed (dangling reference or typo?); defined in the bundled data: add "
        "`--data bundled`"
    ) in lines


def test_unknown_term_names_the_closest_term(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bid:msg-kind')}: bil:Dependancy: unknown-term: unknown bil: term "
        "(not declared in the ontology); did you mean bil:Dependency?"
    ) in lines


def test_unknown_value_is_one_line(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bil:domain bil:energi')}: bil:energi: unknown-term: unknown bil: term "
        "(not declared in the ontology); did you mean bil:energy?"
    ) in lines
    assert not [line for line in lines if "domain-concept" in line]  # the same problem


def test_clash_names_both_files_and_lines(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bid:msg-twin')}: bid:msg-twin: statement-clash: also described in "
        f"{_at(folder, 'bid:msg-twin', 'twin.ttl')}: one IRI for two statements, rename one "
        "(1 problem(s) of the two merged not shown)"
    ) in lines
    assert len([line for line in lines if ": bid:msg-twin:" in line]) == 1


def test_missing_label_is_one_line(folder: Path, lines: list[str]) -> None:
    assert [line for line in lines if ": bid:msg-unlabelled:" in line] == [
        f"{_at(folder, 'bid:msg-unlabelled')}: bid:msg-unlabelled: unlabelled-entity: "
        "entity has no rdfs:label"
    ]


def test_missing_source_is_one_line(folder: Path, lines: list[str]) -> None:
    assert [line for line in lines if ": bid:msg-sourceless:" in line] == [
        f"{_at(folder, 'bid:msg-sourceless')}: bid:msg-sourceless: statement-source: "
        "a statement needs prov:wasDerivedFrom a bil:Source"
    ]


def test_strength_off_the_scale_is_a_warning(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bid:msg-strength')}: warning: bid:msg-strength: off-scale: "
        "bil:strength 0.8 is off the ordinal scale 0.25 weak, 0.5 moderate, 0.75 strong, "
        "1.0 critical (docs/curation.md); nearest: 0.75 strong"
    ) in lines


def test_substitutability_off_the_scale_is_a_warning(folder: Path, lines: list[str]) -> None:
    assert (
        f"{_at(folder, 'bid:msg-substitutability')}: warning: bid:msg-substitutability: "
        "off-scale: bil:substitutability 0.3 is off the ordinal scale 0 none, 0.25 limited, "
        "0.5 partial, 0.75 ample, 1.0 full (docs/curation.md); nearest: 0.25 limited"
    ) in lines


def test_every_problem_is_reported_once(lines: list[str]) -> None:
    assert len(lines) == len(set(lines)) == 12


def test_warnings_do_not_fail_validate(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    kept = MESSAGES.split("bid:msg-apostrophe")[0]
    strength = MESSAGES[MESSAGES.index("bid:msg-strength") : MESSAGES.index("bid:msg-subst")]
    (tmp_path / "ok.ttl").write_text(kept + strength, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("nearest: 0.75 strong")
    assert "warning: bid:msg-strength: off-scale:" in result.stdout
    assert "no problems (1 warning(s))" in result.stdout
    # nor report and push, which validate first
    assert validate_once(bilateral.load([tmp_path])).problems == []


def test_errors_fail_validate_and_count_warnings_apart(folder: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "10 problem(s) found, 2 warning(s)"


@pytest.mark.slow
def test_clash_with_the_bundled_data_names_both_files(tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        f'{PREFIXES}\nbid:dep-energy-prices a bil:Dependency ; rdfs:label "mine"@en ;\n'
        "    bil:dependent bid:belarus ; bil:provider bid:russia ; bil:domain bil:energy ;\n"
        '    bil:strength 0.5 ; rdfs:comment "moderate" ;\n'
        "    prov:wasDerivedFrom bsrc:ponars-memo-2021 ;\n"
        '    bil:quote "Old disagreements on fiscal issues as well as oil and gas pricing '
        'remain unresolved." .\n',
        encoding="utf-8",
    )
    for data in (["bundled", mine], [mine, "bundled"]):  # whichever comes first
        lines = [str(v) for v in bilateral.validate(bilateral.load(data))]
        bundled_at = f"{display_path(BUNDLED_DEPS)}:{_line(BUNDLED_DEPS, 'bid:dep-energy-prices')}"
        assert lines == [
            f"{display_path(mine)}:{_line(mine, 'bid:dep-energy-prices')}: bid:dep-energy-prices: "
            "statement-clash: also described in "
            f"{bundled_at}: one IRI for two statements, rename one "
            "(2 problem(s) of the two merged not shown)"
        ]


@pytest.mark.slow
def test_store_without_the_bundled_data_says_load_it(folder: Path, tmp_path: Path) -> None:
    bilateral.load_store(tmp_path / "kg", [folder / "msg.ttl"])
    with bilateral.open_store(tmp_path / "kg") as store:
        lines = [str(v) for v in bilateral.validate(store)]
    assert (
        f"{_at(folder, 'bil:agent bid:belarus')}: bid:belarus: untyped-iri: IRI is used but "
        "never typed (dangling reference or typo?); defined in the bundled data: add it to "
        f"the store, `bilateral load --store {display_path(tmp_path / 'kg')} bundled`"
    ) in lines


def test_adding_to_a_statement_of_another_file_is_no_clash(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    head = MESSAGES.split("bid:msg-apostrophe")[0]  # the source and the two states
    (tmp_path / "a.ttl").write_text(head + TWIN.split("\n\n", 1)[1], encoding="utf-8")
    (tmp_path / "b.ttl").write_text(f'{PREFIXES}\nbid:msg-twin rdfs:comment "more" .\n')
    assert bilateral.validate(bilateral.load([tmp_path])) == []
