"""Logging in to a SPARQL server (issue 28): ``--user`` with the password from
``BILATERAL_PASSWORD`` or a netrc file, HTTP Basic and Digest, and a 401/403 as one
error line naming what to set. The server is a loopback test double (``double.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.graph.remote import (
    Credentials,
    RemoteAuthError,
    RemoteInputError,
    Timeouts,
    login,
    push,
    remote_query,
)
from tests.servers import running

from .double import GRAPH, PASSWORD, USER, Double, serve

runner = CliRunner()
QUICK = Timeouts(timeout=5, attempts=1)


@pytest.fixture(scope="module", params=["basic", "digest"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, type[Double]]]:
    """A double that asks for a login (Basic, then Digest): its base URL and handler."""
    handler = Double.make(request.param)
    with running(serve(handler), poll=0.05) as (host, port):
        yield f"http://{host}:{port}", handler


@pytest.fixture(scope="module")
def tiny():  # type: ignore[no-untyped-def]
    """The tiny test data (pushing it is quicker than the bundled data's 3000 triples)."""
    import bilateral

    return bilateral.load(["tests/data/tiny"])


@pytest.fixture
def no_netrc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No password in the environment, and an empty netrc file (``NETRC``)."""
    monkeypatch.delenv("BILATERAL_PASSWORD", raising=False)
    empty = tmp_path / "netrc"
    empty.write_text("")
    empty.chmod(0o600)  # a netrc others may read is refused
    monkeypatch.setenv("NETRC", str(empty))
    return empty


def test_the_password_comes_from_the_environment_or_netrc(tmp_path: Path) -> None:
    url = "http://127.0.0.1:8890/sparql-auth"
    rc = tmp_path / "netrc"
    rc.write_text(f'machine 127.0.0.1 login {USER} password "{PASSWORD}"\n')
    rc.chmod(0o600)
    env = {"NETRC": str(rc)}
    assert login(url, USER, environ={**env, "BILATERAL_PASSWORD": "pw"}) == Credentials(
        USER, "pw", "BILATERAL_PASSWORD"
    )
    assert login(url, USER, environ=env) == Credentials(USER, PASSWORD, str(rc))
    assert login(url, None, environ=env) == Credentials(USER, PASSWORD, "~/.netrc")
    assert login("http://localhost:1/q", None, environ=env) is None  # another machine
    with pytest.raises(RemoteInputError, match="no password for `auth` 'bob'"):
        login(url, "bob", environ=env)  # the netrc entry is alice's
    rc.write_text("machine 127.0.0.1 login alice frobnicate x\n")
    with pytest.raises(RemoteInputError, match=f"cannot use {rc}, line"):
        login(url, USER, environ=env)
    assert login(url, None, environ=env) is None  # without --user a broken netrc is no login
    assert PASSWORD not in repr(Credentials(USER, PASSWORD))


def test_push_and_query_log_in(server: tuple[str, type[Double]], tiny) -> None:
    base, handler = server
    auth = login(base, USER, environ={"BILATERAL_PASSWORD": PASSWORD})
    n = push(tiny, base + "/store", graph=GRAPH, validate=False, auth=auth, timeouts=QUICK)
    assert n > 30 and handler.seen[-1].method == "PUT" and b"ruritania" in handler.seen[-1].body
    rows = remote_query(base + "/q", "SELECT ?s { ?s ?p ?o }", graph=GRAPH, auth=auth).rows
    assert "https://w3id.org/bilateral/id/ruritania" in {str(r[0]) for r in rows}
    assert handler.seen[-1].fields["default-graph-uri"] == GRAPH
    assert handler.refused and not any(handler.refused)  # asked once a request, never refused


def test_a_refused_login_is_one_line(server: tuple[str, type[Double]], tiny) -> None:
    base, handler = server
    with pytest.raises(RemoteAuthError) as err:
        remote_query(base + "/q", "ASK { ?s ?p ?o }", timeouts=QUICK)
    assert str(err.value) == (
        f"{base}/q answered 401 (needs a login): give `auth` (a user name) and set "
        "BILATERAL_PASSWORD, or a ~/.netrc entry for machine 127.0.0.1"
    )
    wrong = Credentials(USER, "wrong", "BILATERAL_PASSWORD")
    with pytest.raises(RemoteAuthError, match="refused user 'alice' with the password from BIL"):
        push(tiny, base + "/store", graph=GRAPH, validate=False, auth=wrong, timeouts=QUICK)


@pytest.mark.slow  # six commands over 0.5 s
def test_the_command_line_logs_in(
    server: tuple[str, type[Double]], no_netrc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = server
    push_args = ["push", "--endpoint", base + "/store", "--graph", GRAPH, "--skip-validation"]
    push_args += ["--data", "tests/data/tiny", "--timeout", "5"]
    query_args = ["query", "--endpoint", base + "/q", "--graph", GRAPH, "SELECT ?s {?s ?p ?o}"]
    for args in (push_args, query_args):  # no password: one line naming what to set
        r = runner.invoke(app, args)
        assert r.exit_code == 1 and "Traceback" not in r.output, r.output
        assert r.stderr.count("\n") == 1 and "answered 401 (needs a login)" in r.stderr
        assert "give --user (a user name) and set BILATERAL_PASSWORD, or a ~/.netrc" in r.stderr
        r = runner.invoke(app, [*args, "--user", USER])  # a user, still no password
        assert r.exit_code == 2 and r.stderr == (
            "error: no password for --user 'alice': set BILATERAL_PASSWORD, or a ~/.netrc "
            "entry for machine 127.0.0.1\n"
        )
    monkeypatch.setenv("BILATERAL_PASSWORD", PASSWORD)
    r = runner.invoke(app, [*push_args, "--user", USER])
    assert r.exit_code == 0 and r.stdout.startswith("pushed "), r.output
    r = runner.invoke(app, [*query_args, "--user", USER, "--format", "csv"])
    assert r.exit_code == 0 and "ruritania" in r.stdout, r.output
    monkeypatch.setenv("BILATERAL_PASSWORD", "wrong")
    r = runner.invoke(app, [*query_args, "--user", USER])
    assert r.exit_code == 1 and "refused user 'alice'" in r.stderr and "check --user" in r.stderr


def test_the_command_line_reads_netrc(server: tuple[str, type[Double]], no_netrc: Path) -> None:
    base, _ = server
    no_netrc.write_text(f'machine 127.0.0.1\n  login {USER}\n  password "{PASSWORD}"\n')
    query_args = ["query", "--endpoint", base + "/q", "--graph", GRAPH, "SELECT ?s {?s ?p ?o}"]
    for user in ([], ["--user", USER]):  # the netrc entry names the user, or --user does
        r = runner.invoke(app, [*query_args, *user, "--format", "csv"])
        assert r.exit_code == 0 and "ruritania" in r.stdout, r.output


def test_a_forbidden_answer_says_so(no_netrc: Path) -> None:
    handler = Double.make("basic", refuse_with=403)
    with running(serve(handler), poll=0.05) as (host, port):
        base = f"http://{host}:{port}"
        r = runner.invoke(app, ["query", "--endpoint", base + "/q", "ASK { ?s ?p ?o }"])
        assert r.exit_code == 1 and r.stderr == (
            f"error: {base}/q answered 403 (forbids this without a login): give --user "
            "(a user name) and set BILATERAL_PASSWORD, or a ~/.netrc entry for machine "
            "127.0.0.1\n"
        )
        auth = Credentials(USER, PASSWORD)
        with pytest.raises(RemoteAuthError, match="403: user 'alice' may not do this there"):
            remote_query(base + "/q", "ASK { ?s ?p ?o }", auth=auth, timeouts=QUICK)


def test_a_large_upload_is_sent_once_logged_in(server: tuple[str, type[Double]]) -> None:
    """A server that refuses an upload before reading it (Virtuoso) cut a large push
    with a broken pipe: the login is settled with HEAD requests first."""
    import urllib.request

    from bilateral.graph.remote.request import send

    base, handler = server
    body = b"<urn:x:s> <urn:x:p> <urn:x:o> .\n" * (1 << 20)  # 32 MiB
    url = f"{base}/store?graph=urn%3Ax%3Abig"

    def put() -> urllib.request.Request:
        return urllib.request.Request(url, data=body, method="PUT")

    status, _, _ = send(put(), QUICK, auth=Credentials(USER, PASSWORD), cut=True)
    assert status == 204 and len(handler.seen[-1].body) == len(body)
    with pytest.raises(RemoteAuthError, match="answered 401: it refused user 'alice'"):
        send(put(), QUICK, auth=Credentials(USER, "wrong"), cut=True)
    with pytest.raises(RemoteAuthError, match="answered 401 \\(needs a login\\)"):
        send(put(), QUICK, cut=True)


def test_a_netrc_error_never_shows_a_password(tmp_path: Path) -> None:
    # a password with a space, unquoted: netrc's message quoted its second word
    rc = tmp_path / "netrc"
    rc.write_text("machine 127.0.0.1 login alice password open sesame\n")
    rc.chmod(0o600)
    with pytest.raises(RemoteInputError) as caught:
        login("http://127.0.0.1:8890/sparql-auth", USER, environ={"NETRC": str(rc)})
    assert "sesame" not in str(caught.value) and "double quotes" in str(caught.value)


def test_a_netrc_others_may_read_is_refused(tmp_path: Path) -> None:
    # the NETRC file was used whatever its mode (netrc checks only ~/.netrc)
    rc = tmp_path / "netrc"
    rc.write_text(f'machine 127.0.0.1 login {USER} password "{PASSWORD}"\n')
    rc.chmod(0o644)
    url, env = "http://127.0.0.1:8890/sparql-auth", {"NETRC": str(rc)}
    with pytest.raises(RemoteInputError, match="others may read the password in it"):
        login(url, USER, environ=env)
    assert login(url, None, environ=env) is None
    rc.chmod(0o600)
    assert login(url, USER, environ=env) == Credentials(USER, PASSWORD, str(rc))
