"""Real triple stores for the tests: a throwaway Virtuoso and the session's ``oxigraph
serve`` (``conftest.oxigraph``), each holding the bundled data in one named graph.

Virtuoso is Debian's ``virtuoso-opensource`` (``make virtuoso``): its packaged
``virtuoso.ini`` is copied into a temp folder with every path pointed there and both
ports (SQL and HTTP) on free 127.0.0.1 ports; the data goes in with its own loader
(``DB.DBA.TTLP_MT`` through ``isql``). Oxigraph takes the data as an HTTP POST to its
Graph Store endpoint. Where a server is not installed its fixture skips with the reason
in capitals and a warning (``ServerMissing``: pytest's warnings summary, which
pytest-xdist carries back from its workers, names what was not run).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

GRAPH = "urn:bilateral:engines"  # the named graph each store holds the bundled data in
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


class ServerMissing(UserWarning):
    """A triple store the tests would run against is not installed."""


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 query endpoint and the named graph that holds the bundled data."""

    name: str
    url: str
    graph: str = GRAPH


def skip_loudly(reason: str) -> None:
    """Skip the test with ``reason``, said again in the session's warnings summary."""
    import warnings

    warnings.warn(reason, ServerMissing, stacklevel=2)
    pytest.skip(reason)


def virtuoso_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """``template`` (a ``virtuoso.ini``) with every file in ``folder`` and both servers on
    127.0.0.1 at the given ports.

    >>> ini = "[Database]\\nDatabaseFile = /var/x.db\\n[HTTPServer]\\nServerPort = 8890\\n"
    >>> print(virtuoso_ini(ini, Path("/t"), 1, 2))
    [Database]
    DatabaseFile = /t/virtuoso.db
    [HTTPServer]
    ServerPort = 127.0.0.1:2
    <BLANKLINE>
    """
    section, out = "", []
    files = {
        ("Database", "databasefile"): "virtuoso.db",
        ("Database", "errorlogfile"): "virtuoso.log",
        ("Database", "lockfile"): "virtuoso.lck",
        ("Database", "transactionfile"): "virtuoso.trx",
        ("Database", "xa_persistent_file"): "virtuoso.pxa",
        ("TempDatabase", "databasefile"): "virtuoso-temp.db",
        ("TempDatabase", "transactionfile"): "virtuoso-temp.trx",
    }
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
            out.append(line)
            continue
        key = stripped.split("=", 1)[0].strip().lower() if "=" in stripped else ""
        if (section, key) in files:
            line = f"{stripped.split('=', 1)[0].strip()} = {folder / files[section, key]}"
        elif section == "Parameters" and key == "serverport":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif section == "HTTPServer" and key == "serverport":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif section == "Parameters" and key == "dirsallowed":
            line = f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad"
        elif section == "Parameters" and key == "vadinstalldir":
            line = f"VADInstallDir = {folder}/"  # no packages there: no Conductor (1.5 s, 16 MB)
        elif section == "URIQA" and key == "defaulthost":
            line = f"DefaultHost = 127.0.0.1:{http_port}"
        elif section == "Striping" or (section == "Plugins" and key.startswith("load")):
            continue  # no segments, no hosting plugins
        out.append(line)
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Virtuoso:
    """A running throwaway Virtuoso: its SPARQL endpoint and its SQL port (for isql)."""

    sparql: str
    sql_port: int
    folder: Path

    def isql(self, *statements: str, timeout: float = 120) -> str:
        """Run SQL statements as ``dba`` (the fresh database's password is ``dba``)."""
        isql = shutil.which("isql-vt") or shutil.which("isql") or "isql-vt"
        script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
        done = subprocess.run(
            [isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "PROMPT=OFF"],
            input=script,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")
        return done.stdout

    def load(self, g: Graph, graph: str) -> None:
        """Load ``g`` into the named graph ``graph`` with Virtuoso's own Turtle loader."""
        data = self.folder / "bundled.nt"
        g.serialize(data, format="nt", encoding="utf-8")
        self.isql(
            f"SPARQL CLEAR GRAPH <{graph}>",
            f"DB.DBA.TTLP_MT(file_to_string_output('{data}'), '', '{graph}', 0)",
            "checkpoint",
        )


@contextlib.contextmanager
def running_virtuoso(folder: Path, exe: str, ini: Path = VIRTUOSO_INI) -> Iterator[Virtuoso]:
    """A Virtuoso with its database in ``folder``, on free loopback ports, until the end
    of the block (then killed)."""
    from .conftest import free_port

    sql_port, http_port = free_port(), free_port()
    config = folder / "virtuoso.ini"
    config.write_text(virtuoso_ini(ini.read_text(), folder, sql_port, http_port))
    log = (folder / "stdout.log").open("wb")
    proc = subprocess.Popen(
        [exe, "+foreground", "+configfile", str(config)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    sparql = f"http://127.0.0.1:{http_port}/sparql"
    try:
        _wait_for(proc, sparql + "?query=" + urllib.parse.quote("ASK {}"), folder, 60)
        yield Virtuoso(sparql, sql_port, folder)
    finally:
        proc.kill()
        proc.wait(30)
        log.close()


def _wait_for(proc: subprocess.Popen[bytes], url: str, folder: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except (OSError, urllib.error.HTTPError):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "stdout.log").read_text(errors="replace")[-1500:]
                pytest.fail(f"Virtuoso did not answer on {url} within {seconds} s: {tail}")
            time.sleep(0.2)


def bundled_triples(bundled: Dataset) -> Graph:
    """Every triple of the bundled dataset (ontology and data) as one graph."""
    g = Graph()
    for triple in bundled.triples((None, None, None)):
        g.add(triple)
    return g


@pytest.fixture(scope="session")
def virtuoso_store(
    tmp_path_factory: pytest.TempPathFactory, bundled: Dataset
) -> Iterator[Endpoint]:
    """A throwaway Virtuoso holding the bundled data in the named graph ``GRAPH``."""
    exe = shutil.which("virtuoso-t")
    if exe is None or not VIRTUOSO_INI.exists():
        skip_loudly(
            "NO VIRTUOSO FOUND: install Debian's virtuoso-opensource (make virtuoso) "
            "to run the tests against Virtuoso"
        )
    assert exe is not None
    folder = tmp_path_factory.mktemp("virtuoso")
    with running_virtuoso(folder, exe) as server:
        server.load(bundled_triples(bundled), GRAPH)
        yield Endpoint("virtuoso", server.sparql)
    for db in folder.glob("virtuoso*.db"):  # 50 MB a session; the log stays
        db.unlink()


@pytest.fixture(scope="session")
def oxigraph_store(request: pytest.FixtureRequest, bundled: Dataset) -> Endpoint:
    """The session's ``oxigraph serve`` (``conftest.oxigraph``) holding the bundled data
    in the named graph ``GRAPH`` (POSTed to its Graph Store endpoint)."""
    from .conftest import oxigraph_executable

    if oxigraph_executable() is None:
        skip_loudly(
            "NO OXIGRAPH SERVER FOUND: install the test extra (pip install -e '.[test]', "
            "PyPI package 'oxigraph') to run the tests against oxigraph serve"
        )
    oxigraph = str(request.getfixturevalue("oxigraph"))
    body = bundled_triples(bundled).serialize(format="nt", encoding="utf-8")
    target = f"{oxigraph}/store?graph={urllib.parse.quote(GRAPH, safe='')}"
    for method in ("DELETE", "POST"):
        req = urllib.request.Request(
            target,
            data=body if method == "POST" else None,
            method=method,
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            urllib.request.urlopen(req, timeout=60)  # noqa: S310 (loopback)
        except urllib.error.HTTPError as exc:
            if not (method == "DELETE" and exc.code == 404):
                raise
    return Endpoint("oxigraph", oxigraph + "/query")
