"""Record each crawl in crawl_runs and end it with one summary line."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from qmcrawl.config import Config
from qmcrawl.logs import quiet_libraries
from qmcrawl.store import Store, open_store

logger = logging.getLogger(__name__)

SUMMARY_COUNTERS = (
    ("pages", "response_received_count"),
    ("items", "item_scraped_count"),
    ("new", "qmcrawl/store/new"),
    ("changed", "qmcrawl/store/changed"),
    ("unchanged", "qmcrawl/store/unchanged"),
    ("gone", "qmcrawl/store/gone"),
    ("dropped", "item_dropped_count"),
    ("errors", "log_count/ERROR"),
)


class CrawlRunExtension:
    """Opens a crawl_runs row when a spider opens; closes it with the final stats."""

    def __init__(self, crawler: Crawler, database_url: str) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.store: Store | None = None
        self.run_id: int | None = None
        self.started = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunExtension:
        settings = crawler.settings
        # Scrapy's INFO lines (enabled middlewares, overridden settings…) drown the
        # one summary line a scheduled crawl should leave. `qmcrawl crawl` quiets
        # them before Scrapy starts; under `scrapy crawl` this is the first chance.
        quiet_libraries(settings.get("QMCRAWL_SCRAPY_LOG_LEVEL", "WARNING"))
        extension = cls(crawler, Config.from_settings(settings).database_url)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.store = open_store(self.database_url)
        self.run_id = self.store.start_run(spider.name)
        self.stats.set_value("qmcrawl/run_id", self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.store is None or self.run_id is None:
            return
        stats: dict[str, Any] = dict(self.stats.get_stats())
        outcome = (
            "failed"
            if stats.get("log_count/ERROR") and not stats.get("item_scraped_count")
            else reason
        )
        self.store.finish_run(self.run_id, outcome, stats)
        self.store.engine.dispose()
        counts = " ".join(f"{label}={int(stats.get(key, 0))}" for label, key in SUMMARY_COUNTERS)
        logger.info(
            "crawl finished spider=%s run=%d outcome=%s %s seconds=%.1f",
            spider.name,
            self.run_id,
            outcome,
            counts,
            time.monotonic() - self.started,
        )
