"""The relational store: the only place that writes qmcrawl's database.

`open_store(url)` gives the writer; `open_db(url)` gives downstream code a
read-only ORM session over the same typed models.
"""

from __future__ import annotations

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from qmcrawl.store.engine import StoreError, create_db_engine, describe
from qmcrawl.store.migrate import SchemaOutdated, ensure_schema
from qmcrawl.store.models import Alert, Base, CrawlRun, Document, DocumentVersion, Source
from qmcrawl.store.writer import NewAlert, SaveResult, Store

__all__ = [
    "Alert",
    "Base",
    "CrawlRun",
    "Document",
    "DocumentVersion",
    "NewAlert",
    "SaveResult",
    "SchemaOutdated",
    "Source",
    "Store",
    "StoreError",
    "describe",
    "open_db",
    "open_engine",
    "open_store",
]


def open_engine(url: str, *, create: bool = True) -> Engine:
    """An engine on a database with qmcrawl's current schema (created if the database is new)."""
    engine = create_db_engine(url)
    try:
        ensure_schema(engine, create=create)
    except BaseException:
        engine.dispose()
        raise
    return engine


def open_store(url: str) -> Store:
    return Store(open_engine(url))


class ReadOnlyError(StoreError):
    """Something tried to write through a read-only session."""


class ReadOnlySession(Session):
    """A session that refuses to flush and closes its own engine with it."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, autoflush=False)
        self._engine = engine
        event.listen(self, "before_flush", _refuse_flush)

    def close(self) -> None:
        super().close()
        self._engine.dispose()


def _refuse_flush(*_: object) -> None:
    raise ReadOnlyError("this session is read-only: qmcrawl.store.Store is the writer")


def open_db(url: str = "sqlite:///qmcrawl.db") -> ReadOnlySession:
    """A read-only ORM session for notebooks and scripts.

    >>> with open_db("sqlite:///qmcrawl.db") as db:  # doctest: +SKIP
    ...     db.scalars(select(DocumentVersion.title)).all()
    """
    return ReadOnlySession(open_engine(url, create=False))
