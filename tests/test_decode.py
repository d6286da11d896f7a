"""Decoding page bytes: declarations are evidence, the bytes decide."""

from __future__ import annotations

import pytest

from qmcrawl.text import decode, decode_page

ARTICLE = "中国质量新闻网讯 9月1日，全国“质量月”活动在重庆启动，朱镕基题词的展板引人注目。"


@pytest.mark.parametrize(
    ("body", "declared", "encoding"),
    [
        (ARTICLE.encode("utf-8"), None, "utf-8"),
        (ARTICLE.encode("utf-8"), "gbk", "utf-8"),  # a lying header
        (
            ARTICLE.encode("gbk"),
            "gb2312",
            "gb18030",
        ),  # GBK declared as GB2312 (镕 is not in GB2312)
        (ARTICLE.encode("gbk"), "utf-8", "gb18030"),  # a lying header the other way
        (b'<meta charset="gb2312">' + ARTICLE.encode("gbk"), None, "gb18030"),
        ("全國質量月活動總結，各地質監部門積極參與。".encode("big5"), "big5", "big5hkscs"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "gbk", "utf-8"),  # a BOM outranks everything
    ],
)
def test_decode_reads_the_text_right(body: bytes, declared: str | None, encoding: str) -> None:
    decoded = decode(body, declared)
    assert decoded.encoding == encoding
    assert decoded.undecodable_bytes == 0
    assert "質量月" in decoded.text or "质量月" in decoded.text


def test_decode_page_takes_the_charset_from_content_type() -> None:
    body = ("<p>" + ARTICLE + "</p>").encode("gbk")
    assert decode_page(body, "text/html; charset=GB2312").text == "<p>" + ARTICLE + "</p>"


@pytest.mark.parametrize(
    ("body", "expected_bad"),
    [
        (b"", 0),
        (ARTICLE.encode("gbk")[:-1] + b"\xff\xff", 3),
    ],
)
def test_decode_never_raises_and_counts_what_it_could_not_read(
    body: bytes, expected_bad: int
) -> None:
    decoded = decode(body)
    assert decoded.undecodable_bytes == expected_bad
    assert decoded.text.count("\ufffd") == expected_bad


def test_decode_binary_junk_is_a_result_not_an_exception() -> None:
    junk = bytes(range(256)) * 20
    decoded = decode(junk, "utf-8")
    assert decoded.confidence <= 0.5
    assert decoded.undecodable_bytes > 0
