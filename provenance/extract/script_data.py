"""Article text that a page ships only as data for its scripts.

Slideshow and single-page-app templates often put the article in a JavaScript
object (``var article = {"pages": {"1": {"top": "&lt;p&gt;…"}}}``, ``__NEXT_DATA__``,
Apollo or Redux state) and render one slide or nothing in the HTML.  Readability and
trafilatura read the HTML only and miss it.  This module finds JSON objects inside
inline ``<script>`` elements and keeps the string values that are HTML paragraphs
(raw, JSON-escaped or entity-escaped).  The content stage uses the result only when
the page's HTML holds little text and the script data much more.

The same data often holds other posts too (a feed, "more stories", author bios), so
only the object that is *this* article is read: one whose title, URL, slug or
description matches the page's own (``<title>``, ``og:title``, ``<h1>``, canonical
and ``og:url`` paths, meta description).  Text inside it that belongs elsewhere is
left out: nested objects that point at another URL or slug, and author, related,
comment, excerpt and summary fields.  When nothing matches, nothing is taken.  Only a
page that names itself nowhere (no title, heading or URL) falls back to the text
outside any identified object, and then only if the data identifies no other post.
"""

from __future__ import annotations

import html
import itertools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

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

#: Fields (key lowercased, ``_``/``-`` removed) whose text is never this article's body.
_SKIP_KEY = re.compile(
    r"author|byline|contributor|related|recommend|comment|excerpt|summary|description"
    r"|teaser|standfirst|sidebar|footer|newsletter|^(?:sub)?dek$|bio(?:graphy)?$"
)
_URL_KEYS = frozenset(
    {"url", "link", "permalink", "canonical", "canonicalurl", "weburl", "shareurl"}
    | {"fullurl", "pageurl", "articleurl", "href", "path", "aspath", "uri"}
)
_NAME_KEYS = frozenset(("name", "displayname", "fullname"))
_DESC_KEYS = frozenset(
    ("description", "excerpt", "summary", "dek", "standfirst", "teaser", "abstract")
)
#: Where the page names itself: ``(selector, attribute)``, ``None`` for the text.
_PAGE_TITLES = (
    ("title", None),
    ('meta[property="og:title"]', "content"),
    ('meta[name="twitter:title"]', "content"),
    ("h1", None),
)
_PAGE_URLS = (
    ('link[rel="canonical"]', "href"),
    ('meta[property="og:url"]', "content"),
    ('meta[name="twitter:url"]', "content"),
)
_PAGE_DESCRIPTIONS = (
    ('meta[name="description"]', "content"),
    ('meta[property="og:description"]', "content"),
)
#: Where a title may sit inside a title object (WordPress ``{"rendered": …}``).
_TEXT_KEYS = ("rendered", "text", "value", "default", "raw")
_MEDIA = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|mp[34]|webm)(?:[?#]|$)", re.I)
_TITLE_SPLIT = re.compile(r"\s+[|\-–—·»:/]+\s+")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?)$")
#: A slug is matched only when it has this many words (``arts-and-culture``, not ``news``).
_SLUG_WORDS = 3
#: A description is matched by prefix (a truncated copy) when this many words long.
_DESC_PREFIX_WORDS = 8

#: Fields of the matching object that hold its body (deeper levels are read whole).
_BODY_KEY = re.compile(
    r"body|content|html|(?<!con)text"
    r"|^(?:pages|slides|blocks|components|sections|paragraphs|items|parts)$"
)

#: Where a paragraph string sits: outside any identified object, in another post, in
#: this article's object but outside its body fields, or (numbers from 1) in the body
#: of an object that is this article.
_ANON, _OTHER, _IGNORED = 0, -1, -2
#: What an object is: this article, another page (its own URL or slug), a titled
#: object (a post, or a slide or list item when inside this article's body), or none.
_MATCH, _ELSEWHERE, _NAMED, _NONE = range(4)


def _norm(text: str) -> str:
    """Lowercased words of a title or description, without markup and punctuation."""
    return " ".join(_WORD.findall(_TAG.sub(" ", html.unescape(text)).casefold()))


def _slug(segment: str) -> str:
    """``segment`` as a comparable slug, or "" when too short to identify an article."""
    segment = _EXTENSION.sub("", unquote(segment).casefold())
    return segment if len(re.split(r"[-_]+", segment)) >= _SLUG_WORDS else ""


def _path(url: str) -> str:
    try:
        return unquote(urlsplit(url.strip()).path).casefold().rstrip("/")
    except ValueError:
        return ""


@dataclass
class _Identity:
    """How the page names itself: titles, URL paths and slugs, descriptions."""

    titles: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    slugs: set[str] = field(default_factory=set)
    descriptions: set[str] = field(default_factory=set)

    def add_title(self, title: str, site: str) -> None:
        parts = [title, max(_TITLE_SPLIT.split(title), key=len)]
        for part in map(_norm, parts):
            if len(part.split()) >= 2 and part != site:
                self.titles.add(part)

    def add_url(self, url: str) -> None:
        if path := _path(url):
            self.paths.add(path)
            self.slugs.update(s for seg in path.split("/") if (s := _slug(seg)))

    def empty(self) -> bool:
        return not (self.titles or self.paths or self.descriptions)

    def url_matches(self, url: str) -> bool:
        path = _path(url)
        return bool(path) and (path in self.paths or _slug(path.rsplit("/", 1)[-1]) in self.slugs)

    def description_matches(self, text: str) -> bool:
        text = _norm(text)
        for desc in self.descriptions:
            short, long = sorted((text, desc), key=len)
            if text == desc or (
                len(short.split()) >= _DESC_PREFIX_WORDS and long.startswith(short)
            ):
                return True
        return False


def _lookup(tree: HTMLParser, selector: str, attr: str | None) -> str:
    node = tree.css_first(selector)
    if node is None:
        return ""
    return node.text() if attr is None else node.attributes.get(attr) or ""


def _page_identity(tree: HTMLParser, url: str | None = None) -> _Identity:
    """The page's own titles, URLs and descriptions, to recognise it in script data."""
    ident = _Identity()
    site = _norm(_lookup(tree, 'meta[property="og:site_name"]', "content"))
    for selector, attr in _PAGE_TITLES:
        if title := _lookup(tree, selector, attr):
            ident.add_title(title, site)
    for page_url in [url or ""] + [_lookup(tree, s, a) for s, a in _PAGE_URLS]:
        if page_url:
            ident.add_url(page_url)
    for selector, attr in _PAGE_DESCRIPTIONS:
        desc = _norm(_lookup(tree, selector, attr))
        if len(desc.split()) >= _MIN_WORDS:
            ident.descriptions.add(desc)
    return ident


def _field_text(value: Any) -> str:
    """A field's string, or the text inside a ``{"rendered": …}``-style title object."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in _TEXT_KEYS:
            if isinstance(text := value.get(key), str):
                return text
    return ""


def _key(key: str) -> str:
    return key.casefold().replace("_", "").replace("-", "")


def _verdict(obj: dict[str, Any], ident: _Identity) -> int:
    """``_MATCH`` if ``obj`` is this article, else ``_ELSEWHERE``, ``_NAMED`` or ``_NONE``."""
    verdict = _NONE
    for name, value in obj.items():
        if not (text := _field_text(value)):
            continue
        key = _key(name)
        if key.endswith("slug") or key in ("articleid", "postname"):
            if slug := _slug(text):
                if slug in ident.slugs:
                    return _MATCH
                verdict = _ELSEWHERE
        elif key in _URL_KEYS:
            if text.startswith(("http://", "https://", "/")) and not _MEDIA.search(text):
                if ident.url_matches(text):
                    return _MATCH
                if _path(text):
                    verdict = _ELSEWHERE
        elif key in _NAME_KEYS or (key.endswith(("title", "headline")) and key[:3] != "sub"):
            if " " in text.strip():
                if _norm(text) in ident.titles:
                    return _MATCH
                verdict = min(verdict, _NAMED)
        elif key in _DESC_KEYS and ident.description_matches(text):
            return _MATCH
    return verdict


def _children(obj: dict[str, Any], owner: int, body_only: bool) -> Iterator[tuple[Any, int]]:
    """``obj``'s values, last first, each with its owner; unwanted fields left out."""
    for name, value in reversed(obj.items()):
        key = _key(name)
        if not _SKIP_KEY.search(key):
            yield value, (_IGNORED if body_only and not _BODY_KEY.search(key) else owner)


def _sort(obj: Any, ident: _Identity, buckets: dict[int, list[str]], ids: Iterator[int]) -> None:
    """File each paragraph string of ``obj`` under the innermost object that owns it.

    The body fields of an object that is this article open a bucket (numbered from 1);
    its other fields are ignored, though an object matching again inside them opens its
    own.  Inside a body, an object naming another URL or slug goes to ``_OTHER``;
    outside, so does any titled object (a list of posts).  The rest is ``_ANON``.
    Fields that never hold this article's body (:data:`_SKIP_KEY`) are not read.
    Iterative: decoded data can nest as deep as the JSON decoder allows.
    """
    stack: list[tuple[Any, int]] = [(obj, _ANON)]
    while stack:
        item, owner = stack.pop()
        if isinstance(item, str):
            if "&lt;" in item:
                item = html.unescape(item)
            if _PARAGRAPH.search(item):
                buckets.setdefault(owner, []).append(item)
        elif isinstance(item, list):
            stack.extend((value, owner) for value in reversed(item))
        elif isinstance(item, dict):
            verdict = _verdict(item, ident)
            if verdict == _MATCH:
                stack.extend(_children(item, next(ids), body_only=True))
                continue
            if verdict == _ELSEWHERE or (verdict == _NAMED and owner <= 0):
                owner = _OTHER
            stack.extend(_children(item, owner, body_only=False))


def _chosen(buckets: dict[int, list[str]], ident: _Identity) -> list[str]:
    """The paragraph strings of this article: the matching object with the most body text.

    With no matching object nothing is taken, unless the page names itself nowhere and
    the data names no other page either: then the unattributed text is all there is.
    """
    mine = [values for owner, values in buckets.items() if owner > 0]
    if mine:
        return max(mine, key=lambda values: sum(map(len, values)))
    if ident.empty() and _OTHER not in buckets:
        return buckets.get(_ANON, [])
    if buckets:
        log.debug("script data holds no object matching this page; none taken")
    return []


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


def script_blocks(tree: HTMLParser, url: str | None = None) -> list[Block]:
    """Paragraphs and headings of this article's text in inline scripts' JSON data.

    ``url`` (the page's address, optional) is matched like the canonical URL.
    """
    buckets: dict[int, list[str]] = {}
    ids = itertools.count(1)
    ident: _Identity | None = None
    for script in tree.css("script"):
        if script.attributes.get("src") or "ld+json" in (script.attributes.get("type") or ""):
            continue
        raw = script.text()
        if len(raw) > _MAX_SCRIPT_CHARS or not _MARKUP.search(raw):
            continue
        if ident is None:
            ident = _page_identity(tree, url)
        for obj in _objects(raw):
            _sort(obj, ident, buckets, ids)
    if ident is None:
        return []
    seen: set[str] = set()
    out: list[Block] = []
    for value in _chosen(buckets, ident):
        for block in _blocks(value):
            if block.text not in seen:
                seen.add(block.text)
                out.append(block)
    return out


__all__ = ["script_blocks"]
