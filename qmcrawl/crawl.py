"""Run spiders in this process with the project's settings: what `qmcrawl crawl` and the demo call."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.log import install_scrapy_root_handler

from qmcrawl.config import Config, ConfigError
from qmcrawl.logs import quiet_libraries
from qmcrawl.store import open_store


class CrawlError(RuntimeError):
    """The crawl cannot start or did not finish well; the message is for the user."""


@dataclass(frozen=True)
class CrawlOutcome:
    spider: str
    reason: str  # Scrapy's finish reason, e.g. "finished"
    stats: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.reason == "finished" and not self.stats.get("log_count/ERROR")


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("qmcrawl.settings", priority="project")
    if overrides:
        settings.setdict(dict(overrides), priority="cmdline")
    return settings


def spider_names(settings: Settings | None = None) -> list[str]:
    return sorted(SpiderLoader.from_settings(settings or project_settings()).list())


def check_ready(settings: Settings, spiders: Sequence[str]) -> None:
    """Everything a crawl needs, checked before Scrapy starts: one clear error if not."""
    try:
        config = Config.from_settings(settings)
    except ConfigError as exc:
        raise CrawlError(str(exc)) from None
    known = spider_names(settings)
    unknown = [name for name in spiders if name not in known]
    if unknown:
        raise CrawlError(
            f"unknown spider {', '.join(map(repr, unknown))} (known: {', '.join(known)})"
        )
    if not spiders:
        raise CrawlError(f"name at least one spider (known: {', '.join(known)})")
    if config.replica_url:
        check_replica(config.replica_url)
    open_store(config.database_url).engine.dispose()  # creates or checks the schema


def check_replica(replica_url: str) -> None:
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
            replica_url + "/", timeout=5
        ):
            pass
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CrawlError(
            f"no replica server answers at {replica_url} ({reason}): start one with `qmcrawl replica serve`"
        ) from None


def run_spiders(
    spiders: Sequence[str], overrides: Mapping[str, Any] | None = None
) -> list[CrawlOutcome]:
    """Crawl the named spiders together and return how each ended. Runs the Twisted
    reactor, so it can be called once per process."""
    settings = project_settings(overrides)
    quiet_libraries(settings.get("QMCRAWL_SCRAPY_LOG_LEVEL", "WARNING"))
    check_ready(settings, spiders)
    # Scrapy logs its start-up banner as soon as it configures logging; install
    # our handler only after the libraries have been quieted again.
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    quiet_libraries(settings.get("QMCRAWL_SCRAPY_LOG_LEVEL", "WARNING"))
    install_scrapy_root_handler(settings)
    crawlers = []
    for name in spiders:
        crawler = process.create_crawler(name)
        crawlers.append(crawler)
        process.crawl(crawler)
    process.start()
    outcomes = []
    for crawler in crawlers:
        stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
        outcomes.append(
            CrawlOutcome(
                crawler.spider.name if crawler.spider else "?",
                str(stats.get("finish_reason", "not started")),
                stats,
            )
        )
    return outcomes
