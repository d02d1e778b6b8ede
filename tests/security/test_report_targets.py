"""``report`` checks every file it will write before writing any (issue 26, item 13):
a refused target (a symlink, a FIFO, a folder in the place of ``report.md`` or
``graph.html``) is one error line, and no other report file is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilateral.graph.views.atomic import check_targets

from .oneline import one_line_error

TINY = str(Path(__file__).parent.parent / "data" / "tiny")
FILES = ["graph.html", "dependence.png", "sensitivity.png", "centrality.csv", "report.md"]


def _plant(path: Path, kind: str, elsewhere: Path) -> None:
    if kind == "symlink":
        elsewhere.write_text("keep me", encoding="utf-8")
        path.symlink_to(elsewhere)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
@pytest.mark.parametrize("name", ["report.md", "graph.html"])
def test_a_refused_target_leaves_no_report_file(tmp_path: Path, name: str, kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _plant(out / name, kind, tmp_path / "elsewhere.md")
    one_line_error(["report", "--out", str(out), "--data", TINY], name)
    assert sorted(p.name for p in out.iterdir()) == [name]  # nothing else written
    if kind == "symlink":
        assert (tmp_path / "elsewhere.md").read_text(encoding="utf-8") == "keep me"


def test_check_targets_looks_at_every_path(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    check_targets([tmp_path / "a", tmp_path / "c"])  # missing files are fine
    with pytest.raises(Exception, match="is a folder"):
        check_targets([tmp_path / "a", tmp_path / "b"])
