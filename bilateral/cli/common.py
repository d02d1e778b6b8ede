"""Shared CLI plumbing: the ``--data`` option, output formats and error handling.

This module imports no heavy library; commands import ``bilateral.*`` inside.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from bilateral.cli.output import echo, echo_json
from bilateral.text import for_terminal

__all__ = [
    "STATE",
    "DataOption",
    "EndpointOption",
    "EndpointTimeoutOption",
    "MaxBytesOption",
    "MaxMemoryOption",
    "Format",
    "StoreOption",
    "View",
    "cut_warning",
    "progress_steps",
    "echo",
    "echo_json",
    "endpoint_url",
    "to_stdout",
    "fail",
    "handles_errors",
    "open_graph",
    "seconds",
    "timeout_option",
]

STATE: dict[str, bool] = {"debug": False}

DataOption = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        help="Data file or folder to load instead of the bundled dataset (repeatable): "
        ".ttl, .nt, .trig, .nq; 'bundled' names the bundled dataset, 'bundled-actors' "
        "only its actors; - reads standard input (its syntax guessed from the text).",
        show_default=False,
    ),
]


StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Work from a persistent store made by `bilateral load --store DIR`.",
        show_default=False,
    ),
]


def _size_option(value: str | int) -> int:
    from bilateral.graph.sparql.limits import parse_size

    if isinstance(value, int):
        return value
    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


MaxMemoryOption = Annotated[
    int,
    typer.Option(
        "--max-memory",
        parser=_size_option,
        metavar="SIZE",
        help="Memory a query may use beyond the loaded graph (e.g. 512M, 2G); default 1G.",
    ),
]

MaxBytesOption = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        parser=_size_option,
        metavar="SIZE",
        help="Cut results beyond this many bytes of terms (e.g. 10M); default 100M.",
    ),
]


def seconds(value: str | float) -> float:
    """Parse ``--timeout``: a finite number of seconds from 0.1 to 1 000 000.

    >>> seconds("2.5")
    2.5
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text, number = str(value), float(value)
    else:
        text = str(value)
        try:
            number = float(text)
        except ValueError:
            raise typer.BadParameter(f"not a number of seconds: {text!r}") from None
    if not (0.1 <= number <= 1_000_000):  # also refuses nan and inf
        raise typer.BadParameter(f"give a number of seconds from 0.1 to 1000000, not {text!r}")
    return number


def endpoint_url(value: str | None) -> str | None:
    """Parse ``--endpoint``: an http(s) URL with a host (and a valid port, if any)."""
    if value is None:
        return None
    from bilateral.errors import BilateralError
    from bilateral.graph.remote import check_url

    try:
        return check_url(value)
    except BilateralError as exc:
        raise typer.BadParameter(exc.message) from None


def timeout_option(help: str) -> Any:  # noqa: A002
    """A ``--timeout SECONDS`` option with ``help`` (finite, positive seconds)."""
    return typer.Option("--timeout", parser=seconds, metavar="SECONDS", help=help)


EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        parser=endpoint_url,
        metavar="URL",
        help="Read from a remote SPARQL 1.1 query endpoint instead.",
        show_default=False,
    ),
]

#: ``--timeout`` for commands that read from ``--endpoint`` (a whole-request deadline)
EndpointTimeoutOption = Annotated[
    float,
    timeout_option("With --endpoint: deadline for the whole remote request (s)."),
]


def open_graph(
    data: list[str] | None,
    store: Path | None = None,
    endpoint: Any = None,
    *,
    timeout: float | None = None,
    stdin_format: str | None = None,
    dyad: tuple[str, str] | None = None,
) -> Any:
    """The graph a command works on: remote endpoint, persistent store or data files.

    ``endpoint`` is a URL or a ``cli.remote_options.Remote`` (the endpoint with its
    ``--graph``, ``--user`` and ``--timeout``); ``timeout`` is the deadline of the whole
    remote fetch for a bare URL (default 30 s); ``stdin_format`` the syntax of
    ``--data -`` (default: guessed from the text). With ``dyad`` (dependent, provider),
    a server is asked only for what ``dependence`` needs of it (a snapshot).
    """
    if isinstance(endpoint, str):
        from bilateral.cli.remote_options import Remote

        endpoint = Remote(endpoint, timeout=timeout or 30.0)
    if endpoint is not None and endpoint.endpoint is not None:
        if data or store is not None:
            fail("give --endpoint alone, without --data or --store")
        from bilateral.graph.remote import Timeouts, fetch_graph, read_dyad

        if dyad is not None:
            return read_dyad(
                endpoint.endpoint,
                *dyad,
                graph=endpoint.graph,
                auth=endpoint.login(),
                timeouts=Timeouts(timeout=endpoint.timeout),
            )
        return fetch_graph(
            endpoint.endpoint,
            graph=endpoint.graph,
            auth=endpoint.login(),
            timeouts=Timeouts(timeout=endpoint.timeout),
        )
    import warnings

    from bilateral.errors import DataNote
    from bilateral.graph.source.inputs import graph_of

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataNote)  # said once below, as a note
        g = graph_of(data=data, store=store, stdin_format=stdin_format)
    for note in getattr(g, "bilateral_notes", ()):
        echo(f"note: {note}", err=True)
    return g


