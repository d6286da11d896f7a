"""Settings are parsed once into a frozen Config; bad values fail at start-up with one message."""

from __future__ import annotations

import dataclasses

import pytest
from scrapy.settings import Settings

from qmcrawl.config import Config, ConfigError
from qmcrawl.crawl import project_settings


def test_config_defaults_come_from_the_settings_module() -> None:
    config = Config.from_settings(project_settings())
    assert config.database_url == "sqlite:///qmcrawl.db"
    assert config.replica_url == ""
    assert config.max_page_bytes == 10 * 1024 * 1024
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.database_url = "x"  # type: ignore[misc]


def test_config_accepts_a_replica_address_with_or_without_slash() -> None:
    config = Config.from_settings(
        Settings(
            {"QMCRAWL_DATABASE_URL": "sqlite://", "QMCRAWL_REPLICA_URL": " http://127.0.0.1:8765/ "}
        )
    )
    assert config.replica_url == "http://127.0.0.1:8765"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"QMCRAWL_DATABASE_URL": ""}, "QMCRAWL_DATABASE_URL is empty"),
        (
            {"QMCRAWL_DATABASE_URL": "sqlite://", "QMCRAWL_EXTRACT_ENABLED": False},
            "switch QMCRAWL_EXTRACT_ENABLED back on",
        ),
        (
            {"QMCRAWL_DATABASE_URL": "sqlite://", "QMCRAWL_REPLICA_URL": "127.0.0.1:8765"},
            "must look like http://127.0.0.1:8765",
        ),
        (
            {"QMCRAWL_DATABASE_URL": "sqlite://", "QMCRAWL_REPLICA_URL": "https://127.0.0.1:8765"},
            "must look like",
        ),
        (
            {
                "QMCRAWL_DATABASE_URL": "sqlite://",
                "QMCRAWL_REPLICA_URL": "http://127.0.0.1:8765/sub",
            },
            "must look like",
        ),
    ],
)
def test_config_rejects_unusable_values(values: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.from_settings(Settings(values))


def test_project_settings_switch_off_listening_extensions_and_obey_robots() -> None:
    settings = project_settings()
    extensions = settings.getdict("EXTENSIONS")
    assert extensions["scrapy.extensions.remote_control.RemoteControl"] is None
    assert extensions["scrapy.extensions.telnet.TelnetConsole"] is None
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    assert "qmcrawl" in settings.get("USER_AGENT")
    stages = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
    assert [name.rsplit(".", 1)[-1] for name, _ in stages] == [
        "DecodePipeline",
        "ExtractPipeline",
        "RepairPipeline",
        "RelevancePipeline",
        "DedupePipeline",
        "StorePipeline",
    ]
