"""Per-site extraction rules: CSS selectors for the fields of an article page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListingRule:
    links: str  # CSS selector of article link hrefs, e.g. "ul.list_news li a::attr(href)"
    next_page: str  # XPath of the next-page href


@dataclass(frozen=True)
class SiteRule:
    key: str
    hosts: tuple[str, ...]
    title: str
    published: str
    body: str
    author: str | None = None
    source: str | None = None
    listing: ListingRule | None = None


RULES: tuple[SiteRule, ...] = (
    SiteRule(
        key="cqn",
        hosts=("www.cqn.com.cn", "cqn.com.cn"),
        title=".article h1.title",
        published=".article .info .time",
        author=".article .info .author",
        source=".article .info .source",
        body=".article #zoom",
        listing=ListingRule(
            links="ul.list_news li a::attr(href)",
            next_page='//div[@class="page"]//a[contains(., "下一页")]/@href',
        ),
    ),
)

_BY_HOST = {host: rule for rule in RULES for host in rule.hosts}


def rule_for_host(host: str) -> SiteRule | None:
    return _BY_HOST.get(host.lower())
