"""``bilateral query`` and ``bilateral queries``: SPARQL from the command line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    EndpointOption,
    MaxBytesOption,
    MaxMemoryOption,
    StoreOption,
    cut_warning,
    fail,
    handles_errors,
    open_graph,
    timeout_option,
)
from bilateral.cli.output import echo_data, print_table
from bilateral.cli.remote_options import GraphOption, UserOption
from bilateral.graph.sparql.limits import DEFAULT_BYTE_CAP, DEFAULT_MAX_MEMORY


class QueryFormat(StrEnum):
    """Output formats of query results."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _parse_bindings(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--bind takes NAME=VALUE, got {pair!r}")
        out[name.strip().lstrip("?$")] = value
    return out


def _read_query(file: Path, stdin_data: bool) -> str:
    """The SPARQL text of ``--file`` (``-``: standard input)."""
    import sys

    from bilateral.graph.source.regular import MAX_QUERY_BYTES, read_regular, read_stream

    if str(file) != "-":
        data = read_regular(file, "query file", MAX_QUERY_BYTES)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fail(f"cannot read {file}: not UTF-8 (byte offset {exc.start})")
    if stdin_data:
        fail("standard input can be read only once: give --file - or --data -, not both")
    raw = read_stream(sys.stdin.buffer, "the query", MAX_QUERY_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"the query on standard input is not UTF-8 (byte offset {exc.start})")
    if not text.strip():
        fail("the query on standard input is empty")
    return text


@handles_errors
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="SPARQL text (or use --file/--named).")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Read SPARQL from a file (- for standard input)."),
    ] = None,
    named: Annotated[str | None, typer.Option("--named", "-n", help="Run a named query.")] = None,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    limit: Annotated[
        int | None, typer.Option("--limit", min=0, help="Show at most N rows.")
    ] = None,
    timeout: Annotated[
        float,
        timeout_option(
            "Stop the query after S seconds (with --endpoint: the whole request's deadline)."
        ),
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Row cap that stops runaway results.")
    ] = 100_000,
    max_bytes: MaxBytesOption = DEFAULT_BYTE_CAP,
    max_memory: MaxMemoryOption = DEFAULT_MAX_MEMORY,
    bind: Annotated[
        list[str] | None,
        typer.Option(
            "--bind",
            help="Pre-bind a variable: NAME=VALUE (bid:x, <iri> or an actor name where the "
            "query uses the variable as a node; a literal otherwise).",
        ),
    ] = None,
    no_infer: Annotated[
        bool,
        typer.Option(
            "--no-infer",
            help="Match asserted types and properties only (no subclass/subproperty inference).",
        ),
    ] = False,
    data: DataOption = None,
    data_format: Annotated[
        str | None,
        typer.Option(
            "--data-format",
            help="Syntax of --data - (standard input): turtle, nt, trig or nquads "
            "(default: guessed from the text).",
        ),
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    user: UserOption = None,
) -> None:
    """Run SPARQL inline, from --file, or --named; common prefixes are predeclared and
    subclasses/subproperties are inferred (see docs/querying.md).

    Example: bilateral query 'SELECT ?x WHERE { ?x a bil:Agreement }'
    """
    from bilateral.api import QueryRequest, run_query
    from bilateral.graph.sparql import results
    from bilateral.graph.views.csvsafe import result_csv

    given = [x for x in (sparql, file, named) if x is not None]
    if len(given) != 1:
        fail("give exactly one of: SPARQL text, --file FILE, --named NAME")
    stdin_data = "-" in (data or [])
    if file is not None:
        sparql = _read_query(file, stdin_data)
    if data_format is not None and not stdin_data:
        fail("--data-format names the syntax of --data - (standard input); files say theirs")
    bindings = _parse_bindings(bind)
    if endpoint is not None:
        from bilateral.cli.remote_options import remote_options
        from bilateral.graph.remote import Timeouts, empty_hints, remote_query
        from bilateral.graph.sparql.named import get_named

        if data or store is not None or bindings:
            fail("--endpoint takes the query alone (no --data, --store or --bind)")
        remote = remote_options(endpoint, graph, user, timeout)
        auth, timeouts = remote.login(), Timeouts(timeout=timeout)
        text = get_named(named).with_values() if named else str(sparql)
        cap = min(max_rows, limit) if limit is not None else max_rows
        result = remote_query(
            endpoint,
            text,
            graph=graph,
            row_cap=cap,
            byte_cap=max_bytes,
            timeouts=timeouts,
            auth=auth,
        )
        if (result.kind == "select" and not result.rows) or (
            result.kind == "graph" and not result.triples
        ):
            from bilateral.cli.flags import as_flags

            for message in empty_hints(endpoint, graph, auth=auth, timeouts=timeouts):
                typer.echo(f"hint: {as_flags(message, query)}", err=True)
    elif graph is not None or user is not None:
        fail(f"{'--graph' if graph is not None else '--user'} goes with --endpoint")
    else:
        from dataclasses import replace

        from bilateral.graph.sparql.bind import bind_values
        from bilateral.graph.sparql.hints import diagnose

        g = open_graph(data, store, stdin_format=data_format)
        request = QueryRequest(
            sparql,
            named,
            limit=limit,
            infer=not no_infer,
            timeout=timeout,
            row_cap=max_rows,
            byte_cap=max_bytes,
            max_memory=max_memory,
        )
        request = replace(request, bindings=bind_values(g, request.text, bindings))
        result = run_query(g, request)
        said, hints = diagnose(g, request.text, result, infer=not no_infer)
        for message in said:
            typer.echo(f"warning: {message}", err=True)
        for message in hints:
            typer.echo(f"hint: {message}", err=True)
    if result.kind == "graph":
        echo_data(results.to_turtle(result), terminal_safe=True)
    elif fmt is QueryFormat.json:
        echo_data(results.to_json(result) + "\n", terminal_safe=True)
    elif fmt is QueryFormat.csv:
        echo_data(result_csv(result))
    elif fmt is QueryFormat.tsv:
        echo_data(results.to_tsv(result), terminal_safe=True)
    elif result.kind == "ask":
        typer.echo("true" if result.boolean else "false")
    else:
        print_table(result.vars, result.rows)
        typer.echo(f"{len(result.rows)} row(s)", err=True)
    if result.truncated:
        typer.echo(cut_warning(result.cut_by, max_rows, max_bytes), err=True)


@handles_errors
def queries(
    name: Annotated[
        str | None, typer.Argument(help="Print this named query's question and SPARQL.")
    ] = None,
) -> None:
    """List the named queries with the question each answers, or print one of them.

    Example: bilateral queries cq-loans
    """
    from bilateral.graph.sparql.named import get_named, named_queries

    if name is not None:
        typer.echo(get_named(name).text, nl=False)
        return
    print_table(
        ["name", "question", "parameters (override with --bind NAME=VALUE)"],
        [(q.name, q.question, q.signature()) for q in named_queries().values()],
    )
