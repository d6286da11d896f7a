"""Read-side queries used by the CLI and by downstream code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select

from qmcrawl.store.models import Alert, CrawlRun, Document, DocumentVersion, Source


@dataclass(frozen=True)
class ReportRow:
    document_id: int
    source: str
    url: str
    title: str
    published_date: date | None
    author: str | None
    is_quality_month: bool | None
    status: str
    versions: int
    first_seen_at: datetime
    last_changed_at: datetime


def list_reports(
    engine: Engine, *, only_relevant: bool = False, limit: int | None = None
) -> list[ReportRow]:
    """The latest version of every stored document, newest publication first."""
    latest = (
        select(
            DocumentVersion.document_id, func.max(DocumentVersion.version_no).label("version_no")
        )
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    query = (
        select(
            Document.id,
            Source.key,
            Document.url,
            DocumentVersion.title,
            DocumentVersion.published_date,
            DocumentVersion.author,
            DocumentVersion.is_quality_month,
            Document.status,
            latest.c.version_no,
            Document.first_seen_at,
            Document.last_changed_at,
        )
        .join(Source, Source.id == Document.source_id)
        .join(latest, latest.c.document_id == Document.id)
        .join(
            DocumentVersion,
            (DocumentVersion.document_id == Document.id)
            & (DocumentVersion.version_no == latest.c.version_no),
        )
        .order_by(DocumentVersion.published_date.desc().nulls_last(), Document.id)
    )
    if only_relevant:
        query = query.where(DocumentVersion.is_quality_month.is_(True))
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [ReportRow(*row) for row in conn.execute(query)]


def table_counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables, for summaries and checks."""
    tables = {
        "sources": Source,
        "crawl_runs": CrawlRun,
        "documents": Document,
        "document_versions": DocumentVersion,
        "alerts": Alert,
    }
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(model)).scalar_one()
            for name, model in tables.items()
        }
