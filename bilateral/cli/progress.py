"""Progress bars on stderr for long library work: one bar per step that has run about two
seconds, on a terminal only, so short commands, pipes and tests see nothing."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from bilateral.text import for_terminal

__all__ = ["DELAY", "progress_bar"]

#: seconds a step runs before its bar appears
DELAY = 2.0


def _silent(_step: str, _done: int, _total: int) -> None:
    return None


@contextlib.contextmanager
def progress_bar(
    *, delay: float = DELAY, console: Any = None
) -> Iterator[Callable[[str, int, int], None]]:
    """Yield a ``progress(step, done, total)`` callback (the library's ``ProgressFn``:
    ``step`` has done ``done`` of ``total``) that draws a bar per step once the step has
    run ``delay`` seconds and removes it when the step is done. Nothing is drawn when
    stderr is not a terminal (``isatty``). ``console`` (a rich Console) replaces stderr,
    for tests."""
    from rich.console import Console

    if console is None:
        if not sys.stderr.isatty():
            yield _silent
            return
        console = Console(stderr=True)
    elif not console.is_terminal:
        yield _silent
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    class Delayed(Progress):
        def make_tasks_table(self, tasks: Any) -> Any:
            clock = getattr(self, "get_time", None)  # rich's task clock (set up after Live)
            now = clock() if clock is not None else None
            shown = [
                t
                for t in tasks
                if now is not None
                and not t.finished
                and t.start_time is not None
                and now - t.start_time >= delay
            ]
            return super().make_tasks_table(shown)

    with Delayed(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def tick(step: str, done: int, total: int) -> None:
            task = tasks.get(step)
            if task is None or bar.tasks[task].finished:  # new, or the same name again
                if task is not None:
                    bar.remove_task(task)
                task = tasks[step] = bar.add_task(for_terminal(step), total=total)
            bar.update(task, completed=done, total=total, refresh=True)

        yield tick
