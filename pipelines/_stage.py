"""What every stage shares: its on/off switch and the statuses that carry no content."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

# A page that answered 404 or 410 has no content to decode or extract, but the
# store must still hear of it: a stored report may have been taken down.
GONE_STATUSES = frozenset({404, 410})


def require_enabled(crawler: Crawler, stage: str) -> None:
    setting = f"QMCRAWL_{stage.upper()}_ENABLED"
    if not crawler.settings.getbool(setting, True):
        raise NotConfigured(f"{setting} is off")
