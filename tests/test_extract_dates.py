"""Publication dates as the target sites print them; values written from the strings by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from qmcrawl.extract import BEIJING, parse_published


@pytest.mark.parametrize(
    ("text", "day", "moment"),
    [
        (
            "作者:admin  發表時間:2015/8/24 12:55:35  點擊:21327",
            date(2015, 8, 24),
            datetime(2015, 8, 24, 12, 55, 35, tzinfo=BEIJING),
        ),
        ("2011.9.21", date(2011, 9, 21), None),
        (
            "发布时间：2017-09-01 10:23",
            date(2017, 9, 1),
            datetime(2017, 9, 1, 10, 23, tzinfo=BEIJING),
        ),
        ("2017年9月1日", date(2017, 9, 1), None),
        (
            "２０１９年９月２日　０８：３０",
            date(2019, 9, 2),
            datetime(2019, 9, 2, 8, 30, tzinfo=BEIJING),
        ),
        ("第2017-13-45号 2016-09-30", date(2016, 9, 30), None),  # an impossible date is skipped
    ],
)
def test_parse_published_reads_every_site_format(
    text: str, day: date, moment: datetime | None
) -> None:
    found = parse_published(text)
    assert found is not None
    assert found.date == day
    assert found.time == moment


def test_parse_published_month_day_needs_the_pages_year() -> None:
    assert parse_published("9月1日，活动启动") is None
    found = parse_published("9月1日，活动启动", year_hint=2016)
    assert found is not None and found.date == date(2016, 9, 1)


def test_parse_published_finds_nothing_in_text_without_a_date() -> None:
    assert parse_published("点击：21327 次") is None
