"""Decode page bytes to text, trusting declarations only as far as the bytes agree."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from w3lib.encoding import http_content_type_encoding

# Pages declare the GB family by its oldest name; GB18030 decodes all of it.
# Big5 pages use HKSCS additions often enough that Big5-HKSCS is the safe superset.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "gb18030": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    # Browsers read a latin-1 declaration as cp1252; so do we.
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec that produced .text, e.g. "utf-8", "gb18030"
    confidence: float  # 0..1: how sure we are that .encoding is right
    undecodable_bytes: int = 0  # bytes replaced by U+FFFD
    reason: str = ""  # how the encoding was chosen, for logs and stored versions


def canonical_encoding(name: str | None) -> str | None:
    """The codec qmcrawl decodes a declared charset with, or None if Python has none."""
    if not name:
        return None
    key = name.strip().strip("'\"").lower()
    if key in _SUPERSETS:
        return _SUPERSETS[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_HEAD_BYTES])
    return match.group(1).decode("ascii") if match else None


def decode(body: bytes, declared: str | None = None) -> Decoded:
    """Decode a page. `declared` is the HTTP header's charset, if any. Never raises.

    Evidence is weighed in this order: a byte-order mark; bytes that are valid
    UTF-8; a declaration (HTTP, then <meta>) that decodes the bytes without error;
    charset-normalizer's guess; and finally the declared encoding (or GB18030)
    with replacement characters, counted in `undecodable_bytes`.
    """
    if not body:
        return Decoded("", "utf-8", 0.0, 0, "empty body")
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return _lenient(body[len(bom) :], encoding, 1.0, "byte-order mark")

    # Non-ASCII bytes that are valid UTF-8 are almost never anything else: GBK
    # text passes a strict UTF-8 decode only in very short snippets. So valid
    # UTF-8 outranks a declaration, which is often wrong on these sites.
    if _decodes_cleanly(body, "utf-8"):
        return Decoded(
            body.decode("utf-8"), "utf-8", 0.99 if not body.isascii() else 0.9, 0, "valid UTF-8"
        )

    candidates = [
        ("HTTP header", canonical_encoding(declared)),
        ("meta charset", canonical_encoding(meta_charset(body))),
    ]
    for origin, declared_as in candidates:
        if declared_as and declared_as != "utf-8" and _decodes_cleanly(body, declared_as):
            return Decoded(
                body.decode(declared_as),
                declared_as,
                0.9,
                0,
                f"{origin} {declared_as}, bytes agree",
            )

    best = from_bytes(body).best()
    detected = best.encoding if best is not None else None
    guessed = canonical_encoding(detected)
    if guessed in ("gb18030", "big5hkscs") and _decodes_cleanly(body, guessed):
        return Decoded(body.decode(guessed), guessed, 0.8, 0, f"charset-normalizer {detected}")
    if _decodes_cleanly(body, "gb18030"):
        return Decoded(body.decode("gb18030"), "gb18030", 0.7, 0, "valid GB18030")
    fallback = next((e for _, e in candidates if e), None) or guessed or "gb18030"
    return _lenient(body, fallback, 0.3, "no encoding decodes every byte")


def _decodes_cleanly(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _lenient(body: bytes, encoding: str, confidence: float, reason: str) -> Decoded:
    try:
        text = body.decode(encoding, errors="replace")
    except LookupError:
        encoding, text = "utf-8", body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.decode("ascii", errors="ignore").count("\ufffd")
    return Decoded(text, encoding, confidence, max(bad, 0), reason)


def decode_page(body: bytes, content_type: str | None) -> Decoded:
    """`decode` with the charset taken from an HTTP Content-Type header value."""
    return decode(body, http_content_type_encoding(content_type or ""))
