"""Reading sources: RSS 2.0/1.0, Atom, sitemaps (news sitemaps and sitemap
indexes included) and single pages, with the standard library's XML parser.

Documents that declare entities are refused outright (no feed needs them, and
they are how "billion laughs" attacks work); external entities are never
resolved by ``xml.etree``.  Gzipped sitemaps are inflated under a cap.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from provenance.attribution import feed_source_attribution
from provenance.errors import SourceError
from provenance.fetch.decode import read_bounded
from provenance.model import Attribution

log = logging.getLogger(__name__)

#: The sitemap protocol's own limit on an uncompressed sitemap.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
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
        raise SourceError(f"{base_url}: not a well-formed feed or sitemap ({exc})") from exc
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
