"""The store on real SQLite and PostgreSQL: schema from the migrations, idempotent writes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, text

from qmcrawl.alerts.rules import default_rule
from qmcrawl.items import PageItem, Repair
from qmcrawl.store import (
    Alert,
    CrawlRun,
    Document,
    DocumentVersion,
    SchemaOutdated,
    StoreError,
    open_db,
    open_engine,
    open_store,
)
from qmcrawl.store import migrate as migrations
from qmcrawl.store.engine import create_db_engine

T0 = datetime(2026, 9, 1, 2, 0, tzinfo=timezone.utc)


def page(
    url: str = "https://www.cqn.com.cn/a.htm",
    body: str = "全国质量月活动今日启动。",
    **changes: object,
) -> PageItem:
    item = PageItem(
        source="cqn",
        url=url,
        requested_url=url,
        status=200,
        headers={"etag": '"v1"', "content-type": "text/html"},
        raw=b"<html></html>",
        fetched_at=T0,
        title="质量月启动",
        body=body,
        published_date=date(2026, 9, 1),
        encoding="utf-8",
        encoding_confidence=0.99,
        content_hash=f"hash-of-{body}",
        is_quality_month=True,
        relevance=1.0,
        repairs=[Repair("pinyin", 3)],
    )
    for name, value in changes.items():
        setattr(item, name, value)
    return item


def count(engine, model) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_store_schema_matches_models(db_url: str) -> None:
    """`alembic check`: the migrations build exactly the schema the models describe."""
    engine = open_engine(db_url)
    try:
        assert migrations.current_revision(engine) == migrations.head_revision()
        command.check(migrations.alembic_config(engine))  # raises when they disagree
        assert {"sources", "crawl_runs", "documents", "document_versions", "alerts"} <= set(
            inspect(engine).get_table_names()
        )
    finally:
        engine.dispose()


def test_store_migrations_downgrade_to_nothing_and_back(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        migrations.downgrade(engine, "base")
        assert "documents" not in inspect(engine).get_table_names()
        migrations.upgrade(engine)
        assert "documents" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_store_saves_a_page_once_and_versions_real_changes(db_url: str) -> None:
    store = open_store(db_url)
    source_id = store.ensure_source("cqn", "中国质量新闻网", "https://www.cqn.com.cn/", "news")
    assert (
        store.ensure_source("cqn", "中国质量新闻网", "https://www.cqn.com.cn/", "news") == source_id
    )

    first = store.save_page(page(), source_id=source_id, run_id=None, alert_rule=default_rule)
    again = store.save_page(
        page(fetched_at=T0 + timedelta(hours=6)),
        source_id=source_id,
        run_id=None,
        alert_rule=default_rule,
    )
    edited = store.save_page(
        page(body="全国质量月活动今日启动，42家单位主办。", fetched_at=T0 + timedelta(days=1)),
        source_id=source_id,
        run_id=None,
        alert_rule=default_rule,
    )

    assert (first.change, first.version_no) == ("new", 1)
    assert (again.change, again.version_id) == ("unchanged", first.version_id)
    assert (edited.change, edited.version_no, edited.previous_version_id) == (
        "changed",
        2,
        first.version_id,
    )
    assert count(store.engine, Document) == 1
    assert count(store.engine, DocumentVersion) == 2
    with store.engine.connect() as conn:
        doc = conn.execute(select(Document)).one()
        assert doc.first_seen_at == T0
        assert doc.last_seen_at == T0 + timedelta(days=1)
        assert doc.last_changed_at == T0 + timedelta(days=1)
        version = conn.execute(select(DocumentVersion).where(DocumentVersion.version_no == 1)).one()
        assert version.repairs == [{"name": "pinyin", "count": 3}]
        assert version.http_etag == '"v1"'
        assert version.published_date == date(2026, 9, 1)
        assert version.fetched_at == T0 and version.fetched_at.tzinfo is not None
        kinds = conn.execute(select(Alert.kind)).scalars().all()
    assert kinds == ["new_report"]  # one new report; an edit is not a new report
    store.engine.dispose()


def test_store_marks_known_pages_gone_and_ignores_unknown_ones(db_url: str) -> None:
    store = open_store(db_url)
    source_id = store.ensure_source("cqn", "中国质量新闻网", "https://www.cqn.com.cn/", "news")
    store.save_page(page(), source_id=source_id, run_id=None)
    gone = store.mark_missing(
        page(status=404), source_id=source_id, run_id=None, alert_rule=default_rule
    )
    twice = store.mark_missing(
        page(status=404), source_id=source_id, run_id=None, alert_rule=default_rule
    )
    unknown = store.mark_missing(
        page(url="https://www.cqn.com.cn/never.htm", status=404), source_id=source_id, run_id=None
    )
    assert gone is not None and gone.change == "gone"
    assert twice is not None and twice.change == "unchanged"
    assert unknown is None
    with store.engine.connect() as conn:
        assert conn.execute(select(Document.status, Document.http_status)).one() == ("gone", 404)
        assert conn.execute(select(Alert.kind)).scalars().all() == ["report_removed"]
    store.engine.dispose()


def test_store_writes_nothing_when_the_alert_rule_fails(db_url: str) -> None:
    """A version and its alerts commit together or not at all."""
    store = open_store(db_url)
    source_id = store.ensure_source("cqn", "中国质量新闻网", "https://www.cqn.com.cn/", "news")

    def broken_rule(result, item):  # type: ignore[no-untyped-def]
        raise RuntimeError("rule failed")

    with pytest.raises(RuntimeError):
        store.save_page(page(), source_id=source_id, run_id=None, alert_rule=broken_rule)
    assert count(store.engine, Document) == 0
    assert count(store.engine, DocumentVersion) == 0
    store.engine.dispose()


def test_store_records_crawl_runs(db_url: str) -> None:
    store = open_store(db_url)
    run_id = store.start_run("cqn")
    store.finish_run(run_id, "finished", {"start_time": T0, "item_scraped_count": 3})
    with store.engine.connect() as conn:
        run = conn.execute(select(CrawlRun)).one()
    assert (run.spider, run.outcome, run.pages_stored) == ("cqn", "finished", 0)
    assert run.stats == {"start_time": T0.isoformat(), "item_scraped_count": 3}
    assert run.finished_at is not None and run.finished_at >= run.started_at
    store.engine.dispose()


def test_store_refuses_a_schema_from_a_newer_qmcrawl(db_url: str) -> None:
    engine = create_db_engine(db_url)
    with engine.begin() as conn:  # stamped with a revision this qmcrawl does not know
        conn.execute(text("create table alembic_version (version_num varchar(32) primary key)"))
        conn.execute(text("insert into alembic_version values ('0000_older')"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer qmcrawl"):
        open_engine(db_url)


def test_store_asks_for_an_upgrade_of_an_older_schema(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = open_engine(db_url)
    engine.dispose()
    monkeypatch.setattr(migrations, "head_revision", lambda: "9999_future")
    with pytest.raises(SchemaOutdated, match="run `qmcrawl db upgrade`"):
        open_engine(db_url)


def test_open_db_is_read_only(db_url: str) -> None:
    open_engine(db_url).dispose()
    session = open_db(db_url)
    try:
        assert session.query(Document).count() == 0
        session.add(
            CrawlRun(
                spider="x", started_at=T0, outcome="running", pages_stored=0, stats={}, host=""
            )
        )
        with pytest.raises(StoreError, match="read-only"):
            session.flush()
    finally:
        session.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://x@localhost/db", "unsupported database"),
        ("sqlite:////no/such/folder/q.db", "does not exist"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot open postgresql"),
    ],
)
def test_store_bad_urls_raise_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_engine(url)


def test_store_never_shows_passwords() -> None:
    with pytest.raises(StoreError) as error:
        open_engine("postgresql+psycopg://qm:s3cret@127.0.0.1:1/none")
    assert "s3cret" not in str(error.value)


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'q.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("pragma foreign_keys")).scalar_one() == 1
    engine.dispose()
