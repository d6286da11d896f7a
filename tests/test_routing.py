"""One setting sends every request, the browser's included, to the replica; URLs stay real."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qmcrawl.replica import ReplicaServer
from tests.conftest import ROOT, in_ci


@pytest.mark.browser
def test_routing_sends_browser_and_plain_requests_to_the_replica(
    replica: ReplicaServer, tmp_path: Path
) -> None:
    if shutil.which("chromium") is None:
        if in_ci():
            pytest.fail("chromium not found, and CI=true requires it", pytrace=False)
        pytest.skip("chromium not installed")
    out = tmp_path / "items.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(
        {
            "QMCRAWL_REPLICA_URL": replica.url,
            "QMCRAWL_DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}",
        }
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "runspider",
            "tests/probes/render_probe.py",
            "-O",
            f"{out}:jsonlines",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    items = {
        item["kind"]: item for item in map(json.loads, out.read_text(encoding="utf-8").splitlines())
    }
    # The page's script and its JSON request were served by the replica: the
    # rendered text exists nowhere else.
    assert items["rendered"]["pages"] == ["第一页：质量月活动启动。", "第二页：各地积极参与。"]
    assert items["rendered"]["url"] == "https://render.example.org/"
    assert "playwright" in items["rendered"]["flags"]
    assert items["plain"] == {
        "kind": "plain",
        "url": "https://plain.example.org/new.html",
        "text": "<p>new home</p>",
        "flags": [],
    }
