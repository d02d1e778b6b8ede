"""Log in to a SPARQL server: a user name, and its password from the environment
(``BILATERAL_PASSWORD``) or a netrc file (``~/.netrc``, or the file ``NETRC`` names),
never from the command line; sent with HTTP Basic or Digest, whichever the server asks
for, and only to the endpoint's own origin.

>>> c = Credentials("dba", "secret")
>>> c                                    # the password is never shown
Credentials(user='dba', source='')
>>> login("http://127.0.0.1:8890/sparql-auth", "dba", environ={PASSWORD_VARIABLE: "pw"})
Credentials(user='dba', source='BILATERAL_PASSWORD')
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import netrc
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from bilateral.graph.remote.request import RemoteAuthError, RemoteInputError

__all__ = [
    "PASSWORD_VARIABLE",
    "Credentials",
    "answer_in_advance",
    "auth_handlers",
    "login",
    "origin",
    "refusal",
    "where_to_set",
]

#: the environment variable that holds the password of ``--user``
PASSWORD_VARIABLE = "BILATERAL_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A user name and its password, for a server that asks for a login.

    ``source`` says where the password came from (for error messages); the password is
    left out of ``repr``, so it never lands in a log or a traceback.
    """

    user: str
    password: str = field(repr=False)
    source: str = ""

    def __post_init__(self) -> None:
        if not self.user or any(c in self.user for c in ":\r\n\x00"):
            raise RemoteInputError(f"not a usable user name for `auth`: {self.user!r}")


def origin(url: str) -> str:
    """The scheme, host and port of ``url``: where credentials may be sent.

    >>> origin("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=x")
    'http://127.0.0.1:8890/'
    """
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def where_to_set(host: str) -> str:
    """The sentence that says how to give a password for ``host``."""
    return f"{PASSWORD_VARIABLE}, or a ~/.netrc entry for machine {host}"


def _netrc_entry(host: str, environ: Mapping[str, str], strict: bool) -> tuple[str, str] | None:
    """``(login, password)`` of the netrc entry for ``host``: the file ``NETRC`` names,
    else ``~/.netrc``. A missing file is no entry; an unreadable one, or one others may
    read, is a ``RemoteInputError`` when ``strict`` (else no entry)."""
    path = environ.get("NETRC") or None
    try:
        entry = netrc.netrc(path).authenticators(host)
        mode = os.stat(path).st_mode if path is not None else 0
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as exc:
        if not strict:
            return None
        where = f"{exc.filename}, line {exc.lineno}" if exc.filename else "~/.netrc"
        # the token netrc quotes may be a password's second word: never shown
        reason = re.sub(r"\s*'.*'", "", exc.msg).strip()
        raise RemoteInputError(
            f"cannot use {where}: {reason} (a password with spaces goes in double quotes)"
        ) from None
    except OSError as exc:
        if not strict:
            return None
        raise RemoteInputError(f"cannot read {path or '~/.netrc'}: {exc.strerror}") from None
    if entry is None or not entry[2]:
        return None
    if mode & 0o077:  # netrc itself checks ~/.netrc only
        if not strict:
            return None
        raise RemoteInputError(
            f"cannot use {path}: others may read the password in it (chmod 600 {path})"
        )
    return entry[0], entry[2]


def login(
    endpoint: str,
    user: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> Credentials | None:
    """The credentials for ``endpoint``: ``user`` with the password in
    ``BILATERAL_PASSWORD``, else in the netrc entry for the endpoint's host (whose login,
    if it names one, must be ``user``). Without ``user``, the netrc entry's login and
    password if there is one, else ``None`` (no login). A ``user`` without a password
    anywhere is a ``RemoteInputError`` naming what to set.

    >>> login("http://127.0.0.1:1/q", "dba", environ={"NETRC": "/dev/null"})
    Traceback (most recent call last):
    ...
    bilateral.graph.remote.request.RemoteInputError: no password for `auth` 'dba': set \
BILATERAL_PASSWORD, or a ~/.netrc entry for machine 127.0.0.1
    """
    env = os.environ if environ is None else environ
    host = urllib.parse.urlsplit(endpoint).hostname or ""
    if user is None:
        entry = _netrc_entry(host, env, strict=False)
        return Credentials(entry[0], entry[1], "~/.netrc") if entry and entry[0] else None
    password = env.get(PASSWORD_VARIABLE)
    if password:
        return Credentials(user, password, PASSWORD_VARIABLE)
    entry = _netrc_entry(host, env, strict=True)
    if entry is not None and entry[0] in ("", user):
        return Credentials(user, entry[1], env.get("NETRC") or "~/.netrc")
    raise RemoteInputError(f"no password for `auth` {user!r}: set {where_to_set(host)}")


def _passwords(url: str, auth: Credentials) -> urllib.request.HTTPPasswordMgr:
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, origin(url), auth.user, auth.password)
    return passwords


