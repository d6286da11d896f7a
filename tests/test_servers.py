"""Tests for the throwaway PostgreSQL / Redis servers in ``tests/servers.py``.

These start real servers.  A missing server binary skips the tests locally,
but fails them when ``CI=true``: in CI the binaries must be installed (see
``.ci/install-system-deps.sh``).
"""

from __future__ import annotations

import os
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NoReturn, TypeVar

import pytest
from sqlalchemy import create_engine, text

from tests.servers import (
    HOST,
    PostgresServer,
    RedisServer,
    find_postgres_bin,
    find_redis_server,
    free_port,
)

_S = TypeVar("_S", PostgresServer, RedisServer)


def _missing(what: str) -> NoReturn:
    reason = f"{what} not found"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: run .ci/install-system-deps.sh)", pytrace=False)
    pytest.skip(reason)


_NO_POSTGRES = "PostgreSQL server binaries (initdb, pg_ctl; set PG_BIN)"
_NO_REDIS = "redis-server (set REDIS_SERVER or put it on PATH)"


def _require_postgres() -> None:
    if find_postgres_bin() is None:
        _missing(_NO_POSTGRES)


def _require_redis() -> None:
    if find_redis_server() is None:
        _missing(_NO_REDIS)


def _need(server: _S | None, what: str) -> _S:
    """Skip/fail from inside the test body, so that CI reports FAILED, not ERROR."""
    if server is None:
        _missing(what)
    return server


