"""Stage 3: repair damaged text in the extracted fields (qmcrawl.text.repair)."""

from __future__ import annotations

from pipelines._stage import Stage, extracted
from qmcrawl.items import PageItem, Repair
from qmcrawl.text import repair


class RepairPipeline(Stage):
    name = "repair"

    def process_item(self, item: PageItem) -> PageItem:
        content = extracted(item)
        if content is None:
            return item
        title, body = (repair(text) for text in content)
        item.title, item.body = title.text, body.text
        counts: dict[str, int] = {}
        for step in (*title.repairs, *body.repairs):
            counts[step.name] = counts.get(step.name, 0) + step.count
        item.repairs = [Repair(name, count) for name, count in sorted(counts.items())]
        for name, count in counts.items():
            self.stats.inc_value(f"qmcrawl/repair/{name}", count)
        return item
