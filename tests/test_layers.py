"""The package's layers import one way only: a test reads every import with ``ast``.

From the bottom: errors, version, ``text`` (how strings from data are shown safely) and
the ontology (vocabulary); ``graph.source`` (where
triples come from); ``graph.sparql`` (running queries safely); ``graph.checks`` (is the
data right); ``graph.measures`` (snapshot and measures); ``graph.views`` (what people
look at); ``graph.remote`` (talking to SPARQL servers: push validates and exports);
then the Python API, the workbench (the pages ``bilateral serve`` adds to its endpoint)
and the CLI on top. A module may import its own layer or lower ones,
never a higher one, whether at the top of the file or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bilateral"

LAYERS = [
    (
        "bilateral.errors",
        "bilateral._version",
        "bilateral.atomic",
        "bilateral.text",
        "bilateral.cells",
        "bilateral.ontology",
        "bilateral.compat",
        "bilateral.progress",
    ),
    ("bilateral.graph.source",),
    ("bilateral.graph.sparql",),
    ("bilateral.graph.checks",),
    ("bilateral.graph.measures",),
    ("bilateral.graph.views",),
    ("bilateral.graph.remote",),
    ("bilateral.api", "bilateral"),
    ("bilateral.workbench",),
    ("bilateral.cli",),
]


def layer_of(module: str) -> int:
    """The layer of a dotted module name (the longest matching prefix wins)."""
    best, rank = -1, -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    assert rank >= 0, f"{module} belongs to no layer: add it to LAYERS"
    return rank


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # `from bilateral.graph import views` imports the subpackage itself
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "bilateral"]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    here = _module_name(path)
    mine = layer_of(here)
    upward = []
    for line, name in _imports(path):
        # `from bilateral.x import y` lists y both as a name and as x.y: judge by the module
        # when y is not a submodule
        target = name if _is_module(name) else name.rsplit(".", 1)[0]
        if layer_of(target) > mine:
            upward.append(f"line {line}: {name}")
    assert not upward, f"{here} (layer {mine}) imports upward: " + "; ".join(upward)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (PACKAGE.parent / rel).with_suffix(".py").exists() or (
        PACKAGE.parent / rel / "__init__.py"
    ).exists()


def test_the_test_catches_an_upward_import(tmp_path: Path) -> None:
    """The rule itself: a source module importing a view is caught."""
    assert layer_of("bilateral.graph.views.render") > layer_of("bilateral.graph.source.load")
    assert layer_of("bilateral.graph.remote") > layer_of("bilateral.graph.checks.validate")
    assert layer_of("bilateral.ontology.namespace") == 0
    fake = tmp_path / "m.py"
    fake.write_text("def f():\n    from bilateral.graph.views.render import render\n")
    assert _imports(fake) == [
        (2, "bilateral.graph.views.render"),
        (2, "bilateral.graph.views.render.render"),
    ]


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE.parent)): n
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these along their seams: {long}"
