"""Date parsing for page metadata: ISO 8601, RFC 2822, written dates, URL dates, and the
dates printed next to a byline in any language.

Everything here returns ``None`` rather than raising on bad input.  A datetime is
timezone-aware when the text gives an offset (or ``Z``), naive otherwise.

Machine-readable dates (ISO 8601, RFC 2822, epoch) and English written dates are read by
the small parsers here; dates as a page prints them next to its byline are read by
:mod:`provenance.extract.printed_dates` (with dateparser).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from types import MappingProxyType

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


def year_ok(year: int) -> bool:
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


def parse_iso(text: str) -> datetime | None:
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


def parse_written(text: str) -> datetime | None:
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


#: Numeric dates as bylines print them: ISO, "15.01.2024" / "15. 1. 2024" (day first),
#: "2024. 08. 17." (year first, Hungarian), "01/15/2024".
_NUMERIC_DATE_RE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?|\d{1,2}/\d{1,2}/(?:19|20)\d{2})(?!\d)"
)


def written_date_start(text: str) -> int | None:
    """Where a written or numeric date ("March 11, 2015 3:46 PM", "3 May 2024",
    "15. 1. 2024", "2024-03-05") starts in ``text``."""
    found = (_MDY_RE.search(text), _DMY_RE.search(text), _NUMERIC_DATE_RE.search(text))
    starts = [m.start() for m in found if m is not None]
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
        result = parse_iso(text)
        if result is None:
            result = _parse_epoch(text)
        if result is None and _RFC_2822_RE.match(text):
            try:
                result = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                result = None
        if result is None:
            result = parse_written(text)
    else:
        return None
    if result is None or not year_ok(result.year):
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
            if year_ok(found.year):
                return found
    return None


def parse_exact(text: str) -> datetime | None:
    """ISO 8601 or RFC 2822 (no epoch numbers: a printed number is not a timestamp)."""
    found = parse_iso(text)
    if found is None and _RFC_2822_RE.match(text):
        try:
            found = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            found = None
    return found


__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "date_from_url",
    "parse_date",
    "parse_exact",
    "parse_iso",
    "parse_written",
    "written_date_start",
    "year_ok",
]
