"""Write output files atomically: a temp file in the same folder, then rename
(``bilateral/atomic.py`` does the renaming; this module adds what an output path needs).

Only a regular file (or nothing) is ever replaced: a target that is a folder, a
symbolic link, a FIFO, a device or a socket is refused, so ``--out /dev/stdout`` or a
link planted in an output folder is never replaced by a regular file (write to a
regular path and copy it if you need the file elsewhere). A write that the file system
refuses (read-only, full, no permission) is an ``InputError`` naming the target.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> write_text(p, "hello")
>>> p.read_text()
'hello'
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from bilateral.atomic import atomic_path as replacing
from bilateral.errors import InputError
from bilateral.graph.source.regular import kind_of

__all__ = [
    "atomic_path",
    "check_target",
    "check_targets",
    "ensure_folder",
    "write_text",
    "write_with",
]

#: errors that say the file system cannot take the file (not a bug in bilateral)
_CANNOT_WRITE = frozenset(
    {
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.EIO,
        errno.ENAMETOOLONG,
        errno.ETXTBSY,
    }
)


def _kind(mode: int) -> str | None:
    """What a target of ``mode`` (from ``lstat``) is, in words; ``None``: a regular file."""
    return None if stat.S_ISREG(mode) else kind_of(mode)


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse a ``path`` that exists and is anything but a regular file.

    >>> import tempfile
    >>> check_target(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    bilateral.errors.InputError: cannot write /tmp/...: it is a folder; give a file name
    """
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from None
    kind = _kind(mode)
    if kind == "a folder":
        raise InputError(f"cannot write {target}: it is a folder; give a file name")
    if kind is not None:
        raise InputError(
            f"refusing to write {target}: it is {kind}, and only a regular file is ever "
            "replaced; give the path of a regular file"
        )


def check_targets(paths: Iterable[str | os.PathLike[str]]) -> None:
    """:func:`check_target` on every one of ``paths`` before any is written: a command
    that writes several files refuses at once, leaving none of them half done."""
    for path in paths:
        check_target(path)


def ensure_folder(path: str | os.PathLike[str]) -> Path:
    """Create the output folder ``path`` (and its parents) unless it exists; a file
    there, or a file system that refuses, is an ``InputError``."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"cannot write into {folder}: it is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"cannot write into {folder}: it is not a folder") from None
    except OSError as exc:
        raise InputError(f"cannot write {folder}: {exc.strerror or exc}") from None
    return folder


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success
    (``bilateral/atomic.py``), refusing a target that is not a regular file before
    the write and again just before the rename.

    On any error the temporary file is removed and ``path`` is left as it was; a file
    system that refuses the write is an ``InputError`` naming ``path``.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {target}: folder {folder} does not exist")
    check_target(target)
    try:
        with replacing(target, check=check_target) as tmp:
            yield tmp
    except OSError as exc:
        if exc.errno in _CANNOT_WRITE:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_with(path: str | os.PathLike[str], writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result onto ``path`` atomically."""
    with atomic_path(path) as tmp:
        writer(tmp)
