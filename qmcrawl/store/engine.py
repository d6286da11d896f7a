"""Opening a database: URL checks, engine options per backend, readable errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError


class StoreError(RuntimeError):
    """The database cannot be used; the message is meant for the user."""


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"not a database URL: {url!r} (expected sqlite:///path.db or postgresql+psycopg://user@host/db)"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database {parsed.get_backend_name()!r}: qmcrawl stores into SQLite or PostgreSQL"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() not in (
        "psycopg",
        "",
    ):
        raise StoreError(
            f"use the psycopg driver: postgresql+psycopg://… (got {parsed.drivername})"
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe(url: URL) -> str:
    """The URL as it may be shown to a user: never with its password."""
    return url.render_as_string(hide_password=True)


def create_db_engine(url: str | URL) -> Engine:
    """An engine with the per-backend settings qmcrawl relies on, checked by one connection."""
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"cannot open {describe(parsed)}: folder {folder} does not exist")
    try:
        engine = _make_engine(parsed)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise StoreError(f"cannot open {describe(parsed)}: {exc}") from None
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open {describe(parsed)}: {reason}") from None
    return engine


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        # timeout: how long a writer waits for another's lock (SQLite's busy timeout).
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    # WAL lets readers (reports, notebooks) work while a crawl writes;
    # NORMAL sync is safe in WAL mode and much faster than FULL.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
