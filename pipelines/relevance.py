"""Stage 4: judge whether the page is a Quality Month report (qmcrawl.relevance)."""

from __future__ import annotations

from pipelines._stage import Stage, extracted
from qmcrawl.items import PageItem
from qmcrawl.relevance import judge


class RelevancePipeline(Stage):
    name = "relevance"

    def process_item(self, item: PageItem) -> PageItem:
        content = extracted(item)
        if content is None:
            return item
        title, body = content
        verdict = judge(title, body)
        item.relevance = verdict.score
        item.is_quality_month = verdict.is_quality_month
        self.stats.inc_value(
            f"qmcrawl/relevance/{'report' if verdict.is_quality_month else 'other'}"
        )
        return item
