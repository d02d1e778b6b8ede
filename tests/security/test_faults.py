"""Faults: interrupted pushes converge, concurrent and killed exports leave whole files.
(Remote store down/slow/5xx/truncated: tests/test_remote.py.)"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
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


@pytest.mark.slow  # a real Oxigraph server and a killed push: ~3 s of waiting
def test_interrupted_push_is_an_error_and_a_rerun_converges(bundled, oxigraph: str) -> None:
    url, thread, srv = _half_reader()
    with pytest.raises(RemoteError):
        t = Timeouts(timeout=2, attempts=2, backoff=0.01)
        push(bundled, url, timeouts=t, validate=False)
    srv.close()
    for _ in range(2):  # against a real server (the session's, tests/conftest.py)
        push(bundled, oxigraph + "/store", graph="urn:x:faults", validate=False)
    from bilateral.graph.remote import remote_query

    query = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    n = remote_query(oxigraph + "/query", query, graph="urn:x:faults")
    assert int(n.rows[0][0]) == len(bundled)


@pytest.mark.slow
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


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
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
    bilateral.export(None, "ttl", out)
    assert list(tmp_path.glob(".g.ttl.*.tmp")) == []
    assert Graph().parse(out, format="turtle")
