"""Quiet logs: libraries speak at WARNING so a crawl leaves one summary line at INFO."""

from __future__ import annotations

import logging

NOISY_LIBRARIES = ("scrapy", "alembic", "scrapy_playwright", "py.warnings")


def quiet_libraries(level: str | int = "WARNING") -> None:
    """Raise the threshold of the libraries' loggers (Scrapy's start-up banner, Alembic's
    migration chatter) without touching qmcrawl's own."""
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(level)
