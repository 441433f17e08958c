"""Dates as a page prints them next to its byline, in any language.

Everything here returns ``None`` rather than raising on bad input.

Machine-readable dates (ISO 8601, RFC 2822, epoch) and English written dates are read by
the small parsers below.  Dates as a page prints them next to its byline
(:func:`parse_visible_date`: "02.03.2026", "2 mars 2026", "2026年3月2日", "3/9(木) 18:45",
"vor 3 Stunden") go to **dateparser**, chosen over python-dateutil and htmldate:

* dateparser knows month names, numeric day/month order and relative phrases for about
  200 locales ("02.03.2026" is 2 March for ``de``/``ru``/``fr``, "03/02/2026" is 2 March
  for ``en-US``), reads CJK ``年月日`` forms, keeps a written offset ("PST", "+01:00"),
  resolves "hace 2 días" against a reference time it is given, and says which parts the
  text held (``DateData.parts``), so a date without a year is told apart from one with.
  Its cost is start-up: importing it takes about 0.1 s and the first date in a language
  another 0.1 s (its locale data), so it is imported lazily, only when a page's date is
  printed text and none of the fast parsers here read it; ``provenance --version`` and
  pages with machine-readable dates never load it.
* python-dateutil is fast but reads English month names only, has no relative dates and
  no CJK forms, and takes only a global day-first switch.
* htmldate finds a date in a whole page with its own heuristics (lxml, about 0.2 s to
  import): it returns a day without the time or the offset, has no relative dates, and
  would duplicate the metadata reading that :mod:`.metadata` already does.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any

from provenance.extract.dates import parse_exact, parse_written, year_ok
from provenance.extract.thai_dates import common_era

log = logging.getLogger(__name__)

#: Longest text :func:`parse_visible_date` reads: a byline line, not a paragraph.
MAX_VISIBLE_CHARS = 200
#: A printed date this long after the reference (capture) time is not believed.
_FUTURE_SLACK = timedelta(days=1)

# Pieces of one byline line: "By Jane Doe | 2 mars 2026 · 14:30".
_SEGMENT_SPLIT_RE = re.compile(r"\s*[|·•\n]\s*|\s+[-–—]\s+")
# A time after a date's last figure, set off as a piece of its own ("14.03.2024 - 16:42",
# "2 mars 2026 · 14:30"): the separator is dropped so the two are read as one date.
_TIME_AFTER_DATE_RE = re.compile(
    r"(?<=\d)(?:\s*[|·•]\s*|\s+[-–—]\s+)(?=\d{1,2}\s?(?::|h\s?)\d{2}(?!\d))"
)
# A time written with an "h" between hours and minutes ("10h05", "14 h 05": French,
# Portuguese), in the colon form dateparser reads.
_H_TIME_RE = re.compile(r"(?<![\d:])(\d{1,2})\s?h\s?(\d{2})(?![\d:])")
# A label before the date saying the page was updated, not published ("最終更新:3/9(木)").
_UPDATED_RE = re.compile(
    r"updated|modified|aktualisiert|geändert|mis à jour|actualisé|modifié|"
    r"actualizado|modificado|atualizado|aggiornat|bijgewerkt|zaktualizowan|güncellen|"
    r"обновлен|изменен|更新|수정|تحديث|อัปเดต|อัพเดท|แก้ไข|cập nhật|diperbarui|diperbaharui",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_LAST_DIGIT_RE = re.compile(r"\d(?!.*\d)", re.DOTALL)
# What may follow a date's last digit and still belong to it: "7:11 AM PST", "14:30 +01:00".
_DATE_END_RE = re.compile(
    r"(?i:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?\b|\s*[A-Z]{2,5}\b)?"
)

# dateparser: which of its parsers run, and which parts the text must hold, per mode.
_ABSOLUTE, _RELATIVE, _YEARLESS = "absolute", "relative", "yearless"
_MODE_SETTINGS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        _ABSOLUTE: {"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]},
        _RELATIVE: {"PARSERS": ["relative-time"]},
        _YEARLESS: {
            "PARSERS": ["absolute-time"],
            "REQUIRE_PARTS": ["day", "month"],
            "PREFER_DATES_FROM": "past",
        },
    }
)


def _plain_offset(value: datetime) -> datetime:
    """``value`` with dateparser's pytz-style zone replaced by a fixed :class:`timezone`."""
    offset = value.utcoffset()
    if offset is None:
        return value.replace(tzinfo=None)
    return value.replace(tzinfo=timezone(offset))


