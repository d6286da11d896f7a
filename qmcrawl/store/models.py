"""The relational schema: typed SQLAlchemy models. Downstream tools read these tables.

Every timestamp is timezone-aware and stored in UTC. Changing a model needs an
Alembic migration in qmcrawl/store/migrations/versions (a test runs `alembic check`).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite has no 64-bit autoincrement type distinct from INTEGER PRIMARY KEY.
IdType = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp kept in UTC on every engine.

    SQLite has no timezone type: values are stored as naive UTC and given their
    timezone back when read, so Python code always sees aware datetimes.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    """A site family a spider crawls (cqn, ce, samr, a bureau, a company site…)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    home_url: Mapped[str] = mapped_column(String(2000))
    kind: Mapped[str] = mapped_column(String(32))  # news, regulator, company, docshare, trade
    created_at: Mapped[datetime]


class CrawlRun(Base):
    """One run of one spider: when, how it ended and its final Scrapy stats."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    spider: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    # running, finished, failed, or Scrapy's close reason (shutdown, closespider_…)
    outcome: Mapped[str] = mapped_column(String(64))
    pages_stored: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    host: Mapped[str] = mapped_column(String(255), default="")


class Document(Base):
    """One page, identified by its canonical URL, across all the times it was fetched."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    last_changed_at: Mapped[datetime]
    # live: the last fetch returned the page; gone: 404/410; error: other failure
    status: Mapped[str] = mapped_column(String(16), default="live")
    http_status: Mapped[int] = mapped_column(Integer)

    source: Mapped[Source] = relationship()
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document",
        order_by="DocumentVersion.version_no",
    )


class DocumentVersion(Base):
    """One distinct content of a document: a new row only when the content changed."""

    __tablename__ = "document_versions"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "version_no", name="uq_document_versions_document_id_version_no"
        ),
        Index("ix_document_versions_content_hash", "content_hash"),
        Index("ix_document_versions_published_date", "published_date"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    version_no: Mapped[int] = mapped_column(Integer)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    fetched_at: Mapped[datetime]
    requested_url: Mapped[str] = mapped_column(String(2000))
    final_url: Mapped[str] = mapped_column(String(2000))
    http_status: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    published_date: Mapped[date | None] = mapped_column(Date)
    published_at: Mapped[datetime | None]
    author: Mapped[str | None] = mapped_column(String(200))
    source_line: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    body_simplified: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(String(32))
    encoding_confidence: Mapped[float | None] = mapped_column(Float)
    repairs: Mapped[list[Any]] = mapped_column(default=list)
    relevance: Mapped[float | None] = mapped_column(Float)
    is_quality_month: Mapped[bool | None] = mapped_column(Boolean)
    http_etag: Mapped[str | None] = mapped_column(String(500))
    http_last_modified: Mapped[str | None] = mapped_column(String(100))

    document: Mapped[Document] = relationship(back_populates="versions")


class Alert(Base):
    """Something a user should be told about; written in the same transaction as its cause."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("document_versions.id"))
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # pending: not yet delivered; delivered; acknowledged by a user
    state: Mapped[str] = mapped_column(String(16), default="pending")
