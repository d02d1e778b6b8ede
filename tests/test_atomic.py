"""``bilateral/atomic.py``: the one module that renames a file onto another."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bilateral.atomic import atomic_path, write_json

PACKAGE = Path(__file__).resolve().parent.parent / "bilateral"


def test_only_the_bottom_module_replaces_files() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"os\.replace|os\.rename|\.rename\(", path.read_text(encoding="utf-8"))
    }
    assert found == {"atomic.py"}


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    write_json(target, {"a": 1})
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("partial")
        raise RuntimeError("killed")
    assert target.read_text() == '{"a": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_the_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_json(tmp_path / "x.json", [])
    finally:
        os.umask(old)
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == 0o640
