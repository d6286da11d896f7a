"""Shared test set-up: a replica server on loopback, real databases, no way out to the internet."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from qmcrawl.replica import ReplicaServer, default_sites_dir
from tests.servers import PostgresServer, find_postgres_bin

ROOT = Path(__file__).resolve().parent.parent
TEST_SITES = Path(__file__).resolve().parent / "sites"

_PROXY_VARS = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
)


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


@pytest.fixture(scope="session", autouse=True)
def no_proxies() -> Iterator[None]:
    """Nothing a test starts may reach a proxy (and through it, the internet)."""
    saved = {name: os.environ.pop(name) for name in _PROXY_VARS if name in os.environ}
    yield
    os.environ.update(saved)


@pytest.fixture(scope="session")
def replica() -> Iterator[ReplicaServer]:
    with ReplicaServer([default_sites_dir(), TEST_SITES]) as server:
        yield server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer | None]:
    if find_postgres_bin() is None:
        yield None
        return
    with PostgresServer() as server:
        yield server


def _postgres_url(server: PostgresServer | None) -> str:
    if server is None:
        if in_ci():
            pytest.fail(
                "PostgreSQL server binaries not found, and CI=true requires them", pytrace=False
            )
        pytest.skip("PostgreSQL server binaries not found")
    return server.create_database(f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each supported kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'qmcrawl.db'}"
    return _postgres_url(request.getfixturevalue("postgres"))


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """`qmcrawl ARGS` in its own process, as a user runs it (a crawl owns its process's reactor)."""
    full_env = {
        k: v for k, v in os.environ.items() if k not in _PROXY_VARS and not k.startswith("QMCRAWL_")
    }
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "qmcrawl", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
