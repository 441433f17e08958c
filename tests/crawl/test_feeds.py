"""Parsing sources: RSS, Atom, news sitemaps, sitemap indexes; hostile XML refused; feeds
and sitemaps that are not quite XML read leniently."""

from __future__ import annotations

import gzip
import socket
import sys
import urllib.request
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from provenance.crawl import feeds
from provenance.crawl.feeds import FeedItem, parse_listing
from provenance.errors import SourceError
from tests.helpers.crawlweb import ATOM, NEWS_SITEMAP, SITEMAP_INDEX, feed_rss


def test_rss_items_guids_and_feed_source_credit() -> None:
    listing = parse_listing(feed_rss("http://127.0.0.1:1"), "http://aggregator.test/feed.xml")
    assert listing.kind == "rss"
    urls = [i.url for i in listing.items]
    assert urls[0] == "http://aggregator.test/story/lighthouse"
    ferry = listing.items[1]
    assert ferry.guid == "agg-ferry-1"
    assert ferry.credit is not None
    assert ferry.credit.kind == "feed-source" and ferry.credit.position == "feed"
    assert ferry.credit.site == "Publisher Daily"
    assert ferry.credit.url == "http://publisher.test/sitemap-news.xml"


def test_atom_entry_and_source() -> None:
    [entry] = parse_listing(ATOM, "http://blog.test/atom.xml").items
    assert entry.url == "http://blog.test/posts/mill" and entry.guid == "urn:blog:mill"
    assert entry.credit is not None and entry.credit.site == "Publisher Daily"
    assert entry.credit.url == "http://publisher.test/news/mill-bread.html"


def test_news_sitemap_gzipped_and_index() -> None:
    listing = parse_listing(gzip.compress(NEWS_SITEMAP), "http://publisher.test/s.xml.gz")
    assert listing.kind == "sitemap"
    assert listing.items[0].url == "http://publisher.test/news/late-ferry.html"
    assert listing.items[0].title == "Late ferry"
    index = parse_listing(SITEMAP_INDEX, "http://publisher.test/sitemap_index.xml")
    assert index.kind == "sitemapindex"
    assert index.sitemaps == ("http://publisher.test/sitemap-news.xml",)


def test_html_is_a_page_source() -> None:
    listing = parse_listing(b"<!doctype html><p>hi</p>", "http://a.test/x")
    assert listing.kind == "page" and [i.url for i in listing.items] == ["http://a.test/x"]


@pytest.mark.parametrize(
    "doc",
    [
        b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
        b"<rss><channel><item><link>&b;</link></item></channel></rss>",
        b"<?xml version='1.0'?><rss><channel><item><link>http://a.test/1",
        # entities declared after 64 KiB of padding in the prolog
        b"<?xml version='1.0'?><!--" + b" " * 70_000 + b"-->"
        b"<!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
        b"<rss><channel><item><link>&b;</link></item></channel></rss>",
        b"<?xml version='1.0'?><html><body/></html>",
    ],
)
def test_hostile_or_broken_xml_is_a_source_error(doc: bytes) -> None:
    with pytest.raises(SourceError, match=r"http://a\.test/feed"):
        parse_listing(doc, "http://a.test/feed")


# -- feeds that are not quite XML (fictional fixtures) --------------------------------------

_ITEM = (
    b"<item><title>Fish & chips at the pier</title>"
    b"<link>http://paper.test/story?id=7&page=2</link><guid isPermaLink='false'>p-7</guid>"
    b"<source url='http://wire.test/feed?lang=en&region=north'>Wire & Co</source></item>"
)
_FISH = FeedItem(
    "http://paper.test/story?id=7&page=2",
    "p-7",
    "Fish & chips at the pier",
    feeds.feed_source_credit("Wire & Co", "http://wire.test/feed?lang=en&region=north"),
)


