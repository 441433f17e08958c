"""Page text made safe for the places it is written to: a terminal (no control or
escape sequences) and a spreadsheet (no formula cells; numbers stay numbers)."""

from __future__ import annotations

import html
import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def printable(text: str, *, lines: bool = True) -> str:
    """``text`` safe to print on a terminal: escape sequences, BEL, bare CR and other
    control or bidi-override characters from page content become U+FFFD (newlines and
    tabs stay when ``lines``)."""
    pattern = _CONTROL if lines else _CONTROL_OR_BREAK
    return pattern.sub("\ufffd", text) if pattern.search(text) else text


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting with ``= + - @``, TAB or CR
    gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    return value if _NUMBER.match(value) else "'" + value


def esc(value: object) -> str:
    """``value`` as HTML text or attribute value: escaped, control characters replaced."""
    return html.escape(printable(str(value), lines=False), quote=True)


__all__ = ["csv_cell", "esc", "printable"]
