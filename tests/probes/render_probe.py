"""A spider for the routing test: renders one page in Chromium and yields what the script wrote."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy_playwright.page import PageMethod


class RenderProbeSpider(scrapy.Spider):
    name = "render_probe"
    custom_settings = {
        "DOWNLOAD_HANDLERS": {
            "http": "qmcrawl.replica.routing.ReplicaPlaywrightDownloadHandler",
            "https": "qmcrawl.replica.routing.ReplicaPlaywrightDownloadHandler",
        },
        "ITEM_PIPELINES": {},
    }

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            "https://render.example.org/",
            meta={
                "playwright": True,
                "playwright_page_methods": [PageMethod("wait_for_selector", "p.page")],
            },
        )
        yield scrapy.Request("https://plain.example.org/new.html", callback=self.parse_plain)

    def parse(self, response: scrapy.http.Response) -> Iterator[dict[str, Any]]:
        yield {
            "kind": "rendered",
            "url": response.url,
            "pages": response.css("p.page::text").getall(),
            "flags": response.flags,
        }

    def parse_plain(self, response: scrapy.http.Response) -> Iterator[dict[str, Any]]:
        yield {
            "kind": "plain",
            "url": response.url,
            "text": response.text.strip(),
            "flags": response.flags,
        }
