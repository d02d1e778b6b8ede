"""Terminal injection: every command, run on data that tries to take over the terminal
(clear screen, retitle, OSC 8 hyperlinks, C1 controls, bidi overrides, rich markup),
prints none of it raw. CSV and JSON keep the data exact; JSON escapes as JSON does."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

DATA = Path(__file__).parent.parent / "data"
T = str(DATA / "terminal")  # valid, hostile labels, IRIs and source text
TB = str(DATA / "terminal-bad")  # invalid: hostile dates, terms, file names in messages
#: what a terminal may obey (tabs and newlines are layout)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
runner = CliRunner()


def _run(args: list[str]) -> tuple[int, str, str]:
    # color=True: click would otherwise strip CSI sequences and hide what a terminal gets
    result = runner.invoke(app, args, color=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _assert_clean(out: str, err: str) -> None:
    for name, text in (("stdout", out), ("stderr", err)):
        bad = RAW.search(text)
        assert bad is None, (
            f"raw {bad.group()!r} in {name}: {text[max(bad.start() - 60, 0) : bad.end() + 20]!r}"
        )
        assert "Traceback" not in text


CASES = {
    "validate": (["validate", "--data", TB], 1),
    "validate-valid": (["validate", "--data", T], 0),
    "stats": (["stats", "--data", TB], 0),
    "stats-json": (["stats", "--format", "json", "--data", TB], 0),
    "stats-coverage": (["stats", "--coverage", "--data", T], 0),
    "query-table": (["query", "SELECT ?s ?l { ?s rdfs:label ?l }", "--data", T], 0),
    "query-json": (
        ["query", "SELECT ?s ?l { ?s rdfs:label ?l }", "--format", "json", "--data", T],
        0,
    ),
    "query-tsv": (
        ["query", "SELECT ?s ?l { ?s rdfs:label ?l }", "--format", "tsv", "--data", T],
        0,
    ),
    "query-construct": (["query", "CONSTRUCT WHERE { ?s rdfs:label ?l }", "--data", T], 0),
    "query-bad-name": (["query", "--named", "x\x1b]0;owned\x07\u202e", "--data", T], 2),
    "query-bad-option": (["query", "ASK {}", "--format", "\x1b[2J\x1b]0;owned\x07"], 2),
    "queries": (["queries"], 0),
    "centrality": (["centrality", "--data", T], 0),
    "centrality-json": (["centrality", "--format", "json", "--data", T], 0),
    "dependence-unknown": (["dependence", "\x1b]0;owned\x07", "bland", "--data", T], 2),
    "compare": (
        ["compare", "--as-of", "2020-06-01", "--as-of", "2021-12-31", "--data", T],
        0,
    ),
    "dependence": (["dependence", "aland", "bland", "--data", T], 0),
    "dependence-json": (["dependence", "aland", "bland", "--format", "json", "--data", T], 0),
    "scenario": (["scenario", "t-scenario", "--data", T], 0),
}


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
@pytest.mark.parametrize("name", list(CASES))
def test_command_output_has_no_raw_control_characters(name: str) -> None:
    args, code = CASES[name]
    exit_code, out, err = _run(args)
    assert exit_code == code, out + err
    _assert_clean(out, err)


def test_tables_show_markup_as_text() -> None:
    _, out, _ = _run(["query", "SELECT ?l { bid:aland rdfs:label ?l }", "--data", T])
    assert "[link=http://x]click[/link] [red]red[/red]" in out and "\\x1b[2J" in out
    _, out, _ = _run(["centrality", "--data", T])
    assert "[link=http://x]click[/link]" in out


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_files_report_load_and_file_names(tmp_path: Path) -> None:
    for args in (
        ["render", "--out", str(tmp_path / "g.html"), "--data", T],
        ["export", "--format", "ttl", "--out", str(tmp_path / "g.ttl"), "--data", T],
        ["report", "--out", str(tmp_path / "report"), "--data", T],
        ["load", "--store", str(tmp_path / "store"), T],
    ):
        code, out, err = _run(args)
        assert code == 0, out + err
        _assert_clean(out, err)
    _, out, _ = _run(["report", "--out", str(tmp_path / "report"), "--data", T])
    assert "\\x1b" in out  # the hostile labels are shown, escaped
    folder = tmp_path / "evil\x1b]0;owned\x07\u202e"
    folder.mkdir()
    shutil.copy(DATA / "terminal-bad" / "terminal-bad.ttl", folder / "bad\x1b[2J.ttl")
    code, out, err = _run(["validate", "--data", str(folder)])
    assert code == 1 and "bad\\x1b[2J.ttl" in out
    _assert_clean(out, err)
    (folder / "broken\x1b[2J.ttl").write_text("@prefix x: <y> .\nx:a x:b \x1b[2J", "utf-8")
    code, out, err = _run(["validate", "--data", str(folder)])
    assert code == 2
    _assert_clean(out, err)


def test_csv_and_json_keep_the_data_exact() -> None:
    label = "\x1b]0;owned\x07Bland\u202ednalb\u2067x"
    q = "SELECT ?l { bid:bland rdfs:label ?l }"
    _, out, _ = _run(["query", q, "--format", "csv", "--data", T])
    assert [row["l"] for row in csv.DictReader(io.StringIO(out))] == [label]
    _, out, _ = _run(["query", q, "--format", "json", "--data", T])
    assert json.loads(out)["results"]["bindings"][0]["l"]["value"] == label
    assert "\\u202e" in out and "\\u001b" in out
    _, out, _ = _run(["centrality", "--format", "json", "--data", T])
    assert label in {row["label"] for row in json.loads(out)}


@pytest.mark.slow
def test_csv_on_a_terminal_is_escaped() -> None:
    """On a terminal (a pty), CSV is escaped too; piped, it stays exact (above)."""
    import pty

    exe = Path(sys.executable).parent / "bilateral"
    q = "SELECT ?l { bid:bland rdfs:label ?l }"
    pid, fd = pty.fork()
    if pid == 0:  # child: the CLI writes to the pty
        os.execv(str(exe), [str(exe), "query", q, "--format", "csv", "--data", T])
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not select.select([fd], [], [], 1.0)[0]:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the CLI wrote to the terminal for over 60 s")
    os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")  # the pty's own CRs
    assert "\\x1b]0;owned\\x07Bland\\u202e" in text
    assert RAW.search(text) is None


class _Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(400)
        self.end_headers()
        self.wfile.write(b"\x1b]0;owned\x07\x1b[2J bad request \xe2\x80\xae")

    do_POST = do_PUT  # noqa: N815


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_remote_error_messages_are_escaped() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        code, out, err = _run(["push", "--endpoint", url + "/store", "--data", T])
        assert code == 1 and "\\x1b]0;owned" in err
        _assert_clean(out, err)
        code, out, err = _run(["query", "ASK {}", "--endpoint", url + "/q"])
        assert code == 1
        _assert_clean(out, err)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_endpoint_access_log_is_escaped(capfd) -> None:
    from bilateral.graph.source.load import load
    from bilateral.graph.sparql.serve import make_server

    server = make_server(load([T]), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            path = "/x%1b]0;owned%07\x1b]0;owned\x07\x1b[2J\u202e\u0085".encode()
            sock.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            sock.recv(65536)
        q = urllib.request.quote("SELECT ?l { bid:bland rdfs:label ?l }")
        urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query={q}").read()  # noqa: S310
    finally:
        server.shutdown()
        server.server_close()
    err = capfd.readouterr().err
    assert "GET /x" in err and "\\x1b[2J" in err
    _assert_clean("", err)


@pytest.mark.slow
def test_real_processes_warnings_and_logs(tmp_path: Path) -> None:
    """Through real processes, where warnings and log records reach stderr too: the
    report's plot warns about glyphs it cannot draw (ESC, BEL), the loader meets an
    ill-typed date; the store path as well."""
    exe = str(Path(sys.executable).parent / "bilateral")
    for args in (
        ["report", "--out", str(tmp_path / "r"), "--data", T],
        ["validate", "--data", TB],
        ["load", "--store", str(tmp_path / "s"), T, TB],
        ["stats", "--store", str(tmp_path / "s")],
    ):
        run = subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, 1), run.stderr
        _assert_clean(run.stdout, run.stderr)
