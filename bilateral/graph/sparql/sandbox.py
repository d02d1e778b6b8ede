"""Run a piece of work in a forked child that cannot reach the network, has a memory cap
and is killed at a deadline: how queries run (the parent keeps its graph and stays
healthy, whatever the query does).

Three guards are installed in the child before the work starts:

1. a **kernel guard** (seccomp, through libseccomp): ``socket()`` fails with ``EACCES``
   for every address family but ``AF_UNIX``, and ``io_uring_setup`` (which can open
   sockets without a ``socket()`` call) fails with ``EPERM``. It holds for every engine,
   Oxigraph's Rust HTTP client included;
2. an **audit hook** that refuses Python-level network events (a second, independent
   barrier for rdflib's engine, with a readable message);
3. a **memory cap** (``RLIMIT_AS``): the child may grow by at most ``max_memory`` bytes
   beyond what it inherited.

>>> in_child(lambda: 6 * 7, timeout=10)
42
"""

from __future__ import annotations

import errno
import math
import os
import pickle
import resource
import select
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from bilateral.errors import QueryError
from bilateral.graph.sparql.limits import DEFAULT_MAX_MEMORY, format_size

__all__ = [
    "DEFAULT_MAX_MEMORY",
    "NETWORK_EVENTS",
    "in_child",
    "install_kernel_guard",
    "kernel_guard_active",
    "refuse_network",
]

#: audit events that open network connections or name lookups
NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.getaddrinfo", "urllib.Request", "http.client.connect"}
)

_guard_state: dict[str, str | bool] = {"active": False, "why": "not in a query child"}


def refuse_network(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook: refuse every network event (installed in the child only)."""
    if event in NETWORK_EVENTS:
        raise PermissionError(f"network access refused during query evaluation ({event})")


def _preload() -> None:
    """Import in the parent what the child needs: a fork taken while another thread
    imports a module would leave that module's import lock held in the child forever."""
    import faulthandler  # noqa: F401

    try:
        import pyseccomp  # noqa: F401
    except Exception:  # reported by the child, which needs it
        pass


def install_kernel_guard() -> None:
    """Refuse non-AF_UNIX sockets and io_uring for this process and its children."""
    import pyseccomp as seccomp

    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    f.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    try:
        f.add_rule(seccomp.ERRNO(errno.EPERM), "io_uring_setup")
    except (OSError, ValueError):  # a libseccomp too old to know io_uring
        pass
    f.load()


def kernel_guard_active() -> tuple[bool, str]:
    """Whether this process runs under the kernel network guard, and if not, why."""
    return bool(_guard_state["active"]), str(_guard_state["why"])


def _guard_child(max_memory: int | None) -> None:
    if not os.environ.get("BILATERAL_DEBUG"):  # engines' own noise (Rust backtraces ...)
        import faulthandler

        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    try:
        install_kernel_guard()
    except Exception as exc:  # no libseccomp, not Linux, or seccomp refused
        _guard_state.update(
            active=False,
            why=f"the kernel network guard is unavailable ({type(exc).__name__}: {exc}); "
            "install libseccomp2 (Debian/Ubuntu: apt-get install libseccomp2)",
        )
    else:
        _guard_state.update(active=True, why="")
    sys.addaudithook(refuse_network)
    if max_memory is not None:
        with open("/proc/self/statm") as fh:
            inherited = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = inherited + max_memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _over_memory(max_memory: int | None) -> QueryError:
    cap = f"the {format_size(max_memory)} memory cap" if max_memory else "the available memory"
    return QueryError(f"query stopped: it needed more than {cap} (allow more with `max_memory`)")


def in_child(
    work: Callable[[], Any], timeout: float, *, max_memory: int | None = DEFAULT_MAX_MEMORY
) -> Any:
    """Run ``work()`` in a guarded, forked child; kill it at ``timeout`` seconds.

    A bare ``os.fork`` and a pipe: a few milliseconds, against ~20 ms for
    ``multiprocessing``. The result comes back pickled. ``QueryError`` raised by the
    work is passed on as it is; running out of memory, the deadline and crashes each
    end with one clear ``QueryError``. Whatever ``work`` imports must be imported
    before the call (see ``_preload``) when other threads may be importing.
    """
    _preload()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: evaluate, send, exit without running the parent's atexit code
        code = 0
        try:
            os.close(read_fd)
            try:
                _guard_child(max_memory)
                payload = ("ok", work())
            except QueryError as exc:  # our own message, passed on as it is
                payload = ("query-error", str(exc))
            except MemoryError:
                payload = ("memory", "")
            except PermissionError as exc:  # a guard said no
                payload = ("query-error", f"query refused by the sandbox: {exc}")
            except BaseException as exc:  # reported to the parent, never raised here
                payload = ("error", f"{type(exc).__name__}: {exc}")
            try:
                data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                data = pickle.dumps(("memory", ""))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    received = bytearray()  # one buffer, unpickled in place: no second copy
    deadline = time.monotonic() + timeout
    finished = False
    waiter = select.poll()  # poll, not select: the pipe's fd may be 1024 or more
    waiter.register(read_fd, select.POLLIN)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryError(
                    f"query stopped after the {timeout:g} s timeout (allow more with `timeout`)"
                )
            if not waiter.poll(max(1, math.ceil(left * 1000))):
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                finished = True
                break
            received += chunk
            del chunk
    finally:
        os.close(read_fd)
        if not finished:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
    if not received:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV):
            raise _over_memory(max_memory)  # Rust aborts when an allocation fails
        raise QueryError("query evaluation crashed without an answer")
    status_, payload = pickle.loads(received)  # noqa: S301 - our own child's data
    del received
    if status_ == "query-error":
        raise QueryError(payload)
    if status_ == "memory":
        raise _over_memory(max_memory)
    if status_ == "error":
        raise QueryError(f"query failed: {payload}")
    return payload
