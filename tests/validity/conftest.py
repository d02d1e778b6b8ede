"""The face-validity suite: the measures on the bundled data against the memo's own
explicit judgments. Each test cites the memo sentence it rests on (``MEMO``), checked
verbatim against the memo text; `/work`-independent helpers live here."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilateral
from bilateral.graph.checks.quotes import normalise, strip_furniture

BID = "https://w3id.org/bilateral/id/"
MEMO_FILE = Path(bilateral.__file__).parent / "data" / "sources" / "000_cdb1d46302525148.txt"


def memo_text() -> str:
    """The memo, normalised as the quote check normalises it."""
    return normalise(strip_furniture(MEMO_FILE.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def snap(bundled):
    """The bundled data's snapshot."""
    return bilateral.read_snapshot(bundled)


@pytest.fixture(scope="session")
def base(snap):
    """SDI(Belarus on Russia), per domain, with intervals."""
    return bilateral.dependence(snap, "belarus", "russia")


def row(result, domain: str):
    """One domain's row (or TOTAL) of a dependence result."""
    return result.domain(domain)


def without(snap, *iris: str, dependent: str = "belarus", provider: str = "russia"):
    """The ad-hoc scenario that removes ``iris`` (slugs), before and after."""
    return bilateral.scenario(snap, None, remove=list(iris), dependent=dependent, provider=provider)
