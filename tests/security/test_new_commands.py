"""The new commands on empty or silent data: a panel of a dyad the sources say nothing
about, or of data with no dyad, says so instead of printing zeros or a bare header."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.errors import InputError


def test_panel_of_a_dyad_without_evidence_says_so(bundled) -> None:
    frame = bilateral.panel(bundled, "belarus", "armenia", from_year=2020, to_year=2020)
    assert len(frame) and (frame["sdi"] == 0).all()  # zeros, and now a note beside them
    assert any("no evidence about Belarus on Armenia" in n for n in frame.attrs["notes"])
    evidenced = bilateral.panel(bundled, "belarus", "russia", from_year=2021, to_year=2021)
    assert not evidenced.attrs["notes"]


def test_panel_of_all_dyads_without_any_says_so(tmp_path: Path) -> None:
    data = tmp_path / "one.ttl"
    data.write_text(
        "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
        "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'bid:x a bil:State ; rdfs:label "X" .\n',
        encoding="utf-8",
    )
    frame = bilateral.panel(bilateral.load([data]), all_dyads=True)
    assert frame.empty and any("the panel is empty" in n for n in frame.attrs["notes"])


BIDI = Path(__file__).parent.parent / "data" / "bidi"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"from_year": 2030, "to_year": 2020}, "`from_year` 2030 is after `to_year` 2020"),
        ({"from_year": 0}, "years must be between 1 and 9999"),
        ({"from_year": 99999}, "years must be between 1 and 9999"),
        ({"from_year": 1}, "at most"),
        ({"dependent": "belarus", "provider": "belarus"}, "the same entity"),
    ],
)
def test_diff_refuses_bad_years_and_one_entity(
    bundled, options: dict[str, object], message: str
) -> None:
    # the years' errors were swallowed with 'no dated evidence': exit 0, no yearly rows
    with pytest.raises(InputError, match=message):
        bilateral.diff(bundled, [BIDI], **options)  # type: ignore[arg-type]


def test_curate_never_writes_its_draft_over_the_text(tmp_path: Path) -> None:
    # --draft SOURCE replaced the source text with the draft (exit 0), and with
    # --copy-text a draft named like the text replaced the copy just made
    from typer.testing import CliRunner

    from bilateral.cli import app

    text = Path(__file__).parent.parent / "data" / "curation" / "commentary-2018.txt"
    source = tmp_path / "commentary.txt"
    source.write_bytes(text.read_bytes())
    (tmp_path / "drafts").mkdir()
    runner = CliRunner()
    beside = tmp_path / "drafts" / "commentary.txt"
    for extra in (["--draft", str(source)], ["--draft", str(beside), "--copy-text"]):
        result = runner.invoke(app, ["curate", str(source), "--data", "bundled-actors", *extra])
        assert result.exit_code == 2 and "give the draft its own name" in result.output
    assert source.read_bytes() == text.read_bytes()
    assert not any((tmp_path / "drafts").iterdir())  # nothing written
