"""The report: validate, then write graph.html, dependence.png, sensitivity.png,
centrality.csv and report.md (its text: ``report_text.py``, then the methods appendix of
``methods.py``) into one folder.

>>> import tempfile
>>> from pathlib import Path
>>> tiny = Path(__file__).parents[3] / "tests" / "data" / "tiny"  # a small valid dataset
>>> r = report(None, tempfile.mkdtemp(), data=[str(tiny)])
>>> sorted(p.name for p in r.paths.values())
['centrality.csv', 'dependence.png', 'graph.html', 'report.md', 'sensitivity.png']
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.compat import graph_first
from bilateral.errors import DataProblemsError
from bilateral.graph.views.atomic import check_targets, write_text
from bilateral.graph.views.report_text import markdown, md

if TYPE_CHECKING:
    from rdflib import Graph

    from bilateral.graph.measures.snapshot import GraphLike, Snapshot

__all__ = ["DataProblemsError", "ReportResult", "markdown", "md", "report"]


@dataclass
class ReportResult:
    """What ``report`` wrote and a short summary of it."""

    out: Path
    paths: dict[str, Path]
    summary: list[str] = field(default_factory=list)
    dyad_basis: str = ""
    notes: list[str] = field(default_factory=list)


@graph_first("out", "g", new="report(g, out)")
def report(
    g: GraphLike | None,
    out: str | os.PathLike[str],
    *,
    dependent: str | None = None,
    provider: str | None = None,
    data: Sequence[str] | None = None,
) -> ReportResult:
    """Validate the graph ``g`` (``None``: ``data``, or the bundled data), then write the
    report files into ``out`` (created if missing). Each step is told to whoever listens
    (``bilateral.progress``, as ``(step, 0, 0)``).

    A store found valid by an earlier run and unchanged since is not validated again
    (``checks/remember.py``); ``ReportResult.notes`` then says whose validation counts.

    The dyad is ``dependent``/``provider`` if given, else the documented heuristic
    (``ReportResult.dyad_basis`` says which). The graph is read once into a snapshot;
    every measure, the plot and the HTML come from it.
    """
    from bilateral.graph.checks.remember import validate_once
    from bilateral.graph.checks.stats import stats as graph_stats
    from bilateral.graph.measures.centrality import Ranking, started
    from bilateral.graph.measures.dependence import dependence
    from bilateral.graph.measures.dyad import choose
    from bilateral.graph.measures.nogc import gc_frozen
    from bilateral.graph.measures.scenario import scenario
    from bilateral.graph.measures.snapshot import rdf_of, read_snapshot
    from bilateral.graph.source.read import native_store
    from bilateral.graph.views.csvsafe import write_csv
    from bilateral.graph.views.methods import appendix
    from bilateral.graph.views.plot import plot_dependence, plot_tornado
    from bilateral.graph.views.provenance import provenance
    from bilateral.graph.views.render import render, write_html
    from bilateral.progress import tell

    def step(message: str) -> None:
        tell(message, 0, 0)

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "graph": folder / "graph.html",
        "plot": folder / "dependence.png",
        "tornado": folder / "sensitivity.png",
        "centrality": folder / "centrality.csv",
        "report": folder / "report.md",
    }
    check_targets(paths.values())  # a refused target: refused before any file is written
    step("loading")
    rdf = rdf_of(g, data=data)
    step("validating")
    checked = validate_once(rdf)
    problems = checked.problems
    if problems:
        raise DataProblemsError(
            f"{len(problems)} validation problem(s); run `bilateral validate` (first: "
            f"{problems[0]})",
            problems=problems,
        )
    with ThreadPoolExecutor(1, thread_name_prefix="stats") as side:
        # on a store, its aggregate queries run beside the read (Oxigraph frees the GIL)
        counted = side.submit(_stats_then_imports, rdf) if native_store(rdf) is not None else None
        snap = read_snapshot(rdf, detail=True)
        stats = counted.result() if counted is not None else graph_stats(rdf)
    a, b, basis = choose(snap, dependent, provider)
    step("measuring centrality")
    _prepare(snap)  # igraph is imported here: it runs in this thread only (backend.IGRAPH)
    # the snapshot's millions of objects stay out of the collections from here on
    with gc_frozen():
        # the projection's arrays are built once, kept in the snapshot for both (on big
        # graphs the searches of betweenness and closeness run in compiled threads while
        # this thread computes, plots and draws)
        measured = started(snap, Ranking(dyad=(a, b)))
        try:
            step("computing dependence")
            dep = dependence(snap, a, b, sensitivity=True)
            plot_dependence(dep, paths["plot"])
            plot_tornado(dep, paths["tornado"])
            step("drawing the graph")
            title = f"{dep.dependent_label}–{dep.provider_label}"
            write_html(render(snap, title=title, dyad=(a, b)), paths["graph"])
            step("running scenarios")
            scenarios = [
                scenario(snap, iri, dependent=a, provider=b, top=5)
                for iri in sorted(snap.scenarios)
            ]
            step("finishing centrality")
            cent = measured.result()
        except BaseException:  # an error or Ctrl-C here: the searches need not finish
            measured.stop()
            raise
    write_csv(paths["centrality"], list(cent.columns), cent.values.tolist())
    step("writing report.md")
    methods = appendix(dep, provenance(rdf, snap), scheme=snap.domains)  # at the end
    write_text(paths["report"], markdown(stats, cent, dep, scenarios, snap, basis) + "\n" + methods)
    s = dep.summary
    summary = [
        f"{stats['triples']} triples, {stats['actors']} actors, {stats['statements']} statements",
        f"SDI({dep.dependent_label} on {dep.provider_label}) = {s.sdi:.3f} "
        f"[{s.sdi_low:.3f}, {s.sdi_high:.3f}], reverse {s.reverse_sdi:.3f} "
        f"[{s.reverse_low:.3f}, {s.reverse_high:.3f}], asymmetry {s.asymmetry:+.3f}",
        f"most central: {cent.iloc[0]['label']}" if len(cent) else "no actors",
    ]
    notes = []
    if checked.reused is not None:
        notes.append(f"note: reusing the validation of {checked.reused} (unchanged since)")
    if cent.attrs.get("estimated"):
        notes.append(f"note: {cent.attrs['estimated']}")
    return ReportResult(folder, paths, summary, basis, notes)


PRELOAD_TRIPLES = 250_000  # a store this big: its measures will want the compiled kernel


def _stats_then_imports(rdf: Graph) -> dict[str, Any]:
    """The store's statistics, then, on a big store, imports the report will need
    (numba's kernel, pyplot): here they overlap the snapshot read, which leaves the GIL
    to this thread while Oxigraph works; later they would delay the searches."""
    from bilateral.graph.checks.stats import stats as graph_stats

    stats = graph_stats(rdf)
    if stats["triples"] >= PRELOAD_TRIPLES:
        from bilateral.graph.measures.brandes import kernel
        from bilateral.graph.views.plot import pyplot

        try:  # not igraph: it must be imported by the thread that runs it
            kernel()
            pyplot()
        except Exception:  # noqa: BLE001 - best effort: the step that needs it says why
            pass
    return stats


def _prepare(snap: Snapshot) -> None:
    """Import igraph (in this thread, which runs it) and, on a big graph, the compiled
    searches (if the side thread has not): an import in a thread competing for the GIL
    is slow. The projection's size is not known yet: actors × statements stands for it."""
    from bilateral.graph.measures.backend import igraph
    from bilateral.graph.measures.brandes import PARALLEL_WORK, kernel

    try:
        igraph()
    except ImportError:  # NetworkX measures everything
        return
    if len(snap.actors) * len(snap.records) >= PARALLEL_WORK:
        kernel()  # numba and its compiled searches: ~0.5 s, not beside the other threads
