"""Main-content extraction: the article's own paragraphs, in reading order.

:func:`extract_blocks` walks the parsed tree once into a light block model
(:mod:`.content_walk`, :mod:`.content_model`), runs a Readability-style candidate
search over it (:mod:`.content_score`), drops boilerplate inside the winner
(:mod:`.content_clean`), relaxes those heuristics when a pass finds too little
text, and returns :class:`~provenance.model.Block` objects.  Short credit
lines ("The post X appeared first on Y.") in or right after the body are always
kept: the attribution stage reads and removes them.  When the HTML holds little
article text, the JSON-LD ``articleBody`` is used instead, else article paragraphs
that inline scripts carry as data (:mod:`.script_data`: slideshows, app shells).

The tree is only read, never modified.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.attribution import is_credit_line, may_be_credit_line
from provenance.extract.content_clean import emit
from provenance.extract.content_model import El, Flags, Unit
from provenance.extract.content_score import select
from provenance.extract.content_tidy import tidy, without_orphan_heading
from provenance.extract.content_walk import walk
from provenance.extract.jsonld import parse_jsonld
from provenance.extract.script_data import script_blocks
from provenance.extract.title import token_share
from provenance.model import Block, Link

log = logging.getLogger(__name__)

#: Script data replaces the HTML text only when it holds at least this much text
#: (and three times the HTML's).
SCRIPT_MIN_CHARS: Final = 1000

#: Passes tried in order until one yields enough text (Readability's flag relaxation).
PASSES: Final = (
    Flags(),
    Flags(strip_unlikely=False),
    Flags(strip_unlikely=False, weight_classes=False),
    Flags(strip_unlikely=False, weight_classes=False, clean=False),
)
#: A pass that finds at least this many characters is accepted.
MIN_CHARS: Final = 500
#: A strict pass finding this many characters (but under MIN_CHARS) is a short story,
#: kept when a relaxed pass would add mostly furniture (this share of its added text).
SHORT_STORY_CHARS: Final = 150
SHORT_STORY_FURNITURE: Final = 0.6
#: A line this long, outside links, is prose.
_PROSE_CHARS: Final = 200

_CREDIT_MIN = 16
_CREDIT_MAX = 600
_TRAILING_LOOKAHEAD = 8
_WORDS: Final = re.compile(r"\w+")
_TITLE_SELECTORS: Final = (
    'meta[property="og:title"]',
    'meta[name="twitter:title"]',
    'meta[name="title"]',
)
_KIND_BY_TAG: Final = {
    "h1": "h",
    "h2": "h",
    "h3": "h",
    "h4": "h",
    "h5": "h",
    "h6": "h",
    "li": "li",
    "dt": "li",
    "dd": "li",
    "pre": "pre",
    "figcaption": "caption",
    "caption": "caption",
    "blockquote": "quote",
}


def _kind(unit: Unit) -> str:
    el: El | None = unit.owner
    kind = _KIND_BY_TAG.get(unit.owner.tag, "p")
    if kind != "p":
        return kind
    depth = 0
    while el is not None and depth < 8:
        if el.tag == "blockquote":
            return "quote"
        el = el.parent
        depth += 1
    return kind


def _is_plain_absolute(href: str) -> bool:
    """Whether ``urljoin(base, href)`` is ``href`` itself, whatever ``base`` is.

    An ``http(s)`` URL with a host comes back unchanged when its scheme differs from the
    base's, and otherwise as ``urlunparse(urlparse(href))``, which is ``href`` unless it
    has control characters or spaces (stripped), ``;`` (path params) or an empty ``?``
    or ``#`` (dropped).  This test is conservative; other URLs just go through
    ``urljoin``, the slowest step of building blocks.
    """
    if href.startswith("https://"):
        host = href[8:9]
    elif href.startswith("http://"):
        host = href[7:8]
    else:
        return False
    return (
        host.isalnum()
        and href.isprintable()
        and " " not in href
        and ";" not in href
        and "?#" not in href
        and not href.endswith(("?", "#"))
    )


def _origin(base_url: str) -> str | None:
    """``scheme://host[:port]`` of a plain absolute base URL, else None."""
    if not _is_plain_absolute(base_url):
        return None
    end = base_url.find("/", base_url.index("//") + 2)
    origin = base_url if end < 0 else base_url[:end]
    return None if "@" in origin or "?" in origin or "#" in origin else origin


