"""Date parsing for page metadata: ISO 8601, RFC 2822, written dates, URL dates, and the
dates printed next to a byline in any language.

Everything here returns ``None`` rather than raising on bad input.  A datetime is
timezone-aware when the text gives an offset (or ``Z``), naive otherwise.

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
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from types import MappingProxyType
from typing import Any

log = logging.getLogger(__name__)

#: Years outside this range are treated as junk (``0001-01-01``, ``9999-12-31`` ...).
MIN_YEAR = 1900
MAX_YEAR = 2100

_ISO_RE = re.compile(
    r"""
    (?P<y>\d{4})(?P<sep>-?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})
    (?:
        (?:[Tt]|\s+)
        (?P<H>\d{1,2})(?P<tsep>:?)(?P<M>\d{2})
        (?:(?P=tsep)(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?
        \s*(?P<tz>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?
    )?
    """,
    re.VERBOSE,
)

_MONTHS: Mapping[str, int] = MappingProxyType(
    {
        name: i
        for i, names in enumerate(
            (
                ("jan", "january"),
                ("feb", "february"),
                ("mar", "march"),
                ("apr", "april"),
                ("may",),
                ("jun", "june"),
                ("jul", "july"),
                ("aug", "august"),
                ("sep", "sept", "september"),
                ("oct", "october"),
                ("nov", "november"),
                ("dec", "december"),
            ),
            start=1,
        )
        for name in names
    }
)

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = (
    r"(?:[,\s]+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
# "May 3, 2024", "Friday, May 3 2024 10:15 am"
_MDY_RE = re.compile(
    rf"\b(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME}",
    re.IGNORECASE,
)
# "3 May 2024", "03. May 2024"
_DMY_RE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<mon>{_MONTH_ALT})\.?,?\s+(?P<y>\d{{4}}){_TIME}",
    re.IGNORECASE,
)

# URL dates: /2024/05/03/, /2024-05-03, 20240503 (bounded by non-digits).
_URL_DATE_RES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[^\d])"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{2})[-_.](\d{2})(?!\d)"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])"),
)


# "Fri, 03 May 2024 10:15:00 +0200": optional weekday, day, month, year, time, zone.
_RFC_2822_RE = re.compile(
    r"^\s*(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s*(?:[+-]\d{4}|GMT|UTC?|[ECMP][SD]T|Z)?\s*$"
)


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _tz_from(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in ("Z", "z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _parse_iso(text: str) -> datetime | None:
    m = _ISO_RE.match(text)
    if m is None:
        return None
    rest = text[m.end() :].strip()
    # Anything substantial after the match means this was not an ISO string.
    if rest and not re.fullmatch(r"\(?[A-Za-z]{2,5}\)?", rest):
        return None
    try:
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
        if m["H"] is None:
            return datetime(year, month, day)
        frac = m["f"] or ""
        micro = int((frac + "000000")[:6]) if frac else 0
        tz = _tz_from(m["tz"]) if m["tz"] else None
        if m["tz"] and tz is None:
            return None
        return datetime(
            year,
            month,
            day,
            int(m["H"]),
            int(m["M"]),
            int(m["S"] or 0),
            micro,
            tzinfo=tz,
        )
    except ValueError:
        return None


def _parse_written(text: str) -> datetime | None:
    m = _MDY_RE.search(text) or _DMY_RE.search(text)
    if m is None:
        return None
    try:
        year, month, day = int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"])
        if m["H"] is None:
            return datetime(year, month, day)
        hour = int(m["H"])
        ampm = (m["ampm"] or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        return datetime(year, month, day, hour, int(m["M"]), int(m["S"] or 0))
    except (ValueError, KeyError):
        return None


def written_date_start(text: str) -> int | None:
    """Where a written date ("March 11, 2015 3:46 PM", "3 May 2024") starts in ``text``."""
    starts = [m.start() for m in (_MDY_RE.search(text), _DMY_RE.search(text)) if m is not None]
    iso = re.search(r"(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)", text)
    if iso is not None:
        starts.append(iso.start())
    return min(starts) if starts else None


def _parse_epoch(text: str) -> datetime | None:
    if not text.isdigit() or len(text) not in (10, 13):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_date(value: object) -> datetime | None:
    """Parse a date/datetime string as found in metadata; ``None`` when it is not one.

    Accepts ISO 8601 (with or without offset, ``Z``, fractional seconds, date only,
    compact ``20240503``), RFC 2822 (``Fri, 03 May 2024 10:15:00 +0200``), written
    dates (``May 3, 2024``, ``3 May 2024 10:15``) and 10/13-digit epoch timestamps.
    """
    if isinstance(value, datetime):
        result: datetime | None = value
    elif isinstance(value, date):
        result = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 200:
            return None
        result = _parse_iso(text)
        if result is None:
            result = _parse_epoch(text)
        if result is None and _RFC_2822_RE.match(text):
            try:
                result = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                result = None
        if result is None:
            result = _parse_written(text)
    else:
        return None
    if result is None or not _year_ok(result.year):
        return None
    return result


def date_from_url(url: str | None) -> datetime | None:
    """A date written into a URL path: ``/2024/05/03/``, ``2024-05-03``, ``20240503``."""
    if not url:
        return None
    # Ignore the host: "2024" in a domain name is not a date.
    scheme_sep = url.find("://")
    if scheme_sep >= 0:
        slash = url.find("/", scheme_sep + 3)
        if slash < 0:
            return None
        path = url[slash:]
    else:
        path = url
    for pattern in _URL_DATE_RES:
        for m in pattern.finditer(path):
            try:
                found = datetime(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if _year_ok(found.year):
                return found
    return None


# --- dates printed on the page --------------------------------------------------------------

#: Longest text :func:`parse_visible_date` reads: a byline line, not a paragraph.
MAX_VISIBLE_CHARS = 200
#: A printed date this long after the reference (capture) time is not believed.
_FUTURE_SLACK = timedelta(days=1)

# Pieces of one byline line: "By Jane Doe | 2 mars 2026 · 14:30".
_SEGMENT_SPLIT_RE = re.compile(r"\s*[|·•\n]\s*|\s+[-–—]\s+")
# A label before the date saying the page was updated, not published ("最終更新:3/9(木)").
_UPDATED_RE = re.compile(
    r"updated|modified|aktualisiert|geändert|mis à jour|actualisé|modifié|"
    r"actualizado|modificado|atualizado|aggiornat|bijgewerkt|zaktualizowan|güncellen|"
    r"обновлен|изменен|更新|수정|تحديث",
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


@functools.lru_cache(maxsize=64)
def _date_parser(locales: tuple[str, ...], mode: str, base: datetime | None) -> Any:
    from dateparser.date import DateDataParser  # lazy: see the module docstring

    settings: dict[str, Any] = {"PREFER_LOCALE_DATE_ORDER": True, **_MODE_SETTINGS[mode]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(locales=list(locales), use_given_order=True, settings=settings)


def _dateparser_date(
    text: str, locales: tuple[str, ...], mode: str, base: datetime | None
) -> datetime | None:
    try:
        data = _date_parser(locales, mode, base).get_date_data(text)
    except Exception as exc:  # third-party code on arbitrary page text: no date, no crash
        log.debug("dateparser failed on %r: %r", text, exc)
        return None
    found = data.date_obj if data is not None else None
    if not isinstance(found, datetime):
        return None
    if mode == _YEARLESS and "year" in (getattr(data, "parts", None) or ()):
        return None  # a written year: the absolute mode's business
    return _plain_offset(found)


def _parse_exact(text: str) -> datetime | None:
    """ISO 8601 or RFC 2822 (no epoch numbers: a printed number is not a timestamp)."""
    found = _parse_iso(text)
    if found is None and _RFC_2822_RE.match(text):
        try:
            found = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            found = None
    return found


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
        found = _parse_exact(variant)
        if found is not None:
            return found
    locales = _locales(lang) or _guess_locales(segment)
    for variant in variants:
        found = _dateparser_date(variant, locales, _ABSOLUTE, None)
        if found is not None:
            return found
    for variant in variants:
        found = _parse_written(variant)  # English forms dateparser leaves ("Sept. 14, 2023")
        if found is not None:
            return found
    if reference is None:
        return None  # relative and year-less dates need the capture time: not guessed
    base = reference.replace(tzinfo=None)
    for variant in variants[:2]:
        found = _dateparser_date(variant, locales, _RELATIVE, base)
        if found is not None:
            return found.replace(tzinfo=reference.tzinfo)  # counted from the capture
    for variant in variants[:2]:
        found = _dateparser_date(variant, locales, _YEARLESS, base)
        if found is not None:
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
    for piece in _SEGMENT_SPLIT_RE.split(text):
        segment = " ".join(piece.split())
        first = _DIGIT_RE.search(segment)
        if first is None or _UPDATED_RE.search(segment[: first.start()]):
            continue
        found = _segment_date(segment, first.start(), lang, reference)
        if found is not None and _year_ok(found.year) and _not_after(found, reference):
            return found
    return None


__all__ = [
    "MAX_VISIBLE_CHARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "date_from_url",
    "parse_date",
    "parse_visible_date",
    "written_date_start",
]
