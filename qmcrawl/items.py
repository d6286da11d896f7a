"""The item that flows from a spider through the pipeline chain into the store.

A spider fills only the fetch fields (what it got from the site). Each pipeline
stage fills its own group of fields below; a stage never rewrites another's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Repair:
    """One named repair applied to a text, and how many times it fired."""

    name: str
    count: int = 1


@dataclass
class PageItem:
    # --- fetch: filled by the spider -------------------------------------------
    source: str  # registry key of the site family, e.g. "cqn"
    url: str  # final URL after redirects (the real site's URL, also under a replica)
    requested_url: str
    status: int
    headers: dict[str, str]  # response headers, names lower-cased, last value wins
    raw: bytes  # the response body exactly as received (after transfer decoding)
    fetched_at: datetime  # timezone-aware, UTC
    spider: str = ""
    listing_url: str | None = None  # the list page that linked here, when known

    # --- decode ------------------------------------------------------------------
    html: str | None = None
    encoding: str | None = None
    encoding_confidence: float | None = None
    undecodable_bytes: int = 0

    # --- extract -----------------------------------------------------------------
    title: str | None = None
    published_date: date | None = None
    published_at: datetime | None = None  # only when the page gives a time of day
    author: str | None = None
    source_line: str | None = None  # the 来源 line
    body: str | None = None  # main text only, paragraphs separated by newlines

    # --- repair ------------------------------------------------------------------
    repairs: list[Repair] = field(default_factory=list)
    body_simplified: str | None = None

    # --- relevance ---------------------------------------------------------------
    relevance: float | None = None
    is_quality_month: bool | None = None

    # --- dedupe ------------------------------------------------------------------
    canonical_url: str | None = None
    content_hash: str | None = None

    # --- store -------------------------------------------------------------------
    document_id: int | None = None
    version_id: int | None = None
    change: str | None = None  # "new", "changed", "unchanged" or "gone"

    def header(self, name: str) -> str | None:
        """A response header by case-insensitive name."""
        return self.headers.get(name.lower())