def _is_plain_rooted(href: str) -> bool:
    """A path from the site's root that ``urljoin`` would return as origin + ``href``:
    no dot segments, no characters it strips or re-quotes."""
    return (
        href.startswith("/")
        and not href.startswith("//")
        and "/." not in href
        and href.isprintable()
        and " " not in href
        and ";" not in href
        and "?#" not in href
        and not href.endswith(("?", "#"))
    )


def _links(unit: Unit, base_url: str | None) -> tuple[Link, ...]:
    out: list[Link] = []
    origin: str | None = None
    for text, href in unit.links:
        if not href or href.startswith("javascript:"):
            continue
        if base_url and not _is_plain_absolute(href):
            if origin is None:
                origin = _origin(base_url) or ""
            if origin and _is_plain_rooted(href):
                href = origin + href
            else:
                try:
                    href = urljoin(base_url, href)
                except ValueError:
                    log.debug("unjoinable href %r kept as is", href)
        out.append(Link(text=text, href=href))
    return tuple(out)


def _titles(tree: HTMLParser) -> Iterator[str]:
    """The page's titles, looked up one at a time: a missing one costs a full-tree scan."""
    node = tree.css_first("title")
    if node is not None:
        yield node.text()
    for sel in _TITLE_SELECTORS:
        meta = tree.css_first(sel)
        if meta is not None:
            content = meta.attributes.get("content")
            if content:
                yield content


def _share_in(title: str, text: str) -> float:
    """Share of ``text``'s word text also in ``title`` (Readability's text similarity, on
    Unicode words)."""
    return token_share(_WORDS.findall(title.casefold()), _WORDS.findall(text.casefold()))


#: A heading repeats the title when this share of its words is in the title (Readability).
_HEADING_IN_TITLE = 0.75
#: A line that is not a heading must also hold this share of the title's words: a short
#: label whose few words all occur in the title ("A conviction" over "Ten charged: a
#: conviction in the fraud case") is the article's own text.
_TITLE_IN_LINE = 0.5


def _drop_title(tree: HTMLParser, units: list[Unit]) -> list[Unit]:
    """Remove a leading heading (or short title-like line) that repeats the page title."""
    titles: Iterator[str] | None = None
    seen: list[str] = []  # titles already taken from ``titles``

    def repeats(title: str, text: str, heading: bool) -> bool:
        return _share_in(title, text) >= _HEADING_IN_TITLE and (
            heading or _share_in(text, title) >= _TITLE_IN_LINE
        )

    def repeats_title(text: str, heading: bool) -> bool:
        nonlocal titles
        if any(repeats(t, text, heading) for t in seen):
            return True
        if titles is None:
            titles = _titles(tree)
        for title in titles:
            seen.append(title)
            if repeats(title, text, heading):
                return True
        return False

    for i, unit in enumerate(units[:4]):
        heading = unit.owner.tag in ("h1", "h2")
        if not heading and (len(unit.text) > 150 or unit.text.endswith(".")):
            continue
        if repeats_title(unit.text, heading):
            return units[:i] + units[i + 1 :]
        if heading:
            return units
    return units


def _add_trailing_credits(chosen: list[Unit], units: list[Unit]) -> list[Unit]:
    """Append credit lines that sit just after the chosen body (outside its container)."""
    if not chosen:
        return chosen
    last = chosen[-1].index
    have = {u.index for u in chosen}
    extra = [
        u
        for u in units[last + 1 : last + 1 + _TRAILING_LOOKAHEAD]
        if u.credit and u.index not in have
    ]
    return chosen + extra if extra else chosen


#: How deep ``@graph`` / ``mainEntity`` nesting is followed for an ``articleBody``.
_MAX_BODY_DEPTH: Final = 8


def _iter_bodies(data: Any, depth: int = 0) -> Iterator[str]:
    if depth > _MAX_BODY_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _iter_bodies(item, depth + 1)
    elif isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str):
            yield body
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _iter_bodies(data[key], depth + 1)


