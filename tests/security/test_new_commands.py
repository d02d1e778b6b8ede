"""The new commands on empty or silent data: a panel of a dyad the sources say nothing
about, or of data with no dyad, says so instead of printing zeros or a bare header."""

from __future__ import annotations

from pathlib import Path

import bilateral


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
