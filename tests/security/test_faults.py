"""Faults: interrupted pushes converge, concurrent and killed exports leave whole files.
(Remote store down/slow/5xx/truncated: tests/server/test_remote.py.)"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Graph

import bilateral
from bilateral.graph.remote import RemoteError, Timeouts, push


def _half_reader() -> tuple[str, threading.Thread, socket.socket]:
    """A server that reads part of an upload, then drops the connection."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    port = srv.getsockname()[1]

    def serve() -> None:
        for _ in range(3):
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.recv(4096)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{port}/store", thread, srv


def test_interrupted_push_is_an_error_and_a_rerun_converges(bundled, tmp_path: Path) -> None:
    url, thread, srv = _half_reader()
    with pytest.raises(RemoteError):
        push(bundled, url, timeouts=Timeouts(timeout=2, attempts=2, backoff=0.01))
    srv.close()
    from tests.server.test_remote import _free_port, _oxigraph

    exe = _oxigraph()
    if exe is None:
        pytest.skip("the oxigraph server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(2):
            push(bundled, base + "/store", graph="urn:x:g")
        from bilateral.graph.remote import remote_query

        n = remote_query(base + "/query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", graph="urn:x:g")
        assert int(n.rows[0][0]) == len(bundled)
    finally:
        proc.terminate()
        proc.wait(10)


def test_two_exports_to_the_same_file(tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bilateral.cli.__main__",
                "export",
                "--format",
                "nt",
                "--out",
                str(out),
            ]
        )
        for _ in range(2)
    ]
    assert [p.wait(120) for p in procs] == [0, 0]
    g = Graph().parse(out, format="nt")
    assert len(g) == len(bilateral.load())
    assert [p.name for p in tmp_path.iterdir()] == ["g.nt"]


def test_killed_export_leaves_the_old_file_and_no_temp_on_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    out.write_text("old")
    code = (
        "import sys, time\n"
        "from bilateral.graph.views.atomic import atomic_path\n"
        "with atomic_path(sys.argv[1]) as tmp:\n"
        "    tmp.write_text('partial')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(out)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert out.read_text() == "old"
    assert len(list(tmp_path.glob(".g.ttl.*.tmp"))) == 1  # the killed writer's leftover
    bilateral.export("ttl", out)
    assert list(tmp_path.glob(".g.ttl.*.tmp")) == []
    assert Graph().parse(out, format="turtle")
