"""The persistent store under faults: a damaged or fake store folder, readers during a
load (a snapshot or a clear refusal, never RocksDB's corruption errors), an endpoint
that picks up new loads, and a killed load whose leftovers the next load reclaims."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.source.store import LOCK, is_store, load_store, open_dataset

from .oneline import one_line_error

TINY = str(Path(__file__).parent.parent / "data" / "tiny")
EXE = str(Path(sys.executable).parent / "bilateral")
COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
runner = CliRunner()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """300 000 synthetic triples: a load that takes a second or two."""
    from benchmarks.generate import write

    path = tmp_path_factory.mktemp("big") / "big.nt"
    with path.open("w", encoding="utf-8") as fh:
        write(fh, 300_000, seed=7)
    return path


def _count(folder: Path) -> int:
    from bilateral.graph.source.handle import open_store
    from bilateral.graph.sparql.engine import run

    with open_store(folder) as handle:  # its reader's lock let go now, not at a gc
        return int(run(handle.graph, COUNT).rows[0][0])


@pytest.mark.parametrize("damage", ["junk-current", "no-manifest", "not-rocksdb", "empty-files"])
def test_a_damaged_or_fake_store_isone_line_error(tmp_path: Path, damage: str) -> None:
    store = tmp_path / "s"
    if damage == "not-rocksdb":
        store.mkdir()
        (store / ".bilateral-store").write_text("fake\n")
        (store / "CURRENT").write_bytes(os.urandom(64))
        (store / "data.sst").write_bytes(os.urandom(4096))
    else:
        load_store(store, [TINY])
        if damage == "junk-current":
            (store / "CURRENT").write_text("MANIFEST-999999\n")
        elif damage == "no-manifest":
            for f in store.glob("MANIFEST-*"):
                f.unlink()
        else:
            for f in store.iterdir():
                if f.suffix in (".sst", ".log") or f.name.startswith("MANIFEST"):
                    f.write_bytes(b"")
    for args in (
        ["query", "ASK {}", "--store", str(store)],
        ["validate", "--store", str(store)],
        ["load", "--store", str(store), TINY],
    ):
        one_line_error(args, str(store))


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("mine")
    one_line_error(["query", "ASK {}", "--store", str(tmp_path)], "not a bilateral store")
    one_line_error(["load", "--store", str(tmp_path), TINY], "not a bilateral store")
    assert (tmp_path / "x.txt").read_text() == "mine" and not is_store(tmp_path)


def _hold(folder: Path, mode: int) -> object:
    fh = open(folder / LOCK, "a+")  # noqa: SIM115 - held until closed by the test
    fcntl.flock(fh, mode | fcntl.LOCK_NB)
    return fh


def test_readers_are_told_while_a_load_holds_the_store(tmp_path: Path) -> None:
    store = tmp_path / "s"
    load_store(store, [TINY])
    loader = _hold(store, fcntl.LOCK_EX)  # what `bilateral load` holds while it loads
    try:
        one_line_error(["query", COUNT, "--store", str(store)], "being loaded")
        one_line_error(["stats", "--store", str(store)], "being loaded")
    finally:
        loader.close()  # type: ignore[attr-defined]
    assert runner.invoke(app, ["query", COUNT, "--store", str(store)]).exit_code == 0


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_load_waits_for_readers_then_gives_up_clearly(tmp_path: Path) -> None:
    store = tmp_path / "s"
    load_store(store, [TINY])
    g = open_dataset(store)  # a reader (a notebook, a running command) holds the store
    with pytest.raises(InputError, match="in use"):
        load_store(store, ["bundled"], wait=0.5)
    del g
    import gc

    gc.collect()
    load_store(store, ["bundled"], wait=0.5)


def _sparql(port: int, query: str) -> tuple[int, str]:
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.slow
def test_the_endpoint_picks_up_new_loads(tmp_path: Path, big_file: Path) -> None:
    """`serve --store` started before a load: during the load each request is answered
    from the old data or told to retry (503); afterwards it sees the new data."""
    from bilateral.graph.source.storereader import StoreReader
    from bilateral.graph.sparql.serve import make_server

    store = tmp_path / "s"
    load_store(store, [TINY])
    before = _count(store)
    server = make_server(StoreReader(store), port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        code, body = _sparql(port, COUNT)
        assert code == 200 and body.split() == ["n", str(before)]
        load = subprocess.Popen(
            [EXE, "load", "--store", str(store), str(big_file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen = set()
        while load.poll() is None:
            code, body = _sparql(port, COUNT)
            seen.add(code)
            assert code in (200, 503), body
            assert "sst" not in body and "Corruption" not in body
            if code == 503:
                assert "being loaded" in body
            time.sleep(0.05)
        assert load.returncode == 0, load.stderr.read()  # type: ignore[union-attr]
        code, body = _sparql(port, COUNT)
        assert code == 200 and int(body.split()[1]) > before + 250_000
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_queries_during_a_big_load_never_see_corruption(tmp_path: Path, big_file: Path) -> None:
    store = tmp_path / "s"
    load_store(store, [TINY])
    load = subprocess.Popen(
        [EXE, "load", "--store", str(store), str(big_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    codes = []
    while load.poll() is None and len(codes) < 6:
        run = subprocess.run(
            [EXE, "query", COUNT, "--store", str(store), "--format", "csv"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        codes.append(run.returncode)
        assert run.returncode in (0, 2), run.stderr
        assert "Corruption" not in run.stderr and "sst" not in run.stderr
        if run.returncode == 2:
            assert "being loaded" in run.stderr
    assert load.wait(120) == 0
    assert _count(store) > 250_000


@pytest.mark.slow
def test_a_killed_load_is_reported_then_reclaimed(tmp_path: Path, big_file: Path) -> None:
    store = tmp_path / "s"
    load_store(store, [TINY])
    before = _count(store)
    load = subprocess.Popen([EXE, "load", "--store", str(store), str(big_file)])
    deadline = time.monotonic() + 30
    journal = store / ".bilateral" / "loading.json"

    def loading_big() -> bool:
        try:
            return "big.nt" in journal.read_text() and bool(list(store.glob("bulk-*")))
        except OSError:
            return False

    while time.monotonic() < deadline and not loading_big():
        if load.poll() is not None:
            pytest.skip("the load finished before it could be killed")
        time.sleep(0.02)
    os.kill(load.pid, signal.SIGKILL)
    load.wait(timeout=30)
    assert list(store.glob("bulk-*")), "the bulk loader's temporary files are left"
    one_line_error(["query", COUNT, "--store", str(store)], "interrupted", "big.nt")
    result = runner.invoke(app, ["load", "--store", str(store), TINY])
    assert result.exit_code == 0, result.output
    assert "interrupted" in result.stderr and "big.nt" in result.stderr
    assert not list(store.glob("bulk-*"))
    assert _count(store) == before  # the half-loaded file is gone, the rest intact
