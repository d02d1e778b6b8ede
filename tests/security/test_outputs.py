"""Output targets: ``--out`` an existing folder, a read-only or full file system is one
error line (exit 2); a FIFO, a device or a symlink is refused and left as it was, never
replaced by a regular file."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

from .oneline import one_line_error

TINY = str(Path(__file__).parent.parent / "data" / "tiny")
EXE = str(Path(sys.executable).parent / "bilateral")
runner = CliRunner()


def _writers(out: Path) -> list[list[str]]:
    """Every command that writes a file, writing to ``out``."""
    return [
        ["render", "--out", str(out), "--data", TINY],
        ["export", "--format", "ttl", "--out", str(out), "--data", TINY],
        ["export", "--format", "graphml", "--out", str(out), "--data", TINY],
        ["dependence", "ruritania", "freedonia", "--plot", str(out), "--data", TINY],
    ]


def test_an_existing_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    (folder / "inside").mkdir(parents=True)
    for args in _writers(folder):
        one_line_error(args, "is a folder")
    assert (folder / "inside").is_dir()


def test_folder_outputs_refuse_an_existing_file(tmp_path: Path) -> None:
    taken = tmp_path / "file"
    taken.write_text("keep me", encoding="utf-8")
    csv = ["export", "--format", "csv", "--out", str(taken), "--data", TINY]
    one_line_error(csv, "not a folder")
    one_line_error(["report", "--out", str(taken), "--data", TINY], "not a folder")
    assert taken.read_text(encoding="utf-8") == "keep me"


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_fifos_devices_and_symlinks_are_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "target.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(target)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    kinds = {fifo: "FIFO", link: "symbolic link", dangling: "symbolic link"}
    try:  # a character device of our own (the null device); needs root
        os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        kinds[tmp_path / "null"] = "device"
    except PermissionError:
        pass
    for path, kind in kinds.items():
        for args in _writers(path):
            one_line_error(args, kind)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink() and dangling.is_symlink()
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "nowhere").exists()
    if tmp_path / "null" in kinds:
        assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)
    one_line_error(["render", "--out", "/dev/stdout", "--data", TINY], "symbolic link")


def test_a_symlinked_folder_is_written_into(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via").symlink_to(real)
    result = runner.invoke(
        app, ["export", "--format", "csv", "--out", str(tmp_path / "via"), "--data", TINY]
    )
    assert result.exit_code == 0 and (real / "nodes.csv").is_file()


def _read_only_folder(tmp_path: Path) -> tuple[Path, list[str]]:
    """A folder writes fail in: a read-only mount of our own where we may mount (root,
    a private mount namespace), else a folder without write permission."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return folder, []
    if shutil.which("unshare") is None:
        pytest.skip("root without unshare: no read-only file system to test on")
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o ro tmpfs {folder}"],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("cannot make a read-only mount here")
    return folder, [
        "unshare",
        "-m",
        "sh",
        "-c",
        f'mount -t tmpfs -o ro tmpfs {folder} && "$@"',
        "sh",
    ]


@pytest.mark.slow
def test_a_read_only_file_system_isone_line_error(tmp_path: Path) -> None:
    folder, wrap = _read_only_folder(tmp_path)
    for args in (
        ["render", "--out", str(folder / "g.html"), "--data", TINY],
        ["export", "--format", "csv", "--out", str(folder / "csv"), "--data", TINY],
        ["report", "--out", str(folder / "report"), "--data", TINY],
    ):
        run = subprocess.run([*wrap, EXE, *args], capture_output=True, text=True, timeout=120)
        assert run.returncode == 2, run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: cannot write"), lines
        assert "Read-only file system" in lines[0] or "Permission denied" in lines[0]


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails: EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.slow
def test_a_full_disk_isone_line_error(tmp_path: Path) -> None:
    """A file system that cannot take the file (here: a file size limit) leaves nothing."""
    out = tmp_path / "g.html"
    run = subprocess.run(
        [EXE, "render", "--out", str(out), "--data", TINY],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_small_files,
    )
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot write {out}"), lines
    assert not out.exists() and list(tmp_path.iterdir()) == []
    if os.geteuid() == 0 and shutil.which("unshare"):  # a real full tmpfs
        folder = tmp_path / "full"
        folder.mkdir()
        script = f'mount -t tmpfs -o size=16k tmpfs {folder} && "$@"'
        run = subprocess.run(
            [
                "unshare",
                "-m",
                "sh",
                "-c",
                script,
                "sh",
                EXE,
                "render",
                "--out",
                str(folder / "g.html"),
                "--data",
                TINY,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if "mount" not in run.stderr:
            assert run.returncode == 2 and "No space left on device" in run.stderr, run.stderr


def test_any_full_disk_error_isone_line_error(monkeypatch, tmp_path: Path) -> None:
    """Past the atomic writer too (e.g. a library writing on its own): exit 2, one line."""
    import errno

    import bilateral

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr(bilateral, "export", full)
    one_line_error(
        ["export", "--format", "ttl", "--out", str(tmp_path / "x"), "--data", TINY],
        "No space left on device",
    )
