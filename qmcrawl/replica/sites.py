"""Replica sites on disk: page files mirroring real URLs, and a manifest of response headers."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import qmcrawl


class ReplicaError(RuntimeError):
    """The replica's files or manifest are unusable; the message says where."""


@dataclass(frozen=True)
class ReplicaPage:
    status: int
    headers: dict[str, str]
    file: Path | None
    gzip: bool = False


@dataclass
class ReplicaSite:
    """One replicated host, e.g. www.cqn.com.cn, served from `root`."""

    host: str
    root: Path
    default_headers: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> ReplicaSite:
        manifest_path = root / "manifest.toml"
        manifest: dict[str, Any] = {}
        if manifest_path.exists():
            try:
                manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ReplicaError(f"{manifest_path}: {exc}") from None
        defaults = manifest.get("defaults", {}).get(
            "headers", {"Content-Type": "text/html; charset=utf-8"}
        )
        return cls(root.name, root, dict(defaults), dict(manifest.get("pages", {})))

    def page(self, path: str, query: str) -> ReplicaPage | None:
        """The response for `path?query`, or None when the site has no such page."""
        key = f"{path}?{query}" if query else path
        override = self.overrides.get(key, {})
        headers = {**self.default_headers, **override.get("headers", {})}
        status = int(override.get("status", 200))
        named = self.root / override["file"] if "file" in override else None
        if status != 200:
            return ReplicaPage(status, headers, named, bool(override.get("gzip", False)))
        file = named or self._file_for(unquote(path))
        if file is None or not file.is_file():
            return None
        return ReplicaPage(200, headers, file, bool(override.get("gzip", False)))

    def _file_for(self, path: str) -> Path | None:
        relative = path.lstrip("/")
        candidate = (self.root / relative).resolve()
        if self.root.resolve() not in candidate.parents and candidate != self.root.resolve():
            return None  # a path trying to climb out of the replica
        if candidate.is_dir():
            for index in ("index.html", "index.htm"):
                if (candidate / index).is_file():
                    return candidate / index
            return None
        if candidate.name in ("manifest.toml", "expected.toml"):
            return None
        return candidate


def default_sites_dir() -> Path:
    """The replicas shipped in the repository's fixtures/sites."""
    return Path(qmcrawl.__file__).resolve().parent.parent / "fixtures" / "sites"


def load_sites(roots: Iterable[Path]) -> dict[str, ReplicaSite]:
    """Every site under the given folders, keyed by host name."""
    sites: dict[str, ReplicaSite] = {}
    for root in roots:
        if not root.is_dir():
            raise ReplicaError(f"replica folder {root} does not exist")
        for site_root in sorted(p for p in root.iterdir() if p.is_dir()):
            sites[site_root.name.lower()] = ReplicaSite.load(site_root)
    if not sites:
        raise ReplicaError(f"no replica sites under {', '.join(map(str, roots))}")
    return sites
