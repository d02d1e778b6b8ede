"""Every shell and Python block of README.md and docs/*.md runs as written (issue 25).

Per page, in the page's order and in a temporary folder holding a copy of ``tests/data``:
the shell blocks' commands (``bilateral`` in this process, anything else by ``/bin/sh``),
and, in a folder of their own, the Python blocks in one namespace. A failing block fails the
page's test naming the file, the line and the error; later blocks still run and their
failures are listed too. Only the blocks of ``SKIP`` are left out, each for the reason
given; ``PREPARE`` does, before a block, what the text around it asks of the reader."""

from __future__ import annotations

import os
import shutil
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main

from bilateral.cli import app
from bilateral.graph.sparql.serve import make_server
from tests.servers import running

from .docs_blocks import (
    PYTHON,
    ROOT,
    SHELL,
    SHOWN,
    Block,
    blocks,
    commands,
    documents,
    run_line,
    split_line,
)

#: (page, first line of the block) → why the block is not run here (reviewed list)
SKIP: dict[tuple[str, str], str] = {
    ("README.md", "make demo   # create .venv, install, validate, then write the report into out/"):
        "creates a virtualenv and runs the whole suite: what `make test` itself is",
    ("README.md", "make test      # pytest, doctests included, in two worker processes (JOBS=0: "
                  "one process)"):
        "the developer's make targets (the suite itself, lint, benchmarks)",
    ("docs/querying.md", "curl -s https://example.org/events.nq | bilateral query --data - "
                         "--data-format nquads \\"):
        "fetches from the network (example.org); the README's `cat my.nq | bilateral query "
        "--data -` runs the same reading from standard input",
}  # fmt: skip

#: (page, first line of the block) → shell lines run first, standing in for the reader
PREPARE: dict[tuple[str, str], list[str]] = {
    # the README's `cat my.nq | …`: "my.nq" is the reader's own file of quads
    ("README.md", "bilateral validate                       # SHACL shapes + SPARQL checks + "
                  "verbatim quotes"):
        ["bilateral export --format nquads --out my.nq"],
    # step 4 of the walkthrough: the curator edits the draft into data (its result is
    # tests/data/second-dyad/valdoria.ttl)
    ("docs/curation.md", "bilateral dependence valdoria kestria --data mydyad/"):
        ["rm mydyad/draft.ttl", "cp tests/data/second-dyad/valdoria.ttl mydyad/"],
}  # fmt: skip

#: (page, a command line of a block) → the shell lines run in its place: the reader's own
#: hand work, done here as the docs say it is done
STAND_IN: dict[tuple[str, str], list[str]] = {
    # the README's curation loop: the curator's edit of the draft gives the fixture's data
    ("README.md", '"${EDITOR:-nano}" mydyad/draft.ttl'):
        ["cp tests/data/second-dyad/valdoria.ttl mydyad/draft.ttl"],
}  # fmt: skip

#: the address the docs give `bilateral serve` (its default); a throwaway server stands in
SERVED = "http://127.0.0.1:8000"

PAGES = documents()


def _key(block: Block) -> tuple[str, str]:
    return (str(block.file.relative_to(ROOT)), block.first)


def test_every_block_names_a_known_language() -> None:
    for page in PAGES:
        for b in blocks(page):
            assert b.lang in SHELL | PYTHON | SHOWN, f"{b.where}: fence language {b.lang!r}"


def test_the_lists_name_real_blocks() -> None:
    """An entry of SKIP or PREPARE whose block is gone (edited) is stale."""
    known = {_key(b) for page in PAGES for b in blocks(page)}
    for key in [*SKIP, *PREPARE]:
        assert key in known, f"no block of {key[0]} begins {key[1]!r}"


@pytest.fixture(scope="module")
def served(bundled) -> Iterator[str]:
    """A throwaway ``bilateral serve`` of the bundled data on a free loopback port."""
    from bilateral.workbench import pages  # the workbench's pages, as `bilateral serve` has them

    server = make_server(bundled, host="127.0.0.1", port=0, timeout=10.0, quiet=True, pages=pages)
    with running(server) as (host, port):
        yield f"http://{host}:{port}"


def _folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "data", tmp_path / "tests" / "data")
    return tmp_path


def _env(served: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def test_every_command_names_a_real_command_and_options() -> None:
    """The quick check of every shell line (they run in the slow tier): each
    ``bilateral`` command exists and takes each ``--option`` it is given."""
    group = typer.main.get_command(app)
    for page in PAGES:
        for b in blocks(page):
            if b.lang not in SHELL or _key(b) in SKIP:
                continue
            for line in commands(b.code):
                for pipeline in split_line(line):
                    for argv in pipeline:
                        if argv[0] != "bilateral":
                            continue
                        command = group.commands.get(argv[1])  # type: ignore[attr-defined]
                        assert command is not None, f"{b.where}: no command {argv[1]!r}"
                        options = {o for p in command.params for o in [*p.opts, *p.secondary_opts]}
                        for arg in argv[2:]:
                            name = arg.split("=", 1)[0]
                            if name.startswith("-") and name != "-":
                                assert name in options, f"{b.where}: {argv[1]} has no {name}"


def _run_blocks(page: Path, langs: set[str], folder: Path, served: str) -> list[str]:
    """Run the blocks of ``page`` in ``langs`` in order; the failures, one line each."""
    env = _env(served)
    namespace: dict[str, object] = {"__name__": "__doc_block__"}
    failures: list[str] = []
    for b in blocks(page):
        if _key(b) in SKIP or b.lang not in langs:
            continue
        try:
            if b.lang in SHELL:
                for line in [*PREPARE.get(_key(b), []), *commands(b.code)]:
                    bare = line.split(" #", 1)[0].strip()  # the command without its comment
                    for part in STAND_IN.get((_key(b)[0], bare), [line]):
                        run_line(part.replace(SERVED, served), folder, env)
            else:
                # padded: a traceback's line numbers are the page's
                source = "\n" * b.line + b.code.replace(SERVED, served)
                exec(compile(source, str(page), "exec"), namespace)  # noqa: S102 - the docs' own
        except Exception as exc:  # noqa: BLE001 - every failing block is listed
            at = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(page)]
            where = f"{b.where}, line {at[-1].lineno}" if at else b.where
            failures.append(f"{where} ({b.lang}): {type(exc).__name__}: {exc}")
    return failures


@pytest.mark.slow  # ~15 s of CPU: test_every_command_names_a_real_command_and_options is quick
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_shell_blocks_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, served: str
) -> None:
    monkeypatch.chdir(_folder(tmp_path))
    failures = _run_blocks(page, SHELL, tmp_path, served)
    assert not failures, "\n".join(failures)


#: the README's blocks run in the quick tier; every page's run in ``make test``
QUICK_PAGES = [
    pytest.param(p, marks=() if p.name == "README.md" else pytest.mark.slow) for p in PAGES
]


@pytest.mark.parametrize("page", QUICK_PAGES, ids=lambda p: p.name)
def test_the_python_blocks_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, served: str
) -> None:
    monkeypatch.chdir(_folder(tmp_path))
    failures = _run_blocks(page, PYTHON, tmp_path, served)
    assert not failures, "\n".join(failures)
