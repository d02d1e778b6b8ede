"""The report: every file written, invalid data refused, Markdown escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

FIX = Path(__file__).parent.parent / "data"
runner = CliRunner()


@pytest.mark.slow
def test_report_writes_everything(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "centrality.csv", "dependence.png", "graph.html", "report.md", "sensitivity.png",
    ]  # fmt: skip
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Structural dependence of Belarus on Russia" in text
    assert "Scenario 3" in text and "“" in text
    assert "SDI(Belarus on Russia)" in result.stdout
    # what moves the headline, and the scenarios' change if they happen, with the rules
    assert "### What moves the headline" in text and "| unknown alternatives |" in text
    assert "What carries the change in “Scenario 1" in text and "expected" not in text
    assert "“may”, 0.50" in text  # the source's likelihood, shown beside the change
    assert (tmp_path / "sensitivity.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.slow
def test_report_refuses_invalid_data(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            "--out",
            str(tmp_path / "o"),
            "--data",
            "bundled",
            "--data",
            str(FIX / "bad" / "checks-bad.ttl"),
        ],
    )
    assert result.exit_code == 1
    assert "validation problem" in result.stderr
    assert not (tmp_path / "o" / "report.md").exists()


def test_report_markdown_escapes_hostile_labels(tmp_path: Path) -> None:
    from bilateral.graph.views.report import md

    assert "<" not in md("<script>x</script>") and "\\|" in md("a|b")


@pytest.mark.slow  # a whole report (test_snapshot's report run and the two below are quick)
def test_report_projects_once_and_draws_what_render_draws(tmp_path: Path, monkeypatch) -> None:
    """The centrality thread's projection is the one the page is drawn from."""
    import bilateral
    from bilateral.graph.measures import arrays

    got: dict[int, set[int]] = {}  # snapshot → the edge arrays each use of it got
    alive: list[object] = []  # (so that no id is reused)
    real = arrays.edges_of

    def spy(s, p, ready=None, **k):  # type: ignore[no-untyped-def]
        E = real(s, p, ready, **k)
        alive.extend((s, E))
        got.setdefault(id(s), set()).add(id(E))
        return E

    monkeypatch.setattr(arrays, "edges_of", spy)
    bilateral.report(None, tmp_path, dependent="belarus", provider="russia")
    # the report's snapshot (centrality, render, the scenarios' "before") is projected
    # once; each scenario's "after" is another snapshot, projected on its own
    assert got and all(len(arrays_got) == 1 for arrays_got in got.values())
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    alone = bilateral.render(title="Belarus–Russia", dyad=("belarus", "russia"))
    assert page == alone.html()


@pytest.mark.slow  # a whole report watched thread by thread
def test_report_runs_igraph_in_the_calling_thread_only(tmp_path: Path, monkeypatch) -> None:
    """python-igraph turns igraph errors into exceptions only in the thread that
    imported it (elsewhere they abort the process): with igraph measuring and the
    compiled searches on, every igraph call of the report is made in this thread."""
    import threading

    import bilateral
    from bilateral.graph.measures import backend, brandes
    from bilateral.graph.measures import graph_centrality as centrality_module

    pytest.importorskip("igraph")
    monkeypatch.setattr(centrality_module, "AUTO_THRESHOLD", 0)  # igraph measures
    monkeypatch.setattr(brandes, "PARALLEL_WORK", 0)  # the searches run in threads
    callers: set[str] = set()
    real = backend.igraph
    monkeypatch.setattr(
        backend, "igraph", lambda: callers.add(threading.current_thread().name) or real()
    )
    bilateral.report(None, tmp_path, dependent="belarus", provider="russia")
    assert callers == {threading.current_thread().name}
    assert (tmp_path / "centrality.csv").read_text(encoding="utf-8").count("\n") > 10


@pytest.mark.slow  # over half a second: `make test` runs it, `make test-fast` not (issue 25)
def test_a_failing_report_stops_its_searches(tmp_path: Path, monkeypatch) -> None:
    """The searches run in threads beside the report's work; when that work fails (or is
    interrupted) the report stops them before it raises: no search thread is left."""
    import threading

    import bilateral
    from bilateral.graph.measures import brandes
    from bilateral.graph.measures import dependence as dependence_module
    from bilateral.graph.measures import graph_centrality as centrality_module

    pytest.importorskip("igraph")
    if brandes.kernel() is None:
        pytest.skip("numba is not installed: igraph searches when asked, in this thread")
    monkeypatch.setattr(centrality_module, "AUTO_THRESHOLD", 0)  # igraph measures
    monkeypatch.setattr(brandes, "PARALLEL_WORK", 0)  # the searches run in threads
    stopped: list[bool] = []
    real_stop = brandes.Searches.stop

    def stop(self) -> None:
        stopped.append(True)
        real_stop(self)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the dependence failed")

    monkeypatch.setattr(brandes.Searches, "stop", stop)
    monkeypatch.setattr(dependence_module, "dependence", broken)
    with pytest.raises(RuntimeError, match="the dependence failed"):
        bilateral.report(None, tmp_path, dependent="belarus", provider="russia")
    assert stopped
    assert not any(t.name.startswith("searches") for t in threading.enumerate())
