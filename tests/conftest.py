"""Shared fixtures: the bundled graph is parsed and validated once per session; a free
port; a real Oxigraph server on 127.0.0.1; one click command per typer app."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

import bilateral
from bilateral.graph.source.store import load_store, open_dataset

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def one_click_command() -> Iterator[None]:
    """typer's ``CliRunner.invoke`` builds the click command from the app on every call
    (``typer.main.get_command``, ~25 ms: ~8 s of the quick suite); build it once per app.
    The command only holds the app's registered functions, so every call runs the same."""
    import typer.main
    import typer.testing

    built: dict[int, Any] = {}

    def once(app: Any) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, typer.main.get_command(app))  # the app kept: ids stay unique
        return built[id(app)][1]

    patch = pytest.MonkeyPatch()
    patch.setattr(typer.testing, "_get_command", once)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    """The ontology plus the bundled dataset (read-only: do not modify)."""
    return bilateral.load()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The folder of hand-written test fixtures."""
    return DATA


@pytest.fixture(scope="session")
def bundled_problems(bundled) -> list:
    """``bilateral.validate`` of the bundled data, run once per session."""
    return bilateral.validate(bundled)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_executable() -> str | None:
    """The ``oxigraph`` server of the PyPI package 'oxigraph', if installed."""
    exe = Path(sys.executable).parent / "oxigraph"
    return str(exe) if exe.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory) -> Iterator[str]:
    """The base URL of a real Oxigraph server started on 127.0.0.1 for the session."""
    exe = oxigraph_executable()
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=1)  # noqa: S310
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait(10)
                pytest.fail(f"the oxigraph server did not answer on {base} within 30 s")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def bundled_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A persistent store holding the ontology and the bundled data."""
    folder = tmp_path_factory.mktemp("ask") / "store"
    load_store(folder, ["bundled"])
    return folder


@pytest.fixture(scope="session")
def bundled_store(bundled_store_dir: Path):  # type: ignore[no-untyped-def]
    """The store opened read-only, as ``--store`` opens it."""
    return open_dataset(bundled_store_dir)
