"""Stage 3: repair damaged text in the extracted fields (qmcrawl.text.repair)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from pipelines._stage import GONE_STATUSES, require_enabled
from qmcrawl.items import PageItem, Repair
from qmcrawl.text import repair


class RepairPipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RepairPipeline:
        require_enabled(crawler, "repair")
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: PageItem) -> PageItem:
        if item.status in GONE_STATUSES or item.body is None or item.title is None:
            return item
        counts: dict[str, int] = {}
        for field in ("title", "body"):
            repaired = repair(getattr(item, field))
            setattr(item, field, repaired.text)
            for step in repaired.repairs:
                counts[step.name] = counts.get(step.name, 0) + step.count
        item.repairs = [Repair(name, count) for name, count in sorted(counts.items())]
        for name, count in counts.items():
            self.stats.inc_value(f"qmcrawl/repair/{name}", count)
        return item
