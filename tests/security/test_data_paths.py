"""Paths given to commands (issue 26, item 8): each bad one is one error line, exit 2.

- a data file that is a symbolic link leading out of its data folder (in a folder, or
  named on its own) is refused, for ``validate``, ``load --store`` and ``--data``;
- a name over 255 bytes (a data file, a store folder) is refused, not a crash;
- a device, a FIFO or a huge file given to ``--data``, ``query --file``, ``--weights``
  or ``curate`` is refused by ``stat`` before it is read: no memory filled, no wait
  for a writer that never comes (run in a child with a memory limit and a deadline,
  so a regression fails instead of taking the machine down);
- ``load --store`` on a regular file or a FIFO, and ``stats --store`` on a file, say
  that a store is a folder (and suggest nothing that cannot work);
- a folder whose files vanish while it is searched is read without them.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from tests.security.oneline import one_line_error, runner

TINY = Path(__file__).parent.parent / "data" / "tiny"
EXE = str(Path(sys.executable).parent / "bilateral")
LONG = "a" * 300


def _tiny(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in TINY.iterdir():
        shutil.copy(f, folder / f.name)
    return folder


def test_a_link_out_of_the_data_folder_is_one_line(tmp_path: Path) -> None:
    outside = _tiny(tmp_path / "outside")
    data = tmp_path / "data"
    data.mkdir()
    (data / "link.ttl").symlink_to(outside / "tiny.ttl")
    for args in (
        ["validate", "--data", str(data)],
        ["load", "--store", str(tmp_path / "s"), str(data)],
        ["validate", "--data", str(data / "link.ttl")],
        ["stats", "--data", str(data)],
    ):
        one_line_error(args, "link.ttl is a symbolic link out of its data folder", "tiny.ttl")
    assert not (tmp_path / "s").exists()
    with pytest.raises(InputError, match="symbolic link out of its data folder"):
        bilateral.load([data])


def test_a_link_inside_the_data_folder_is_read(tmp_path: Path) -> None:
    data = _tiny(tmp_path / "data")
    (data / "sub").mkdir()
    (data / "tiny.ttl").rename(data / "sub" / "tiny.ttl")
    (data / "sub" / "tiny-source.txt").symlink_to(data / "tiny-source.txt")
    (data / "alias.ttl").symlink_to(data / "sub" / "tiny.ttl")
    assert bilateral.validate(bilateral.load([data])) == []


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--data", "{tmp}/" + LONG + ".ttl"],
        ["load", "--store", "{tmp}/" + LONG, str(TINY)],
        ["stats", "--store", "{tmp}/" + LONG],
        ["query", "--file", "{tmp}/" + LONG + ".rq"],
        ["curate", "{tmp}/" + LONG + ".txt"],
        ["dependence", "belarus", "russia", "--weights", "{tmp}/" + LONG + ".json"],
    ],
)
def test_a_name_over_255_bytes_is_one_line(tmp_path: Path, args: list[str]) -> None:
    one_line_error([a.replace("{tmp}", str(tmp_path)) for a in args], "too long")


def test_a_store_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    for name, kind in (("file", "a regular file"), ("fifo", "a FIFO")):
        line = one_line_error(
            ["load", "--store", str(tmp_path / name), str(TINY)], f"is {kind}, not a folder"
        )
        assert "NotADirectoryError" not in line
    line = one_line_error(["stats", "--store", str(tmp_path / "file")], "not a store")
    assert "load data into that folder" not in line  # it cannot be: it is a file


def test_a_folder_whose_files_vanish_is_read_without_them(tmp_path: Path, monkeypatch) -> None:
    data = _tiny(tmp_path / "data")
    (data / "gone").mkdir()
    (data / "gone" / "x.ttl").write_text("")
    (data / "dangling.ttl").symlink_to(tmp_path / "nowhere.ttl")
    real_scandir = os.scandir

    def vanishing(path: str = ".") -> object:  # the folder is deleted as it is listed
        if str(path).endswith("gone"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", vanishing)
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 0, result.output


def _limited() -> None:  # a regression must fail, not fill the machine's memory
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


COMMANDS = {
    "data": (["validate", "--data"], ".ttl"),
    "query": (["query", "--file"], ".rq"),
    "weights": (["dependence", "belarus", "russia", "--weights"], ".json"),
    "curate": (["curate"], ".txt"),
}


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_devices_fifos_and_huge_files_are_refused_before_reading(
    tmp_path: Path, command: str
) -> None:
    args, suffix = COMMANDS[command]
    (tmp_path / f"zero{suffix}").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / f"fifo{suffix}")  # no writer: opening it to read would block
    with open(tmp_path / f"huge{suffix}", "wb") as fh:
        fh.truncate(60 << 30)  # 60 GB, sparse
    for name, why in (
        ("zero", "not a regular file (a character device)"),
        ("fifo", "not a regular file (a FIFO)"),
        ("huge", "is larger than"),
    ):
        run = subprocess.run(
            [EXE, *args, str(tmp_path / f"{name}{suffix}")],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_limited,
        )
        lines = run.stderr.strip().splitlines()
        assert run.returncode == 2, (name, run.stderr[-500:])
        assert len(lines) == 1 and lines[0].startswith("error: ") and why in lines[0], lines


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_standard_input_is_capped_too(tmp_path: Path) -> None:
    run = subprocess.run(
        [EXE, "query", "--file", "-"],
        input=b"#" * (2 << 20),
        capture_output=True,
        timeout=60,
        preexec_fn=_limited,
    )
    assert run.returncode == 2 and b"larger than 1 MiB" in run.stderr, run.stderr
