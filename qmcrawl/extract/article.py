"""Extract an article's fields and main text from its HTML: site rules first, then a fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from parsel import Selector, SelectorList

from qmcrawl.extract.dates import parse_published
from qmcrawl.extract.rules import SiteRule, rule_for_host


@dataclass(frozen=True)
class Article:
    title: str | None
    published: date | datetime | None  # a datetime (Beijing time) when the page gives the time
    author: str | None
    source: str | None  # the 来源 line
    body: str  # main text, one paragraph per line
    rule: str  # which rule extracted it: a site key or "fallback"


_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_LABELS = re.compile(
    r"^\s*(?:来源|來源|作者|发布时间|發布時間|发表时间|發表時間|时间|日期)\s*[:：]\s*"
)


def extract_article(html: str, url: str) -> Article:
    """The article in `html`, fetched from `url`. Missing fields are None, never guessed."""
    selector = Selector(text=html)
    rule = rule_for_host(urlsplit(url).hostname or "")
    return _with_rule(selector, rule) if rule is not None else _fallback(selector)


def _with_rule(sel: Selector, rule: SiteRule) -> Article:
    title = _text(sel.css(rule.title))
    body = _paragraphs(sel.css(rule.body))
    return Article(
        title=title or None,
        published=_published(_text(sel.css(rule.published))),
        author=_field(sel.css(rule.author)) if rule.author else None,
        source=_field(sel.css(rule.source)) if rule.source else None,
        body=body,
        rule=rule.key,
    )


def _fallback(sel: Selector) -> Article:
    title = _text(sel.css("h1")) or _text(sel.css("title")).split(" - ")[0].split("_")[0].strip()
    body = _paragraphs(sel.css("body"))
    return Article(title or None, _published(_text(sel.css("body"))), None, None, body, "fallback")


def _published(text: str) -> date | datetime | None:
    found = parse_published(text)
    if found is None:
        return None
    return found.time or found.date


def _text(nodes: SelectorList[Selector]) -> str:
    parts = nodes.xpath(".//text()").getall()
    return _SPACES.sub(" ", "".join(parts)).strip()


def _field(nodes: SelectorList[Selector]) -> str | None:
    value = _LABELS.sub("", _text(nodes)).strip()
    return value or None


def _paragraphs(nodes: SelectorList[Selector]) -> str:
    """Block-level text of the main-content nodes, one paragraph per line, without photo captions."""
    lines: list[str] = []
    after_image = False
    for block in nodes.xpath(".//p | .//h2 | .//h3 | .//li"):
        if block.xpath("ancestor::p | ancestor::li"):
            continue
        line = _SPACES.sub(" ", "".join(block.xpath(".//text()").getall())).strip()
        if not line:
            after_image = after_image or bool(block.xpath(".//img"))
            continue
        if _is_caption(line, after_image):
            after_image = False
            continue
        after_image = False
        lines.append(line)
    return "\n".join(lines)


_CAPTION = re.compile(
    r"^[\u4e00-\u9fff·、 ]{2,20}\s*[摄攝]$|^[（(]?(?:图片|圖片)?来源[:：]|[（(]?(?:供图|供圖)[）)]?$"
)


def _is_caption(line: str, after_image: bool) -> bool:
    """A photo credit (`王振宇 摄`) or a short line right under a picture is not article text."""
    if len(line) <= 30 and _CAPTION.search(line):
        return True
    return after_image and len(line) <= 40 and not line.endswith(("。", "！", "？", "”"))
