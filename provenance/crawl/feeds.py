"""Reading sources: RSS 2.0/1.0, Atom, sitemaps (news sitemaps and sitemap
indexes included) and single pages.

Well-formed documents are read with the standard library's XML parser.  Real
sites also serve feeds that are not quite XML (a bare ``&``, HTML entities such
as ``&eacute;``, whitespace before ``<?xml``, an undeclared namespace prefix):
RSS and Atom that the strict parser rejects are read again with feedparser, the
lenient parser feed readers rely on, and a sitemap is read again with a tolerant
scan for its ``<loc>`` (and news title) elements.  Neither recovers a document
whose root element is never closed: that is a truncated download, not sloppy
markup, and its last link may be half a URL.

Documents that declare entities are refused outright, before any parser sees
them (no feed needs them, and they are how "billion laughs" attacks work);
external entities are never resolved by ``xml.etree``, and feedparser is only
ever handed the bytes, never a URL or a file name, so it fetches nothing.
Gzipped sitemaps are inflated under a cap.
"""

from __future__ import annotations

import html
import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from provenance.attribution import feed_source_attribution
from provenance.errors import SourceError
from provenance.fetch.decode import read_bounded
from provenance.model import Attribution

log = logging.getLogger(__name__)

#: The sitemap protocol's own limit on an uncompressed sitemap.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: An entity declaration, in ASCII-compatible encodings, UTF-16 or UTF-32 (either byte order).
_ENTITY = re.compile(rb"<(\x00{0,3})!\1E\1N\1T\1I\1T\1Y", re.IGNORECASE)
_XMLISH = re.compile(rb"^\s*(<\?xml|<rss|<feed|<urlset|<sitemapindex|<rdf:RDF)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One thing a source lists: a page URL, its id and any credit the feed gives."""

    url: str
    guid: str | None = None
    title: str | None = None
    credit: Attribution | None = None


@dataclass(frozen=True, slots=True)
class FeedListing:
    """What one source document holds."""

    kind: str  # rss | atom | sitemap | sitemapindex | page
    items: tuple[FeedItem, ...] = ()
    #: Child sitemaps of a sitemap index.
    sitemaps: tuple[str, ...] = ()
    #: Links no URL parser accepts, each with the reason: skipped, for the caller to count.
    bad_links: tuple[tuple[str, str], ...] = ()


class _Links:
    """Joins a document's links to its base URL, keeping the ones that will not parse."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.bad: list[tuple[str, str]] = []

    def join(self, link: str) -> str | None:
        try:
            return urljoin(self.base, link)
        except ValueError as exc:
            self.bad.append((link, f"{self.base}: link {link!r} is not a valid URL ({exc})"))
            return None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: ET.Element, name: str) -> ET.Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _text(el: ET.Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    value = el.text.strip()
    return value or None


def feed_source_credit(site: str | None, url: str | None) -> Attribution | None:
    """RSS ``<source url>`` / Atom ``<source>``: the feed says where an item came from."""
    if not site and not url:
        return None
    return feed_source_attribution(site, url)


def looks_like_xml(content: bytes) -> bool:
    head = content[:512].lstrip(b"\xef\xbb\xbf")
    return head.startswith(b"\x1f\x8b") or bool(_XMLISH.match(head))


def parse_listing(content: bytes, base_url: str, kind: str | None = None) -> FeedListing:
    """Parse a source document.  ``kind`` "page" (or HTML content) gives a page listing."""
    if kind == "page" or (kind is None and not looks_like_xml(content)):
        return FeedListing("page", (FeedItem(url=base_url),))
    if content[:2] == b"\x1f\x8b":
        content = read_bounded([content], "gzip", MAX_SITEMAP_BYTES, base_url)
    if _ENTITY.search(content):  # anywhere: a prolog padded past 64 KiB hid it before
        raise SourceError(f"{base_url}: the feed declares XML entities; refusing to parse it")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        return _parse_lenient(content, base_url, exc)
    name = _local(root.tag)
    links = _Links(base_url)
    found: str
    items: tuple[FeedItem, ...] = ()
    sitemaps: tuple[str, ...] = ()
    if name in ("rss", "RDF"):
        found = "rss"
        holder = _child(root, "channel") if name == "rss" else root
        items = _rss_items(_children(holder, "item") if holder is not None else [], links)
    elif name == "feed":
        found, items = "atom", _atom_items(root, links)
    elif name == "urlset":
        found, items = "sitemap", _sitemap_items(root, links)
    elif name == "sitemapindex":
        found = "sitemapindex"
        locs = (_text(_child(s, "loc")) for s in _children(root, "sitemap"))
        sitemaps = tuple(u for u in (links.join(x) for x in locs if x) if u)
    else:
        raise SourceError(f"{base_url}: <{name}> is not an RSS, Atom or sitemap document")
    return FeedListing(found, items, sitemaps, tuple(links.bad))


# -- documents that are not quite XML ----------------------------------------------------

_COMMENT = re.compile(rb"<!--.*?-->", re.S)
#: The root element: the first tag that is not a declaration, instruction or comment.
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
#: A ``&`` that starts no character or entity reference.
_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z][\w.-]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)")
_CDATA = re.compile(r"^<!\[CDATA\[(.*?)\]\]>$", re.S)


def _parse_lenient(content: bytes, base_url: str, error: ET.ParseError) -> FeedListing:
    """The strict parser said no: try again, leniently, if the document is a feed or sitemap
    whose root element is closed (an unclosed root is a truncated download)."""
    text = _COMMENT.sub(b"", content)
    root = _ROOT.search(text)
    name = root.group(2).decode("ascii") if root else ""
    closing = rb"</" + re.escape(root.group(1) or b"") + re.escape(root.group(2)) if root else b""
    if not root or not re.search(closing + rb"\s*>\s*\Z", text[-4096:]):
        raise SourceError(f"{base_url}: not a well-formed feed or sitemap ({error})")
    if name in ("urlset", "sitemapindex"):
        listing = _sitemap_scan(text, name, base_url)
    elif name in ("rss", "RDF", "feed"):
        listing = _feedparser_listing(_BARE_AMP.sub(b"&amp;", text), base_url, error)
    else:
        raise SourceError(f"{base_url}: <{name}> is not an RSS, Atom or sitemap document")
    log.debug("%s: not well-formed (%s); read leniently", base_url, error)
    return listing


def _scan_text(raw: bytes | None) -> str | None:
    """The text of a scanned element: CDATA unwrapped, references decoded (a bare ``&`` kept)."""
    if raw is None:
        return None
    value = raw.decode("utf-8", "replace").strip()
    cdata = _CDATA.match(value)
    value = cdata.group(1) if cdata else html.unescape(value)
    return value.strip() or None


def _scan(block: bytes, name: str) -> Iterator[bytes]:
    pattern = rb"<(?:[\w.-]+:)?" + name.encode() + rb"(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?"
    for m in re.finditer(pattern + name.encode() + rb"\s*>", block, re.S):
        yield m.group(1)


def _sitemap_scan(text: bytes, name: str, base_url: str) -> FeedListing:
    """A sitemap the XML parser rejects (a bare ``&`` in a ``<loc>``, say): scanned for its
    ``<url>``/``<sitemap>`` entries, each ``<loc>`` and any news ``<title>``."""
    links = _Links(base_url)
    if name == "sitemapindex":
        locs = (_scan_text(next(_scan(s, "loc"), None)) for s in _scan(text, "sitemap"))
        found = tuple(u for u in (links.join(x) for x in locs if x) if u)
        return FeedListing("sitemapindex", (), found, tuple(links.bad))
    items: list[FeedItem] = []
    for entry in _scan(text, "url"):
        loc = _scan_text(next(_scan(entry, "loc"), None))
        if not loc:
            continue
        news = next(_scan(entry, "news"), None)
        title = _scan_text(next(_scan(news, "title"), None)) if news is not None else None
        url = links.join(loc)
        if url is not None:
            items.append(FeedItem(url, None, title))
    return FeedListing("sitemap", tuple(items), (), tuple(links.bad))


def _fp_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _feedparser_listing(content: bytes, base_url: str, error: ET.ParseError) -> FeedListing:
    """An RSS or Atom document read with feedparser.

    feedparser gets a stream of the bytes (given ``bytes`` it would first try them as a file
    name, given ``str`` as a URL), no base URI (so links come back as written and go through
    ``_Links.join`` like the strict path's), and no HTML sanitising or relative-URI rewriting
    of content, which is not read here."""
    import xml.sax

    import feedparser  # lazily: only malformed feeds need it

    parsed: Mapping[str, Any] = feedparser.parse(
        io.BytesIO(content), resolve_relative_uris=False, sanitize_html=False
    )
    version = str(parsed.get("version") or "")
    if not version.startswith(("rss", "atom")):
        raise SourceError(f"{base_url}: not a well-formed feed or sitemap ({error})")
    atom = version.startswith("atom")
    # The SAX parser failed too, so feedparser's loose parser read it: that one leaves
    # references in an RSS <source> escaped ("Wire &amp; Co"), where the title is decoded.
    loose = isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    links = _Links(base_url)
    items: list[FeedItem] = []
    for entry in parsed.get("entries", ()):
        guid = _fp_text(entry.get("id"))
        if atom:  # the alternate link only, as on the strict path
            link = next(
                (
                    _fp_text(x.get("href"))
                    for x in entry.get("links", ())
                    if x.get("rel", "alternate") == "alternate" and _fp_text(x.get("href"))
                ),
                None,
            )
        else:  # <link>, else a permalink <guid> (feedparser copies it), else RSS 1.0 rdf:about
            link = _fp_text(entry.get("link"))
            if version == "rss10":  # feedparser's id there is the item's rdf:about
                link, guid = link or guid, None
        if not link:
            continue
        credit = None
        source = entry.get("source")
        if source:
            src = _fp_text(source.get("href")) or _fp_text(source.get("link"))
            site = _fp_text(source.get("title"))
            if site and loose:
                site = html.unescape(site)
            credit = feed_source_credit(site, links.join(src) if src else None)
        url = links.join(link)
        if url is not None:
            items.append(FeedItem(url, guid, _fp_text(entry.get("title")), credit))
    return FeedListing("atom" if atom else "rss", tuple(items), (), tuple(links.bad))


def _rss_items(items: list[ET.Element], links: _Links) -> tuple[FeedItem, ...]:
    out: list[FeedItem] = []
    for item in items:
        link = _text(_child(item, "link"))
        guid_el = _child(item, "guid")
        guid = _text(guid_el)
        about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        permalink = guid_el is not None and guid_el.get("isPermaLink", "true").lower() != "false"
        if link is None and guid and permalink:
            link = guid
        link = link or about
        if not link:
            continue
        source = _child(item, "source")
        credit = None
        if source is not None:
            src_url = source.get("url")
            credit = feed_source_credit(_text(source), links.join(src_url) if src_url else None)
        url = links.join(link)
        if url is not None:
            out.append(FeedItem(url, guid, _text(_child(item, "title")), credit))
    return tuple(out)


def _alternate(el: ET.Element) -> str | None:
    for link in _children(el, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _atom_items(root: ET.Element, links: _Links) -> tuple[FeedItem, ...]:
    out: list[FeedItem] = []
    for entry in _children(root, "entry"):
        href = _alternate(entry)
        if not href:
            continue
        credit = None
        source = _child(entry, "source")
        if source is not None:
            src_href = _alternate(source)
            credit = feed_source_credit(
                _text(_child(source, "title")), links.join(src_href) if src_href else None
            )
        url = links.join(href)
        if url is not None:
            title = _text(_child(entry, "title"))
            out.append(FeedItem(url, _text(_child(entry, "id")), title, credit))
    return tuple(out)


def _sitemap_items(root: ET.Element, links: _Links) -> tuple[FeedItem, ...]:
    out: list[FeedItem] = []
    for entry in _children(root, "url"):
        loc = _text(_child(entry, "loc"))
        if not loc:
            continue
        news = _child(entry, "news")
        title = _text(_child(news, "title")) if news is not None else None
        url = links.join(loc)
        if url is not None:
            out.append(FeedItem(url, None, title))
    return tuple(out)


__all__ = ["FeedItem", "FeedListing", "feed_source_credit", "looks_like_xml", "parse_listing"]
