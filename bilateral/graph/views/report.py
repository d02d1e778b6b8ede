"""``bilateral report``: validate, then write graph.html, dependence.png,
sensitivity.png, centrality.csv and report.md into one folder.

>>> import tempfile
>>> from pathlib import Path
>>> tiny = Path(__file__).parents[3] / "tests" / "data" / "tiny"  # a small valid dataset
>>> r = report(tempfile.mkdtemp(), data=[str(tiny)])
>>> sorted(p.name for p in r.paths.values())
['centrality.csv', 'dependence.png', 'graph.html', 'report.md', 'sensitivity.png']
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilateral.errors import DataProblemsError
from bilateral.graph.views.atomic import write_text

__all__ = ["DataProblemsError", "ReportResult", "markdown", "md", "report"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp)://|\bwww\.")


def md(text: Any) -> str:
    r"""Text for Markdown: HTML and Markdown syntax escaped, one line, no live links.

    >>> print(md("<img src=x onerror=alert(1)> | *x*"))
    &lt;img src=x onerror=alert(1)&gt; \| \*x\*
    >>> print(md("see https://evil.example and www.evil.example"))
    see https&#58;//evil.example and www&#46;evil.example
    """
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_SPECIAL.sub(r"\\\1", value).replace("@", "&#64;")  # no e-mail autolinks
    return _AUTOLINK.sub(lambda m: m.group(0).replace(":", "&#58;").replace(".", "&#46;", 1), value)


@dataclass
class ReportResult:
    """What ``report`` wrote and a short summary of it."""

    out: Path
    paths: dict[str, Path]
    summary: list[str] = field(default_factory=list)
    dyad_basis: str = ""
    notes: list[str] = field(default_factory=list)


def report(
    out: str | os.PathLike[str],
    g: Any = None,
    *,
    dependent: str | None = None,
    provider: str | None = None,
    data: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> ReportResult:
    """Validate, then write the report files into ``out`` (created if missing).

    A store found valid by an earlier run and unchanged since is not validated again
    (``checks/remember.py``); ``ReportResult.notes`` then says whose validation counts.

    The dyad is ``dependent``/``provider`` if given, else the documented heuristic
    (``ReportResult.dyad_basis`` says which). The graph is read once into a snapshot;
    every measure, the plot and the HTML come from it.
    """
    from bilateral.graph.checks.remember import validate_once
    from bilateral.graph.checks.stats import stats as graph_stats
    from bilateral.graph.measures.arrays import project_edges
    from bilateral.graph.measures.centrality import Ranking, started
    from bilateral.graph.measures.dependence import dependence
    from bilateral.graph.measures.dyad import choose
    from bilateral.graph.measures.nogc import gc_frozen
    from bilateral.graph.measures.project import Projection
    from bilateral.graph.measures.scenario import scenario
    from bilateral.graph.measures.snapshot import read_snapshot
    from bilateral.graph.source.inputs import graph_of
    from bilateral.graph.source.read import native_store
    from bilateral.graph.views.csvsafe import write_csv
    from bilateral.graph.views.plot import plot_dependence, plot_tornado
    from bilateral.graph.views.render import render, write_html

    step = progress or (lambda _msg: None)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    step("loading")
    rdf = graph_of(g, data=data)
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
    paths = {
        "graph": folder / "graph.html",
        "plot": folder / "dependence.png",
        "tornado": folder / "sensitivity.png",
        "centrality": folder / "centrality.csv",
        "report": folder / "report.md",
    }
    step("measuring centrality")
    _prepare(snap)  # igraph is imported here: it runs in this thread only (backend.IGRAPH)
    # the snapshot's millions of objects stay out of the collections from here on
    with gc_frozen():
        edges = project_edges(snap.records, snap.actors, Projection())  # once, for both
        # on big graphs the searches of betweenness and closeness run in compiled threads
        # while this thread computes, plots and draws
        measured = started(snap, Ranking(dyad=(a, b)), edges=edges)
        try:
            step("computing dependence")
            dep = dependence(a, b, snap, sensitivity=True)
            plot_dependence(dep, paths["plot"])
            plot_tornado(dep, paths["tornado"])
            step("drawing the graph")
            title = f"{dep.dependent_label}–{dep.provider_label}"
            write_html(render(snap, title=title, dyad=(a, b), edges=edges), paths["graph"])
            step("running scenarios")
            scenarios = [
                scenario(iri, snap, dependent=a, provider=b, top=5)
                for iri in sorted(snap.scenarios)
            ]
            step("finishing centrality")
            cent = measured.result()
        except BaseException:  # an error or Ctrl-C here: the searches need not finish
            measured.stop()
            raise
    write_csv(paths["centrality"], list(cent.columns), cent.values.tolist())
    step("writing report.md")
    write_text(paths["report"], markdown(stats, cent, dep, scenarios, snap, basis))
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


def _stats_then_imports(rdf: Any) -> dict[str, Any]:
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


def _prepare(snap: Any) -> None:
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


def _iv(value: float, lo: float, hi: float) -> str:
    return f"{value:.2f} [{lo:.2f}, {hi:.2f}]"


def _short(iri: str | None) -> str:
    return md(iri.rsplit("/", 1)[-1]) if iri else "—"


def _alternatives(d: Any) -> str:
    if d.alternatives == "ruled out":
        return "ruled out"
    if d.substitutability is None:
        return "not named"
    return f"{d.substitutability:.2f} + unnamed"


def _sensitivity(dep: Any, a: str, b: str) -> list[str]:
    """The report's sensitivity section: each choice's range around the headline."""
    from bilateral.graph.measures.sensitivity import tornado

    if not dep.sensitivity:
        return []
    default = dep.sensitivity[0]
    lines = [
        "",
        "### What moves the headline",
        "",
        f"The total SDI({a} on {b}) under the documented range of each modelling choice, one "
        f"at a time (default {default['total']:.2f}; docs/measures.md §3.6). Widest first:",
        "",
        "![Tornado plot: the total under each modelling choice](sensitivity.png)",
        "",
        "| choice | lowest total (setting) | highest total (setting) |",
        "|---|---|---|",
    ]
    for bar in tornado(dep.sensitivity):
        lines.append(
            f"| {md(bar['choice'])} | {bar['low']:.2f} ({md(bar['low_setting']) or 'default'}) "
            f"| {bar['high']:.2f} ({md(bar['high_setting']) or 'default'}) |"
        )
    return lines


def markdown(
    stats: dict[str, Any], cent: Any, dep: Any, scenarios: list[Any], snap: Any, basis: str
) -> str:
    """The text of report.md."""
    a, b = md(dep.dependent_label), md(dep.provider_label)
    quotes = {r.iri: r for r in snap.records}
    level = f"{dep.level:.0%}"
    s = dep.summary
    more = sum(d.asymmetry > 0 for d in dep.domains)
    lines = [
        f"# Report: {a} and {b}",
        "",
        "Generated by `bilateral report`. Every number below is traceable to statements of",
        "the graph and their quotes; `docs/measures.md` explains each measure.",
        "",
        f"Dyad: {md(basis)}.",
        "",
        "## What the graph holds",
        "",
        f"- {stats['triples']} triples, {stats['sources']} sources, {stats['quotes']} quotes",
        f"- {stats['actors']} actors: "
        + ", ".join(f"{md(k)} {v}" for k, v in stats["actors_by_class"].items()),
        f"- {stats['statements']} statements: "
        + ", ".join(f"{md(k)} {v}" for k, v in stats["statements_by_kind"].items()),
    ]
    if stats["date_range"]:
        lines.append(f"- dates from {stats['date_range'][0]} to {stats['date_range'][1]}")
    lines += [
        "",
        f"## Structural dependence of {a} on {b}",
        "",
        f"SDI = sensitivity × (1 − substitutability), per domain, averaged over the "
        f"{len(dep.domains)} domains of the scheme (a domain without evidence counts 0). "
        f"Each number is the median of {dep.draws} draws [{level} interval] that treat each "
        "claim's confidence as a probability, its code as a band, and an alternative the "
        f"sources leave unnamed as anything from {dep.model.unknown[0]:g} to "
        f"{dep.model.unknown[1]:g} (seed {dep.seed}); the intervals carry no coder noise "
        "and no choice of domains or weights (the sensitivity section shows those).",
        "",
        f"- SDI({a} on {b}) = **{_iv(s.sdi, s.sdi_low, s.sdi_high)}**",
        f"- SDI({b} on {a}) = **{_iv(s.reverse_sdi, s.reverse_low, s.reverse_high)}**",
        f"- asymmetry = **{_iv(s.asymmetry, s.asymmetry_low, s.asymmetry_high)}**; "
        f"{a} depends more on {b} than the reverse in {more} of {len(dep.domains)} domains; "
        f"probability that {a} depends more in total: {s.p_more_dependent:.2f}",
        f"- bandwidth (flows, beside the index): {b} → {a} {s.bandwidth:.1f}, "
        f"{a} → {b} {s.reverse_bandwidth:.1f}",
        *(f"- note: {md(n)}" for n in dep.notes),
        "",
        "![Forest plot: SDI per domain in both directions, with intervals](dependence.png)",
        "",
        f"| domain | sensitivity | alternatives | SDI {a} on {b} | SDI {b} on {a} | asymmetry "
        f"| P({a} more) | flows {b}→{a} | hinges on |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for d in dep.domains:
        alt = _alternatives(d)
        lines.append(
            f"| {md(d.domain)} | {d.sensitivity or 0:.2f} | {alt} | "
            f"{_iv(d.sdi, d.sdi_low, d.sdi_high)} | "
            f"{_iv(d.reverse_sdi, d.reverse_low, d.reverse_high)} | "
            f"{_iv(d.asymmetry, d.asymmetry_low, d.asymmetry_high)} | "
            f"{d.p_more_dependent:.2f} | {d.bandwidth:.1f} | {_short(d.hinges_on)} |"
        )
    lines += _sensitivity(dep, a, b)
    lines += ["", "### The evidence each domain rests on", ""]
    for d in dep.domains:
        for item in d.evidence:
            rec = quotes.get(item["statement"])
            quote = rec.quotes[0] if rec and rec.quotes else ""
            lines.append(
                f"- **{md(d.domain)}**, {md(item['direction'])}, {md(item['role'])} "
                f"{item['value']:.2f} (confidence {item['confidence']:.2f}): "
                f"{md(rec.label if rec else item['statement'])} — “{md(quote)}” "
                f"({_short(item['statement'])})"
            )
    lines += [
        "",
        "## Most central actors",
        "",
        "Eigenvector centrality on the undirected graph of the connected part that holds the "
        "dyad (statements between two actors as weights); see docs/measures.md.",
        "",
        "| rank | actor | class | statements | eigenvector | betweenness |",
        "|---|---|---|---|---|---|",
    ]
    for i, row in enumerate(cent.head(10).to_dict(orient="records"), start=1):
        lines.append(
            f"| {i} | {md(row['label'])} | {md(row['class'])} | {row['degree']} | "
            f"{row['eigenvector']:.3f} | {row['betweenness']:.3f} |"
        )
    if cent.attrs.get("estimated"):
        lines += ["", f"Note: {md(cent.attrs['estimated'])}."]
    if scenarios:
        lines += [
            "",
            "## Scenarios",
            "",
            f"SDI({a} on {b}) before and if the scenario happens; the change is the median of "
            'the paired draws, with its interval. The source\'s likelihood (its hedge: "may", '
            '"likely") is conditional on the scenario\'s own premises and is shown beside the '
            "change, never multiplied into it. The index measures what the dependent relies "
            "on (the need), not the flows: a scenario that removes only flows changes the "
            "bandwidth, not the index; and a change the source gives no direction takes its "
            "direction from the rules listed below the table.",
            "",
            "| scenario | source's likelihood | before | after (if it happens) | change | "
            f"reverse after | flows {b}→{a} before / after |",
            "|---|---|---|---|---|---|---|",
        ]
        for sc in scenarios:
            total = sc.dependence_table()[-1]
            hedge = f"“{md(sc.hedge)}”, " if sc.hedge else ""
            lines.append(
                f"| {md(sc.label)} | {hedge}{sc.likelihood:.2f} | {sc.before.total:.2f} | "
                f"{sc.after.total:.2f} | {total['change']:+.2f} "
                f"[{total['change_low']:+.2f}, {total['change_high']:+.2f}] | "
                f"{sc.after.reverse_total:.2f} | {sc.before.summary.bandwidth:.1f} / "
                f"{sc.after.summary.bandwidth:.1f} |"
            )
        for sc in scenarios:
            rules = sc.rules()
            if rules:
                lines += ["", f"What carries the change in “{md(sc.label)}”:", ""]
                lines += [
                    f"- {md(r['domain'])}: {_short(r['statement'])} ({md(r['role'])}, "
                    f"{md(r['direction'])}) — {md(r['rule'])}"
                    for r in rules
                ]
    lines += [
        "",
        "## Files",
        "",
        "- `graph.html`: the interactive graph (works offline)",
        "- `dependence.png`: SDI per domain in both directions, with intervals",
        "- `sensitivity.png`: the tornado plot of the total under each modelling choice",
        "- `centrality.csv`: every actor's centrality",
        "",
    ]
    return "\n".join(lines)
