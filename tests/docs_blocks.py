"""The fenced code blocks of README.md and docs/*.md, and a small shell that runs their
``sh`` blocks: ``bilateral`` in this process (``CliRunner``), every other command by
``/bin/sh``; ``|``, ``&&``, ``;``, ``>`` and ``\\``-continued lines as in a shell."""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from bilateral.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHELL = {"sh", "bash", "shell", "console"}
PYTHON = {"python", "py", "pycon"}
#: languages shown but not run by this module (SPARQL: tests/sparql/test_docs.py)
SHOWN = {"sparql", "turtle", "text"}
_FENCE = re.compile(r"^( *)```(\w*)[^\n]*\n(.*?)^\1```[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Block:
    """One fenced block: its file, the line of its opening fence, language and code."""

    file: Path
    line: int
    lang: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"

    @property
    def first(self) -> str:
        """The block's first line: what the allow-lists key on (line numbers drift)."""
        return self.code.strip().splitlines()[0] if self.code.strip() else ""


def documents() -> list[Path]:
    """README.md and every page of docs/ (a page added later is picked up)."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(doc: Path) -> list[Block]:
    """The fenced blocks of ``doc`` in order (indented fences of list items too)."""
    text = doc.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        indent = len(m.group(1))
        code = "".join(line[indent:] if line[:indent].isspace() else line
                       for line in m.group(3).splitlines(keepends=True))  # fmt: skip
        out.append(Block(doc, text.count("\n", 0, m.start()) + 1, m.group(2), code))
    return out


def commands(code: str) -> list[str]:
    """The command lines of a shell block: continuations joined, blank lines dropped."""
    return [line for line in code.replace("\\\n", " ").splitlines() if line.strip()]


def split_line(line: str) -> list[list[list[str]]]:
    """A command line as its ``&&``/``;`` parts, each a pipeline of commands (token
    lists; a trailing ``> file`` stays in the last command's tokens). Comments go."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars="|&;>")
    lexer.whitespace_split = True
    parts: list[list[list[str]]] = [[[]]]
    for token in lexer:
        if token in ("&&", ";"):
            parts.append([[]])
        elif token == "|":
            parts[-1].append([])
        else:
            parts[-1][-1].append(token)
    return [p for p in parts if p != [[]]]


class ShellError(AssertionError):
    """A command of a block failed: names it and says why."""


def run_line(line: str, cwd: Path, env: dict[str, str]) -> None:
    """Run one command line of a block in ``cwd`` (raises ``ShellError``)."""
    runner = CliRunner()
    for pipeline in split_line(line):
        data: bytes | None = None
        for k, argv in enumerate(pipeline):
            target = None
            if ">" in argv:
                at = argv.index(">")
                argv, target = argv[:at], cwd / argv[at + 1]
            if argv[0] == "bilateral":
                result = runner.invoke(app, argv[1:], input=data, catch_exceptions=False)
                out, code, err = result.stdout_bytes, result.exit_code, result.stderr
            else:
                proc = subprocess.run(
                    shlex.join(argv), shell=True, cwd=cwd, env=env, input=data,
                    capture_output=True, timeout=120, check=False,
                )  # fmt: skip
                out, code, err = proc.stdout, proc.returncode, proc.stderr.decode()
            if code != 0:
                raise ShellError(f"`{shlex.join(argv)}` (part {k + 1} of {line!r}) "
                                 f"exited {code}: {err.strip()[-600:]}")  # fmt: skip
            data = out
            if target is not None:
                target.write_bytes(out)
                data = b""