# With no page language, the script of the date's words picks the languages tried
# (dateparser's own detection loads every one of its 200 languages, seconds of start-up).
_SCRIPT_LANGUAGES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"[\u3040-\u30ff]"), ("ja",)),
    (re.compile(r"[\uac00-\ud7af]"), ("ko",)),
    (re.compile(r"[\u4e00-\u9fff]"), ("zh", "ja")),
    (re.compile(r"[\u0400-\u04ff]"), ("ru", "uk")),
    (re.compile(r"[\u0600-\u06ff]"), ("ar", "fa")),
    (re.compile(r"[\u0370-\u03ff]"), ("el",)),
    (re.compile(r"[\u0590-\u05ff]"), ("he",)),
    (re.compile(r"[\u0e00-\u0e7f]"), ("th",)),
)


def _guess_locales(text: str) -> tuple[str, ...]:
    for pattern, languages in _SCRIPT_LANGUAGES:
        if pattern.search(text):
            return (*languages, "en")
    return ("en",)


@functools.lru_cache(maxsize=128)
def _locales(lang: str | None) -> tuple[str, ...] | None:
    """dateparser locales for an HTML ``lang`` ("de-DE" → de, en; "en-AU" → en-AU).

    The page's own locale comes first, so it decides the numeric day/month order; English
    is tried second for site furniture ("Updated 2 hours ago") on non-English pages.
    ``None`` when ``lang`` is missing or unknown to dateparser.
    """
    if not lang:
        return None
    from dateparser.data.languages_info import language_locale_dict  # lazy: slow import

    parts = [p for p in re.split(r"[-_]", lang.strip()) if p]
    if not parts:
        return None
    base = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next(
        (
            p.upper()
            for p in parts[1:]
            if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())
        ),
        None,
    )
    language = f"{base}-{script}" if f"{base}-{script}" in language_locale_dict else base
    if language not in language_locale_dict:
        return None
    regional = f"{language}-{region}"
    locale = regional if region and regional in language_locale_dict[language] else language
    return (locale,) if language == "en" else (locale, "en")


# A numeric date written with dots ("02.03.2026") is day first wherever it is written.
_DOTTED_DATE_RE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b")


@functools.lru_cache(maxsize=64)
def _numeric_order(locale: str) -> str | None:
    """The day/month order of ``locale``'s numeric dates ("DMY" for ``pt``), if it has one."""
    from dateparser.languages.loader import default_loader  # lazy: see the docstring

    try:
        order = default_loader.get_locale(locale).info.get("date_order")
    except Exception:  # an unknown locale: keep each locale's own order
        return None
    # Year-first locales read "12/31" as month/day; forcing their YMD order on every
    # locale would read it as year/month.  A year-first date has an unambiguous year.
    return str(order) if order in ("DMY", "MDY") else None


def _date_order(segment: str, lang: str | None, locales: tuple[str, ...]) -> str | None:
    """The numeric order every locale tried must read: the page's own, so the English
    fallback does not turn a Brazilian "02/03/2026 14h05" into 3 February; day first
    for a dotted date on a page that gives no language.  None: each locale's own."""
    if _locales(lang):
        return _numeric_order(locales[0])
    return "DMY" if _DOTTED_DATE_RE.search(segment) else None


@functools.lru_cache(maxsize=64)
def _date_parser(
    locales: tuple[str, ...], mode: str, base: datetime | None, order: str | None = None
) -> Any:
    from dateparser.date import DateDataParser  # lazy: see the module docstring

    settings: dict[str, Any] = {"PREFER_LOCALE_DATE_ORDER": True, **_MODE_SETTINGS[mode]}
    if order is not None:
        settings.update(PREFER_LOCALE_DATE_ORDER=False, DATE_ORDER=order)
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(locales=list(locales), use_given_order=True, settings=settings)


def _dateparser_date(
    text: str,
    locales: tuple[str, ...],
    mode: str,
    base: datetime | None,
    order: str | None = None,
) -> datetime | None:
    try:
        data = _date_parser(locales, mode, base, order).get_date_data(text)
    except Exception as exc:  # third-party code on arbitrary page text: no date, no crash
        log.debug("dateparser failed on %r: %r", text, exc)
        return None
    found = data.date_obj if data is not None else None
    if not isinstance(found, datetime):
        return None
    if mode == _YEARLESS and "year" in (getattr(data, "parts", None) or ()):
        return None  # a written year: the absolute mode's business
    return _plain_offset(found)


def _not_after(found: datetime, reference: datetime | None) -> bool:
    if reference is None:
        return True
    if (found.tzinfo is None) != (reference.tzinfo is None):
        found, reference = found.replace(tzinfo=None), reference.replace(tzinfo=None)
    return found <= reference + _FUTURE_SLACK


