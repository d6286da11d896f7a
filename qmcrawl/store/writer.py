"""The only code that writes the database: idempotent upserts of sources, runs, pages, alerts."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from qmcrawl.items import PageItem
from qmcrawl.store.models import Alert, CrawlRun, Document, DocumentVersion, Source


@dataclass(frozen=True)
class SaveResult:
    """What storing one fetched page did."""

    document_id: int
    change: str  # new, changed, unchanged, gone
    version_id: int | None = None
    version_no: int | None = None
    previous_version_id: int | None = None


@dataclass(frozen=True)
class NewAlert:
    kind: str
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


AlertRule = Callable[[SaveResult, PageItem], Iterable[NewAlert]]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    """Writes qmcrawl's data. Every method is one transaction, safe to repeat."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _insert(self, table: Any) -> postgresql.Insert | sqlite.Insert:
        """An INSERT that knows ON CONFLICT, in the dialect of this store's engine."""
        if self.engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    # --- sources and runs ---------------------------------------------------------
    def ensure_source(self, key: str, name: str, home_url: str, kind: str) -> int:
        """The id of the source with this key, creating it the first time."""
        insert = self._insert(Source).values(
            key=key, name=name, home_url=home_url, kind=kind, created_at=utcnow()
        )
        upsert = insert.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "name": insert.excluded.name,
                "home_url": insert.excluded.home_url,
                "kind": insert.excluded.kind,
            },
        ).returning(Source.id)
        with self.engine.begin() as conn:
            return conn.execute(upsert).scalar_one()

    def start_run(self, spider: str) -> int:
        with self.engine.begin() as conn:
            return conn.execute(
                self._insert(CrawlRun)
                .values(
                    spider=spider,
                    started_at=utcnow(),
                    outcome="running",
                    pages_stored=0,
                    stats={},
                    host=socket.gethostname(),
                )
                .returning(CrawlRun.id)
            ).scalar_one()

    def finish_run(self, run_id: int, outcome: str, stats: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            stored = conn.execute(
                select(func.count())
                .select_from(DocumentVersion)
                .where(DocumentVersion.crawl_run_id == run_id)
            ).scalar_one()
            conn.execute(
                update(CrawlRun)
                .where(CrawlRun.id == run_id)
                .values(
                    finished_at=utcnow(),
                    outcome=outcome,
                    stats=_jsonable(stats),
                    pages_stored=stored,
                )
            )

    # --- pages -----------------------------------------------------------------------
    def save_page(
        self,
        page: PageItem,
        *,
        source_id: int,
        run_id: int | None,
        alert_rule: AlertRule | None = None,
    ) -> SaveResult:
        """Store an extracted page: a new version only when its content hash changed.

        Alerts the rule derives from the result are written in the same transaction,
        so a version is never stored without its alerts, nor an alert without its cause.
        """
        if page.content_hash is None or page.title is None or page.body is None:
            raise ValueError("save_page needs an extracted page with a content hash")
        url = page.canonical_url or page.url
        with self.engine.begin() as conn:
            document_id = self._touch_document(conn, url, source_id, page, status="live")
            latest = conn.execute(
                select(DocumentVersion.id, DocumentVersion.version_no, DocumentVersion.content_hash)
                .where(DocumentVersion.document_id == document_id)
                .order_by(DocumentVersion.version_no.desc())
                .limit(1)
            ).first()
            if latest is not None and latest.content_hash == page.content_hash:
                result = SaveResult(
                    document_id, "unchanged", latest.id, latest.version_no, latest.id
                )
            else:
                version_no = 1 if latest is None else latest.version_no + 1
                version_id = conn.execute(
                    self._insert(DocumentVersion)
                    .values(**_version_row(page, document_id, version_no, run_id))
                    .returning(DocumentVersion.id)
                ).scalar_one()
                conn.execute(
                    update(Document)
                    .where(Document.id == document_id)
                    .values(last_changed_at=page.fetched_at)
                )
                result = SaveResult(
                    document_id,
                    "new" if latest is None else "changed",
                    version_id,
                    version_no,
                    None if latest is None else latest.id,
                )
            self._write_alerts(conn, result, page, run_id, alert_rule)
            return result

    def mark_missing(
        self,
        page: PageItem,
        *,
        source_id: int,
        run_id: int | None,
        alert_rule: AlertRule | None = None,
    ) -> SaveResult | None:
        """Record that a known page answered 404/410. Unknown pages are not recorded."""
        url = page.canonical_url or page.url
        with self.engine.begin() as conn:
            row = conn.execute(
                select(Document.id, Document.status).where(Document.url == url)
            ).first()
            if row is None:
                return None
            self._touch_document(conn, url, source_id, page, status="gone")
            result = SaveResult(row.id, "gone" if row.status != "gone" else "unchanged")
            self._write_alerts(conn, result, page, run_id, alert_rule)
            return result

    def _touch_document(
        self, conn: Connection, url: str, source_id: int, page: PageItem, status: str
    ) -> int:
        insert = self._insert(Document).values(
            source_id=source_id,
            url=url,
            first_seen_at=page.fetched_at,
            last_seen_at=page.fetched_at,
            last_changed_at=page.fetched_at,
            status=status,
            http_status=page.status,
        )
        upsert = insert.on_conflict_do_update(
            index_elements=["url"],
            set_={
                "last_seen_at": insert.excluded.last_seen_at,
                "status": insert.excluded.status,
                "http_status": insert.excluded.http_status,
            },
        ).returning(Document.id)
        return conn.execute(upsert).scalar_one()

    def _write_alerts(
        self,
        conn: Connection,
        result: SaveResult,
        page: PageItem,
        run_id: int | None,
        alert_rule: AlertRule | None,
    ) -> None:
        if alert_rule is None:
            return
        rows = [
            {
                "kind": alert.kind,
                "created_at": utcnow(),
                "document_id": result.document_id,
                "version_id": result.version_id,
                "crawl_run_id": run_id,
                "summary": alert.summary,
                "details": _jsonable(alert.details),
                "state": "pending",
            }
            for alert in alert_rule(result, page)
        ]
        if rows:
            conn.execute(self._insert(Alert), rows)


def _version_row(
    page: PageItem, document_id: int, version_no: int, run_id: int | None
) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "version_no": version_no,
        "crawl_run_id": run_id,
        "fetched_at": page.fetched_at,
        "requested_url": page.requested_url,
        "final_url": page.url,
        "http_status": page.status,
        "content_hash": page.content_hash,
        "title": page.title,
        "published_date": page.published_date,
        "published_at": page.published_at,
        "author": page.author,
        "source_line": page.source_line,
        "body": page.body,
        "body_simplified": page.body_simplified if page.body_simplified is not None else page.body,
        "encoding": page.encoding,
        "encoding_confidence": page.encoding_confidence,
        "repairs": [{"name": r.name, "count": r.count} for r in page.repairs],
        "relevance": page.relevance,
        "is_quality_month": page.is_quality_month,
        "http_etag": page.header("etag"),
        "http_last_modified": page.header("last-modified"),
    }


def _jsonable(value: Any) -> Any:
    """Crawl stats hold datetimes and other objects JSON cannot hold: keep their text."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
