"""The methods appendix (issue 27, item 3): its numbers are the library's, its counts the
data's, coders are counted only where the data records them, the report ends with it,
and ``bilateral methods`` prints or writes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDFS
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app

DATA = Path(__file__).parent.parent / "data"
BID = "https://w3id.org/bilateral/id/"
DYAD: dict[str, Any] = {"dependent": "aland", "provider": "bland", "draws": 100}
runner = CliRunner()


@pytest.fixture(scope="module")
def fixture_graph() -> Dataset:
    """The three-state fixture of docs/measures.md (read-only: do not modify)."""
    return bilateral.load([str(DATA / "measures")])


@pytest.fixture(scope="module")
def text(fixture_graph: Dataset) -> str:
    return bilateral.methods(fixture_graph, **DYAD)


def _table(text: str, header: str) -> list[list[str]]:
    """The cells of the Markdown table whose header row starts with ``header``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def _n(x: float) -> str:
    return f"{x:.3f}"


def test_the_sensitivity_table_is_the_library_s(fixture_graph: Dataset, text: str) -> None:
    dep = bilateral.dependence(fixture_graph, "aland", "bland", draws=100, sensitivity=True)
    expected = dep.sensitivity
    header = _table(text, "| choice | setting | total")
    shown = next(x for x in text.splitlines() if x.startswith("| choice | setting | total"))
    domains = [d.strip() for d in shown.strip("|").split("|")[5:]]
    assert domains and set(domains) <= set(dep.active)
    assert len(header) == len(expected) > 20
    for cells, row in zip(header, expected, strict=True):
        assert cells[0] == row["choice"] and cells[1] == row["setting"]
        assert cells[2] == f"{_n(row['total'])} [{_n(row['total_low'])}, {_n(row['total_high'])}]"
        assert cells[3] == f"{row.get('change', 0.0):+.3f}"
        assert cells[4] == (
            f"{_n(row['asymmetry'])} [{_n(row['asymmetry_low'])}, {_n(row['asymmetry_high'])}]"
        )
        assert cells[5:] == [_n(row["domains"][d]) for d in domains]


def test_the_choices_used_are_stated(fixture_graph: Dataset) -> None:
    text = bilateral.methods(fixture_graph, unknown=(0.25, 0.25), band=0.0, **DYAD)
    rows = {r[0]: r for r in _table(text, "| choice | parameter |")}
    assert rows["unknown alternatives"][2:4] == ["0–0.5", "0.25"]
    assert rows["strength band"][2:4] == ["± 0.125", "± 0"]
    assert "take a value in 0.25 (one draw" in text and "within ± 0 of itself" in text
    first = _table(text, "| choice | setting | total")[0]
    assert first[1] == "unknown 0.25-0.25, band 0, threshold 0, noise 0, the scheme's domains"


def test_sources_and_statements_are_counted_from_the_data(
    fixture_graph: Dataset, text: str
) -> None:
    stats = bilateral.stats(fixture_graph)
    cited = {str(o) for o in fixture_graph.objects(None, PROV.wasDerivedFrom)}
    line = next(x for x in text.splitlines() if "described (`bil:Source`)" in x)
    assert line.startswith(
        f"- The data loaded: {stats['statements']} statements; {stats['sources']} source"
    )
    assert f"{len(cited)} cited by statements" in line
    (source,) = cited
    citing = len(set(fixture_graph.subjects(PROV.wasDerivedFrom, URIRef(source))))
    assert f"  - Hand-made dyad source, 2021 ({citing} statements)" in text


def test_no_coder_recorded_is_said_not_guessed(text: str) -> None:
    assert "- Coders: **not recorded**." in text
    assert "the number of coders is unknown" in text


def test_coders_are_counted_where_the_data_records_them() -> None:
    g = bilateral.load([str(DATA / "measures")])
    one, two, act = (URIRef(f"https://example.org/{x}") for x in ("coder-1", "coder-2", "act"))
    g.add((URIRef(BID + "t-dep-ab"), PROV.wasAttributedTo, one))
    g.add((URIRef(BID + "t-dep-ba"), PROV.wasAttributedTo, one))
    g.add((URIRef(BID + "t-dep-ba"), PROV.wasGeneratedBy, act))  # PROV's other way
    g.add((act, PROV.wasAssociatedWith, two))
    g.add((one, RDFS.label, Literal("First coder")))
    text = bilateral.methods(g, **DYAD)
    assert "- Coders: 2 recorded (First coder, coder-2), for 2 of 12 statements" in text
    assert "not recorded" not in text


ARGS = ["methods", "--data", str(DATA / "measures"), "--dependent", "aland", "--provider", "bland"]


def test_bilateral_methods_prints_it(text: str) -> None:
    result = runner.invoke(app, [*ARGS, "--draws", "100"])
    assert result.exit_code == 0, result.output
    assert result.stdout == text


@pytest.mark.slow  # two runs of the command
def test_bilateral_methods_writes_it_atomically(text: str, tmp_path: Path) -> None:
    out = tmp_path / "methods.md"
    result = runner.invoke(app, [*ARGS, "--draws", "100", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == text and str(out) in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["methods.md"]  # no temporary file left
    result = runner.invoke(app, [*ARGS, "--draws", "5", "--out", str(out)])
    assert result.exit_code == 2 and result.stderr.startswith("error: draws must be")
    assert out.read_text(encoding="utf-8") == text  # an error leaves the file as it was


@pytest.mark.slow  # a whole report (validation, centrality, plots) on the tiny fixture
def test_the_report_ends_with_the_appendix(tmp_path: Path) -> None:
    tiny = [str(DATA / "tiny")]
    bilateral.report(None, tmp_path, data=tiny)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    appendix = bilateral.methods(None, data=tiny)
    assert report.endswith("\n\n" + appendix)
    assert report.count("## Appendix: methods") == 1


@pytest.mark.slow  # the bundled data: read and the sensitivity at 2000 draws
def test_the_bundled_appendix(bundled: Dataset) -> None:
    text = bilateral.methods(bundled)
    dep = bilateral.dependence(bundled, "belarus", "russia", sensitivity=True)
    assert "How the numbers about Belarus and Russia were made" in text
    n = bilateral.stats(bundled)["statements"]
    assert f"- The data loaded: {n} statements; 5 sources described" in text
    assert "1 cited by statements" in text and "- Coders: **not recorded**." in text
    assert "author not known (the data marks it unknown), PONARS Eurasia, 2021" in text
    default = dep.sensitivity[0]
    assert f"| default | {default['setting']} | {_n(default['total'])} [" in text


@pytest.mark.slow  # loads a store
def test_the_same_appendix_from_a_store_and_a_snapshot(
    fixture_graph: Dataset, text: str, tmp_path: Path
) -> None:
    bilateral.load_store(tmp_path / "s", [str(DATA / "measures")])
    with bilateral.open_store(tmp_path / "s") as store:
        assert bilateral.methods(store, **DYAD) == text
    assert bilateral.methods(bilateral.read_snapshot(fixture_graph), **DYAD) == text


def test_labels_from_data_stay_text() -> None:
    hostile = bilateral.load([str(DATA / "hostile")])
    text = bilateral.methods(hostile, dependent="xss-img", provider="xss-script", draws=100)
    assert "<" not in text and "&lt;img src=x onerror" in text
    assert "hostile &lt;b&gt;source&lt;/b&gt;" in text
