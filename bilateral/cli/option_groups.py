"""Option groups: options several commands share, declared once as the parameters of a
function that gathers them (``dyad_options``, ``model_options``, ``remote_options``) and
put in place of one parameter of each command that takes them.

>>> def gather(a: int = 1, b: int = 2) -> tuple[int, int]:
...     return (a, b)
>>> @grouped(gather, "pair")
... def command(name: str, pair: tuple[int, int] | None = None) -> None:
...     print(name, pair)
>>> import inspect
>>> list(inspect.signature(command).parameters)
['name', 'a', 'b']
>>> command("x", a=5)
x (5, 2)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

__all__ = ["grouped"]

Command = Callable[..., None]


def grouped(gather: Callable[..., Any], param: str) -> Callable[[Command], Command]:
    """A decorator: ``gather``'s parameters stand in place of the command's ``param``
    parameter (as typer sees the command), and the command gets ``gather(**those)``."""
    shared = inspect.signature(gather, eval_str=True).parameters

    def wrap(command: Command) -> Command:
        own = list(inspect.signature(command, eval_str=True).parameters.values())
        at = [p.name for p in own].index(param)

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            group = gather(**{name: kwargs.pop(name) for name in shared if name in kwargs})
            command(*args, **{param: group}, **kwargs)

        params = [*own[:at], *shared.values(), *own[at + 1 :]]
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        return run

    return wrap
