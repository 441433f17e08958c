"""Article text that a page ships only as data for its scripts.

Slideshow and single-page-app templates often put the article in a JavaScript
object (``var article = {"pages": {"1": {"top": "&lt;p&gt;…"}}}``, ``__NEXT_DATA__``)
and render one slide or nothing in the HTML.  Readability and trafilatura read the
HTML only and miss it.  This module finds JSON objects inside inline ``<script>``
elements, walks their string values in document order and keeps the ones that are
HTML paragraphs (raw, JSON-escaped or entity-escaped).  The content stage uses the
result only when the page's HTML holds little text and the script data much more.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.extract.text import html_to_text
from provenance.model import Block

log = logging.getLogger(__name__)

#: Paragraph markup as it appears inside a script: raw, entity-escaped, or with
#: JSON's ``\\/`` and ``\\u003c`` escapes.
_MARKUP = re.compile(r"<p[ >]|&lt;p(?:&gt;| )|\\u003cp[ \\]", re.IGNORECASE)
#: Markup inside a decoded string value.
_PARAGRAPH = re.compile(r"<(?:p|h[1-6])[ >]", re.IGNORECASE)
_OBJECT_START = re.compile(r"[{\[]")
#: Objects tried per script (parsing stops at the first one that decodes).
_MAX_ATTEMPTS = 200
#: Scripts larger than this are not searched (bounded work on huge bundles).
_MAX_SCRIPT_CHARS = 5_000_000
#: A kept value must hold at least this many words of text.
_MIN_WORDS = 5


def _strings(data: Any) -> Iterator[str]:
    """String values of a decoded JSON value, in document order (no recursion)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _objects(script: str) -> Iterator[Any]:
    """JSON objects and arrays embedded in a script, outermost first."""
    decoder = json.JSONDecoder(strict=False)
    pos, attempts = 0, 0
    while attempts < _MAX_ATTEMPTS:
        m = _OBJECT_START.search(script, pos)
        if m is None:
            return
        attempts += 1
        try:
            value, end = decoder.raw_decode(script, m.start())
        except json.JSONDecodeError as exc:
            # resume where the decoder gave up: a JavaScript object literal fails at its
            # first unquoted key, and nothing is parsed twice however large the script
            pos = max(m.start() + 1, exc.pos)
            continue
        except RecursionError:
            log.debug("script data nested too deeply; script skipped")
            return
        if isinstance(value, dict | list) and end - m.start() > 200:
            yield value
        pos = end


def _blocks(fragment: str) -> Iterator[Block]:
    """Each paragraph (of ``_MIN_WORDS`` words or more) and heading of an HTML fragment."""
    tree = HTMLParser(fragment)
    for node in tree.css("p, h1, h2, h3, h4, h5, h6"):
        text = html_to_text(node.html or "")
        heading = node.tag != "p"
        if text and (heading or len(text.split()) >= _MIN_WORDS):
            yield Block(text=text, kind="h" if heading else "p")


def script_blocks(tree: HTMLParser) -> list[Block]:
    """Paragraphs and headings of article text in inline scripts' JSON data, each once."""
    seen: set[str] = set()
    out: list[Block] = []
    for script in tree.css("script"):
        if script.attributes.get("src") or "ld+json" in (script.attributes.get("type") or ""):
            continue
        raw = script.text()
        if len(raw) > _MAX_SCRIPT_CHARS or not _MARKUP.search(raw):
            continue
        for obj in _objects(raw):
            for value in _strings(obj):
                if "&lt;" in value:
                    value = html.unescape(value)
                if not _PARAGRAPH.search(value):
                    continue
                for block in _blocks(value):
                    if block.text not in seen:
                        seen.add(block.text)
                        out.append(block)
    return out


__all__ = ["script_blocks"]
