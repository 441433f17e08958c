"""Bound how deep a page nests before it is parsed.

An HTML parser's work grows with the square of the nesting depth: a 1.1 MB page
of 100,000 nested ``<div>`` took 85 s to extract, the unclosed variant 473 s.
Real pages nest a few dozen levels.  When a page holds very many tags, opening
tags past :data:`MAX_DEPTH` are dropped before parsing (their closing tags are
then strays, which parsers ignore), so such a page costs about as much as a
shallow one of the same size.  Text is kept.
"""

from __future__ import annotations

import logging
import re
from typing import Final

log = logging.getLogger(__name__)

#: Deepest nesting kept.
MAX_DEPTH: Final = 400
#: Pages with fewer tags than this cannot nest deep enough to matter; not scanned.
SCAN_ABOVE_TAGS: Final = 20_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})\b[^<>]{0,2000}?(/?)>")
_VOID: Final = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def bound_depth(html: str, name: str = "<page>") -> str:
    """``html`` with opening tags past :data:`MAX_DEPTH` removed (usually unchanged)."""
    if html.count("<") < SCAN_ABOVE_TAGS:
        return html
    depth = 0
    pieces: list[str] = []
    pos = 0
    dropped = 0
    for m in _TAG.finditer(html):
        closing, tag, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif tag not in _VOID and not selfclosing:
            if depth >= MAX_DEPTH:
                pieces.append(html[pos : m.start()])
                pos = m.end()
                dropped += 1
                continue
            depth += 1
    if not dropped:
        return html
    pieces.append(html[pos:])
    log.warning(
        "%s: nests over %d levels deep; %d tags past that dropped", name, MAX_DEPTH, dropped
    )
    return "".join(pieces)


__all__ = ["MAX_DEPTH", "bound_depth"]
