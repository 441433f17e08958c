"""Date parsing for metadata: ISO 8601, RFC 2822, written dates, URL dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from provenance.extract.dates import date_from_url, parse_date, written_date_start

PLUS2 = timezone(timedelta(hours=2))
MINUS5 = timezone(timedelta(hours=-5))
PLUS0530 = timezone(timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-03T10:15:00+02:00", datetime(2024, 5, 3, 10, 15, tzinfo=PLUS2)),
        ("2024-05-03T10:15:00+0200", datetime(2024, 5, 3, 10, 15, tzinfo=PLUS2)),
        ("2024-05-03T10:15+05:30", datetime(2024, 5, 3, 10, 15, tzinfo=PLUS0530)),
        ("2024-05-03T10:15:00Z", datetime(2024, 5, 3, 10, 15, tzinfo=UTC)),
        ("2024-05-03T10:15:00.123456789Z", datetime(2024, 5, 3, 10, 15, 0, 123456, tzinfo=UTC)),
        ("2024-05-03T10:15:00,5-05:00", datetime(2024, 5, 3, 10, 15, 0, 500000, tzinfo=MINUS5)),
        ("2024-05-03 10:15:00", datetime(2024, 5, 3, 10, 15)),
        ("2024-05-03T10:15:00", datetime(2024, 5, 3, 10, 15)),
        ("  2024-05-03  ", datetime(2024, 5, 3)),
        ("20240503", datetime(2024, 5, 3)),
        ("20240503T101500Z", datetime(2024, 5, 3, 10, 15, tzinfo=UTC)),
        ("2024-05-03 10:15:00 UTC", datetime(2024, 5, 3, 10, 15, tzinfo=UTC)),
    ],
)
def test_iso_8601(text: str, expected: datetime) -> None:
    got = parse_date(text)
    assert got == expected
    assert (got.tzinfo is None) == (expected.tzinfo is None) if got else False


def test_offset_is_kept_not_converted() -> None:
    got = parse_date("2024-05-03T10:15:00+02:00")
    assert got is not None
    assert got.hour == 10
    assert got.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fri, 03 May 2024 10:15:00 +0200", datetime(2024, 5, 3, 10, 15, tzinfo=PLUS2)),
        ("Fri, 03 May 2024 10:15:00 GMT", datetime(2024, 5, 3, 10, 15, tzinfo=UTC)),
        ("3 May 2024 10:15:00 -0500", datetime(2024, 5, 3, 10, 15, tzinfo=MINUS5)),
    ],
)
def test_rfc_2822(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 3, 2024", datetime(2024, 5, 3)),
        ("Friday, May 3rd 2024", datetime(2024, 5, 3)),
        ("Sept. 14, 2023 at 4:05 pm", datetime(2023, 9, 14, 16, 5)),
        ("3 May 2024 10:15", datetime(2024, 5, 3, 10, 15)),
        ("12 December 2022, 12:30 a.m.", datetime(2022, 12, 12, 0, 30)),
    ],
)
def test_written_dates(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


def test_epoch_timestamps() -> None:
    assert parse_date("1714731300") == datetime(2024, 5, 3, 10, 15, tzinfo=UTC)
    assert parse_date("1714731300000") == datetime(2024, 5, 3, 10, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "yesterday",
        "not a date, really",
        "0001-01-01T00:00:00Z",
        "9999-12-31",
        "1800-01-01",
        "2024-13-01",
        "2024-02-30",
        "2024-05-03T25:00:00",
        "2024-05-03T10:15:00+99:00",
        "2024-05-03 and some more words after it",
        "x" * 500,
    ],
)
def test_rejects_junk_and_absurd_years(text: str) -> None:
    assert parse_date(text) is None


def test_non_strings() -> None:
    assert parse_date(None) is None
    assert parse_date(20240503) is None
    assert parse_date(["2024-05-03"]) is None
    assert parse_date(datetime(2024, 5, 3)) == datetime(2024, 5, 3)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2024/05/03/slug-here/", datetime(2024, 5, 3)),
        ("https://news.example/world/2024/5/3/slug", datetime(2024, 5, 3)),
        ("https://news.example/2024-05-03-slug.html", datetime(2024, 5, 3)),
        ("https://news.example/story_2024_05_03.html", datetime(2024, 5, 3)),
        ("https://news.example/article/20240503/SECTION/123456/slug", datetime(2024, 5, 3)),
        ("/2019/12/31/relative-path", datetime(2019, 12, 31)),
    ],
)
def test_date_from_url(url: str, expected: datetime) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://news.example/",
        "https://news2024.example/politics/story",
        "https://news.example/2024/13/45/bad-date",
        "https://news.example/article/123456789012/slug",
        "https://20240503.example/",
    ],
)
def test_date_from_url_none(url: str | None) -> None:
    assert date_from_url(url) is None


def test_written_date_start() -> None:
    assert written_date_start("Jane Doe March 3, 2024 10:15 AM") == len("Jane Doe ")
    assert written_date_start("Jane Doe, 2024-03-03") == len("Jane Doe, ")
    assert written_date_start("Jane Doe") is None
