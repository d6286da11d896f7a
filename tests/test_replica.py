"""The replica server answers as the real sites would: stored bytes, stored headers."""

from __future__ import annotations

import gzip
import http.client
from pathlib import Path

import pytest

from qmcrawl.replica import ReplicaError, ReplicaServer
from qmcrawl.replica.routing import replica_target
from tests.conftest import TEST_SITES


def fetch(
    server: ReplicaServer, path: str, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_replica_serves_stored_bytes_with_manifest_headers(replica: ReplicaServer) -> None:
    response = fetch(replica, "/plain.example.org/gbk.html")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=gb2312"
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Server") == "nginx"
    stored = (TEST_SITES / "plain.example.org" / "gbk.html").read_bytes()
    assert gzip.decompress(response.body) == stored  # type: ignore[attr-defined]
    assert "质量月 镕".encode("gbk") in stored


def test_replica_default_headers_apply_to_unlisted_pages(replica: ReplicaServer) -> None:
    response = fetch(replica, "/plain.example.org/new.html")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Encoding") is None
    assert response.body == b"<p>new home</p>\n"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "status", "location"),
    [
        ("/plain.example.org/old/page.html", 301, "https://plain.example.org/new.html"),
        ("/plain.example.org/gone.html", 410, None),
        ("/plain.example.org/missing.html", 404, None),
        ("/no.such.site/x.html", 404, None),
        ("/plain.example.org/manifest.toml", 404, None),
        ("/plain.example.org/../render.example.org/index.html", 404, None),
    ],
)
def test_replica_status_codes(
    replica: ReplicaServer, path: str, status: int, location: str | None
) -> None:
    response = fetch(replica, path)
    assert response.status == status
    assert response.getheader("Location") == location


def test_replica_matches_query_strings_from_the_manifest(replica: ReplicaServer) -> None:
    response = fetch(replica, "/plain.example.org/search?q=%E8%B4%A8%E9%87%8F%E6%9C%88&page=2")
    assert response.status == 200
    assert response.body == b"<p>new home</p>\n"  # type: ignore[attr-defined]
    assert fetch(replica, "/plain.example.org/search?q=other").status == 404


def test_replica_answers_by_host_header_too(replica: ReplicaServer) -> None:
    response = fetch(replica, "/new.html", headers={"Host": "plain.example.org"})
    assert response.status == 200
    assert response.body == b"<p>new home</p>\n"  # type: ignore[attr-defined]


def test_replica_index_lists_sites(replica: ReplicaServer) -> None:
    body = fetch(replica, "/").body.decode()  # type: ignore[attr-defined]
    assert 'href="/plain.example.org/"' in body
    assert 'href="/render.example.org/"' in body


def test_replica_refuses_a_folder_without_sites(tmp_path: Path) -> None:
    with pytest.raises(ReplicaError, match="no replica sites"):
        ReplicaServer([tmp_path])
    with pytest.raises(ReplicaError, match="does not exist"):
        ReplicaServer([tmp_path / "nope"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.cqn.com.cn/zlyzt/node_7123.htm",
            "http://127.0.0.1:9/www.cqn.com.cn/zlyzt/node_7123.htm",
        ),
        ("http://WWW.Example.org", "http://127.0.0.1:9/www.example.org/"),
        ("https://a.org/s?q=%E8%B4%A8&p=2", "http://127.0.0.1:9/a.org/s?q=%E8%B4%A8&p=2"),
        ("http://a.org:8080/x", "http://127.0.0.1:9/a.org:8080/x"),
    ],
)
def test_replica_target_keeps_host_path_and_query(url: str, expected: str) -> None:
    assert replica_target(url, "http://127.0.0.1:9") == expected
