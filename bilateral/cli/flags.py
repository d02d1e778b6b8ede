"""The library's messages name Python parameters in backticks (`as_of`); the command
line shows the flag the user typed instead (``--as-of``).

>>> from typing import Annotated
>>> import typer
>>> def cmd(
...     as_of: Annotated[str, typer.Option("--as-of")] = "",
...     byte_cap: Annotated[int, typer.Option("--max-bytes")] = 0,
... ) -> None: ...
>>> as_flags("bad `as_of` '2021-13'; `byte_cap` too small; `first` wrong", cmd)
"bad --as-of '2021-13'; --max-bytes too small; --as-of wrong"
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable

__all__ = ["as_flags", "flags_of"]

#: library parameter → the command's parameter, where they are spelled differently
ALIASES = {
    "start": "from_",
    "end": "to",
    "first": "as_of",
    "second": "as_of",
    "drop_kinds": "drop_kind",
    "domains": "domain",
    "types": "type_",
    "byte_cap": "max_bytes",
    "auth": "user",
}

_PARAM = re.compile(r"`([a-z][a-z0-9_]*)`")


def flags_of(command: Callable[..., object]) -> dict[str, str]:
    """Each parameter of a typer ``command`` → its longest ``--flag``."""
    flags: dict[str, str] = {}
    try:
        params = inspect.signature(command, eval_str=True).parameters.values()
    except (NameError, TypeError, ValueError):
        return flags
    for p in params:
        infos = [*getattr(p.annotation, "__metadata__", ()), p.default]
        if typing.get_origin(p.annotation) is not typing.Annotated:
            infos = [p.default]
        for info in infos:
            # inside ``Annotated`` typer reads the first argument of ``Option`` as a flag
            decls = [*(getattr(info, "param_decls", None) or ()), getattr(info, "default", None)]
            spelled = [d for d in decls if isinstance(d, str) and d.startswith("--")]
            if spelled:
                flags[p.name] = max(spelled, key=len)
    return flags


def as_flags(message: str, command: Callable[..., object]) -> str:
    """``message`` with each backticked parameter name replaced by ``command``'s flag for
    it; a name the command has no flag for loses its backticks only."""
    flags = flags_of(command)

    def flag(match: re.Match[str]) -> str:
        name = match.group(1)
        return flags.get(name) or flags.get(ALIASES.get(name, ""), name)

    return _PARAM.sub(flag, message)
