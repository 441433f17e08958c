"""Plain string and date helpers shared by the page, HTML and RSS modules.

Slugs, hash-derived IDs and counters, WordPress-style smart quotes, attribute
escaping and human-readable dates.  None of these know about pages or sites.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from datetime import UTC, datetime
from email.utils import format_datetime

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def short_id(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:n]


def post_id(url: str) -> int:
    return 1000 + int(hashlib.sha1(url.encode()).hexdigest()[:6], 16) % 90000


def texturize(text: str) -> str:
    """WordPress-style smart quotes for English text."""
    out: list[str] = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == '"':
            out.append("\u201c" if prev in " (\u2014" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev in " (" else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def human_date(dt: datetime, lang: str) -> str:
    if lang.startswith("de"):
        months = [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ]
        return f"{dt.day}. {months[dt.month - 1]} {dt.year}, {dt:%H:%M} Uhr"
    hour = dt.hour % 12 or 12
    ampm = "a.m." if dt.hour < 12 else "p.m."
    return f"{dt:%B} {dt.day}, {dt.year} {hour}:{dt:%M} {ampm}"


def share_count(url: str, salt: str) -> int:
    return int(hashlib.sha1(f"{salt}:{url}".encode()).hexdigest()[:4], 16) % 900 + 3


def rfc822(dt: datetime) -> str:
    return format_datetime(dt.astimezone(UTC)).replace("-0000", "+0000")
