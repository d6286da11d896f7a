"""What qmcrawl knows about a source before crawling it."""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_KINDS = frozenset({"news", "regulator", "company", "trade", "docshare"})


@dataclass(frozen=True)
class SourceInfo:
    key: str  # short stable name, e.g. "cqn"; stored in sources.key
    name: str  # as readers know it, e.g. "中国质量新闻网"
    home_url: str
    kind: str  # one of SOURCE_KINDS

    def __post_init__(self) -> None:
        if self.kind not in SOURCE_KINDS:
            raise ValueError(
                f"source {self.key}: kind {self.kind!r} is not one of {sorted(SOURCE_KINDS)}"
            )