def auth_handlers(url: str, auth: Credentials) -> list[urllib.request.BaseHandler]:
    """The ``urllib`` handlers that answer a server's 401 challenge for ``url``'s origin
    with ``auth``: Digest when it asks for Digest, Basic when it asks for Basic."""
    passwords = _passwords(url, auth)
    return [
        urllib.request.HTTPDigestAuthHandler(passwords),
        urllib.request.HTTPBasicAuthHandler(passwords),
    ]


def _head(url: str, req: urllib.request.Request) -> urllib.request.Request:
    probe = urllib.request.Request(url, method="HEAD")
    probe.add_header("User-Agent", req.get_header("User-agent") or "bilateral")
    return probe


def _status(opener: urllib.request.OpenerDirector, probe: urllib.request.Request) -> int:
    """The status of ``probe`` (0: no answer); the challenge of a 401 lands in
    ``probe.challenge``."""
    try:
        with opener.open(probe) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        with contextlib.closing(exc):
            probe.challenge = exc.headers.get("WWW-Authenticate", "")  # type: ignore[attr-defined]
            return exc.code
    except (OSError, http.client.HTTPException):
        return 0


class _Answer:
    """Answers to one challenge, for one request after another (Digest counts them)."""

    def __init__(self, url: str, auth: Credentials, challenge: str) -> None:
        self.auth = auth
        scheme, _, rest = challenge.strip().partition(" ")
        self.scheme = scheme.lower()
        self.digest = urllib.request.HTTPDigestAuthHandler(_passwords(url, auth))
        self.fields = urllib.request.parse_keqv_list(
            [f for f in urllib.request.parse_http_list(rest) if f]
        )

    def add_to(self, req: urllib.request.Request) -> bool:
        """Whether an answer was added to ``req``."""
        value = ""
        if self.scheme == "basic":
            pair = f"{self.auth.user}:{self.auth.password}".encode()
            value = "Basic " + base64.b64encode(pair).decode("ascii")
        elif self.scheme == "digest":
            with contextlib.suppress(ValueError, KeyError):  # a challenge it cannot answer
                answer = self.digest.get_authorization(req, self.fields)
                value = f"Digest {answer}" if answer else ""
        if value:
            req.add_unredirected_header("Authorization", value)
        return bool(value)


def answer_in_advance(
    req: urllib.request.Request, auth: Credentials | None, opener: urllib.request.OpenerDirector
) -> None:
    """Log in with ``HEAD`` requests of ``req``'s URL (through ``opener``) and add the
    answer to ``req``, so that its body goes once, already logged in: a server that
    refuses an upload before reading it (Virtuoso) closes the connection, and a body of
    more than a few hundred kilobytes ends in a broken pipe, not in its 401. A login the
    server refuses, or asks for when ``auth`` is ``None``, is the ``RemoteAuthError`` of
    ``refusal``; a server that asks nothing, or does not answer, leaves ``req`` as it was.
    """
    probe = _head(req.full_url, req)
    if _status(opener, probe) != 401:
        return
    if auth is None:
        raise refusal(req.full_url, 401, None)
    answer = _Answer(req.full_url, auth, getattr(probe, "challenge", ""))
    again = _head(req.full_url, req)
    if not answer.add_to(again):
        return
    if (status := _status(opener, again)) in (401, 403):
        raise refusal(req.full_url, status, auth)
    answer.add_to(req)


def refusal(url: str, status: int, auth: Credentials | None) -> RemoteAuthError:
    """The one line for a 401 or 403 answer at ``url`` (named without its query): what
    to set (without a login) or what the server refused (with one).

    >>> print(refusal("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=x", 401, None))
    http://127.0.0.1:8890/sparql-graph-crud-auth answered 401 (needs a login): give \
`auth` (a user name) and set BILATERAL_PASSWORD, or a ~/.netrc entry for machine 127.0.0.1
    """
    parts = urllib.parse.urlsplit(url)
    url, host = parts._replace(query="", fragment="").geturl(), parts.hostname or ""
    if auth is None:
        need = "needs a login" if status == 401 else "forbids this without a login"
        return RemoteAuthError(
            f"{url} answered {status} ({need}): give `auth` (a user name) and set "
            f"{where_to_set(host)}"
        )
    if status == 401:
        return RemoteAuthError(
            f"{url} answered 401: it refused user {auth.user!r} with the password from "
            f"{auth.source or 'the caller'} (check `auth` and {where_to_set(host)})"
        )
    return RemoteAuthError(
        f"{url} answered 403: user {auth.user!r} may not do this there (the account's "
        "permissions on the server)"
    )
