"""Load on `bilateral serve`: 200 clients for 60 s (queries, idle, short bodies, resets).

Each client loops until the time is up, choosing: a well-formed query (70 %: a SELECT by
GET or an ASK by POST, on a fresh connection), an idle connection held 0.5-3 s (10 %), a
body shorter than its ``Content-Length`` with a half-close (10 %), or a query whose
connection is reset before the answer (10 %). It counts every answer by status, every
well-formed request that got no answer (dropped), the server log's tracebacks, and the
time of one query right after the load against the same query before it. The duration
and the number of clients come from ``BILATERAL_LOAD_SECONDS`` and
``BILATERAL_LOAD_CLIENTS`` (60 and 200). ``python -m benchmarks.bench_serve_load``
prints the figures.
"""

from __future__ import annotations

import collections
import http.client
import os
import random
import re
import socket
import struct
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from benchmarks.common import BIN, Row

SELECT = urllib.parse.quote("SELECT ?l WHERE { bid:belarus rdfs:label ?l }")


class _Load:
    def __init__(self, port: int, seconds: float) -> None:
        self.port = port
        self.end = time.monotonic() + seconds
        self.counts: collections.Counter[str] = collections.Counter()
        self.latencies: list[float] = []
        self.lock = threading.Lock()

    def note(self, key: str, latency: float | None = None) -> None:
        with self.lock:
            self.counts[key] += 1
            if latency is not None:
                self.latencies.append(latency)

    def good(self) -> None:
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            if random.random() < 0.5:
                conn.request("GET", f"/sparql?query={SELECT}")
            else:
                body, ctype = b"ASK { ?s ?p ?o }", "application/sparql-query"
                conn.request("POST", "/sparql", body=body, headers={"Content-Type": ctype})
            resp = conn.getresponse()
            resp.read()
            self.note(f"well-formed: {resp.status}", time.monotonic() - started)
        except (OSError, http.client.HTTPException) as exc:
            self.note(f"well-formed: dropped ({type(exc).__name__})")
        finally:
            conn.close()

    def idle(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=30):
            time.sleep(random.uniform(0.5, 3))
        self.note("idle")

    def short(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
            s.sendall(
                b"POST /sparql HTTP/1.0\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 1000\r\n\r\nASK { ?s ?p ?o }"
            )
            s.shutdown(socket.SHUT_WR)
            try:
                status = s.recv(100)[9:12].decode("ascii", "replace")
                self.note(f"short body: {status or 'closed'}")
            except OSError as exc:
                self.note(f"short body: {type(exc).__name__}")

    def reset(self) -> None:
        s = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        s.sendall(f"GET /sparql?query={SELECT} HTTP/1.0\r\n\r\n".encode())
        time.sleep(random.uniform(0, 0.2))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        self.note("reset")

    def client(self) -> None:
        kinds = [self.good, self.idle, self.short, self.reset]
        while time.monotonic() < self.end:
            try:
                random.choices(kinds, [70, 10, 10, 10])[0]()
            except OSError as exc:  # connecting failed: counted, never silent
                self.note(f"connect failed ({type(exc).__name__})")


def _one_query(port: int) -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", f"/sparql?query={SELECT}")
        resp = conn.getresponse()
        resp.read()
        return resp.status, time.monotonic() - started
    finally:
        conn.close()


def _start(log: Any) -> tuple[subprocess.Popen[bytes], int]:
    server = subprocess.Popen(
        [str(BIN / "bilateral"), "serve", "--port", "0"], stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.flush()
        found = re.search(rb"http://127\.0\.0\.1:(\d+)/sparql", Path(log.name).read_bytes())
        if found:
            return server, int(found.group(1))
        time.sleep(0.1)
    server.kill()
    raise SystemExit("bilateral serve did not start within 60 s")


def measure(seconds: float, clients: int) -> dict[str, Any]:
    """Run the load; the figures as a dict."""
    with tempfile.NamedTemporaryFile("w+b", suffix=".log") as log:
        server, port = _start(log)
        try:
            _one_query(port)  # warm
            before = min(_one_query(port)[1] for _ in range(5))
            load = _Load(port, seconds)
            threads = [threading.Thread(target=load.client) for _ in range(clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(seconds + 180)
            status, after = _one_query(port)
        finally:
            server.terminate()
            server.wait(30)
        text = Path(log.name).read_bytes().decode("utf-8", "replace")
    lat = sorted(load.latencies) or [float("nan")]
    return {
        "seconds": seconds,
        "clients": clients,
        "counts": dict(sorted(load.counts.items())),
        "well_formed_answered": len(load.latencies),
        "dropped": sum(v for k, v in load.counts.items() if "dropped" in k),
        "tracebacks": text.count("Traceback"),
        "median": lat[len(lat) // 2],
        "p99": lat[int(len(lat) * 0.99)],
        "max": lat[-1],
        "before": before,
        "after": after,
        "after_status": status,
    }


def run() -> list[Row]:
    seconds = float(os.environ.get("BILATERAL_LOAD_SECONDS", "60"))
    clients = int(os.environ.get("BILATERAL_LOAD_CLIENTS", "200"))
    f = measure(seconds, clients)
    notes = (
        f"{clients} clients, {seconds:g} s: {f['well_formed_answered']} well-formed "
        f"answered, {f['dropped']} dropped, {f['tracebacks']} tracebacks in the log"
    )
    return [
        Row(
            "serve under mixed load: p99 of well-formed requests",
            f["p99"],
            f["before"],
            None,
            reference_name="the same query on the idle server",
            notes=notes,
            extra=f,
        ),
        Row(
            "serve: first query after the load (recovery)",
            f["after"],
            f["before"],
            None,
            reference_name="the same query on the idle server",
            notes=f"status {f['after_status']}; within 1 s: {'yes' if f['after'] < 1 else 'no'}",
        ),
    ]


if __name__ == "__main__":
    import json

    seconds = float(os.environ.get("BILATERAL_LOAD_SECONDS", "60"))
    clients = int(os.environ.get("BILATERAL_LOAD_CLIENTS", "200"))
    print(json.dumps(measure(seconds, clients), indent=1))
