"""Read an input file safely: a regular file only, refused by its size before it is read.

Every file a command reads whole (data files loaded in memory, a query file, a weights
file, a source text to curate) goes through :func:`read_regular`. A device, a FIFO or a
socket (``/dev/zero`` behind a symbolic link, a pipe with no writer) is refused at once,
without being opened for reading, so it can neither fill memory nor block; a file over
the cap of its kind is refused by ``stat`` before a byte is read (a 60 GB sparse file),
and one that grows past it while being read is cut off and refused too. A name the
system cannot take (over 255 bytes, a loop of symbolic links) is one ``InputError``.

The caps, one per kind of input:

- ``MAX_DATA_BYTES`` (1 GiB): a data file loaded in memory (rdflib needs about 1 KiB of
  memory per triple; a store streams files of any size, ``store.py``);
- ``MAX_TEXT_BYTES`` (64 MiB): a source text (``texts.py``), also the text ``curate`` reads;
- ``MAX_QUERY_BYTES`` (1 MiB): a SPARQL query, as the endpoint's request body;
- ``MAX_SMALL_BYTES`` (1 MiB): a small settings file (domain weights).

>>> import tempfile
>>> from pathlib import Path
>>> p = Path(tempfile.mkdtemp()) / "w.json"
>>> _ = p.write_text('{"energy": 2}')
>>> read_regular(p, "weights file", MAX_SMALL_BYTES)
b'{"energy": 2}'
>>> read_regular(Path("/dev/null"), "weights file", MAX_SMALL_BYTES)
Traceback (most recent call last):
...
bilateral.errors.InputError: weights file /dev/null is not a regular file (a character device)
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from bilateral.errors import InputError

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_QUERY_BYTES",
    "MAX_SMALL_BYTES",
    "MAX_TEXT_BYTES",
    "kind_of",
    "mode_of",
    "read_regular",
    "read_stream",
    "size_text",
    "stat_input",
]

MAX_DATA_BYTES = 1 << 30
MAX_TEXT_BYTES = 64 << 20  # a source text is a document, not a data dump
MAX_QUERY_BYTES = 1 << 20
MAX_SMALL_BYTES = 1 << 20

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),  # a mode from ``lstat`` (output targets)
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def size_text(size: int) -> str:
    """``size`` bytes in the largest binary unit that divides it (``1 GiB``, ``64 MiB``).

    >>> size_text(1 << 30), size_text(64 << 20), size_text(1000)
    ('1 GiB', '64 MiB', '1000 bytes')
    """
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def kind_of(mode: int) -> str:
    """What a file of ``mode`` (from ``stat``, or ``lstat`` for output targets) is, in
    words (``"a FIFO"``); ``"a regular file"``."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def stat_input(path: Path, what: str) -> os.stat_result:
    """``os.stat`` of ``path`` (symbolic links followed), or ``InputError`` naming
    ``what`` and why it cannot be used (missing, name too long, a loop of links…)."""
    try:
        return os.stat(path)
    except OSError as exc:
        why = exc.strerror or str(exc)
        if exc.errno == errno.ENAMETOOLONG:
            why = "a name in it is too long for the file system (over 255 bytes)"
        raise InputError(f"cannot read {what} {_shown(path)}: {why}") from None
    except ValueError:  # a NUL character in the name
        raise InputError(f"cannot read {what} {_shown(path)}: not a file name") from None


def mode_of(path: Path, what: str) -> int | None:
    """The file mode of ``path`` (links followed), None when nothing is there, or
    ``InputError`` naming ``what`` when the path cannot be looked at (see
    :func:`stat_input`)."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return stat_input(path, what).st_mode  # raises, saying why


def _shown(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 120 else text[:100] + "…" + text[-15:]


def read_regular(path: Path, what: str, limit: int, *, hint: str = "") -> bytes:
    """The bytes of the regular file ``path``; ``InputError`` (naming ``what``) for
    anything else, for a file over ``limit`` bytes (``hint`` says what to do then), or
    a file that cannot be read."""
    info = stat_input(path, what)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} {_shown(path)} is not a regular file ({kind_of(info.st_mode)})")
    if info.st_size > limit:
        raise InputError(
            f"{what} {_shown(path)} is larger than {size_text(limit)} (the limit for it){hint}"
        )
    try:  # O_NONBLOCK: a FIFO swapped in after the stat cannot block the open
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read {what} {_shown(path)}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise InputError(f"{what} {_shown(path)} is not a regular file")
        return _bounded(fh, path, what, limit, hint)


def read_stream(stream: BinaryIO, what: str, limit: int, *, hint: str = "") -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input); more is an ``InputError``."""
    return _bounded(stream, Path("-"), what, limit, hint)


def _bounded(fh: BinaryIO, path: Path, what: str, limit: int, hint: str) -> bytes:
    try:
        data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what} {_shown(path)}: {exc.strerror or exc}") from None
    except MemoryError:
        raise InputError(f"{what} {_shown(path)} is too large to read into memory") from None
    if len(data) > limit:
        shown = "standard input" if str(path) == "-" else f"{what} {_shown(path)}"
        raise InputError(f"{shown} is larger than {size_text(limit)} (the limit for it){hint}")
    return data
