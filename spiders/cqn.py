"""中国质量新闻网 (www.cqn.com.cn): the Quality Month topic pages and their articles."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import scrapy
from scrapy.http import Response

from qmcrawl.extract.listing import parse_listing
from qmcrawl.extract.rules import rule_for_host
from qmcrawl.items import PageItem
from qmcrawl.sources import SourceInfo
from qmcrawl.text import decode_page
from spiders._base import GONE_META, QmcrawlSpider

RULE = rule_for_host("www.cqn.com.cn")


class CqnSpider(QmcrawlSpider):
    name = "cqn"
    allowed_domains = ["cqn.com.cn"]
    source = SourceInfo("cqn", "中国质量新闻网", "https://www.cqn.com.cn/", "news")
    start_urls = ["https://www.cqn.com.cn/zlyzt/node_7123.htm"]  # 质量月专题

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        assert RULE is not None and RULE.listing is not None
        html = decode_page(
            response.body, (response.headers.get("Content-Type") or b"").decode("latin-1")
        ).text
        listing = parse_listing(html, response.url, RULE.listing)
        for url in listing.article_urls:
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                meta=dict(GONE_META),
                cb_kwargs={"listing_url": response.url},
            )
        if listing.next_url:
            yield scrapy.Request(listing.next_url, callback=self.parse_listing)

    def parse_article(self, response: Response, listing_url: str) -> Iterator[PageItem]:
        yield self.page_item(response, listing_url)
