"""The ontology, and the ontology with the bundled data, load in HermiT through owlready2.

This is what Protégé and other OWL tools do with the ontology. Needs Java (``make test``
installs Debian's ``default-jre-headless`` when run as root) and ``owlready2`` (test
extra); without Java the tests are skipped with a loud reason.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from rdflib import Graph

import bilateral
from bilateral.ontology.generate import ONTOLOGY_FILE

JAVA = shutil.which("java")
DATA_DIR = Path(bilateral.__file__).parent / "data"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        JAVA is None,
        reason="NO JAVA FOUND: install Debian's default-jre-headless (make test does as root) "
        "to run HermiT on the ontology",
    ),
]


def _hermit(paths: list[Path], tmp_path: Path, *, ignore_unsupported: bool = False) -> object:
    """Load ``paths`` into a fresh owlready2 world and run HermiT; return the world."""
    owlready2 = pytest.importorskip("owlready2")
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    nt = tmp_path / "graph.nt"
    g.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(nt.as_uri()).load(format="ntriples")
    # raises OwlReadyInconsistentOntologyError if inconsistent, OwlReadyJavaError if
    # HermiT refuses the ontology (an unsupported datatype, a construct outside OWL 2 DL)
    owlready2.sync_reasoner_hermit(
        world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=ignore_unsupported
    )
    return world


def test_hermit_accepts_the_ontology(tmp_path: Path) -> None:
    world = _hermit([ONTOLOGY_FILE], tmp_path)
    assert list(world.inconsistent_classes()) == []  # type: ignore[attr-defined]


def test_hermit_accepts_the_ontology_with_the_bundled_data(tmp_path: Path) -> None:
    """Consistent with every curated statement, within 30 seconds.

    The data's ``xsd:date`` and ``xsd:gYear`` literals lie outside the OWL 2 datatype map
    (that is why the ontology gives those properties ``rdfs:Literal`` ranges); HermiT is
    told to treat such values as opaque here, and the SHACL shapes check them instead.
    """
    start = time.monotonic()
    files = [ONTOLOGY_FILE, *sorted(DATA_DIR.rglob("*.ttl"))]
    world = _hermit(files, tmp_path, ignore_unsupported=True)
    assert list(world.inconsistent_classes()) == []  # type: ignore[attr-defined]
    assert time.monotonic() - start < 30
