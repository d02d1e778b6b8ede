"""``bilateral render``, ``export`` and ``report``: files for people and other tools."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import (
    DataOption,
    StoreOption,
    View,
    echo,
    handles_errors,
    open_graph,
    to_stdout,
    view_filters,
)
from bilateral.cli.progress import progress_bar
from bilateral.cli.remote_options import Remote, with_remote_options
from bilateral.graph.measures.vocabulary import DEFAULT_RANKING, cli_names
from bilateral.progress import reporting

SizeBy = StrEnum("SizeBy", {n: n for n in [*cli_names(), "none"]})  # type: ignore[misc]


class ExportFormat(StrEnum):
    """Export formats."""

    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    trig = "trig"
    nq = "nq"
    nquads = "nquads"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


@handles_errors
@with_remote_options
def render(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="HTML file to write (- for stdout).")
    ] = Path("graph.html"),
    view: Annotated[View, typer.Option("--view", help="actors or full.")] = View.actors,
    focus: Annotated[str | None, typer.Option("--focus", help="Centre on one actor.")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Steps around --focus.")] = 1,
    domain: Annotated[list[str] | None, typer.Option("--domain", help="Keep a domain.")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Keep a node class.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY[-MM[-DD]].")] = None,
    size_by: Annotated[
        SizeBy, typer.Option("--size-by", help="Centrality measure for node sizes, or none.")
    ] = SizeBy[DEFAULT_RANKING],
    rollup: Annotated[bool, typer.Option("--rollup", help="Roll actors up to states.")] = False,
    open_: Annotated[bool, typer.Option("--open", help="Open the file in a browser.")] = False,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """Write the graph as one self-contained HTML file that works offline.

    Example: bilateral render --focus lukashenko --depth 2 --out lukashenko.html
    """
    from bilateral.graph.views.render import render as build
    from bilateral.graph.views.render import write_html

    with progress_bar() as bar, reporting(bar):  # on a terminal, for steps over ~2 s
        net = build(
            open_graph(data, store, remote),
            focus=focus,
            depth=depth,
            size_by=size_by.value,
            **view_filters(view, type_, domain, as_of, rollup),
        )
    if str(out) == "-":
        to_stdout(net.html().encode("utf-8"))
        return
    path = write_html(net, out)
    echo(f"wrote {path} ({len(net.nodes)} nodes, {len(net.edges)} edges)")
    if open_:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


@handles_errors
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File (folder for csv; - for stdout).")],
    view: Annotated[
        View, typer.Option("--view", help="Projection for graph formats.")
    ] = View.actors,
    rollup: Annotated[bool, typer.Option("--rollup", help="Roll actors up to states.")] = False,
    data_only: Annotated[
        bool, typer.Option("--data-only", help="RDF formats: leave out the ontology.")
    ] = False,
    data: DataOption = None,
    store: StoreOption = None,
) -> None:
    """Export RDF (ttl, nt, jsonld; trig, nq keep each file's named graph) or the
    projection (graphml, gexf, csv), atomically.

    Example: bilateral export --format gexf --out belarus-russia.gexf
    """
    import tempfile

    import bilateral
    from bilateral.errors import InputError

    stdout = str(out) == "-"
    if stdout and fmt is ExportFormat.csv:
        raise InputError("--format csv writes a folder (nodes.csv, edges.csv): give a folder")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"export.{fmt.value}" if stdout else out
        path = bilateral.export(
            open_graph(data, store),
            fmt.value,
            target,
            view=view.value,
            rollup=rollup,
            data_only=data_only,
        )
        if stdout:
            to_stdout(path.read_bytes())
            return
    echo(f"wrote {path}")


@handles_errors
@with_remote_options
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path("out"),
    dependent: Annotated[
        str | None, typer.Option("--dependent", help="Dependent actor of the dyad.")
    ] = None,
    provider: Annotated[str | None, typer.Option("--provider", help="Provider actor.")] = None,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """Validate, then write graph.html, dependence.png, centrality.csv and report.md.

    Example: bilateral report --out out/
    """
    import bilateral
    from bilateral.cli.common import progress_steps
    from bilateral.graph.views.atomic import ensure_folder

    ensure_folder(out)  # a file there, or a read-only file system: one error line
    with progress_steps() as step, reporting(step):
        result = bilateral.report(
            open_graph(data, store, remote), out, dependent=dependent, provider=provider
        )
    for note in result.notes:
        echo(note, err=True)
    if result.dyad_basis != "named":
        echo(f"dyad: {result.dyad_basis}", err=True)
    for line in result.summary:
        echo(line)
    for name, path in result.paths.items():
        echo(f"{name:>10}: {path}")
