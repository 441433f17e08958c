"""Publication dates printed beside the byline, in many languages (tests/data/extract/dates/)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.extract import extract
from provenance.extract.byline import byline_date_texts
from provenance.extract.printed_dates import parse_visible_date
from provenance.model import Page

DATA = Path(__file__).resolve().parents[1] / "data" / "extract" / "dates"
CASES = [json.loads(line) for line in (DATA / "cases.jsonl").read_text("utf-8").splitlines()]
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _reference(case: dict[str, Any]) -> datetime | None:
    ref = case.get("reference")
    return datetime.fromisoformat(ref) if ref else None


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_printed_publication_date(case: dict[str, Any]) -> None:
    page = Page(
        content=(DATA / case["file"]).read_bytes(),
        url=case.get("url"),
        source=case["file"],
        fetched_at=_reference(case),
    )
    published = extract(page).published
    assert (published.isoformat() if published else None) == case["published"]


def test_fixtures_cover_eight_languages() -> None:
    langs = set()
    for case in CASES:
        html = (DATA / case["file"]).read_text("utf-8")
        root = HTMLParser(html).root
        lang = root.attributes.get("lang") if root is not None else None
        langs.add((lang or "").split("-")[0])
    assert len(langs - {""}) >= 8, langs


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("02.03.2026", "de", datetime(2026, 3, 2)),
        ("02.03.2026", "ru", datetime(2026, 3, 2)),
        ("02/03/2026", "fr", datetime(2026, 3, 2)),
        ("02/03/2026", "en-GB", datetime(2026, 3, 2)),
        ("03/02/2026", "en-US", datetime(2026, 3, 2)),
        ("03/02/2026", "en", datetime(2026, 3, 2)),
        # the page's order holds when only the English fallback reads the text ("14h05")
        ("02/03/2026 14h05", "pt-BR", datetime(2026, 3, 2, 14, 5)),
        ("02/03/2026 14h05", "fr", datetime(2026, 3, 2, 14, 5)),
        # a dotted date is day first, on a page that gives no language too
        ("02.03.2026", None, datetime(2026, 3, 2)),
        ("Stand: 02.03.2026, 14:05 Uhr", None, datetime(2026, 3, 2, 14, 5)),
        ("2 mars 2026", "fr", datetime(2026, 3, 2)),
        # a time set off from its date by a separator is the date's ("By X | date · time")
        ("czw., 02.03.2026 - 14:05", "pl", datetime(2026, 3, 2, 14, 5)),
        ("02/03/2026 - 14:05", "ar", datetime(2026, 3, 2, 14, 5)),
        ("02.03.26 | 14:05", "he", datetime(2026, 3, 2, 14, 5)),
        ("Par Léa Marin | 2 mars 2026 · 14 h 05", "fr", datetime(2026, 3, 2, 14, 5)),
        ("March 2, 2026 | 2:05 PM", "en", datetime(2026, 3, 2, 14, 5)),
        ("02/03/2026 às 14h05", "pt", datetime(2026, 3, 2, 14, 5)),
        ("2026-03-02 – 14:05", None, datetime(2026, 3, 2, 14, 5)),
        ("Montag, 2. März 2026, 14:30 Uhr", "de-DE", datetime(2026, 3, 2, 14, 30)),
        ("2 de marzo de 2026", "es", datetime(2026, 3, 2)),
        ("2 марта 2026, 14:30", "ru", datetime(2026, 3, 2, 14, 30)),
        ("2026年3月2日", "ja", datetime(2026, 3, 2)),
        ("2026年3月2日 18:45", "zh-Hans", datetime(2026, 3, 2, 18, 45)),
        ("2016年10月14日07:17", None, datetime(2016, 10, 14, 7, 17)),
        ("2026년 3월 2일 18:45", "ko", datetime(2026, 3, 2, 18, 45)),
        ("於 2013/12/28 10:28", "zh-TW", datetime(2013, 12, 28, 10, 28)),
        ("Tuesday 15 October 2019 by Ada Quill", "en", datetime(2019, 10, 15)),
        ("3/09/15 8:00am", "en-US", datetime(2015, 3, 9, 8, 0)),
        ("2026-03-02T14:30:00Z", "de", datetime(2026, 3, 2, 14, 30, tzinfo=UTC)),
        # Thai: Buddhist Era years (543 ahead), abbreviated months, the era mark, "น."
        ("2 มีนาคม 2569", "th", datetime(2026, 3, 2)),
        ("2 มี.ค. 2569 14:30 น.", "th", datetime(2026, 3, 2, 14, 30)),
        ("2 มี.ค. 69", None, datetime(2026, 3, 2)),
        ("วันจันทร์ที่ 2 มีนาคม พ.ศ. 2569", "th", datetime(2026, 3, 2)),
        ("31 ต.ค. 2567", "th", datetime(2024, 10, 31)),
        ("เผยแพร่ 12 ธ.ค. 2568", "th-TH", datetime(2025, 12, 12)),
    ],
)
def test_parse_visible_date(text: str, lang: str | None, expected: datetime) -> None:
    assert parse_visible_date(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "offset"),
    [
        ("02.03.2026 14:30 +01:00", "de", timedelta(hours=1)),
        ("March 2, 2026 2:30 PM EST", "en", timedelta(hours=-5)),
        ("2/26/2015 7:11 AM PST by the news desk", "en-US", timedelta(hours=-8)),
        ("2 March 2026 14:30 GMT", "en-GB", timedelta(0)),
    ],
)
def test_offsets_are_kept(text: str, lang: str, offset: timedelta) -> None:
    found = parse_visible_date(text, lang)
    assert found is not None
    assert found.utcoffset() == offset
    assert isinstance(found.tzinfo, timezone)  # a plain offset, not a pytz zone


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2 hours ago", "en", datetime(2026, 3, 10, 10, 0, tzinfo=UTC)),
        ("vor 3 Stunden", "de", datetime(2026, 3, 10, 9, 0, tzinfo=UTC)),
        ("hace 2 días", "es", datetime(2026, 3, 8, 12, 0, tzinfo=UTC)),
        ("il y a 2 jours", "fr", datetime(2026, 3, 8, 12, 0, tzinfo=UTC)),
        ("2時間前", "ja", datetime(2026, 3, 10, 10, 0, tzinfo=UTC)),
        ("2 hours ago", "de", datetime(2026, 3, 10, 10, 0, tzinfo=UTC)),  # English chrome
        ("3/9(木) 18:45", "ja", datetime(2026, 3, 9, 18, 45)),  # year from the reference
        ("3/11(水) 18:45", "ja", datetime(2025, 3, 11, 18, 45)),  # never in the future
        # later on the capture's day by the page's clock (20:00 in Japan is 11:00 UTC)
        ("3/10(火) 20:00", "ja", datetime(2026, 3, 10, 20, 0)),
        ("12/31 18:00", "ja", datetime(2025, 12, 31, 18, 0)),  # month/day, last year
        ("31.12. 18:00", "de", datetime(2025, 12, 31, 18, 0)),
        # CJK month and day: a two-digit month with a time was read as a year
        ("12月31日 18:00", "zh", datetime(2025, 12, 31, 18, 0)),
        ("发布于 12月30日 09:15", "zh-CN", datetime(2025, 12, 30, 9, 15)),
        ("12月30日(火) 18:45", "ja", datetime(2025, 12, 30, 18, 45)),
        ("3月9日 08:00", None, datetime(2026, 3, 9, 8, 0)),
    ],
)
def test_relative_and_yearless_dates_use_the_reference(
    text: str, lang: str, expected: datetime
) -> None:
    assert parse_visible_date(text, lang, NOON) == expected
    assert parse_visible_date(text, lang) is None  # no capture time: not guessed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "By Jane Doe",
        "By Jane Doe | 3 comments",
        "Room 101",
        "12",
        "2024",
        "99/99/9999 ??:??",
        "Updated 2 hours ago",
        "Aktualisiert am 03.03.2026",
        "最終更新:3/9(木) 18:45",
        "อัปเดต 3 มี.ค. 69 10:30 น.",
        "in 3 Tagen",
        "1714731300",
        "x" * 300,
        "\x00\ufffd\u202e 2026",
    ],
)
def test_not_a_publication_date(text: str) -> None:
    assert parse_visible_date(text, "de", NOON) is None


def test_non_strings_and_unknown_languages() -> None:
    assert parse_visible_date(None) is None
    assert parse_visible_date(20260302) is None
    assert parse_visible_date("02.03.2026", "x-klingon-1") is not None
    assert parse_visible_date("02.03.2026", "") is not None


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("0123456789./:-年月日時分() aAmMpPhr中T+Z"), max_size=40),
    lang=st.sampled_from([None, "en", "de", "ja", "fr-CA", "zz"]),
)
def test_never_raises(text: str, lang: str | None) -> None:
    found = parse_visible_date(text, lang, NOON)
    assert found is None or isinstance(found, datetime)


def test_body_dates_are_never_candidates() -> None:
    html = (DATA / "en_body_date_only.html").read_text("utf-8")
    assert byline_date_texts(HTMLParser(html)) == ()


def test_a_headline_in_a_column_named_like_a_sidebar_still_has_its_date() -> None:
    """Some sites name their main column "sidebar-1": the headline is found by the
    page's title there, and the date printed under it is read; a sidebar's own date
    beside a headline the title does not hold is not."""
    page = """<html lang="vi"><head><title>Giá xăng giảm lần thứ ba - Báo Cảng</title></head>
    <body><div class="sidebar-1"><h1>Giá xăng giảm lần thứ ba</h1>
    <span class="date">Thứ năm, 5/3/2026, 15:05 (GMT+7)</span>
    <p>Giá xăng RON 95 giảm 320 đồng mỗi lít từ chiều nay, lần giảm thứ ba liên tiếp.</p>
    </div></body></html>"""
    assert byline_date_texts(HTMLParser(page)) == ("Thứ năm, 5/3/2026, 15:05 (GMT+7)",)
    found = extract(Page(content=page.encode("utf-8"))).published
    assert found == datetime(2026, 3, 5, 15, 5, tzinfo=timezone(timedelta(hours=7)))
    other = page.replace("<h1>Giá xăng giảm lần thứ ba</h1>", "<h1>Tin nổi bật hôm nay</h1>")
    assert byline_date_texts(HTMLParser(other)) == ()


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        (
            '<div class="story-date">Published June 4, 2026 at 9:15 a.m.</div>',
            datetime(2026, 6, 4, 9, 15),
        ),
        ('<p class="date">2026年6月4日 09時15分</p>', datetime(2026, 6, 4, 9, 15)),
    ],
)
def test_a_date_on_its_own_line_by_the_headline_when_the_byline_has_none(
    date_line: str, expected: datetime
) -> None:
    """A byline with no date beside it ("By A and B", in the story's own column) does not
    hide the date printed on its own line by the headline, above or below the byline."""
    story = (
        '<div class="story-body"><p>The ferry to the outer harbour will leave at half past'
        " the hour from Monday, the port authority said, and the last crossing of the day"
        " moves an hour later during the summer months.</p><p>Ticket prices stay the same"
        " until the autumn, when the authority will review them with the island councils"
        " and publish a new table of fares for residents and visitors.</p></div>"
    )
    byline = '<div class="story-byline">By Ana Ruiz and Tom Berg</div>'
    for layout in (date_line + byline, byline + date_line):
        page = (
            "<html><head><title>Harbour ferry timetable changes</title></head><body>"
            f"<article><h1>Harbour ferry timetable changes</h1>{layout}{story}</article>"
            "</body></html>"
        )
        assert extract(Page(content=page.encode("utf-8"))).published == expected, layout


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        # a paragraph under the headline that prints a year and a time is its date line
        (
            '<p class="text-muted small">Staff report · Posted Thursday, June 4, 2026 9:15 am</p>',
            "en",
            datetime(2026, 6, 4, 9, 15),
        ),
        # the dots of a date written with spaces end no sentence (Czech, Hungarian)
        (
            '<div class="info">Autor: <b>Jana Malá</b> | Publikováno: 4. 6. 2026 9:15</div>',
            "cs",
            datetime(2026, 6, 4, 9, 15),
        ),
        (
            '<div class="meta"><span>Kiss Anna</span> <span>2026. 06. 04. 09:15</span></div>',
            "hu",
            datetime(2026, 6, 4, 9, 15),
        ),
    ],
)
def test_a_date_line_under_the_headline(line: str, lang: str, expected: datetime) -> None:
    page = (
        f'<html lang="{lang}"><head><title>Harbour ferry timetable changes</title></head>'
        f"<body><main><h1>Harbour ferry timetable changes</h1>{line}"
        "<div class='text'><p>The ferry to the outer harbour will leave at half past the hour"
        " from Monday, the port authority said, and the last crossing of the day moves an"
        " hour later during the summer months.</p><p>Ticket prices stay the same until the"
        " autumn, when the authority will review them with the island councils and publish"
        " a new table of fares for residents and visitors.</p></div></main></body></html>"
    )
    assert extract(Page(content=page.encode("utf-8"))).published == expected


def test_a_standfirst_under_the_headline_is_no_date_line() -> None:
    """A paragraph under the headline with a time but no year, or with a sentence end,
    is the story's standfirst: its time is not the publication's."""
    for line in (
        "<p>Polls open at 07:00 and close at 21:00 across the region</p>",
        "<p>The vote ends on 4 June 2026. Counting starts at 21:00 in the town hall.</p>",
    ):
        page = (
            "<html lang='en'><head><title>Polling day</title></head><body><main>"
            f"<h1>Polling day in the harbour towns</h1>{line}<div class='text'><p>Voters"
            " in four harbour towns choose a new council, the first election since the"
            " boundaries were redrawn last year.</p><p>Ticket prices stay the same until"
            " the autumn, when the authority will review them with the island councils"
            " and publish a new table of fares.</p></div></main></body></html>"
        )
        assert extract(Page(content=page.encode("utf-8"))).published is None, line
