"""The hand-written expectations of a replica site (fixtures/sites/<host>/expected.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from qmcrawl.extract import BEIJING
from qmcrawl.replica import default_sites_dir


@dataclass(frozen=True)
class ExpectedArticle:
    url: str
    title: str
    published: date | datetime
    author: str
    source: str
    quality_month: bool
    encoding: str
    body_first: str
    body_last: str
    redirect_from: str | None = None
    damage: list[str] = field(default_factory=list)
    clean_fragments: list[str] = field(default_factory=list)

    @property
    def published_date(self) -> date:
        return self.published.date() if isinstance(self.published, datetime) else self.published

    @property
    def file(self) -> Path:
        host_and_path = self.url.split("://", 1)[1]
        return default_sites_dir() / host_and_path


def expected_articles(host: str) -> list[ExpectedArticle]:
    data = tomllib.loads((default_sites_dir() / host / "expected.toml").read_text(encoding="utf-8"))
    articles = []
    for raw in data["article"]:
        published = _published(raw["published"])
        articles.append(
            ExpectedArticle(
                url=raw["url"],
                title=raw["title"],
                published=published,
                author=raw.get("author", ""),
                source=raw.get("source", ""),
                quality_month=raw["quality_month"],
                encoding=raw["encoding"],
                body_first=raw["body_first"],
                body_last=raw["body_last"],
                redirect_from=raw.get("redirect_from"),
                damage=list(raw.get("damage", [])),
                clean_fragments=list(raw.get("clean_fragments", [])),
            )
        )
    return articles


def _published(value: str | date | datetime) -> date | datetime:
    """TOML gives a date or local datetime, or a string when quoted: all mean Beijing time."""
    if isinstance(value, str):
        value = (
            datetime.fromisoformat(value)
            if "T" in value or " " in value
            else date.fromisoformat(value)
        )
    if isinstance(value, datetime):
        return value.replace(tzinfo=BEIJING)
    return value
