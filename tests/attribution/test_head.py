"""Attribution stage: head and structured-data signals (canonical, og:url, JSON-LD, meta
tags), feed credits, and credits a page gives its own site."""

from __future__ import annotations

from provenance.attribution import feed_source_attribution, find_attributions
from provenance.model import Block, Metadata

PAGE = "https://www.copier.example/news/story-1"


def test_canonical_and_og_url_to_other_domain() -> None:
    meta = Metadata(
        canonical_url="https://origin.example.co.uk/a/1",
        og_url="https://news.origin.example.co.uk/a/1",
    )
    atts = find_attributions([], meta, PAGE).attributions
    assert [(a.kind, a.url, a.position) for a in atts] == [
        ("canonical", "https://origin.example.co.uk/a/1", "head"),
        ("og-url", "https://news.origin.example.co.uk/a/1", "head"),
    ]
    assert atts[0].site_url == "https://origin.example.co.uk/"


def test_canonical_same_site_is_not_a_credit() -> None:
    meta = Metadata(
        canonical_url="https://copier.example/news/story-1",
        og_url="https://m.copier.example/news/story-1",
    )
    assert find_attributions([], meta, PAGE).attributions == ()
    assert find_attributions([], meta, None).attributions == ()


def test_jsonld_sources() -> None:
    meta = Metadata(
        site_name="Copier News",
        jsonld=(
            {
                "@type": "NewsArticle",
                "isBasedOn": {
                    "@type": "NewsArticle",
                    "url": "https://origin.example/a/1",
                    "headline": "Tides Rise",
                },
                "sourceOrganization": {"@type": "Organization", "name": "Example Wire"},
                "publisher": {
                    "@type": "Organization",
                    "name": "Origin Daily",
                    "url": "https://origin.example/",
                },
            },
        ),
    )
    atts = find_attributions([], meta, PAGE).attributions
    assert [(a.pattern, a.site, a.url) for a in atts] == [
        ("jsonld-isBasedOn", None, "https://origin.example/a/1"),
        ("jsonld-sourceOrganization", "Example Wire", None),
        ("jsonld-publisher", "Origin Daily", None),
    ]
    assert all(a.kind == "jsonld-source" for a in atts)
    assert atts[0].title == "Tides Rise"


def test_jsonld_own_publisher_is_not_a_credit() -> None:
    meta = Metadata(
        site_name="Copier News",
        jsonld=(
            {
                "@type": "NewsArticle",
                "publisher": {
                    "@type": "Organization",
                    "name": "Copier News",
                    "url": "https://copier.example/",
                },
            },
        ),
    )
    assert find_attributions([], meta, PAGE).attributions == ()


def test_meta_sources_and_pixel() -> None:
    meta = Metadata(
        meta={
            "original-source": "https://origin.example/a/1",
            "syndication-source": "https://origin.example/a/1",
            "republication-tracker-tool-source": "https://origin.example/?republication-pixel=true&post=99&ga4=G-EXAMPLE",
        }
    )
    atts = find_attributions([], meta, PAGE).attributions
    assert [(a.kind, a.pattern) for a in atts] == [
        ("meta-source", "meta-original-source"),
        ("meta-source", "meta-syndication-source"),
        ("republished-from", "newspack-republication-pixel"),
    ]
    assert atts[2].site_url == "https://origin.example/"


def test_feed_source_attribution() -> None:
    att = feed_source_attribution("Origin Daily", "https://origin.example/feed/")
    assert (att.kind, att.position, att.site, att.url, att.site_url) == (
        "feed-source",
        "feed",
        "Origin Daily",
        "https://origin.example/feed/",
        "https://origin.example/",
    )
    assert feed_source_attribution(None, None).text == ""


def test_self_credit_dropped_but_footer_still_removed() -> None:
    block = Block(
        'The post <a href="https://copier.example/a">A</a> appeared first on '
        '<a href="https://copier.example/">Copier News</a>.'
    )
    result = find_attributions([block], Metadata(), PAGE)
    assert result.attributions == ()
    assert result.blocks == ()


def test_same_name_uses_the_one_site_identity() -> None:
    """Names starting with 'The' lost those letters from the word itself before
    ('The Theatre Times' became 'atretimes'); domains compare by their site key."""
    from provenance.attribution.head import same_name

    assert same_name("The Theatre Times", "Theatre Times")
    assert same_name("salon.com", "Salon")
    assert not same_name("Harbour Times", "Daily Relay")
    assert not same_name(None, "Salon")