class View(StrEnum):
    """Projection views."""

    actors = "actors"
    full = "full"


def view_filters(
    view: View,
    types: list[str] | None,
    domains: list[str] | None,
    as_of: str | None,
    rollup: bool,
) -> dict[str, Any]:
    """The projection options that ``centrality`` and ``render`` share, as the library's
    keyword arguments."""
    return {
        "view": view.value,
        "types": types,
        "domains": domains,
        "as_of": as_of,
        "rollup": rollup,
    }


class Format(StrEnum):
    """Output formats for tabular results."""

    table = "table"
    csv = "csv"
    json = "json"


F = TypeVar("F", bound=Callable[..., Any])

_FILE_SYSTEM_FULL_OR_READ_ONLY = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one error line on stderr (data in it escaped) and exit with ``code``."""
    sys.stderr.write(f"error: {for_terminal(message)}\n")
    raise typer.Exit(code)


#: the suffixes of the data files a folder given with ``--data`` is read for
_DATA_SUFFIXES = (".ttl", ".nt", ".trig", ".nq")


def _output_over_input(kwargs: dict[str, Any]) -> str | None:
    """A one-line refusal when a command's output file (``--out``, ``--draft``) is one
    of its input data files, or an existing data file inside an input folder: the write
    would replace the data it was made from."""
    import os

    inputs = [
        Path(d)
        for key in ("data", "with_", "base")
        for d in (kwargs.get(key) or [])
        if d not in ("-", "bundled", "bundled-actors")
    ]
    for key in ("out", "draft"):
        out = kwargs.get(key)
        if not isinstance(out, Path) or str(out) == "-" or not out.is_file():
            continue
        for given in inputs:
            try:
                same = given.is_file() and os.path.samefile(given, out)
                inside = given.is_dir() and out.resolve().is_relative_to(given.resolve())
            except OSError:
                continue
            if same or (inside and out.suffix.lower() in _DATA_SUFFIXES):
                flag = "--" + key
                return f"{flag} {out} would replace input data ({given}): write it elsewhere"
    return None


def handles_errors(func: F) -> F:
    """Turn ``BilateralError`` (and any crash) into one stderr line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from bilateral.errors import BilateralError

        try:
            clash = _output_over_input(kwargs)
            if clash:
                fail(clash)
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BilateralError as exc:
            if STATE["debug"]:
                raise
            from bilateral.cli.flags import as_flags

            fail(as_flags(str(exc), func), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:  # output piped into head & co.: stop quietly
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:
            if STATE["debug"]:
                raise
            if exc.errno in _FILE_SYSTEM_FULL_OR_READ_ONLY:  # the machine's, not a bug
                where = f"{exc.filename}: " if exc.filename else ""
                fail(f"cannot write: {where}{exc.strerror or exc}")
            fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", 3)
        except Exception as exc:  # a bug: still one line unless --debug
            if STATE["debug"]:
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", 3)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def progress_steps() -> Iterator[Callable[[str, int, int], None]]:
    """A spinner on stderr naming the current step, on a terminal only (nothing when
    stderr is piped or captured); yields the function that names the next step."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda _msg, _done, _total: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=None)
        yield lambda msg, _done, _total: progress.update(task, description=for_terminal(msg))


def cut_warning(cut_by: str, row_cap: int, byte_cap: int) -> str:
    """The stderr line that says which safety cap cut a result."""
    if cut_by == "bytes":
        return f"warning: results cut at {byte_cap} bytes by the byte cap (use --max-bytes)"
    return f"warning: results cut at {row_cap} rows by the row cap (use --max-rows)"


def to_stdout(data: bytes) -> None:
    """Write bytes to standard output (for ``--out -``)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