def jsonld_article_body(tree: HTMLParser) -> str | None:
    """The longest JSON-LD ``articleBody`` of the page, if any."""
    best: str | None = None
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text()
        if "articleBody" not in raw:
            continue
        for body in _iter_bodies(parse_jsonld(raw)):
            if best is None or len(body) > len(best):
                best = body
    return best


def _jsonld_blocks(body: str) -> list[Block]:
    if "<" in body and ">" in body:
        frag = HTMLParser(body)
        if frag.body is not None:
            _root, units = walk(frag.body)
            return [Block(text=u.text, kind=_kind(u)) for u in units]
    parts = re.split(r"\n\s*\n" if "\n\n" in body else r"\n", body)
    return [Block(text=t) for p in parts if (t := " ".join(p.split()))]


def _in_unlikely(unit: Unit) -> bool:
    el: El | None = unit.owner
    while el is not None:
        if el.unlikely:
            return True
        el = el.parent
    return False


def _mostly_furniture(added: list[Unit]) -> bool:
    """Is the text a relaxed pass added mostly links, or short lines in subtrees the
    strict pass found unlikely (navigation, sidebars, related lists, footers)?  A prose
    paragraph counts as story wherever it stands: a main column classed like a sidebar
    ("sidebar-1") holds the article, which the relaxed passes are there to find."""
    total = sum(len(u.text) for u in added)
    if not total:
        return False
    junk = sum(
        len(u.text)
        if len(u.text) < _PROSE_CHARS and _in_unlikely(u)
        else min(u.link_len, len(u.text))
        for u in added
    )
    return junk >= SHORT_STORY_FURNITURE * total


def _run_passes(root: El, units: list[Unit]) -> list[Unit]:
    best: list[Unit] = []
    best_len = -1
    strict: list[Unit] | None = None
    for flags in PASSES:
        out = emit(select(root, units, flags))
        length = sum(len(u.text) for u in out)
        if strict is None:
            strict = out
            strict_len = length
        elif strict_len >= SHORT_STORY_CHARS:
            # a short story (a brief): what relaxing the rules adds to it is the page
            # around it when that is mostly links and unlikely blocks, not more story
            kept = {id(u) for u in strict}
            if _mostly_furniture([u for u in out if id(u) not in kept]):
                return strict
        if length >= MIN_CHARS:
            return out
        if length > best_len:
            best, best_len = out, length
    return best


def extract_blocks(tree: HTMLParser, base_url: str | None) -> list[Block]:
    """The article's own text blocks, in reading order.  The tree is not modified."""
    body = tree.body
    if body is None:
        return []
    root, units = walk(body)
    for unit in units:
        if (
            _CREDIT_MIN <= len(unit.text) <= _CREDIT_MAX
            and may_be_credit_line(unit.text)
            and is_credit_line(unit.text, _links(unit, base_url))
        ):
            # kept even when it looks like boilerplate: the attribution stage parses it
            unit.credit = True
    chosen = _run_passes(root, units) if units else []
    chosen = without_orphan_heading(tidy(_drop_title(tree, chosen), base_url), units)
    chosen = _add_trailing_credits(chosen, units)
    blocks = [Block(text=u.text, kind=_kind(u), links=_links(u, base_url)) for u in chosen]
    text_len = sum(len(b.text) for b in blocks)
    if text_len < 2000:
        credits = [b for b, u in zip(blocks, chosen, strict=True) if u.credit]
        article_body = jsonld_article_body(tree)
        if article_body and len(article_body) >= 200 and len(article_body) > 1.5 * text_len:
            log.debug(
                "using JSON-LD articleBody (%d chars) over %d HTML chars",
                len(article_body),
                text_len,
            )
            return _jsonld_blocks(article_body) + credits
        scripted = script_blocks(tree, base_url)
        scripted_len = sum(len(b.text) for b in scripted)
        if scripted_len >= SCRIPT_MIN_CHARS and scripted_len > 3 * text_len:
            log.debug("using script data (%d chars) over %d HTML chars", scripted_len, text_len)
            return scripted + credits
    return blocks


__all__ = ["MIN_CHARS", "PASSES", "extract_blocks", "jsonld_article_body"]
