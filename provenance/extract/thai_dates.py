"""Thai printed dates into the form the date library reads.

Thai pages print the Buddhist Era year, 543 years ahead of the common era ("5 มีนาคม
2569" is 5 March 2026), often as two digits after an abbreviated month ("5 มี.ค. 69"),
sometimes after the era's own mark ("พ.ศ. 2569"), and a time with the word for
o'clock ("10:30 น.").  dateparser reads Thai month names but takes the year as
written, and misreads the abbreviations.  :func:`common_era` rewrites such a text:
months spelt out, the era mark and the o'clock word dropped, the year in the common
era; the library then reads it as any other date.
"""

from __future__ import annotations

import re
from typing import Final

#: Years between the Buddhist and the common era.
ERA_OFFSET: Final = 543

#: Thai month names, January first, and their abbreviations.
_MONTHS: Final = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)
_FULL: Final = {abbr.replace(".", ""): full for full, abbr in _MONTHS}
_THAI: Final = re.compile(r"[\u0e00-\u0e7f]")
# An abbreviation, its dots optional and spaced as pages space them ("มี.ค.", "มี.ค").
_ABBREVIATION: Final = re.compile(
    "(?<![\u0e00-\u0e7f])("
    + "|".join(r"\.?\s?".join(map(re.escape, abbr.rstrip(".").split("."))) for _, abbr in _MONTHS)
    + r")\.?(?![\u0e00-\u0e7f])"
)
_MONTH_NAMES: Final = "|".join(full for full, _ in _MONTHS)
# A year after a month name: four digits of the Buddhist Era, or its last two.
_YEAR_AFTER_MONTH: Final = re.compile(
    rf"({_MONTH_NAMES})\s*(?:พ\.\s?ศ\.\s*)?(\d{{4}}|\d{{2}})(?!\d)"
)
# The era mark before a year written elsewhere ("พ.ศ. 2569"), and "น." after a time.
_ERA_YEAR: Final = re.compile(r"พ\.\s?ศ\.\s*(\d{4})(?!\d)")
_OCLOCK: Final = re.compile(r"(\d{1,2}[:.]\d{2})\s*น\.?")
#: Four-digit Buddhist Era years read as such: 1943 to 2156 of the common era.
_ERA_YEARS: Final = range(2486, 2700)


def _to_common(year: str) -> str:
    value = int(year)
    if len(year) == 2:
        value += 2500  # "69" after a month: 2569 BE
    return str(value - ERA_OFFSET) if value in _ERA_YEARS else year


def common_era(text: str) -> str:
    """``text`` with a Thai date's months spelt out and its Buddhist Era year in the
    common era; any other text is returned as it is."""
    if not _THAI.search(text):
        return text
    out = _ABBREVIATION.sub(lambda m: _FULL[re.sub(r"[.\s]", "", m.group(1))], text)
    out = _OCLOCK.sub(r"\1", out)
    out = _YEAR_AFTER_MONTH.sub(lambda m: f"{m.group(1)} {_to_common(m.group(2))}", out)
    return _ERA_YEAR.sub(lambda m: _to_common(m.group(1)), out)


__all__ = ["ERA_OFFSET", "common_era"]
