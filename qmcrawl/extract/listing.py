"""List pages: the article links on them and the link to the next page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from qmcrawl.extract.rules import ListingRule


@dataclass(frozen=True)
class Listing:
    article_urls: list[str]  # absolute, in page order, without repeats
    next_url: str | None


def parse_listing(html: str, url: str, rule: ListingRule) -> Listing:
    """Article links and the next page of a list page, resolved against `url`."""
    sel = Selector(text=html)
    base = sel.css("base::attr(href)").get() or url
    seen: set[str] = set()
    articles: list[str] = []
    for href in sel.css(rule.links).getall():
        absolute = _absolute(base, href)
        if absolute and absolute not in seen:
            seen.add(absolute)
            articles.append(absolute)
    next_href = sel.xpath(rule.next_page).get()
    next_url = _absolute(base, next_href) if next_href else None
    return Listing(articles, None if next_url == url else next_url)


def _absolute(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return None
    absolute = urljoin(base, href)
    return absolute.split("#")[0] if urlsplit(absolute).scheme in ("http", "https") else None
