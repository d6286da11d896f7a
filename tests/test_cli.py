"""The qmcrawl command as a user meets it: readable output, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from qmcrawl import __version__
from qmcrawl.cli import cli
from tests.conftest import ROOT, run_cli
from tests.expected import expected_articles
from tests.servers import free_port

ARTICLES = expected_articles("www.cqn.com.cn")


def assert_one_line_error(done, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    assert fragment in lines[0]


def test_cli_unknown_spider(tmp_path: Path) -> None:
    done = run_cli("crawl", "nosuch", "--db", f"sqlite:///{tmp_path / 'q.db'}")
    assert_one_line_error(done, "unknown spider 'nosuch' (known: cqn)")
    assert not (tmp_path / "q.db").exists()


def test_cli_replica_not_running(tmp_path: Path) -> None:
    done = run_cli(
        "crawl", "cqn", "--db", f"sqlite:///{tmp_path / 'q.db'}", "--replica", "http://127.0.0.1:9"
    )
    assert_one_line_error(done, "no replica server answers at http://127.0.0.1:9")
    assert not (tmp_path / "q.db").exists()


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("sqlite:////nonexistent/folder/q.db", "folder /nonexistent/folder does not exist"),
        ("oracle://x@y/z", "unsupported database 'oracle'"),
        (
            "postgresql+psycopg://qm:hunter2@127.0.0.1:1/qm",
            "cannot open postgresql+psycopg://qm:***@127.0.0.1:1/qm",
        ),
    ],
)
def test_cli_database_that_cannot_be_opened(url: str, fragment: str) -> None:
    done = run_cli("reports", "--db", url)
    assert_one_line_error(done, fragment)
    assert "hunter2" not in done.stderr


def test_cli_reports_on_a_database_never_created(tmp_path: Path) -> None:
    done = run_cli("reports", "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert_one_line_error(done, "has no qmcrawl schema: run `qmcrawl db upgrade`")


def test_cli_db_upgrade_creates_then_is_a_no_op(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'q.db'}"
    first = run_cli("db", "upgrade", "--db", url)
    again = run_cli("db", "upgrade", "--db", url)
    assert first.returncode == 0 and "schema none → 0001_initial" in first.stdout
    assert again.returncode == 0 and "schema 0001_initial → 0001_initial" in again.stdout


def test_cli_bad_setting_override(tmp_path: Path) -> None:
    done = run_cli("crawl", "cqn", "-s", "NOEQUALS", "--db", f"sqlite:///{tmp_path / 'q.db'}")
    assert done.returncode == 2 and "NAME=VALUE" in done.stderr and "Traceback" not in done.stderr


def test_cli_demo_stores_the_replicas_and_twice_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    first = run_cli("demo", "--db", url)
    assert first.returncode == 0, first.stderr[-3000:]
    for article in ARTICLES:
        if article.quality_month:
            assert article.published_date.isoformat() in first.stdout
    assert f"{len(ARTICLES)} documents, {len(ARTICLES)} versions" in first.stdout
    assert str(tmp_path / "demo.db") in first.stdout
    second = run_cli("demo", "--db", url)
    assert second.returncode == 0, second.stderr[-3000:]
    assert f"{len(ARTICLES)} documents, {len(ARTICLES)} versions" in second.stdout

    listed = run_cli("reports", "--db", url, "--json", "--all")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(r["url"], r["title"]) for r in rows} == {(a.url, a.title) for a in ARTICLES}


@pytest.mark.parametrize(
    "command", [["demo"], ["crawl"], ["reports"], ["db", "upgrade"], ["replica", "serve"]]
)
def test_cli_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_cli_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_cli_replica_serve_answers_for_the_real_site_until_stopped() -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    server = subprocess.Popen(
        [sys.executable, "-m", "qmcrawl", "replica", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()  # printed once the socket is listening
        assert f"www.cqn.com.cn at http://127.0.0.1:{port}" in banner
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(
            f"http://127.0.0.1:{port}/www.cqn.com.cn/zlyzt/node_7123.htm", timeout=10
        ) as answer:
            assert answer.status == 200
            assert "质量月专题" in answer.read().decode("utf-8")
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_cli_replica_serve_on_a_busy_port_is_one_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = run_cli("replica", "serve", "--port", str(busy.getsockname()[1]))
    assert_one_line_error(done, "cannot listen on 127.0.0.1:")


def test_cli_contradictory_settings_fail_before_crawling(tmp_path: Path) -> None:
    done = run_cli(
        "crawl",
        "cqn",
        "-s",
        "QMCRAWL_DEDUPE_ENABLED=False",
        "--db",
        f"sqlite:///{tmp_path / 'q.db'}",
    )
    assert_one_line_error(done, "the store stage needs DECODE, EXTRACT, DEDUPE")
    assert not (tmp_path / "q.db").exists()
