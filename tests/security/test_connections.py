"""The endpoint's connections under hostile clients, on real sockets on 127.0.0.1 (issue 26,
items 1 and 2): idle and dripping connections time out, a connection cap answers 503,
a short body is a 400 that runs nothing, clients that reset cost no work and no
traceback, and descriptors over 1024 do not break the query child's pipe."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from rdflib import Graph

import bilateral.graph.sparql.answer as answer
from bilateral.graph.sparql.connections import GuardedServer
from bilateral.graph.sparql.serve import make_server
from tests.servers import running

TTL = """@prefix ex: <https://e.org/> .
ex:a ex:p "one" . ex:b ex:p "two" ."""
QUERY = "SELECT ?o WHERE { ?s <https://e.org/p> ?o } ORDER BY ?o"
GET = f"GET /sparql?query={urllib.parse.quote(QUERY)} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"


def _graph() -> Graph:
    return Graph().parse(data=TTL, format="turtle")


@pytest.fixture
def start() -> Iterator[object]:
    with contextlib.ExitStack() as stack:

        def _start(**kwargs: object) -> tuple[GuardedServer, tuple[str, int]]:
            server = make_server(_graph(), host="127.0.0.1", port=0, **kwargs)
            return server, stack.enter_context(running(server))

        yield _start


def _query(where: tuple[str, int]) -> tuple[int, str]:
    conn = http.client.HTTPConnection(*where, timeout=30)
    try:
        conn.request("GET", "/sparql?query=" + urllib.parse.quote(QUERY))
        resp = conn.getresponse()
        return resp.status, resp.read().decode()
    finally:
        conn.close()


def _connect(where: tuple[str, int]) -> socket.socket:
    return socket.create_connection(where, timeout=10)


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    """Whether the server closes ``sock`` within ``within`` seconds (reading what it sent)."""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if not sock.recv(65536):
                return True
        except TimeoutError:
            return False
        except ConnectionError:
            return True
    return False


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset (SO_LINGER 0), as a client that died would."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _wait_open(server: GuardedServer, n: int) -> None:
    deadline = time.monotonic() + 5
    while server.open_connections < n and time.monotonic() < deadline:
        time.sleep(0.01)


def test_idle_connections_time_out(start) -> None:
    _, where = start(idle_timeout=0.5, quiet=True)
    idle = [_connect(where) for _ in range(3)]
    assert all(_closed_by_server(s, within=3) for s in idle)
    for s in idle:
        s.close()


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_idle_connections_make_room_for_a_query(start) -> None:
    server, where = start(max_connections=4, idle_timeout=60, quiet=True)
    idle = []
    for _ in range(4):
        idle.append(_connect(where))
        _wait_open(server, len(idle))
        time.sleep(0.05)  # one after the other: the first has waited longest
    time.sleep(1.1)  # a connection may be closed to make room after a second idle
    status, text = _query(where)  # over the cap: the longest idle connection goes
    assert status == 200 and "one" in text and "two" in text
    assert _closed_by_server(idle[0], within=3)
    assert not _closed_by_server(idle[-1], within=0.2)
    for s in idle:
        s.close()


def test_over_the_cap_with_none_idle_is_a_503(start) -> None:
    server, where = start(max_connections=2, idle_timeout=60, read_timeout=30, quiet=True)
    busy = [_connect(where) for _ in range(2)]
    for sock in busy:  # a request begun, its headers not yet ended
        sock.sendall(GET.split("\r\n")[0].encode() + b"\r\n")
    _wait_open(server, 2)
    time.sleep(0.2)
    extra = _connect(where)
    extra.sendall(GET.encode())
    reply = b""
    while chunk := extra.recv(65536):
        reply += chunk
    extra.close()
    assert reply.startswith(b"HTTP/1.0 503") and b"Retry-After: 1" in reply
    for sock in busy:
        sock.close()
    deadline, status = time.monotonic() + 10, 0
    while status != 200 and time.monotonic() < deadline:
        status = _query(where)[0]
    assert status == 200


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_drip_of_headers_is_cut_at_the_read_timeout(start) -> None:
    _, where = start(idle_timeout=5, read_timeout=0.8, quiet=True)
    sock = _connect(where)
    sock.sendall(GET.split("\r\n")[0].encode() + b"\r\n")
    started, closed = time.monotonic(), False
    for i in range(20):  # one header every 0.2 s: each recv is quick, the whole is not
        try:
            sock.sendall(f"X-Drip-{i}: a\r\n".encode())
        except OSError:
            closed = True
            break
        if _closed_by_server(sock, within=0.2):
            closed = True
            break
    sock.close()
    assert closed and time.monotonic() - started < 2.5


def _count_runs(monkeypatch) -> list[str]:
    runs: list[str] = []
    real = answer.run

    def counted(g: object, sparql: str, **kwargs: object) -> object:
        runs.append(sparql)
        return real(g, sparql, **kwargs)

    monkeypatch.setattr(answer, "run", counted)
    return runs


@pytest.mark.parametrize("half_close", [True, False])
def test_a_short_body_is_a_400_and_runs_nothing(start, monkeypatch, half_close) -> None:
    runs = _count_runs(monkeypatch)
    _, where = start(read_timeout=0.8, quiet=True)
    body = b"ASK { ?s ?p ?o } # thirty-six bytes!"
    assert len(body) == 36
    sock = _connect(where)
    sock.sendall(
        b"POST /sparql HTTP/1.0\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\n" + body
    )
    if half_close:
        sock.shutdown(socket.SHUT_WR)
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    sock.close()
    assert reply.startswith(b"HTTP/1.0 400"), reply[:200]
    assert b"only 36 of the request body's 1000 bytes" in reply
    assert runs == []
    assert _query(where)[0] == 200 and len(runs) == 1


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_clients_that_reset_get_no_work_and_no_traceback(start, monkeypatch, capsys) -> None:
    runs = _count_runs(monkeypatch)
    server, where = start(max_concurrent=1)
    slots = server.RequestHandlerClass.slots
    assert slots.take(time.monotonic() + 5, lambda: False) == "taken"  # the others wait
    try:
        gone = [_connect(where) for _ in range(8)]
        for sock in gone:
            sock.sendall(GET.encode())
        deadline = time.monotonic() + 10
        while slots.waiting < len(gone) and time.monotonic() < deadline:
            time.sleep(0.01)
        for sock in gone:
            _reset(sock)
        time.sleep(0.6)  # the waiting handlers look at their connections every 0.25 s
    finally:
        slots.release()
    deadline = time.monotonic() + 5
    while server.open_connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert runs == []
    assert _query(where)[0] == 200
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("client gone before its query ran") == 8


def test_descriptors_over_1024_in_the_query_path(start) -> None:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1300:
        pytest.skip(f"the open-file limit ({soft}) is too low to hold 1,100 descriptors")
    _, where = start(quiet=True)
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        assert max(held) >= 1024
        status, text = _query(where)  # the child's pipe is above 1024 now
        assert status == 200 and json.loads(text)["results"]["bindings"]
    finally:
        for fd in held:
            os.close(fd)


def test_the_sandbox_pipe_above_1024() -> None:
    from bilateral.graph.sparql.sandbox import in_child

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1300:
        pytest.skip(f"the open-file limit ({soft}) is too low to hold 1,100 descriptors")
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        assert in_child(lambda: 6 * 7, timeout=10) == 42
    finally:
        for fd in held:
            os.close(fd)


SERVER = """
import os, resource, sys
from rdflib import Graph
from bilateral.graph.sparql.serve import make_server
g = Graph().parse(data=sys.argv[1], format="turtle")
server = make_server(g, port=0, idle_timeout=1.5, read_timeout=1, max_connections=1000)
top = max(int(fd) for fd in os.listdir("/proc/self/fd"))
resource.setrlimit(resource.RLIMIT_NOFILE, (top + 8, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs /proc")
def test_out_of_descriptors_the_server_waits_instead_of_spinning() -> None:
    import select
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, TTL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        waiter = select.poll()
        waiter.register(proc.stdout, select.POLLIN)
        assert waiter.poll(60_000), "the server did not start within 60 s"
        where = ("127.0.0.1", int(proc.stdout.readline()))
        idle = [_connect(where) for _ in range(30)]  # more than the descriptors left
        time.sleep(0.3)
        before = _cpu_seconds(proc.pid)
        time.sleep(1.0)
        spent = _cpu_seconds(proc.pid) - before
        assert spent < 0.3, f"the server spun: {spent:.2f} s of CPU in 1 s"
        for sock in idle:
            sock.close()
        deadline, status = time.monotonic() + 20, 0
        while status != 200 and time.monotonic() < deadline:
            try:
                status = _query(where)[0]
            except OSError:
                time.sleep(0.2)
        assert status == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    assert "cannot accept connections for now" in err


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_queries_take_their_turns_in_arrival_order() -> None:
    from bilateral.graph.sparql.answer import Turns

    turns, order = Turns(1), []
    assert turns.take(time.monotonic() + 5, lambda: False) == "taken"

    def wait(i: int) -> None:
        assert turns.take(time.monotonic() + 10, lambda: False) == "taken"
        order.append(i)
        turns.release()

    threads = []
    for i in range(5):
        threads.append(threading.Thread(target=wait, args=(i,)))
        threads[-1].start()
        deadline = time.monotonic() + 10
        while turns.waiting < i + 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)  # in line one after the other
    time.sleep(0.3)  # and past a quarter-second look at their clients
    turns.release()
    for t in threads:
        t.join(timeout=10)
    assert order == [0, 1, 2, 3, 4]
    assert turns.take(time.monotonic() + 5, lambda: True) == "gone"  # even when free
    assert turns.waiting == 0


def test_the_limits_page_states_the_connection_limits(start) -> None:
    """A client can read what the endpoint allows before it runs into it."""
    _, where = start(max_connections=7, idle_timeout=4, read_timeout=3, quiet=True)
    conn = http.client.HTTPConnection(*where, timeout=30)
    try:
        conn.request("GET", "/limits")
        text = conn.getresponse().read().decode()
    finally:
        conn.close()
    assert "At most 7 connections are open at once" in text
    assert "wait 4 s for its request to begin" in text and "within 3 s" in text