def _segment_date(
    segment: str, first_digit: int, lang: str | None, reference: datetime | None
) -> datetime | None:
    last = _LAST_DIGIT_RE.search(segment)
    end = last.end() if last is not None else len(segment)
    zone = _DATE_END_RE.match(segment, end)
    end = zone.end() if zone is not None else end
    # The whole piece, from its first digit on ("Publié le 2 mars 2026"), and from the
    # first digit to the end of the last number ("3 May 2024 10:15 AM PST by Jane Doe").
    variants = tuple(
        dict.fromkeys(
            v.strip(" ,:;") for v in (segment, segment[first_digit:], segment[first_digit:end])
        )
    )
    for variant in variants:
        found = parse_exact(variant)
        if found is not None:
            return found
    locales = _locales(lang) or _guess_locales(segment)
    order = _date_order(segment, lang, locales)
    for variant in variants:
        found = _dateparser_date(variant, locales, _ABSOLUTE, None, order)
        if found is not None:
            return found
    for variant in variants:
        found = parse_written(variant)  # English forms dateparser leaves ("Sept. 14, 2023")
        if found is not None:
            return found
    if reference is None:
        return None  # relative and year-less dates need the capture time: not guessed
    base = reference.replace(tzinfo=None)
    for variant in variants[:2]:
        found = _dateparser_date(variant, locales, _RELATIVE, base, order)
        if found is not None:
            return found.replace(tzinfo=reference.tzinfo)  # counted from the capture
    # A year-less date is in the past of the capture, within the same slack as
    # _not_after: "3/9(木) 18:45" Japan time, captured at 12:00 UTC on 9 March, is that
    # day, not a year before (the page's clock is not UTC, the capture's is).
    for variant in variants[:2]:
        found = _dateparser_date(variant, locales, _YEARLESS, base + _FUTURE_SLACK, order)
        if found is not None:
            return found
    return _cjk_month_day(segment, base + _FUTURE_SLACK)


# "12月31日 10:00": dateparser 1.5 reads a two-digit month of this form as a year
# ("12月30日 18:45" -> 2012-01-30), so a year-less CJK date is read here.
_CJK_MONTH_DAY_RE = re.compile(
    r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*[(（][^)）]{1,3}[)）])?"
    r"(?:\s*(\d{1,2})\s*[:：時时]\s*(\d{2}))?"
)


def _cjk_month_day(segment: str, latest: datetime) -> datetime | None:
    """A year-less "M月D日 [HH:MM]" date: the latest such day not after ``latest``."""
    m = _CJK_MONTH_DAY_RE.search(segment)
    if m is None or "年" in segment[: m.start()]:
        return None  # a written year is the absolute mode's business
    month, day = int(m.group(1)), int(m.group(2))
    hour, minute = (int(m.group(3)), int(m.group(4))) if m.group(3) else (0, 0)
    for year in (latest.year, latest.year - 1):
        try:
            found = datetime(year, month, day, hour, minute)
        except ValueError:
            continue  # no such day (or 29 February of a common year)
        if found <= latest:
            return found
    return None


def parse_visible_date(
    text: object, lang: str | None = None, reference: datetime | None = None
) -> datetime | None:
    """The date in a short printed text next to a byline, in the page's language.

    ``lang`` is the page's language tag (``<html lang>``); it sets the numeric order, so
    "02.03.2026" is 2 March for ``de`` and "3/9(木)" is 9 March for ``ja``.  ``reference``
    is when the page was captured: relative dates ("2 hours ago", "vor 3 Stunden",
    "hace 2 días") and dates without a year ("3/9(木) 18:45") are read against it, and
    without it they give ``None``.  A date labelled as an update ("Updated …",
    "最終更新") is skipped, and so is one after ``reference``.  An offset in the text
    is kept.  ``None`` for anything else; never raises.
    """
    if not isinstance(text, str) or len(text) > MAX_VISIBLE_CHARS:
        return None
    text = _H_TIME_RE.sub(r"\1:\2", _TIME_AFTER_DATE_RE.sub(" ", text))
    for piece in _SEGMENT_SPLIT_RE.split(text):
        segment = common_era(" ".join(piece.split()))  # Thai: Buddhist Era years
        first = _DIGIT_RE.search(segment)
        if first is None or _UPDATED_RE.search(segment[: first.start()]):
            continue
        found = _segment_date(segment, first.start(), lang, reference)
        if found is not None and year_ok(found.year) and _not_after(found, reference):
            return found
    return None


__all__ = ["MAX_VISIBLE_CHARS", "parse_visible_date"]
