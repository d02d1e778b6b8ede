"""Numbers and literals: non-finite or out-of-range strengths and confidences, ill-typed
dates and decimals are each reported once, as one line naming node and rule, never as a
crash or a traceback; JSON output is strict JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app

PREFIXES = """@prefix bil: <https://w3id.org/bilateral/ontology#> .
@prefix bid: <https://w3id.org/bilateral/id/> .
@prefix bsrc: <https://w3id.org/bilateral/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _dependency(node: str, strength: str, extra: str = "") -> str:
    return f"""bid:{node} a bil:Dependency ; rdfs:label "{node}"@en ;
    bil:dependent bid:belarus ; bil:provider bid:russia ; bil:domain bil:energy ;
    bil:strength {strength} ; rdfs:comment "moderate (0.5)" ; {extra}
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ; bil:quote "Belarus" .
"""


CASES = {
    "nan": (_dependency("nan", '"NaN"^^xsd:decimal'), "dependency-strength"),
    "infinity": (_dependency("infinity", '"INF"^^xsd:double'), "dependency-strength"),
    "huge": (_dependency("huge", "1e999"), "dependency-strength"),
    "five": (_dependency("five", "5"), "dependency-strength"),
    "minus-three": (_dependency("minus-three", "-3"), "dependency-strength"),
    "confidence": (_dependency("confidence", "0.5", "bil:confidence 1e300 ;"), "confidence-range"),
    "nan-confidence": (
        _dependency("nan-confidence", "0.5", 'bil:confidence "NaN"^^xsd:decimal ;'),
        "confidence-range",
    ),
    "date": (
        """bid:date a bil:Event ; rdfs:label "date"@en ; bil:date "2021-02-30"^^xsd:date ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ; bil:quote "Belarus" .
""",
        "date-type",
    ),
    "amount": (
        """bid:amount a bil:Loan ; rdfs:label "amount"@en ; bil:creditor bid:russia ;
    bil:debtor bid:belarus ; bil:amount "abc"^^xsd:decimal ; bil:currency "USD" ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ; bil:quote "Belarus" .
""",
        "amount-type",
    ),
    "unshaped": (
        """bid:unshaped a bil:Event ; rdfs:label "unshaped"@en ;
    rdfs:comment "NaN"^^xsd:decimal , "2021-13-01"^^xsd:date ;
    prov:wasDerivedFrom bsrc:ponars-memo-2021 ; bil:quote "Belarus" .
""",
        None,
    ),
}


def _file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.ttl"
    path.write_text(PREFIXES + CASES[name][0], encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def problems(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("numbers")
    g = bilateral.load(["bundled", *(_file(folder, name) for name in CASES)])
    return bilateral.validate(g)


@pytest.mark.parametrize("name", list(CASES))
def test_each_bad_number_is_one_line_naming_node_and_rule(name: str, problems: list) -> None:
    problems = [p for p in problems if p.node == f"bid:{name}"]
    rule = CASES[name][1]
    if rule is None:  # no shape checks rdfs:comment: the literal check reports both
        assert sorted(p.rule for p in problems) == ["ill-typed-literal", "non-finite-number"]
    else:
        assert [p.rule for p in problems] == [rule], problems
    for p in problems:
        assert re.search(rf"{name}\.ttl:\d+: bid:{name}: {p.rule}: ", str(p)), str(p)


@pytest.mark.slow
def test_no_traceback_and_exit_1_in_a_real_process(tmp_path: Path) -> None:
    """rdflib logs a traceback when it meets an ill-typed literal: not on our stderr."""
    exe = str(Path(sys.executable).parent / "bilateral")
    files = [str(_file(tmp_path, name)) for name in CASES]
    args = [a for f in files for a in ("--data", f)]
    run = subprocess.run(
        [exe, "validate", "--data", "bundled", *args], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"{len(run.stdout.strip().splitlines())} problem(s) found"
    ]
    assert "Traceback" not in run.stdout + run.stderr
    stats = subprocess.run(
        [exe, "stats", "--format", "json", "--data", "bundled", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert stats.returncode == 0 and stats.stderr == ""
    json.loads(stats.stdout, parse_constant=_no_constants)


def _no_constants(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")


def test_json_output_is_strict(capsys) -> None:
    from bilateral.cli.output import echo_json

    echo_json({"x": [0.5, 1]})
    assert json.loads(capsys.readouterr().out, parse_constant=_no_constants) == {"x": [0.5, 1]}
    with pytest.raises(ValueError, match="non-finite"):
        echo_json({"sdi": float("nan")})
    result = CliRunner().invoke(
        app, ["query", 'SELECT ?x { BIND("NaN"^^xsd:double AS ?x) }', "--format", "json"]
    )
    assert result.exit_code == 0
    json.loads(result.stdout, parse_constant=_no_constants)
