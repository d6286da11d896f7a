"""Alert rules: decide, inside the store's transaction, which alerts a stored page raises."""

from __future__ import annotations

from collections.abc import Iterator

from qmcrawl.items import PageItem
from qmcrawl.store.writer import NewAlert, SaveResult


def default_rule(result: SaveResult, page: PageItem) -> Iterator[NewAlert]:
    """A new Quality Month report raises `new_report`; a stored one going away, `report_removed`."""
    if result.change == "new" and page.is_quality_month:
        yield NewAlert(
            "new_report",
            f"New Quality Month report: {page.title}",
            {
                "url": page.url,
                "published": page.published_date.isoformat() if page.published_date else None,
            },
        )
    elif result.change == "gone":
        yield NewAlert(
            "report_removed", f"Page removed (HTTP {page.status}): {page.url}", {"url": page.url}
        )
