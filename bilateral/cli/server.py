"""``bilateral load``, ``serve`` and ``push``: persistent store, local endpoint, remote store."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    MaxBytesOption,
    MaxMemoryOption,
    StoreOption,
    echo,
    endpoint_url,
    fail,
    handles_errors,
    open_graph,
    seconds,
    timeout_option,
)
from bilateral.cli.remote_options import UserOption
from bilateral.graph.sparql.limits import (
    DEFAULT_BYTE_CAP,
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_MEMORY,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_ROW_CAP,
    DEFAULT_TIMEOUT,
)


@handles_errors
def load(
    store: Annotated[Path, typer.Option("--store", help="Store folder (created if missing).")],
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Turtle, N-Triples, TriG or N-Quads files or folders; 'bundled' for the "
            "bundled data."
        ),
    ] = None,
) -> None:
    """Load files into an on-disk Oxigraph store (streamed, with a progress bar); each
    file is a named graph, a TriG or N-Quads file keeps its own graphs.

    Example: bilateral load --store ./kg bundled my-events.nt
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TransferSpeedColumn,
    )

    from bilateral.graph.source.store import load_store
    from bilateral.progress import reporting

    if not files:
        fail("name the files or folders to load (or 'bundled')")
        return
    from bilateral.text import for_terminal

    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def tick(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(for_terminal(name), total=total)
            progress.update(tasks[name], completed=done)

        with reporting(tick):
            report = load_store(store, files)
    for note in report.notes:
        echo(f"note: {note}", err=True)
    for name in report.recovered:
        echo(f"warning: cleared what an interrupted load of {name} left in the store", err=True)
    if report.reclaimed:
        echo(f"warning: deleted {len(report.reclaimed)} orphaned temporary file(s)", err=True)
    echo(f"{report.path}: {report.triples} triples from {len(report.files)} files")


@handles_errors
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (0: any free).")
    ] = 8000,
    timeout: Annotated[float, timeout_option("Query timeout (s).")] = DEFAULT_TIMEOUT,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Row cap per query.")
    ] = DEFAULT_ROW_CAP,
    max_bytes: MaxBytesOption = DEFAULT_BYTE_CAP,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY,
    max_concurrent: Annotated[
        int | None,
        typer.Option(
            "--max-concurrent", min=1, help="Queries run at once; others wait (default: CPUs)."
        ),
    ] = None,
    max_connections: Annotated[
        int,
        typer.Option(
            "--max-connections",
            min=1,
            help="Connections open at once; the next one is answered 503 with Retry-After.",
        ),
    ] = DEFAULT_MAX_CONNECTIONS,
    idle_timeout: Annotated[
        float,
        typer.Option(
            "--idle-timeout",
            parser=seconds,
            metavar="SECONDS",
            help="How long a connection may wait before its request begins.",
        ),
    ] = DEFAULT_IDLE_TIMEOUT,
    read_timeout: Annotated[
        float,
        typer.Option(
            "--read-timeout",
            parser=seconds,
            metavar="SECONDS",
            help="Time for a request's line, headers and body to arrive once it has begun.",
        ),
    ] = DEFAULT_READ_TIMEOUT,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Another name this server may be reached under (repeatable); "
            "IP addresses and localhost always work.",
        ),
    ] = None,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="A web origin allowed to query from a browser page, e.g. "
            "https://yasgui.example (repeatable; '*' for any). Off by default.",
        ),
    ] = None,
    no_infer: Annotated[
        bool,
        typer.Option(
            "--no-infer",
            help="Match asserted types and properties only (no subclass/subproperty "
            "inference; on by default, as in `bilateral query`).",
        ),
    ] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Serve the workbench at / and a read-only SPARQL 1.1 endpoint at /sparql (GET
    /sparql without a query: its service description), with a query page at /query.

    Example: bilateral serve --port 8000 --store ./kg
    """
    from bilateral.graph.source.storereader import StoreReader
    from bilateral.graph.sparql.serve import serve as run_server
    from bilateral.workbench import pages, warm

    if host not in ("127.0.0.1", "localhost", "::1"):
        echo(f"warning: binding to {host}: the endpoint is reachable from other hosts", err=True)
    try:
        if store is not None and data:
            fail("give --store or --data, not both (add files with `bilateral load`)")
        source = StoreReader(store) if store is not None else open_graph(data)
        threading.Thread(target=_warm, args=(warm, source), daemon=True).start()
        run_server(
            source,
            host=host,
            port=port,
            timeout=timeout,
            row_cap=max_rows,
            byte_cap=max_bytes,
            max_memory=max_memory,
            max_concurrent=max_concurrent,
            max_connections=max_connections,
            idle_timeout=idle_timeout,
            read_timeout=read_timeout,
            allow_hosts=allow_host or (),
            cors=cors or (),
            infer=not no_infer,
            pages=pages,
        )
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def _warm(warm: Callable[[object], None], source: object) -> None:
    """The workbench's first pages, computed ahead; a failure here shows on the page
    that needs them, not as a traceback at start."""
    with contextlib.suppress(Exception):
        warm(source)


@handles_errors
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint", parser=endpoint_url, metavar="URL", help="Graph Store Protocol URL."
        ),
    ],
    graph: Annotated[
        str, typer.Option("--graph", help="Named graph to replace.")
    ] = "https://w3id.org/bilateral/graph/default",
    timeout: Annotated[
        float, timeout_option("Deadline for the whole upload, retries included (s).")
    ] = 120.0,
    skip_validation: Annotated[
        bool, typer.Option("--skip-validation", help="Push without validating first.")
    ] = False,
    user: UserOption = None,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Validate, then replace a named graph on a SPARQL server (Graph Store Protocol PUT).

    Example: bilateral push --endpoint http://127.0.0.1:7878/store --graph urn:x:bilateral
    (a server that asks for a login: --user NAME, the password in BILATERAL_PASSWORD)
    """
    from bilateral.errors import DataProblemsError
    from bilateral.graph.remote import Timeouts, login
    from bilateral.graph.remote import push as do_push

    auth = login(endpoint, user)
    try:
        n = do_push(
            open_graph(data, store),
            endpoint,
            graph=graph,
            timeouts=Timeouts(timeout=timeout),
            validate=not skip_validation,
            auth=auth,
        )
    except DataProblemsError as exc:
        for problem in exc.problems:
            echo(problem)
        fail(str(exc), exc.exit_code)
    echo(f"pushed {n} triples to <{graph}> at {endpoint}")
