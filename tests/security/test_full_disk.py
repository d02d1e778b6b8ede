"""A full disk during ``load --store`` (issue 26, item 9): one error line naming the disk
(exit 2), the bulk loader's temporary files deleted, and the store left readable with
the half-loaded file undone, or, when not even that can be written, left for the next
load to clear, with a message that says which.

A real full tmpfs where the machine lets us mount one (root, a private mount
namespace), and a simulated ``ENOSPC`` (Oxigraph's own wording, which has no errno)
everywhere.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

import bilateral
from bilateral.errors import InputError
from bilateral.graph.source import storemeta
from tests.security.oneline import one_line_error

TINY = Path(__file__).parent.parent / "data" / "tiny" / "tiny.ttl"
FULL = "IO error: No space left on device: While appending to file: {}/bulk-1.sst: No space"


def _big(path: Path, triples: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(triples):
            fh.write(
                f"<https://w3id.org/bilateral/id/e{i}> "
                f'<http://www.w3.org/2000/01/rdf-schema#label> "label {i} with padding" .\n'
            )
    return path


class _FillingStore:
    """A writable store whose bulk load stops as a full disk stops it: part of the file
    loaded, a temporary ``bulk-*.sst`` file left, then Oxigraph's ``OSError``."""

    def __init__(self, inner: Any, folder: str) -> None:
        self._inner, self._folder = inner, folder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __len__(self) -> int:
        return len(self._inner)

    def bulk_load(self, reader: Any, **kwargs: Any) -> None:
        if not kwargs["to_graph"].value.endswith("big.nt"):  # the disk fills on big.nt
            self._inner.bulk_load(reader, **kwargs)
            return
        head = b"".join(reader.readline() for _ in range(50))
        self._inner.bulk_load(head, **kwargs)  # a first batch got in
        Path(self._folder, "bulk-1.sst").write_bytes(b"\0" * 65536)
        raise OSError(FULL.format(self._folder))


@pytest.fixture
def filling(monkeypatch) -> Iterator[dict[str, int]]:
    """Oxigraph's ``Store`` as a full disk leaves it; ``state["opens_left"]`` is how many
    more times the store can be opened before opening fails for want of space too."""
    real = pyoxigraph.Store
    state = {"opens_left": 99}

    def store(path: str | None = None) -> Any:
        if path is None:
            return real()
        state["opens_left"] -= 1
        if state["opens_left"] < 0:
            raise OSError(FULL.format(path).replace("bulk-1.sst", "MANIFEST-000009"))
        return _FillingStore(real(path), path)

    store.read_only = real.read_only  # type: ignore[attr-defined]
    monkeypatch.setattr(pyoxigraph, "Store", store)
    yield state


def _graphs(folder: Path) -> set[str]:
    with bilateral.open_store(folder) as handle:
        return {str(c.identifier) for c in handle.graph.graphs()}


def test_a_full_disk_undoes_the_file_and_names_the_disk(tmp_path: Path, filling) -> None:
    store, big = tmp_path / "s", _big(tmp_path / "big.nt", 200)
    bilateral.load_store(store, [TINY])
    before = _graphs(store)
    filling["opens_left"] = 2  # the load's handle, then the one that undoes the file
    with pytest.raises(InputError, match="No space left on device") as info:
        bilateral.load_store(store, [big])
    message = str(info.value)
    assert f"the disk that holds store {store} is full" in message
    assert "big.nt was undone" in message and "\n" not in message
    assert not list(store.glob("bulk-*")) and not (store / ".bilateral" / "loading.json").exists()
    assert _graphs(store) == before  # readable, and as it was
    filling["opens_left"] = 99
    bilateral.load_store(store, [TINY])  # and loadable


def test_still_full_leaves_it_to_the_next_load(tmp_path: Path, filling) -> None:
    store, big = tmp_path / "s", _big(tmp_path / "big.nt", 200)
    bilateral.load_store(store, [TINY])
    before = _graphs(store)
    filling["opens_left"] = 1  # the store cannot even be opened again to undo the file
    with pytest.raises(InputError, match="keeps part of .*big.nt until the next load"):
        bilateral.load_store(store, [big])
    assert not list(store.glob("bulk-*"))  # deleted while the load still held the store
    with pytest.raises(InputError, match="holds part of .*big.nt: its load was interrupted"):
        bilateral.open_store(store)
    filling["opens_left"] = 99
    report = bilateral.load_store(store, [TINY])
    assert [r[-6:] for r in report.recovered] == ["big.nt"] and _graphs(store) == before


def test_the_cli_says_it_in_one_line(tmp_path: Path, filling) -> None:
    store, big = tmp_path / "s", _big(tmp_path / "big.nt", 200)
    one_line_error(["load", "--store", str(store), str(big)], "No space left on device", "undone")


def test_opening_a_store_on_a_full_disk_is_not_damage(tmp_path: Path, filling) -> None:
    store = tmp_path / "s"
    bilateral.load_store(store, [TINY])
    filling["opens_left"] = 0
    with pytest.raises(InputError, match="is full .*nothing was loaded") as info:
        bilateral.load_store(store, [TINY])
    assert "damaged" not in str(info.value)


SCRIPT = """
import json, subprocess, sys
from pathlib import Path
exe, store, tiny, big = sys.argv[1:5]
out = {}
for step, path in (("first", tiny), ("full", big)):
    run = subprocess.run([exe, "load", "--store", store, path], capture_output=True, text=True)
    out[step] = [run.returncode, run.stderr]
out["left"] = sorted(
    p.name for p in Path(store).rglob("*") if p.name.startswith(("bulk-", "loading"))
)
run = subprocess.run([exe, "query", "--store", store, "--format", "csv",
                      "SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} }}"],
                     capture_output=True, text=True)
out["count"] = [run.returncode, run.stdout]
run = subprocess.run([exe, "load", "--store", store, tiny], capture_output=True, text=True)
out["again"] = [run.returncode, run.stderr]
print(json.dumps(out))
"""


@pytest.mark.slow
def test_a_real_full_tmpfs(tmp_path: Path) -> None:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("mounting a tmpfs needs root and unshare")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=8m tmpfs {mnt}"],
        capture_output=True,
        timeout=30,
    )
    if probe.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    big = _big(tmp_path / "big.nt", 200_000)  # 27 MB: more than the 8 MB the tmpfs holds
    script = tmp_path / "check.py"
    script.write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    exe = str(Path(sys.executable).parent / "bilateral")
    run = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            f'mount -t tmpfs -o size=8m tmpfs {mnt} && "$@"',
            "sh",
            sys.executable,
            str(script),
            exe,
            str(mnt / "s"),
            str(TINY),
            str(big),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["first"][0] == 0, out
    code, err = out["full"]
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, out
    assert lines[0].startswith(f"error: the disk that holds store {mnt / 's'} is full"), lines
    assert "No space left on device" in lines[0] and "undone" in lines[0], lines
    assert out["left"] == [], out
    assert out["count"][0] == 0 and out["again"][0] == 0, out


def test_a_journal_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "s"
    bilateral.load_store(store, [TINY])
    before = _graphs(store)
    real = storemeta.write_text

    def full_for_the_journal(path: Path, text: str) -> None:
        if Path(path).name == "loading.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)

    monkeypatch.setattr(storemeta, "write_text", full_for_the_journal)
    with pytest.raises(InputError, match="is full .*left as it was before that file"):
        bilateral.load_store(store, [_big(tmp_path / "big.nt", 10)])
    assert _graphs(store) == before