def _rss(items: bytes, head: bytes = b"<?xml version='1.0' encoding='utf-8'?>") -> bytes:
    return head + b"<rss version='2.0'><channel><title>Paper</title>" + items + b"</channel></rss>"


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(_rss(_ITEM), id="bare-ampersands"),
        pytest.param(_rss(_ITEM, b"\n\n   <?xml version='1.0'?>"), id="whitespace-before-decl"),
        pytest.param(_rss(_ITEM, b"\xef\xbb\xbf \r\n<?xml version='1.0'?>"), id="bom-whitespace"),
        pytest.param(
            _rss(_ITEM.replace(b"</item>", b"<dc:creator>A. Writer</dc:creator></item>")),
            id="undeclared-prefix",
        ),
    ],
)
def test_sloppy_rss_is_read_leniently(doc: bytes) -> None:
    with pytest.raises(ET.ParseError):
        ET.fromstring(doc)  # the fixture really is not well-formed
    listing = parse_listing(doc, "http://paper.test/rss")
    assert listing.kind == "rss" and listing.items == (_FISH,) and listing.bad_links == ()


def test_html_entities_and_relative_links_in_a_sloppy_feed() -> None:
    doc = _rss(
        b"<item><title>Caf&eacute;&nbsp;opens &mdash; at last</title><link>/news/cafe</link>"
        b"<guid>http://paper.test/g/1</guid></item>"
        b"<item><title>No link, permalink guid</title><guid>/news/by-guid</guid></item>"
        b"<item><title>No link at all</title><guid isPermaLink='false'>x-1</guid></item>"
    )
    listing = parse_listing(doc, "http://paper.test/feeds/rss")
    assert [(i.url, i.guid, i.title) for i in listing.items] == [
        ("http://paper.test/news/cafe", "http://paper.test/g/1", "Café\xa0opens — at last"),
        ("http://paper.test/news/by-guid", "/news/by-guid", "No link, permalink guid"),
    ]


def test_sloppy_atom_and_rss1() -> None:
    atom = (
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>R & D</title>"
        b"<entry><id>urn:lab:1</id><title>R&eacute;sum&eacute; & notes</title>"
        b"<link rel='enclosure' href='/audio.mp3'/><link href='/posts?id=1&v=2'/>"
        b"<source><title>Lab &amp; Field</title><link href='http://lab.test/a?b=1&c=2'/></source>"
        b"</entry><entry><id>urn:lab:2</id><title>no alternate</title></entry></feed>"
    )
    [entry] = parse_listing(atom, "http://lab.test/atom").items
    assert entry.url == "http://lab.test/posts?id=1&v=2" and entry.guid == "urn:lab:1"
    assert entry.title == "Résumé & notes"
    assert entry.credit == feeds.feed_source_credit("Lab & Field", "http://lab.test/a?b=1&c=2")
    rdf = (
        b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        b"xmlns='http://purl.org/rss/1.0/'><channel rdf:about='http://r.test/'><title>A & B"
        b"</title></channel><item rdf:about='http://r.test/1?a=1&b=2'><title>One &hellip;"
        b"</title></item></rdf:RDF>"
    )
    listing = parse_listing(rdf, "http://r.test/rdf")
    assert listing.kind == "rss"
    assert listing.items == (FeedItem("http://r.test/1?a=1&b=2", None, "One …"),)


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_lenient_path_agrees_with_the_strict_one(name: str) -> None:
    doc = feed_rss("http://127.0.0.1:1") if name == "rss" else ATOM
    base = "http://aggregator.test/feed.xml"
    strict = parse_listing(doc, base)
    lenient = feeds._feedparser_listing(doc, base, ET.ParseError("test"))
    assert lenient == strict and strict.kind == name


def test_a_bad_link_in_a_sloppy_feed_is_kept_for_the_caller() -> None:
    doc = _rss(b"<item><title>a & b</title><link>http://[oops/x</link></item>" + _ITEM)
    listing = parse_listing(doc, "http://paper.test/rss")
    assert listing.items == (_FISH,)
    [(link, reason)] = listing.bad_links
    assert link == "http://[oops/x" and "http://paper.test/rss" in reason


