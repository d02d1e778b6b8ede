"""The curation assistant, and the "add a dyad" walkthrough of docs/curation.md on the
fictional Valdoria-Kestria brief: curate -> edit -> validate -> measure -> report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.graph.checks.curate import curate, find_dates
from bilateral.graph.checks.draft_checks import WARNING_RULES

FIX = Path(__file__).parent.parent / "data" / "second-dyad"
BID = "https://w3id.org/bilateral/id/"
runner = CliRunner()


def test_dates_and_actors_are_suggested() -> None:
    report = curate(None, FIX / "valdoria-brief.txt", data=[str(FIX)])
    by_index = {s.index: s for s in report.sentences}
    assert [m.text for m in by_index[3].dates] == ["March 2022"]
    assert by_index[3].dates[0].precision == "month"
    assert by_index[4].actors == [BID + "valdorian-president", BID + "kestrian-security-advisers"]
    assert [(str(m.start), str(m.end)) for m in find_dates("in 2011-2013")] == [
        ("2011-01-01", "2013-12-31")
    ]
    assert find_dates("on February 30, 2021") == []  # no such day


def test_the_bundled_memo_is_fully_quoted() -> None:
    memo = Path(bilateral.__file__).parent / "data" / "sources" / "000_cdb1d46302525148.txt"
    report = curate(None, memo)
    assert report.registered and report.covered == len(report.sentences) == 116
    assert BID + "russia" in report.sentences[1].actors  # "Moscow": a metonym of Russia


@pytest.mark.slow
def test_walkthrough_add_a_dyad(tmp_path: Path) -> None:
    """docs/curation.md, "Add a dyad", step by step."""
    folder = tmp_path / "valdoria"
    folder.mkdir()
    shutil.copy(FIX / "valdoria-brief.txt", folder)
    # 1. curate a source nothing quotes yet: every sentence is a draft statement
    result = runner.invoke(
        app,
        ["curate", str(folder / "valdoria-brief.txt"), "--data", "bundled",
         "--draft", str(folder / "draft.ttl")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "0 of 7 sentences covered" in result.stderr and "is new" in result.stderr
    draft = (folder / "draft.ttl").read_text(encoding="utf-8")
    assert draft.count("bil:draft true ;") == 7 and "bsrc:valdoria-brief a bil:Source" in draft
    assert 'bil:date "2022-03-01"^^xsd:date ; bil:datePrecision "month"' in draft
    # 2. validate names what is left to review: every draft, the source's title and date
    result = runner.invoke(app, ["validate", "--data", "bundled", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    lines = [line.replace(": warning: ", ": ", 1) for line in result.stdout.splitlines()]
    rules = [line.split(": ")[2] for line in lines if line.count(": ") >= 3]
    assert rules.count("draft") == 7
    assert {"source-placeholder", "source-undated"} <= set(rules) <= WARNING_RULES
    # 3. the curated file (what the curator makes of the draft) validates
    (folder / "draft.ttl").unlink()
    shutil.copy(FIX / "valdoria.ttl", folder)
    assert runner.invoke(app, ["validate", "--data", str(folder)]).exit_code == 0
    result = runner.invoke(
        app, ["curate", str(folder / "valdoria-brief.txt"), "--data", str(folder)]
    )
    assert "6 of 7 sentences covered" in result.stderr
    # 4. measure and report the new dyad
    exact = {"band": 0.0, "unknown": (0.25, 0.25)}  # codes as curated: checkable by hand
    dep = bilateral.dependence(None, "valdoria", "kestria", data=[str(folder)], **exact)
    rows = {d.domain: d for d in dep.domains}
    assert rows["energy"].sdi == 1.0  # critical, and "no other supplier"
    assert rows["finance"].sdi == pytest.approx(0.375)
    assert rows["trade"].reverse_sdi == pytest.approx(0.1875)
    drawn = bilateral.dependence(None, "valdoria", "kestria", data=[str(folder)]).domain("energy")
    assert 0.9 < drawn.sdi <= drawn.sdi_high == 1.0  # within the codes' bands
    result = runner.invoke(
        app,
        ["report", "--out", str(tmp_path / "out"), "--dependent", "valdoria", "--provider",
         "kestria", "--data", str(folder)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "# Report: Valdoria and Kestria" in text and "Dyad: named" in text


def test_another_dyad_leaves_belarus_russia_unchanged(bundled) -> None:
    both = bilateral.load(["bundled", FIX])
    assert (
        bilateral.dependence(both, "belarus", "russia").table()
        == bilateral.dependence(bundled, "belarus", "russia").table()
    )
