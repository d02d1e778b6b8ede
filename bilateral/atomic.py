"""Replace a file atomically: write a temporary file beside it, then rename it over.

The one place in ``bilateral`` that renames a file onto another: outputs (through
``graph/views/atomic.py``, which adds the checks an output path needs) and the store's
own metadata (``graph/source/storemeta.py``) both write through it. A reader sees the
old file or the new one, never half of one; concurrent writers each rename a complete
file and the last one wins. The temporary file is named ``.{name}.{pid}.*.tmp``, so a
writer killed outright leaves one behind that the next write of ``name`` removes.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.json"
>>> write_json(p, {"a": 1})
>>> p.read_text()
'{"a": 1}'
>>> [f.name for f in p.parent.iterdir()]
['x.json']
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_bytes", "write_json", "write_text"]


@contextlib.contextmanager
def atomic_path(
    path: str | os.PathLike[str], *, check: Callable[[Path], None] | None = None
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    ``check(path)`` runs just before the rename (an output refuses a target that has
    become a link meanwhile). On any error the temporary file is removed, ``path`` is
    left as it was and the error (``OSError`` from the file system) propagates.
    """
    target = Path(path)
    folder = target.parent
    _remove_stale(folder, target.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; a plain file is not
        if check is not None:
            check(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str | os.PathLike[str], data: object) -> None:
    """Write ``data`` as JSON (UTF-8, keys sorted) to ``path`` atomically."""
    write_text(path, json.dumps(data, ensure_ascii=False, sort_keys=True))


def _remove_stale(folder: Path, name: str) -> None:
    """Delete temp files of ``name`` left by writers that were killed (dead PIDs)."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
            parts = leftover.name[len(name) + 2 :].split(".")
            try:
                pid = int(parts[0])
            except (ValueError, IndexError):
                continue
            if pid == os.getpid() or _alive(pid):
                continue
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (setting it
    and back, the only other way, races with threads that create files meanwhile)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