def _gone(pid: int, timeout: float = 10.0) -> bool:
    """Wait until ``pid`` has exited; zombies (not yet reaped by PID 1) count as exited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        if stat.rpartition(")")[2].split()[0] in {"Z", "X"}:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def _scalar(url: str, query: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query)).scalar_one()
    finally:
        engine.dispose()


def _read_reply(stream: BinaryIO) -> object:
    """Parse one RESP2 reply: simple string -> str, error -> RedisError, bulk -> bytes."""
    line = stream.readline()
    if not line.endswith(b"\r\n"):
        raise ConnectionError(f"truncated reply {line!r}")
    kind, body = line[:1], line[1:-2]
    if kind == b"+":
        return body.decode()
    if kind == b"-":
        return RedisError(body.decode())
    if kind == b":":
        return int(body)
    if kind == b"$":
        size = int(body)
        return None if size < 0 else stream.read(size + 2)[:-2]
    if kind == b"*":
        return [_read_reply(stream) for _ in range(int(body))]
    raise ConnectionError(f"unexpected reply {line!r}")


class RedisError(Exception):
    pass


def _resp(port: int, *args: str) -> object:
    """Send one RESP command over a plain socket and return the parsed reply."""
    payload = b"*%d\r\n" % len(args)
    for arg in args:
        data = arg.encode()
        payload += b"$%d\r\n%s\r\n" % (len(data), data)
    with socket.create_connection((HOST, port), timeout=5) as sock:
        sock.sendall(payload)
        with sock.makefile("rb") as stream:
            return _read_reply(stream)


def _temp_dirs(prefix: str) -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob(prefix + "*")) | set(
        Path("/tmp").glob(prefix + "*")
    )


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    sock.listen()
    return sock


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_or_none() -> Iterator[PostgresServer | None]:
    if find_postgres_bin() is None:
        yield None
        return
    with PostgresServer() as server:
        yield server


@pytest.mark.postgres
def test_postgres_select_one(pg_or_none: PostgresServer | None) -> None:
    pg = _need(pg_or_none, _NO_POSTGRES)
    assert pg.url == f"postgresql+psycopg://qmcrawl@127.0.0.1:{pg.port}/qmcrawl_test"
    assert _scalar(pg.url, "select 1") == 1
    assert _scalar(pg.url, "select current_database()") == "qmcrawl_test"
    assert _scalar(pg.url, "select current_user") == "qmcrawl"
    assert _scalar(pg.url, "show server_encoding") == "UTF8"
    assert _scalar(pg.url, "show fsync") == "off"
    assert _scalar(pg.url, "show listen_addresses") == "127.0.0.1"


@pytest.mark.postgres
def test_postgres_create_database_is_separate(pg_or_none: PostgresServer | None) -> None:
    pg = _need(pg_or_none, _NO_POSTGRES)
    url = pg.create_database("qmcrawl_test_separate")
    assert url == pg.url_for("qmcrawl_test_separate")
    assert _scalar(url, "select current_database()") == "qmcrawl_test_separate"

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("create table only_here (id int)"))
    finally:
        engine.dispose()
    assert _scalar(url, "select to_regclass('only_here') is not null") is True
    assert _scalar(pg.url, "select to_regclass('only_here') is not null") is False


@pytest.mark.postgres
def test_postgres_create_database_rejects_odd_names(pg_or_none: PostgresServer | None) -> None:
    pg = _need(pg_or_none, _NO_POSTGRES)
    with pytest.raises(ValueError, match="invalid database name"):
        pg.create_database('x"; drop database qmcrawl_test; --')


@pytest.mark.postgres
def test_postgres_restart_keeps_port_and_data(pg_or_none: PostgresServer | None) -> None:
    pg = _need(pg_or_none, _NO_POSTGRES)
    engine = create_engine(pg.url)
    try:
        with engine.begin() as conn:
            conn.execute(text("create table survives_restart (v text)"))
            conn.execute(text("insert into survives_restart values ('kept')"))
    finally:
        engine.dispose()
    port, old_pid = pg.port, pg.pid
    assert old_pid is not None

    pg.restart()

    assert pg.port == port
    assert pg.pid != old_pid
    assert _gone(old_pid)
    assert _scalar(pg.url, "select v from survives_restart") == "kept"


@pytest.mark.postgres
def test_postgres_stop_leaves_nothing_behind() -> None:
    _require_postgres()
    server = PostgresServer().start()
    tmp_dir, pid = server.tmp_dir, server.pid
    assert pid is not None
    assert _scalar(server.url, "select 1") == 1

    server.stop()
    server.stop()  # idempotent

    assert not server.running
    assert not tmp_dir.exists()
    assert _gone(pid)


@pytest.mark.postgres
def test_postgres_start_failure_is_clear_and_clean() -> None:
    _require_postgres()
    before = _temp_dirs("qmcrawl-pg-")
    with _listening_socket() as busy:
        server = PostgresServer(port=busy.getsockname()[1], start_timeout=20)
        with pytest.raises(RuntimeError, match="PostgreSQL start") as excinfo:
            server.start()
    assert "could not bind" in str(excinfo.value)  # the server log tail is included
    assert not server.running
    assert _temp_dirs("qmcrawl-pg-") == before
    with pytest.raises(RuntimeError, match="not started"):
        server.url  # noqa: B018


# --------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_or_none() -> Iterator[RedisServer | None]:
    if find_redis_server() is None:
        yield None
        return
    with RedisServer() as server:
        yield server


def test_redis_ping(redis_or_none: RedisServer | None) -> None:
    redis = _need(redis_or_none, _NO_REDIS)
    assert redis.url == f"redis://127.0.0.1:{redis.port}/0"
    assert _resp(redis.port, "PING") == "PONG"
    assert _resp(redis.port, "SET", "k", "v") == "OK"
    assert _resp(redis.port, "GET", "k") == b"v"
    # No persistence.
    assert _resp(redis.port, "CONFIG", "GET", "save") == [b"save", b""]
    assert _resp(redis.port, "CONFIG", "GET", "appendonly") == [b"appendonly", b"no"]
    assert _resp(redis.port, "CONFIG", "GET", "bind") == [b"bind", b"127.0.0.1"]


def test_redis_restart_keeps_port(redis_or_none: RedisServer | None) -> None:
    redis = _need(redis_or_none, _NO_REDIS)
    port, old_pid = redis.port, redis.pid
    assert old_pid is not None

    redis.restart()

    assert redis.port == port
    assert redis.pid != old_pid
    assert _gone(old_pid)
    assert _resp(redis.port, "PING") == "PONG"


def test_redis_stop_leaves_nothing_behind() -> None:
    _require_redis()
    server = RedisServer().start()
    tmp_dir, pid, port = server.tmp_dir, server.pid, server.port
    assert pid is not None
    assert _resp(port, "PING") == "PONG"

    server.stop()
    server.stop()  # idempotent

    assert not server.running
    assert not tmp_dir.exists()
    assert _gone(pid)
    with pytest.raises(OSError), socket.create_connection((HOST, port), timeout=1):
        pass


def test_redis_start_failure_is_clear_and_clean() -> None:
    _require_redis()
    before = _temp_dirs("qmcrawl-redis-")
    with _listening_socket() as busy:
        server = RedisServer(port=busy.getsockname()[1], start_timeout=10)
        with pytest.raises(RuntimeError, match="redis-server on") as excinfo:
            server.start()
    assert "Address already in use" in str(excinfo.value)  # the server log tail is included
    assert not server.running
    assert _temp_dirs("qmcrawl-redis-") == before


def test_free_port_is_bindable() -> None:
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, port))
