"""A source's ``bil:textFile`` is resolved relative to the Turtle file that declares it and
must stay inside the ``--data`` folder it was loaded from: data cannot make ``stats
--coverage`` print, or ``validate`` confirm guesses about, any other file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app

TINY = Path(__file__).parent.parent / "data" / "tiny"
SECRET = "The secret sentence that must never be printed."
runner = CliRunner()


def _dataset(tmp_path: Path, text_file: str, *, sub: str = "") -> Path:
    """A copy of tests/data/tiny under ``root/sub`` whose source names ``text_file``."""
    root = tmp_path / "root"
    folder = root / sub if sub else root
    folder.mkdir(parents=True)
    ttl = (TINY / "tiny.ttl").read_text(encoding="utf-8")
    assert 'bil:textFile "tiny-source.txt"' in ttl
    (folder / "tiny.ttl").write_text(
        ttl.replace('"tiny-source.txt"', '"' + text_file.replace("\\", "\\\\") + '"'), "utf-8"
    )
    shutil.copy(TINY / "tiny-source.txt", folder / "tiny-source.txt")
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return root


def _one_error_line(args: list[str], *needles: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    # the note on the folder's other files (the text these tests no longer point to) aside
    lines = [x for x in result.stderr.strip().splitlines() if not x.startswith("note: ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]
    assert "secret sentence" not in result.output


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@pytest.mark.parametrize(
    ("text_file", "why"),
    [
        ("ABSOLUTE", "absolute"),
        ("../outside/secret.txt", "outside the data folder"),
        ("../../outside/secret.txt", "outside the data folder"),
        ("sub/../../outside/secret.txt", "outside the data folder"),
    ],
)
def test_paths_leaving_the_data_folder_are_errors(tmp_path: Path, text_file: str, why: str):
    if text_file == "ABSOLUTE":
        text_file = str(tmp_path / "outside" / "secret.txt")
    root = _dataset(tmp_path, text_file)
    for command in (["validate"], ["stats", "--coverage"]):
        _one_error_line([*command, "--data", str(root)], "bsrc:tiny", why)


def test_a_symlink_out_of_the_folder_is_an_error(tmp_path: Path) -> None:
    root = _dataset(tmp_path, "linked.txt")
    os.symlink(tmp_path / "outside" / "secret.txt", root / "linked.txt")
    _one_error_line(["stats", "--coverage", "--data", str(root)], "bsrc:tiny", "outside")
    _one_error_line(["validate", "--data", str(root)], "bsrc:tiny", "outside")


def test_a_symlinked_folder_out_of_the_root_is_an_error(tmp_path: Path) -> None:
    root = _dataset(tmp_path, "out/secret.txt")
    os.symlink(tmp_path / "outside", root / "out")
    _one_error_line(["validate", "--data", str(root)], "bsrc:tiny", "outside")


def test_a_missing_file_names_the_expected_path(tmp_path: Path) -> None:
    root = _dataset(tmp_path, "texts/missing.txt")
    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    expected = str(root / "texts" / "missing.txt")
    assert f"source text file texts/missing.txt not found at {expected}" in result.stdout
    _one_error_line(["stats", "--coverage", "--data", str(root)], expected)


def test_no_fallback_to_the_bundled_folder_for_user_data(tmp_path: Path) -> None:
    root = _dataset(tmp_path, "000_cdb1d46302525148.txt")  # the bundled memo's name
    problems = bilateral.validate(bilateral.load([root]))
    assert any("000_cdb1d46302525148.txt not found at" in p.message for p in problems)


def test_parent_paths_inside_the_folder_work(tmp_path: Path) -> None:
    root = _dataset(tmp_path, "../texts/tiny-source.txt", sub="turtle")
    (root / "texts").mkdir()
    shutil.move(root / "turtle" / "tiny-source.txt", root / "texts" / "tiny-source.txt")
    assert bilateral.validate(bilateral.load([root])) == []
    # a single file given on its own: its folder is the root
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(TINY / "tiny.ttl", single / "tiny.ttl")
    shutil.copy(TINY / "tiny-source.txt", single / "tiny-source.txt")
    assert bilateral.validate(bilateral.load([single / "tiny.ttl"])) == []


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    root = _dataset(tmp_path, "pipe.txt")
    os.mkfifo(root / "pipe.txt")
    _one_error_line(["stats", "--coverage", "--data", str(root)], "not a regular file")


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_the_store_keeps_each_file_s_folder(tmp_path: Path) -> None:
    good = _dataset(tmp_path / "good", "../texts/tiny-source.txt", sub="turtle")
    (good / "texts").mkdir()
    shutil.move(good / "turtle" / "tiny-source.txt", good / "texts" / "tiny-source.txt")
    store = tmp_path / "store"
    assert runner.invoke(app, ["load", "--store", str(store), str(good)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    bad = _dataset(tmp_path / "bad", "../outside/secret.txt")
    assert runner.invoke(app, ["load", "--store", str(tmp_path / "s2"), str(bad)]).exit_code == 0
    _one_error_line(["stats", "--coverage", "--store", str(tmp_path / "s2")], "bsrc:tiny")
