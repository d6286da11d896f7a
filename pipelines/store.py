"""Stage 6: store the page as a document version, with its alerts (qmcrawl.store)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.misc import load_object

from pipelines._stage import GONE_STATUSES, require_enabled
from qmcrawl.config import Config
from qmcrawl.items import PageItem
from qmcrawl.sources import SourceInfo
from qmcrawl.store import Store, open_store
from qmcrawl.store.writer import AlertRule


class StorePipeline:
    def __init__(self, crawler: Crawler, database_url: str, alert_rule: AlertRule | None) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.alert_rule = alert_rule
        self.store: Store | None = None
        self.source_ids: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        require_enabled(crawler, "store")
        settings = crawler.settings
        rule = None
        if settings.getbool("QMCRAWL_ALERTS_ENABLED", True):
            rule = load_object(
                settings.get("QMCRAWL_ALERT_RULE", "qmcrawl.alerts.rules.default_rule")
            )
        return cls(crawler, Config.from_settings(settings).database_url, rule)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def open_spider(self) -> None:
        self.store = open_store(self.database_url)

    def close_spider(self) -> None:
        if self.store is not None:
            self.store.engine.dispose()

    def process_item(self, item: PageItem) -> PageItem:
        assert self.store is not None
        source_id = self._source_id(item.source)
        run_id = self.stats.get_value("qmcrawl/run_id")
        if item.status in GONE_STATUSES:
            result = self.store.mark_missing(
                item, source_id=source_id, run_id=run_id, alert_rule=self.alert_rule
            )
        else:
            result = self.store.save_page(
                item, source_id=source_id, run_id=run_id, alert_rule=self.alert_rule
            )
        if result is None:
            self.stats.inc_value("qmcrawl/store/skipped/unknown_missing_page")
            return item
        item.document_id, item.version_id, item.change = (
            result.document_id,
            result.version_id,
            result.change,
        )
        self.stats.inc_value(f"qmcrawl/store/{result.change}")
        return item

    def _source_id(self, key: str) -> int:
        if key not in self.source_ids:
            info = self._source_info(key)
            assert self.store is not None
            self.source_ids[key] = self.store.ensure_source(
                info.key, info.name, info.home_url, info.kind
            )
        return self.source_ids[key]

    def _source_info(self, key: str) -> SourceInfo:
        spider: Any = self.crawler.spider
        info = spider.source_info(key) if hasattr(spider, "source_info") else None
        if not isinstance(info, SourceInfo):
            raise TypeError(f"spider {spider.name!r} gives no SourceInfo for source {key!r}")
        return info
