"""Send every request to a running replica server while keeping the real URLs.

One setting, QMCRAWL_REPLICA_URL, switches it on. Plain requests are rewritten to
`{replica}/{host}{path}` inside the download handler and their responses given
back their real URL, so spiders, link extraction and the store never see the
replica's address. Browser pages (scrapy-playwright) get a route that fetches
every request the page makes, scripts and XHR included, from the replica.
"""

from __future__ import annotations

import shutil
from typing import Any
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.utils.misc import load_object
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from qmcrawl.config import normalise_replica_url

# Chromium flags for a headless browser on a machine without general internet:
# background services would otherwise try (and fail) to reach Google's hosts.
CHROMIUM_ARGS = (
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def replica_target(url: str, replica_url: str) -> str:
    """Where `url` lives on the replica: https://h/p?q → {replica}/h/p?q."""
    parts = urlsplit(url)
    target = f"{replica_url}/{parts.netloc.lower()}{parts.path or '/'}"
    return f"{target}?{parts.query}" if parts.query else target


class ReplicaRoutingMixin:
    replica_url: str

    def _routed(self, request: Request) -> Request:
        routed = request.replace(url=replica_target(request.url, self.replica_url))
        routed.meta.pop("proxy", None)  # the replica is on loopback: never through a proxy
        routed.headers.pop(b"Proxy-Authorization", None)
        return routed

    @staticmethod
    def _restored(request: Request, routed: Request, response: Response) -> Response:
        for key, value in routed.meta.items():  # download_latency and friends
            request.meta.setdefault(key, value)
        return response.replace(url=request.url, request=request)


class ReplicaHTTPDownloadHandler(ReplicaRoutingMixin, HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, routed to the replica when QMCRAWL_REPLICA_URL is set."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.replica_url = normalise_replica_url(crawler.settings.get("QMCRAWL_REPLICA_URL") or "")

    async def download_request(self, request: Request) -> Response:
        if not self.replica_url:
            return await super().download_request(request)
        routed = self._routed(request)
        return self._restored(request, routed, await super().download_request(routed))


class ReplicaPlaywrightDownloadHandler(ReplicaRoutingMixin, ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler with a system Chromium and replica routing.

    Only spiders that render JavaScript use it (in their custom_settings); requests
    without meta["playwright"] still go through plain HTTP.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.replica_url = normalise_replica_url(crawler.settings.get("QMCRAWL_REPLICA_URL") or "")
        self._use_system_browser(crawler.settings.get("QMCRAWL_BROWSER_EXECUTABLE") or "")

    def _use_system_browser(self, configured: str) -> None:
        options = self.config.launch_options
        if options.get("executable_path") or self.config.cdp_url or self.config.connect_url:
            return
        executable = configured or next(
            (
                found
                for name in ("chromium", "chromium-browser", "google-chrome")
                if (found := shutil.which(name))
            ),
            "",
        )
        if executable:
            options["executable_path"] = executable
            options.setdefault("args", [*CHROMIUM_ARGS, "--no-sandbox"])
        # else: Playwright's own downloaded browser, where that download works.

    async def download_request(self, request: Request) -> Response:
        if not self.replica_url:
            return await super().download_request(request)
        if request.meta.get("playwright"):
            request.meta["playwright_page_init_callback"] = self._page_init(
                request.meta.get("playwright_page_init_callback")
            )
            return await super().download_request(request)
        routed = self._routed(request)
        return self._restored(request, routed, await super().download_request(routed))

    def _page_init(self, previous: Any) -> Any:
        replica_url = self.replica_url

        async def route_page_to_replica(page: Any, request: Request) -> None:
            async def fetch_from_replica(route: Any, browser_request: Any) -> None:
                headers = {
                    k: v
                    for k, v in (await browser_request.all_headers()).items()
                    if k.lower() != "host"
                }
                answer = await page.request.fetch(
                    replica_target(browser_request.url, replica_url),
                    method=browser_request.method,
                    headers=headers,
                    data=browser_request.post_data_buffer,
                    max_redirects=0,
                    fail_on_status_code=False,
                )
                await route.fulfill(response=answer)

            await page.route("**/*", fetch_from_replica)
            if previous is not None:
                await load_object(previous)(page, request)

        return route_page_to_replica