def test_sloppy_sitemaps_are_scanned() -> None:
    sitemap = (
        b"  <?xml version='1.0' encoding='UTF-8'?>"
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<!-- <url><loc>http://site.test/commented-out</loc></url> -->"
        b"<url><loc>http://site.test/a?x=1&y=2</loc><news:news><news:publication>"
        b"<news:name>Site</news:name></news:publication>"
        b"<news:title>Caf&eacute; & bar</news:title></news:news></url>"
        b"<url><loc><![CDATA[/b?p=1&q=2]]></loc></url>"
        b"<url><loc>http://site.test/c?m=1&amp;n=2</loc></url>"
        b"<url><loc>http://[broken</loc></url><url><lastmod>2026</lastmod></url>"
        b"</urlset>\n"
    )
    listing = parse_listing(gzip.compress(sitemap), "http://site.test/sitemap.xml.gz")
    assert listing.kind == "sitemap"
    assert [(i.url, i.title) for i in listing.items] == [
        ("http://site.test/a?x=1&y=2", "Café & bar"),
        ("http://site.test/b?p=1&q=2", None),
        ("http://site.test/c?m=1&n=2", None),
    ]
    assert [link for link, _ in listing.bad_links] == ["http://[broken"]
    index = (
        b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<sitemap><loc>http://site.test/sm?page=1&kind=news</loc></sitemap></sitemapindex>"
    )
    listing = parse_listing(index, "http://site.test/index.xml")
    assert listing.kind == "sitemapindex"
    assert listing.sitemaps == ("http://site.test/sm?page=1&kind=news",)


def _no_feedparser(*args: object, **kwargs: object) -> Any:
    raise AssertionError("feedparser must not see this document")


@pytest.mark.parametrize(
    "doc",
    [
        b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'x'>]>"
        b"<rss><channel><item><title>a & b</title><link>http://a.test/&a;</link></item>"
        b"</channel></rss>",
        "<?xml version='1.0' encoding='utf-16'?><!DOCTYPE rss [<!ENTITY a 'x'>]>"
        "<rss><channel><item><title>a & b</title><link>&a;</link></item></channel></rss>".encode(
            "utf-16"
        ),
    ],
)
def test_entities_are_refused_before_feedparser(
    doc: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedparser

    monkeypatch.setattr(feedparser, "parse", _no_feedparser)
    with pytest.raises(SourceError, match=r"http://a\.test/feed: .*declares XML entities"):
        parse_listing(doc, "http://a.test/feed", "rss")


@pytest.mark.parametrize(
    "doc",
    [
        b"<?xml version='1.0'?>this & that, and no feed",
        b"<?xml version='1.0'?><html><body><p>fish & chips</p></body></html>",
        b"<?xml version='1.0'?><rss><channel><item><title>a & b</title><link>http://a.test/1",
        b"<?xml version='1.0'?><urlset><url><loc>http://a.test/1?a=1&b=2</loc></url>",
        b"<?xml version='1.0'?><rss><channel><item>a & b</item></channel></rss> trailing junk",
    ],
)
def test_what_is_not_a_feed_stays_a_source_error(doc: bytes) -> None:
    with pytest.raises(SourceError, match=r"^http://a\.test/feed: "):
        parse_listing(doc, "http://a.test/feed")


def test_lenient_parsing_does_no_io(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError("network or file access while parsing a feed")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    doc = (
        b"<?xml version='1.0'?><?xml-stylesheet href='http://127.0.0.1:9/s.xsl'?>"
        b"<!DOCTYPE rss SYSTEM 'http://127.0.0.1:9/rss.dtd'>"
        b"<rss xml:base='http://paper.test/'><channel><item><title>a & b</title>"
        b"<description>&lt;img src='http://127.0.0.1:9/x.png'&gt;</description>"
        b"<link>http://paper.test/ok</link></item></channel></rss>"
    )
    [item] = parse_listing(doc, "http://paper.test/rss").items
    assert item.url == "http://paper.test/ok" and item.title == "a & b"


def test_feedparser_is_imported_only_for_a_sloppy_feed() -> None:
    import subprocess

    code = (
        "import sys; from provenance.crawl.feeds import parse_listing;"
        "from tests.helpers.crawlweb import ATOM;"
        "parse_listing(ATOM, 'http://blog.test/atom.xml');"
        "print('feedparser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
