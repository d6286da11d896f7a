"""Throwaway PostgreSQL and Redis servers for the test suite.

Each server lives in its own temporary directory, listens only on 127.0.0.1
on a free port and is removed again by :meth:`stop`.  Both classes are context
managers::

    with PostgresServer() as pg:
        engine = create_engine(pg.url)

PostgreSQL refuses to run as root.  When the tests run as root (as they do in
CI) the cluster is created and run as an unprivileged system user: ``postgres``
if it exists, otherwise ``nobody``.

A ``weakref.finalize`` hook backs up every :meth:`stop`, so a test run that
forgets to stop a server (or fails half-way through ``start``) still does not
leave a server process or a temporary directory behind when the interpreter
exits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"

#: How often readiness and shutdown are polled.
_POLL_INTERVAL = 0.05
#: How many times ``start`` picks a new port when the chosen one was taken in the
#: meantime (free_port cannot reserve a port; another process may grab it).
_PORT_ATTEMPTS = 5
_LOG_TAIL_LINES = 40

_DB_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_PG_TOOLS = ("initdb", "pg_ctl", "postgres")
_UNPRIVILEGED_USERS = ("postgres", "nobody")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now.

    The port is not reserved: it is only very unlikely to be taken before the
    server binds it.  Both server classes retry with a new port if it was.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
    return port


# --------------------------------------------------------------------------
# Locating binaries
# --------------------------------------------------------------------------


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _has_pg_tools(directory: Path) -> bool:
    # pg_ctl looks for ``postgres`` next to itself, so all three must be there.
    return all(_is_executable(directory / tool) for tool in _PG_TOOLS)


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """Sort key for ``/usr/lib/postgresql/<version>/bin`` (``9.6`` < ``15``)."""
    try:
        return tuple(int(part) for part in bin_dir.parent.name.split("."))
    except ValueError:
        return (-1,)


def find_postgres_bin() -> Path | None:
    """Return the directory holding ``initdb`` and ``pg_ctl``, or ``None``.

    Looks at ``$PG_BIN`` first, then ``initdb`` on ``$PATH`` (following
    symlinks, as Debian only links a few tools into ``/usr/local/bin``), then
    ``/usr/lib/postgresql/*/bin`` with the newest version first.
    ``.ci/install-system-deps.sh`` mirrors this search.
    """
    env_dir = os.environ.get("PG_BIN")
    if env_dir:
        candidate = Path(env_dir)
        if _has_pg_tools(candidate):
            return candidate
        logger.warning("PG_BIN=%s lacks one of %s; searching elsewhere", env_dir, _PG_TOOLS)

    on_path = shutil.which("initdb")
    if on_path:
        for candidate in (Path(on_path).resolve().parent, Path(on_path).parent):
            if _has_pg_tools(candidate):
                return candidate

    for candidate in sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True
    ):
        if _has_pg_tools(candidate):
            return candidate
    return None


def find_redis_server() -> Path | None:
    """Return the ``redis-server`` binary from ``$REDIS_SERVER`` or ``$PATH``."""
    env_path = os.environ.get("REDIS_SERVER")
    if env_path:
        candidate = Path(env_path)
        if _is_executable(candidate):
            return candidate
        logger.warning("REDIS_SERVER=%s is not an executable; searching PATH", env_path)
    on_path = shutil.which("redis-server")
    return Path(on_path) if on_path else None


# --------------------------------------------------------------------------
# Process helpers
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _RunAs:
    """An unprivileged account to run PostgreSQL as when we are root."""

    name: str
    uid: int
    gid: int


def _unprivileged_user() -> _RunAs | None:
    """Pick the account PostgreSQL runs as; ``None`` means "as ourselves"."""
    if os.geteuid() != 0:
        return None
    for name in _UNPRIVILEGED_USERS:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if entry.pw_uid != 0:
            return _RunAs(name, entry.pw_uid, entry.pw_gid)
    raise RuntimeError(
        f"running as root and none of the users {_UNPRIVILEGED_USERS} exists; "
        "PostgreSQL cannot run as root"
    )


def _server_env() -> dict[str, str]:
    """Environment for server processes.

    Drops ``PG*`` variables (a stray ``PGDATA`` or ``PGPORT`` would redirect
    pg_ctl) and forces English messages so failures are readable in logs.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PG") and key != "LANGUAGE"
    }
    env["LC_ALL"] = "C"
    return env


def _run(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    run_as: _RunAs | None,
    cwd: Path,
    timeout: float,
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion (as ``run_as`` if given), capturing output."""
    return subprocess.run(
        [os.fspath(part) for part in cmd],
        cwd=cwd,
        env=_server_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        user=run_as.uid if run_as is not None else None,
        group=run_as.gid if run_as is not None else None,
        extra_groups=[] if run_as is not None else None,
    )


def _pid_alive(pid: int) -> bool:
    """Whether ``pid`` is a running process.

    Zombies count as dead: a daemonised postmaster is re-parented to PID 1,
    which in some containers never reaps its children.
    """
    proc_root = Path("/proc")
    if (proc_root / "self").exists():
        try:
            stat_line = (proc_root / str(pid) / "stat").read_text(errors="replace")
        except OSError:
            return False
        fields = stat_line.rpartition(")")[2].split()
        return bool(fields) and fields[0] not in {"Z", "X"}
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_pid_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_INTERVAL)
    return True


def _read_from(path: Path, offset: int) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(offset)
            return fh.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _traversable_by(path: Path, run_as: _RunAs) -> bool:
    """Roughly: can ``run_as`` reach entries below ``path``?  (Checks x bits.)"""
    groups = {run_as.gid} | set(os.getgrouplist(run_as.name, run_as.gid))
    for directory in (path, *path.parents):
        try:
            st = directory.stat()
        except OSError:
            return False
        if st.st_uid == run_as.uid:
            bit = stat.S_IXUSR
        elif st.st_gid in groups:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def _make_temp_dir(prefix: str, run_as: _RunAs | None) -> Path:
    """Create the server's temp dir, owned by ``run_as`` when given.

    ``$TMPDIR`` may point below root's 0700 home; the unprivileged user could
    not reach it, so fall back to ``/tmp`` in that case.
    """
    base = Path(tempfile.gettempdir())
    if run_as is not None and not _traversable_by(base, run_as):
        fallback = Path("/tmp")
        if not _traversable_by(fallback, run_as):
            raise RuntimeError(f"user {run_as.name} can reach neither {base} nor {fallback}")
        logger.debug("%s is not reachable by %s; using %s", base, run_as.name, fallback)
        base = fallback
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    if run_as is not None:
        os.chown(path, run_as.uid, run_as.gid)
    return path


def _conf_quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        first = (data_dir / "postmaster.pid").read_text(encoding="ascii").split("\n", 1)[0]
        return int(first)
    except (OSError, ValueError):
        return None


def _pg_halt(pg_ctl: Path, data_dir: Path, run_as: _RunAs | None, cwd: Path) -> None:
    """Stop the cluster in ``data_dir`` and wait until the postmaster is gone.

    Tries ``-m fast``, then ``-m immediate``, then SIGKILL; never raises for a
    server that is already down.
    """
    pid = _postmaster_pid(data_dir)
    if pid is None:
        return
    for mode in ("fast", "immediate"):
        result = _run(
            [pg_ctl, "stop", "-D", data_dir, "-m", mode, "-w", "-t", "30"],
            run_as=run_as,
            cwd=cwd,
            timeout=40,
        )
        if result.returncode == 0 and _wait_pid_gone(pid, 10):
            return
        logger.warning(
            "pg_ctl stop -m %s failed (rc=%s): %s", mode, result.returncode, result.stderr.strip()
        )
    if _pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_pid_gone(pid, 10)


def _teardown_postgres(pg_ctl: Path, data_dir: Path, tmp_dir: Path, run_as: _RunAs | None) -> None:
    """Finalizer: stop the server (if any) and delete its temp dir.

    A module-level function so that ``weakref.finalize`` holds no reference to
    the server object.
    """
    try:
        if data_dir.exists():
            _pg_halt(pg_ctl, data_dir, run_as, tmp_dir)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        if tmp_dir.exists():
            logger.warning("could not remove %s", tmp_dir)


class PostgresServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1.

    ``start()`` runs ``initdb`` (trust auth, superuser ``qmcrawl``, UTF8) in a
    fresh temp dir, starts the server on a free port with ``fsync=off`` and
    creates the database ``qmcrawl_test``; :attr:`url` points at it.
    ``synchronous_commit`` stays on, so a committed transaction survives a
    killed server: fault tests can rely on that.
    """

    superuser = "qmcrawl"
    database = "qmcrawl_test"

    def __init__(
        self,
        *,
        bin_dir: Path | None = None,
        port: int | None = None,
        start_timeout: float = 60.0,
    ) -> None:
        self._bin_dir = bin_dir
        self._requested_port = port
        self._start_timeout = start_timeout
        self._port: int | None = None
        self._tmp_dir: Path | None = None
        self._run_as: _RunAs | None = None
        self._running = False
        self._finalizer: weakref.finalize[..., PostgresServer] | None = None

    # -- properties -------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("PostgresServer is not started")
        return self._port

    @property
    def tmp_dir(self) -> Path:
        if self._tmp_dir is None:
            raise RuntimeError("PostgresServer is not started")
        return self._tmp_dir

    @property
    def data_dir(self) -> Path:
        return self.tmp_dir / "data"

    @property
    def log_path(self) -> Path:
        return self.tmp_dir / "postgres.log"

    @property
    def pid(self) -> int | None:
        """PID of the postmaster, from ``postmaster.pid``."""
        return _postmaster_pid(self.data_dir) if self._tmp_dir is not None else None

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the ``qmcrawl_test`` database."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://{self.superuser}@{HOST}:{self.port}/{database}"

    # -- life cycle --------------------------------------------------------

    def start(self) -> Self:
        """Create the cluster, start it and create ``qmcrawl_test``.

        Raises ``RuntimeError`` (with the tail of the server log) on failure;
        nothing is left behind in that case.
        """
        if self._tmp_dir is not None:
            raise RuntimeError("PostgresServer is already started")
        bin_dir = self._bin_dir or find_postgres_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN")
        self._bin_dir = bin_dir
        self._run_as = _unprivileged_user()
        self._tmp_dir = _make_temp_dir("qmcrawl-pg-", self._run_as)
        self._finalizer = weakref.finalize(
            self, _teardown_postgres, self._pg_ctl, self.data_dir, self._tmp_dir, self._run_as
        )
        try:
            self._initdb()
            self._launch_on_free_port()
            self._create_database(self.database)
        except BaseException:
            self._finalizer()
            self._tmp_dir = None
            self._port = None
            self._running = False
            raise
        logger.info("PostgreSQL running on %s:%s (data in %s)", HOST, self._port, self.data_dir)
        return self

    def stop(self) -> None:
        """Stop the server and delete its temp dir.  Safe to call twice."""
        if self._finalizer is not None:
            self._finalizer()
        if self._port is not None:
            logger.info("PostgreSQL on port %s stopped", self._port)
        self._running = False
        self._tmp_dir = None
        self._port = None

    def restart(self) -> None:
        """Stop the server (``-m fast``) and start it again on the same port and data."""
        if not self._running:
            raise RuntimeError("PostgresServer is not running")
        self._running = False
        _pg_halt(self._pg_ctl, self.data_dir, self._run_as, self.tmp_dir)
        offset = _file_size(self.log_path)
        result = self._pg_ctl_start()
        if result.returncode != 0:
            raise self._start_error("restart", result, offset)
        self._running = True

    def create_database(self, name: str) -> str:
        """Create an empty database ``name`` and return its SQLAlchemy URL."""
        if not self._running:
            raise RuntimeError("PostgresServer is not running")
        self._create_database(name)
        return self.url_for(name)

    def __enter__(self) -> Self:
        if self._tmp_dir is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"port={self._port}" if self._running else "stopped"
        return f"<PostgresServer {state}>"

    # -- internals -------------------------------------------------------

    @property
    def _pg_ctl(self) -> Path:
        assert self._bin_dir is not None
        return self._bin_dir / "pg_ctl"

    def _initdb(self) -> None:
        assert self._bin_dir is not None
        base: list[str | os.PathLike[str]] = [
            self._bin_dir / "initdb",
            "-D", self.data_dir,
            "-A", "trust",
            "-U", self.superuser,
            "--encoding=UTF8",
            "--no-sync",
        ]  # fmt: skip
        result = _run(
            [*base, "--locale=C.UTF-8"], run_as=self._run_as, cwd=self.tmp_dir, timeout=120
        )
        if result.returncode != 0 and "locale" in (result.stdout + result.stderr).lower():
            # C.UTF-8 is missing on some (older, non-Debian) systems.
            logger.debug("initdb with C.UTF-8 failed, retrying with --no-locale")
            shutil.rmtree(self.data_dir, ignore_errors=True)
            result = _run(
                [*base, "--no-locale"], run_as=self._run_as, cwd=self.tmp_dir, timeout=120
            )
        if result.returncode != 0:
            output = f"{result.stdout}\n{result.stderr}".strip()
            raise RuntimeError(f"initdb failed (rc={result.returncode}):\n{output}")
        settings = {
            "listen_addresses": HOST,
            "unix_socket_directories": os.fspath(self.tmp_dir),
            "fsync": "off",
        }
        lines = "".join(f"{key} = {_conf_quote(value)}\n" for key, value in settings.items())
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as fh:
            fh.write("\n# qmcrawl test server\n" + lines)

    def _pg_ctl_start(self) -> subprocess.CompletedProcess[str]:
        # The port goes on the command line (not into postgresql.conf) so that
        # a retry with another port only needs a different argument.
        return _run(
            [
                self._pg_ctl, "start",
                "-D", self.data_dir,
                "-l", self.log_path,
                "-w", "-t", str(max(1, int(self._start_timeout))),
                "-o", f"-p {self.port}",
            ],
            run_as=self._run_as,
            cwd=self.tmp_dir,
            timeout=self._start_timeout + 30,
        )  # fmt: skip

    def _launch_on_free_port(self) -> None:
        attempts = 1 if self._requested_port is not None else _PORT_ATTEMPTS
        for attempt in range(1, attempts + 1):
            self._port = self._requested_port or free_port()
            offset = _file_size(self.log_path)
            result = self._pg_ctl_start()
            if result.returncode == 0:
                self._running = True
                return
            new_log = _read_from(self.log_path, offset)
            # pg_ctl -w may give up while the server is still starting.
            _pg_halt(self._pg_ctl, self.data_dir, self._run_as, self.tmp_dir)
            if attempt < attempts and "could not bind" in new_log:
                logger.debug("port %s was taken, retrying", self._port)
                continue
            raise self._start_error("start", result, offset)

    def _start_error(
        self, action: str, result: subprocess.CompletedProcess[str], offset: int
    ) -> RuntimeError:
        log = _read_from(self.log_path, offset).splitlines()[-_LOG_TAIL_LINES:]
        return RuntimeError(
            f"PostgreSQL {action} on {HOST}:{self._port} failed (pg_ctl rc={result.returncode}).\n"
            f"pg_ctl output:\n{(result.stdout + result.stderr).strip()}\n"
            f"server log ({self.log_path}, last lines):\n" + "\n".join(log)
        )

    def _create_database(self, name: str) -> None:
        if not _DB_NAME_RE.fullmatch(name):
            raise ValueError(f"invalid database name {name!r}: use [A-Za-z_][A-Za-z0-9_]*, max 63")
        # Imported here so that the Redis half of this module needs no driver.
        import psycopg
        from psycopg import sql

        with psycopg.connect(
            host=HOST,
            port=self.port,
            user=self.superuser,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        ) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------


@dataclass
class _RedisProcess:
    """Mutable holder for the current redis-server process.

    Shared with the finalizer, which must not reference the server object.
    """

    proc: subprocess.Popen[bytes] | None = None


def _halt_redis(holder: _RedisProcess) -> None:
    proc = holder.proc
    if proc is None:
        return
    holder.proc = None
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            logger.warning("redis-server %s ignored SIGTERM; killing it", proc.pid)
            proc.kill()
            proc.wait(timeout=10)


def _teardown_redis(holder: _RedisProcess, tmp_dir: Path) -> None:
    try:
        _halt_redis(holder)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def _redis_ping(port: int, timeout: float = 1.0) -> bool:
    """Send a RESP ``PING``; ``True`` once the server answers ``+PONG``."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A throwaway ``redis-server`` on 127.0.0.1 without persistence."""

    def __init__(
        self,
        *,
        binary: Path | None = None,
        port: int | None = None,
        start_timeout: float = 30.0,
        extra_args: Mapping[str, str] | None = None,
    ) -> None:
        self._binary = binary
        self._requested_port = port
        self._start_timeout = start_timeout
        self._extra_args = dict(extra_args or {})
        self._port: int | None = None
        self._tmp_dir: Path | None = None
        self._holder = _RedisProcess()
        self._finalizer: weakref.finalize[..., RedisServer] | None = None

    @property
    def running(self) -> bool:
        return self._holder.proc is not None and self._holder.proc.poll() is None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("RedisServer is not started")
        return self._port

    @property
    def tmp_dir(self) -> Path:
        if self._tmp_dir is None:
            raise RuntimeError("RedisServer is not started")
        return self._tmp_dir

    @property
    def log_path(self) -> Path:
        return self.tmp_dir / "redis.log"

    @property
    def pid(self) -> int | None:
        return self._holder.proc.pid if self._holder.proc is not None else None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> Self:
        """Start ``redis-server`` and wait until it answers ``PING``.

        Raises ``RuntimeError`` (with the tail of the server log) on failure;
        nothing is left behind in that case.
        """
        if self._tmp_dir is not None:
            raise RuntimeError("RedisServer is already started")
        binary = self._binary or find_redis_server()
        if binary is None:
            raise RuntimeError("redis-server not found; install it or set REDIS_SERVER")
        self._binary = binary
        self._tmp_dir = _make_temp_dir("qmcrawl-redis-", None)
        self._finalizer = weakref.finalize(self, _teardown_redis, self._holder, self._tmp_dir)
        try:
            attempts = 1 if self._requested_port is not None else _PORT_ATTEMPTS
            for attempt in range(1, attempts + 1):
                self._port = self._requested_port or free_port()
                offset = _file_size(self.log_path)
                try:
                    self._launch()
                    break
                except RuntimeError:
                    retry = "Address already in use" in _read_from(self.log_path, offset)
                    if attempt < attempts and retry:
                        logger.debug("port %s was taken, retrying", self._port)
                        continue
                    raise
        except BaseException:
            self._finalizer()
            self._tmp_dir = None
            self._port = None
            raise
        logger.info("redis-server running on %s:%s", HOST, self._port)
        return self

    def stop(self) -> None:
        """Stop the server and delete its temp dir.  Safe to call twice."""
        if self._finalizer is not None:
            self._finalizer()
        if self._port is not None:
            logger.info("redis-server on port %s stopped", self._port)
        self._tmp_dir = None
        self._port = None

    def restart(self) -> None:
        """Stop the server and start it again on the same port (data is lost)."""
        if not self.running:
            raise RuntimeError("RedisServer is not running")
        _halt_redis(self._holder)
        self._launch()

    def __enter__(self) -> Self:
        if self._tmp_dir is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"port={self._port}" if self.running else "stopped"
        return f"<RedisServer {state}>"

    def _launch(self) -> None:
        assert self._binary is not None
        args = {
            "bind": HOST,
            "port": str(self.port),
            "save": "",
            "appendonly": "no",
            "dir": os.fspath(self.tmp_dir),
            "daemonize": "no",
            **self._extra_args,
        }
        cmd = [os.fspath(self._binary)]
        for key, value in args.items():
            cmd += [f"--{key}", value]
        offset = _file_size(self.log_path)
        with self.log_path.open("ab") as log:
            # Own session: a Ctrl-C in the terminal reaches pytest, whose
            # teardown then stops the server, not the server directly.
            self._holder.proc = subprocess.Popen(
                cmd,
                cwd=self.tmp_dir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        proc = self._holder.proc
        deadline = time.monotonic() + self._start_timeout
        while not _redis_ping(self.port, timeout=min(1.0, self._start_timeout)):
            if proc.poll() is not None or time.monotonic() >= deadline:
                reason = (
                    f"exited with code {proc.returncode}"
                    if proc.poll() is not None
                    else f"did not answer PING within {self._start_timeout:g}s"
                )
                _halt_redis(self._holder)
                log_tail = _read_from(self.log_path, offset).splitlines()[-_LOG_TAIL_LINES:]
                raise RuntimeError(
                    f"redis-server on {HOST}:{self.port} {reason}.\n"
                    f"server log ({self.log_path}, last lines):\n" + "\n".join(log_tail)
                )
            time.sleep(_POLL_INTERVAL)
