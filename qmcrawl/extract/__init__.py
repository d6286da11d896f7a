"""Article extraction: fields and main text from a page's HTML."""

from __future__ import annotations

from qmcrawl.extract.article import Article, extract_article
from qmcrawl.extract.dates import BEIJING, PublishedDate, parse_published

__all__ = ["Article", "BEIJING", "PublishedDate", "extract_article", "parse_published"]
