"""End to end: the real Scrapy engine crawls the cqn replica into SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from qmcrawl.replica import ReplicaServer
from qmcrawl.store import CrawlRun, DocumentVersion, open_db, open_engine
from qmcrawl.store.reader import list_reports, table_counts
from tests.conftest import ROOT, run_cli
from tests.expected import expected_articles

ARTICLES = expected_articles("www.cqn.com.cn")


def test_crawl_cqn_stores_every_article_with_title_and_date_and_repeats_cleanly(
    db_url: str, replica: ReplicaServer
) -> None:
    first = run_cli("crawl", "cqn", "--db", db_url, "--replica", replica.url)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "cqn: finished" in first.stdout

    engine = open_engine(db_url)
    try:
        stored = {row.url: row for row in list_reports(engine, only_relevant=False)}
        counts_after_first = table_counts(engine)
    finally:
        engine.dispose()
    assert set(stored) == {a.url for a in ARTICLES}  # the 404 link is not a document
    for article in ARTICLES:
        row = stored[article.url]
        assert (row.title, row.published_date) == (article.title, article.published_date), (
            article.url
        )
        assert row.versions == 1 and row.status == "live"

    with open_db(db_url) as db:
        versions = {v.document.url: v for v in db.scalars(select(DocumentVersion))}
    for article in ARTICLES:
        version = versions[article.url]
        expected_time = article.published if isinstance(article.published, datetime) else None
        assert version.published_at == expected_time, article.url
        assert version.encoding == {"gbk": "gb18030", "utf-8": "utf-8"}[article.encoding], (
            article.url
        )
        assert version.requested_url == (article.redirect_from or article.url)
        assert version.final_url == article.url
        assert version.author == (article.author or None) and version.source_line == article.source

    second = run_cli("crawl", "cqn", "--db", db_url, "--replica", replica.url)
    assert second.returncode == 0, second.stderr[-3000:]
    engine = open_engine(db_url)
    try:
        counts_after_second = table_counts(engine)
        with engine.connect() as conn:
            runs = conn.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
    finally:
        engine.dispose()
    assert counts_after_second == {**counts_after_first, "crawl_runs": 2}
    assert [r.outcome for r in runs] == ["finished", "finished"]
    assert runs[0].pages_stored == len(ARTICLES) and runs[1].pages_stored == 0
    assert runs[1].stats["qmcrawl/store/unchanged"] == len(ARTICLES)
    # One new_report alert per stored page judged a Quality Month report, none on the repeat.
    assert (
        counts_after_first["alerts"]
        == sum(1 for row in stored.values() if row.is_quality_month)
        > 0
    )


def test_scrapy_crawl_from_the_repository_root_uses_the_same_store(
    replica: ReplicaServer, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'scrapy.db'}"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update({"QMCRAWL_DATABASE_URL": db_url, "QMCRAWL_REPLICA_URL": replica.url})
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.stdout.split() == ["cqn"]
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "cqn"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "crawl finished spider=cqn" in done.stderr
    engine = open_engine(db_url)
    try:
        assert table_counts(engine)["documents"] == len(ARTICLES)
    finally:
        engine.dispose()
