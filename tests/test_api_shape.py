"""The public API has one shape (issue 25): the graph first, keywords for options, no
internal knobs, the old spellings warning for one release, and types for users' mypy."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path

import pytest

import bilateral
from bilateral.errors import BilateralDeprecationWarning

#: functions that take no graph: they make one, or work on something else
NO_GRAPH = {"load", "load_store", "open_store", "named_queries", "iri", "for_export", "write_html",
            "write_table"}  # fmt: skip
#: knobs of the engine, not of the question asked
INTERNAL = {"progress", "edges", "backend", "offload", "options", "store"}


def _functions() -> list[str]:
    return [n for n in bilateral.__all__ if inspect.isfunction(getattr(bilateral, n))]


@pytest.mark.parametrize("name", _functions())
def test_the_graph_comes_first_and_options_are_keywords(name: str) -> None:
    params = list(inspect.signature(getattr(bilateral, name)).parameters.values())
    assert not any(p.kind is p.VAR_KEYWORD for p in params), f"{name} takes **kwargs"
    assert not INTERNAL & {p.name for p in params}, f"{name} exposes an internal knob"
    if name not in NO_GRAPH:
        assert params[0].name == "g", f"{name}: the graph is not first"


def test_results_errors_and_warnings_are_exported() -> None:
    exported = ["DependenceResult", "ScenarioResult", "Comparison", "Snapshot", "GraphView"]
    exported += ["ReportResult", "Violation", "InputError", "QueryWarning", "StoreHandle"]
    for name in exported:
        assert inspect.isclass(getattr(bilateral, name)), name
    assert issubclass(bilateral.UnknownNameError, bilateral.BilateralError)
    assert issubclass(bilateral.BilateralDeprecationWarning, DeprecationWarning)


def test_the_package_ships_its_types() -> None:
    assert (Path(bilateral.__file__).parent / "py.typed").is_file()


def _warned(call) -> tuple[object, list[str]]:  # type: ignore[no-untyped-def]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = call()
    said = [str(w.message) for w in seen if issubclass(w.category, BilateralDeprecationWarning)]
    return result, said


def test_old_spellings_still_work_and_name_the_new_one(bundled, tmp_path: Path) -> None:
    old, said = _warned(lambda: bilateral.dependence("belarus", "russia", bundled, draws=300))
    assert said == [
        "dependence(dependent, provider, g) is deprecated and goes in the next release: "
        "call dependence(g, dependent, provider)"
    ]
    new, none = _warned(lambda: bilateral.dependence(bundled, "belarus", "russia", draws=300))
    assert not none and old.total == new.total  # type: ignore[attr-defined]
    from bilateral.graph.measures.vocabulary import DyadOptions

    old_s, said = _warned(
        lambda: bilateral.scenario(
            "scenario-west-crisis-escalation", bundled, options=DyadOptions(draws=300)
        )
    )
    assert len(said) == 2 and "options=" in said[1]
    new_s = bilateral.scenario(bundled, "scenario-west-crisis-escalation", draws=300)
    assert old_s.after.total == new_s.after.total  # type: ignore[attr-defined]
    df, said = _warned(lambda: bilateral.query("ASK { bid:belarus a bil:State }", g=bundled))
    assert df is True and said
    path, said = _warned(lambda: bilateral.export("nt", tmp_path / "g.nt", bundled))
    assert Path(str(path)).is_file() and said
    _, said = _warned(lambda: bilateral.load(["tests/data/tiny"], store="default"))
    assert said and "plugin" in said[0]


def test_a_wrong_call_is_still_a_type_error(bundled) -> None:
    with (
        pytest.raises(TypeError, match="multiple values"),
        pytest.warns(BilateralDeprecationWarning),
    ):
        bilateral.dependence("belarus", "russia", bundled, g=bundled)  # type: ignore[misc]
    with pytest.raises(TypeError, match="unexpected keyword"):
        bilateral.dependence(bundled, "belarus", "russia", progress=print)  # type: ignore[call-arg]
