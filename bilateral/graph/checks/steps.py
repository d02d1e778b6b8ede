"""The steps of one validation, told to whoever listens (``bilateral.progress``)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["ProgressFn", "Steps"]

#: ``progress(step, done, total)``: ``step`` has done ``done`` of ``total`` units. The
#: step ``"validate"`` counts the steps of the whole validation; each step (``"literals"``,
#: ``"shape <rule>"``, ``"check <rule>"``, ``"quotes"``, ``"locating"``) reports 0 of 1
#: as it starts and 1 of 1 as it ends. The library prints nothing; the CLI draws a bar
#: for each step that lasts over ~2 s.
ProgressFn = Callable[[str, int, int], None]


class Steps:
    """Counts the steps of one validation and reports them to a ``ProgressFn``."""

    def __init__(self, progress: ProgressFn | None, total: int):
        self.progress, self.total, self.done = progress, total, 0
        self.current: str | None = None

    def _end_current(self) -> None:
        if self.progress is not None and self.current is not None:
            self.progress(self.current, 1, 1)
            self.done += 1
            self.progress("validate", min(self.done, self.total), self.total)
        self.current = None

    def __call__(self, name: str) -> None:
        if self.progress is None:
            return
        if self.current is None and self.done == 0:
            self.progress("validate", 0, self.total)
        self._end_current()
        self.current = name
        self.progress(name, 0, 1)

    def finish(self) -> None:
        self._end_current()
        if self.progress is not None and self.done < self.total:
            self.progress("validate", self.total, self.total)
