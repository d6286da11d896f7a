"""Scrapy project settings and every qmcrawl default, each with the reason it is set."""

from __future__ import annotations

import os

# --- Project -----------------------------------------------------------------
BOT_NAME = "qmcrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- qmcrawl -----------------------------------------------------------------
# Where everything is stored. SQLite file in the working directory by default;
# production sets QMCRAWL_DATABASE_URL=postgresql+psycopg://user@host/db (the
# password, if any, belongs in the environment, never in a file of the project).
QMCRAWL_DATABASE_URL = os.environ.get("QMCRAWL_DATABASE_URL", "sqlite:///qmcrawl.db")

# When set (e.g. http://127.0.0.1:8765), every request, Playwright's included, is
# sent to a running replica server (`qmcrawl replica serve`) instead of the
# internet. Stored URLs stay the real ones. Empty: fetch from the real sites.
QMCRAWL_REPLICA_URL = os.environ.get("QMCRAWL_REPLICA_URL", "")

# Each pipeline stage can be switched off; a stage that is off raises NotConfigured
# and Scrapy leaves it out of the chain.
QMCRAWL_DECODE_ENABLED = True
QMCRAWL_EXTRACT_ENABLED = True
QMCRAWL_REPAIR_ENABLED = True
QMCRAWL_RELEVANCE_ENABLED = True
QMCRAWL_DEDUPE_ENABLED = True
QMCRAWL_STORE_ENABLED = True
QMCRAWL_ALERTS_ENABLED = True
# Decides, inside the store's transaction, which alerts a stored page raises
# (an outbox: an alert is never written without the version that caused it).
QMCRAWL_ALERT_RULE = "qmcrawl.alerts.rules.default_rule"

# The browser for JavaScript pages. Empty: the first of chromium, chromium-browser
# or google-chrome on PATH, else Playwright's own downloaded browser.
QMCRAWL_BROWSER_EXECUTABLE = os.environ.get("QMCRAWL_BROWSER_EXECUTABLE", "")

# Pages larger than this are recorded as skipped rather than decoded (bytes).
QMCRAWL_MAX_PAGE_BYTES = 10 * 1024 * 1024

# Contact shown in the User-Agent so site operators can reach the people crawling them.
QMCRAWL_CONTACT = os.environ.get("QMCRAWL_CONTACT", "https://github.com/qmcrawl/qmcrawl")

# --- Item pipeline: the order is the product's data flow ------------------------
# Alerts are written by the store stage, in the same transaction as the version
# that caused them; delivering them is the dispatcher's job, outside the crawl.
ITEM_PIPELINES = {
    "pipelines.decode.DecodePipeline": 100,
    "pipelines.extract.ExtractPipeline": 200,
    "pipelines.repair.RepairPipeline": 300,
    "pipelines.relevance.RelevancePipeline": 400,
    "pipelines.dedupe.DedupePipeline": 500,
    "pipelines.store.StorePipeline": 600,
}

# Plain HTTP goes through the replica-aware handler (a no-op unless
# QMCRAWL_REPLICA_URL is set). Spiders that render JavaScript switch to the
# Playwright variant in their own custom_settings, so crawls that need no browser
# never start one.
DOWNLOAD_HANDLERS = {
    "http": "qmcrawl.replica.routing.ReplicaHTTPDownloadHandler",
    "https": "qmcrawl.replica.routing.ReplicaHTTPDownloadHandler",
}

EXTENSIONS = {
    # The HTTP remote-control server that Scrapy 2.19 starts by default is an
    # extra listening port on every scheduled crawl; qmcrawl is driven by its CLI
    # and scheduler instead, so it stays off.
    "scrapy.extensions.remote_control.RemoteControl": None,
    # Same reasoning for the telnet console.
    "scrapy.extensions.telnet.TelnetConsole": None,
    "qmcrawl.runlog.CrawlRunExtension": 500,
}

# --- Politeness ----------------------------------------------------------------
USER_AGENT = f"qmcrawl/0.1 (+{QMCRAWL_CONTACT})"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# One item per page: 100 concurrent item tasks per response cost CPU for nothing.
CONCURRENT_ITEMS = 16

# --- Engine ---------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
# Quiet by default: a crawl ends with one summary line (see qmcrawl.runlog).
LOG_LEVEL = os.environ.get("QMCRAWL_LOG_LEVEL", "INFO")
# Scrapy's own loggers are noisy at INFO; qmcrawl.runlog lowers them to this level.
QMCRAWL_SCRAPY_LOG_LEVEL = os.environ.get("QMCRAWL_SCRAPY_LOG_LEVEL", "WARNING")
LOGSTATS_INTERVAL = 0
