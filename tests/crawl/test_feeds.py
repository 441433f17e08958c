"""Parsing sources: RSS, Atom, news sitemaps, sitemap indexes; hostile XML refused."""

from __future__ import annotations

import gzip

import pytest

from provenance.crawl.feeds import parse_listing
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
