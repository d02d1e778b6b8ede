"""Progress bars on stderr for long library work: drawn on a terminal only, and only once
the work has run about two seconds, so short commands, pipes and tests see nothing."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from bilateral.text import for_terminal

__all__ = ["DELAY", "progress_bar"]

#: seconds of work before a bar appears
DELAY = 2.0


def _silent(_step: str, _done: int, _total: int) -> None:
    return None


@contextlib.contextmanager
def progress_bar(
    *, delay: float = DELAY, console: Any = None
) -> Iterator[Callable[[str, int, int], None]]:
    """Yield a ``progress(step, done, total)`` callback (the library's ``ProgressFn``)
    that draws a bar naming the current step. Nothing is drawn when stderr is not a
    terminal (``isatty``), nor before ``delay`` seconds; the bar is cleared at the end.
    ``console`` (a rich Console) replaces stderr, for tests."""
    from rich.console import Console

    if console is None:
        if not sys.stderr.isatty():
            yield _silent
            return
        console = Console(stderr=True)
    elif not console.is_terminal:
        yield _silent
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    started = time.monotonic()

    class Delayed(Progress):
        def get_renderables(self) -> Any:
            if time.monotonic() - started >= delay:
                yield from super().get_renderables()

    with Delayed(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=None)

        def tick(step: str, done: int, total: int) -> None:
            bar.update(
                task, description=for_terminal(step), completed=done, total=total, refresh=True
            )

        yield tick
