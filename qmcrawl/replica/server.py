"""An HTTP server on loopback that answers for the real sites from their replicas.

A request for https://www.cqn.com.cn/a/b.htm arrives as GET /www.cqn.com.cn/a/b.htm
(see qmcrawl.replica.routing). A Host header naming a replicated site works too,
for `curl -H 'Host: www.cqn.com.cn' http://127.0.0.1:PORT/a/b.htm`.
"""

from __future__ import annotations

import gzip
import html
import logging
import threading
from collections.abc import Iterable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from qmcrawl.replica.sites import ReplicaPage, ReplicaSite, default_sites_dir, load_sites

logger = logging.getLogger(__name__)


class ReplicaServer:
    """Serve replica sites on 127.0.0.1; `port=0` picks a free port. Use as a context manager."""

    def __init__(
        self, roots: Iterable[Path] | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.sites = load_sites(list(roots) if roots is not None else [default_sites_dir()])
        self._httpd = _Server((host, port), _Handler)
        self._httpd.sites = self.sites
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> ReplicaServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="qmcrawl-replica", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    sites: dict[str, ReplicaSite]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "qmcrawl-replica"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        logger.debug("replica %s " + format, self.client_address[0], *args)

    def _respond(self, *, send_body: bool) -> None:
        target = urlsplit(self.path)
        site, path = self._site_and_path(target.path)
        if site is None:
            if target.path in ("", "/"):
                self._send(
                    200, {"Content-Type": "text/html; charset=utf-8"}, self._index(), send_body
                )
            else:
                self._send(
                    404,
                    {"Content-Type": "text/plain; charset=utf-8"},
                    b"no such replica site\n",
                    send_body,
                )
            return
        page = site.page(path, target.query)
        if page is None:
            self._send(
                404,
                {"Content-Type": "text/html; charset=utf-8"},
                b"<h1>404 Not Found</h1>",
                send_body,
            )
            return
        self._send_page(page, send_body)

    def _site_and_path(self, path: str) -> tuple[ReplicaSite | None, str]:
        host_header = (self.headers.get("Host") or "").split(":")[0].lower()
        if host_header in self.server.sites:
            return self.server.sites[host_header], path or "/"
        first, _, rest = path.lstrip("/").partition("/")
        site = self.server.sites.get(first.lower())
        return site, "/" + rest

    def _send_page(self, page: ReplicaPage, send_body: bool) -> None:
        body = page.file.read_bytes() if page.file is not None else b""
        headers = dict(page.headers)
        if page.gzip:
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self._send(page.status, headers, body, send_body)

    def _send(self, status: int, headers: dict[str, str], body: bytes, send_body: bool) -> None:
        # send_response_only: the stored headers, not http.server's own Server line.
        self.send_response_only(status)
        self.log_request(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Date", formatdate(usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _index(self) -> bytes:
        items = "".join(
            f'<li><a href="/{html.escape(host)}/">{html.escape(host)}</a></li>'
            for host in sorted(self.server.sites)
        )
        return f"<!doctype html><meta charset=utf-8><title>qmcrawl replicas</title><ul>{items}</ul>".encode()
