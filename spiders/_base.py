"""What every qmcrawl spider shares: its source and the fetched-page item."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

import scrapy
from scrapy.http import Response

from qmcrawl.items import PageItem
from qmcrawl.sources import SourceInfo

# Let 404 and 410 reach the pipeline: a stored report that disappears is news.
GONE_META = {"handle_httpstatus_list": [404, 410]}


class QmcrawlSpider(scrapy.Spider):
    source: ClassVar[SourceInfo]

    def source_info(self, key: str) -> SourceInfo:
        if key != self.source.key:
            raise KeyError(f"spider {self.name} has no source {key!r}")
        return self.source

    def page_item(self, response: Response, listing_url: str | None = None) -> PageItem:
        """The page exactly as fetched, for the pipeline chain."""
        redirects = response.meta.get("redirect_urls") or [response.url]
        return PageItem(
            source=self.source.key,
            url=response.url,
            requested_url=redirects[0],
            status=response.status,
            headers={
                key.decode("latin-1").lower(): values[-1].decode("latin-1")
                for key, values in response.headers.items()
                if values
            },
            raw=response.body,
            fetched_at=datetime.now(timezone.utc),
            spider=self.name,
            listing_url=listing_url,
        )
