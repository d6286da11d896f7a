"""Document identity: canonical URLs and content fingerprints. Story grouping builds on these."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_\w+|spm|from|share_token|wxshare_count|isappinstalled)$", re.IGNORECASE
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


def canonical_url(url: str) -> str:
    """The URL that identifies a page: lower-case host, no fragment, default port or
    tracking parameters, remaining parameters in a fixed order."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host if parts.port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def normalise_text(text: str) -> str:
    """Text reduced to what a copy keeps: NFKC forms, no spaces or punctuation."""
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text))


def content_hash(title: str, published: date | datetime | None, body: str) -> str:
    """Fingerprint of a page's content: equal for a refetch that changed nothing readers see."""
    parts = [
        normalise_text(title),
        published.isoformat() if published else "",
        normalise_text(body),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
