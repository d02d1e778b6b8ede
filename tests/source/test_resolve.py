"""Names resolve to one entity, or fail clearly naming candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.errors import UnknownNameError
from bilateral.graph.source.resolve import NameIndex, resolve

BID = "https://w3id.org/bilateral/id/"
FIX = Path(__file__).parent.parent / "data" / "measures"


def test_slugs_labels_aliases_and_iris(bundled) -> None:
    assert resolve(bundled, "minsk") == resolve(bundled, "Belarus") == BID + "belarus"
    assert resolve(bundled, "the Kremlin") == resolve(bundled, "bid:russia") == BID + "russia"
    assert resolve(bundled, BID + "lukashenko") == BID + "lukashenko"


def test_unknown_and_ambiguous_names(tmp_path: Path) -> None:
    dyad = bilateral.load([FIX])
    with pytest.raises(UnknownNameError, match="did you mean: aland"):
        resolve(dyad, "alan")
    with pytest.raises(UnknownNameError, match="no entity"):
        resolve(dyad, BID + "nowhere")
    other = tmp_path / "other.ttl"
    other.write_text(
        "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
        "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'bid:aland-city a bil:Place ; skos:altLabel "Capital"@en .\n'
        'bid:bland skos:altLabel "Capital"@en .\n'
    )
    with pytest.raises(UnknownNameError, match="ambiguous: it names bid:aland-city, bid:bland"):
        resolve(bilateral.load([FIX, other]), "capital")


def test_an_index_is_read_once_and_reused(bundled) -> None:
    index = NameIndex.from_graph(bundled)
    assert resolve(index, "moscow") == BID + "russia"
    with pytest.raises(UnknownNameError):
        index.resolve("")
