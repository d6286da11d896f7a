"""qmcrawl's settings, parsed once into a frozen object that components receive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

# Stages whose output the store cannot do without.
STORE_NEEDS = ("DECODE", "EXTRACT", "DEDUPE")


class ConfigError(ValueError):
    """A setting has a value qmcrawl cannot work with; the message says which and why."""


class SettingsLike(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...
    def getbool(self, name: str, default: bool = False) -> bool: ...
    def getint(self, name: str, default: int = 0) -> int: ...


@dataclass(frozen=True)
class Config:
    database_url: str
    replica_url: str  # "" when requests go to the real sites
    max_page_bytes: int

    @classmethod
    def from_settings(cls, settings: SettingsLike) -> Config:
        database_url = str(settings.get("QMCRAWL_DATABASE_URL") or "").strip()
        if not database_url:
            raise ConfigError(
                "QMCRAWL_DATABASE_URL is empty: give a database URL such as sqlite:///qmcrawl.db"
            )
        if settings.getbool("QMCRAWL_STORE_ENABLED", True):
            off = [
                stage
                for stage in STORE_NEEDS
                if not settings.getbool(f"QMCRAWL_{stage}_ENABLED", True)
            ]
            if off:
                raise ConfigError(
                    f"the store stage needs {', '.join(STORE_NEEDS)}: switch "
                    f"{', '.join(f'QMCRAWL_{stage}_ENABLED' for stage in off)} back on, "
                    "or QMCRAWL_STORE_ENABLED off"
                )
        return cls(
            database_url=database_url,
            replica_url=normalise_replica_url(str(settings.get("QMCRAWL_REPLICA_URL") or "")),
            max_page_bytes=settings.getint("QMCRAWL_MAX_PAGE_BYTES", 10 * 1024 * 1024),
        )


def normalise_replica_url(value: str) -> str:
    """Check a replica address and return it without a trailing slash ("" stays "")."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme != "http" or not parts.hostname or parts.path not in ("", "/"):
        raise ConfigError(
            f"QMCRAWL_REPLICA_URL must look like http://127.0.0.1:8765, not {value!r}"
        )
    return value
