"""JSON-LD: lenient parsing, flattening, type checks and value helpers."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.extract.jsonld import (
    flatten,
    is_article,
    is_page,
    jsonld_objects,
    name_of,
    names_of,
    parse_jsonld,
    resolve_references,
    text_value,
    type_names,
)


def test_strict_json() -> None:
    assert parse_jsonld('{"@type": "NewsArticle", "headline": "Quay reopens"}') == [
        {"@type": "NewsArticle", "headline": "Quay reopens"}
    ]


@pytest.mark.parametrize(
    "text",
    [
        # trailing commas
        '{"@type": "NewsArticle", "headline": "Quay reopens", "author": ["A", "B",],}',
        # raw newline and tab inside a string
        '{"@type": "NewsArticle", "headline": "Quay\nreopens\tagain"}',
        # HTML comment wrapper
        '<!-- {"@type": "NewsArticle", "headline": "Quay reopens"} -->',
        # CDATA wrapper, with and without JS comment markers
        '<![CDATA[ {"@type": "NewsArticle", "headline": "Quay reopens"} ]]>',
        '//<![CDATA[\n{"@type": "NewsArticle", "headline": "Quay reopens"}\n//]]>',
    ],
)
def test_repairs(text: str) -> None:
    values = parse_jsonld(text)
    assert len(values) == 1
    assert values[0]["@type"] == "NewsArticle"
    assert values[0]["headline"].startswith("Quay")


def test_several_objects_back_to_back() -> None:
    values = parse_jsonld('{"@type": "WebSite"}\n{"@type": "NewsArticle"};')
    assert [v["@type"] for v in values] == ["WebSite", "NewsArticle"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "{ nope", "[[[[[[[[", "null garbage", "<p>not json</p>", '{"a": "unterminated'],
)
def test_unparseable_gives_empty_list(text: str) -> None:
    assert parse_jsonld(text) == []


def test_deep_nesting_does_not_raise() -> None:
    assert parse_jsonld("[" * 100_000 + "]" * 100_000) == []


def test_flatten_graph_arrays_and_main_entity() -> None:
    doc = [
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebPage",
                    "@id": "p",
                    "mainEntity": {"@type": "NewsArticle", "@id": "a"},
                },
                {"@type": "Organization", "@id": "o", "name": "Gazette"},
            ],
        },
        [{"@type": "BlogPosting", "@id": "b"}],
        "not an object",
        42,
    ]
    ids = [o.get("@id") for o in flatten(doc)]
    assert ids == ["p", "a", "o", "b"]


def test_type_names_and_predicates() -> None:
    assert type_names({"@type": ["schema:NewsArticle", "http://schema.org/WebPage"]}) == (
        "NewsArticle",
        "WebPage",
    )
    assert is_article({"@type": "ReportageNewsArticle"})
    assert is_article({"@type": ["Thing", "BlogPosting"]})
    assert is_article({"@type": "LiveBlogPosting"})
    assert not is_article({"@type": "WebPage"})
    assert not is_article({"@type": 7})
    assert is_page({"@type": "WebPage"})
    assert is_page({"@type": "CollectionPage"})
    assert not is_page({"@type": "Organization"})


def test_names_of_every_shape() -> None:
    assert names_of("Ada Quill") == ["Ada Quill"]
    assert names_of({"@type": "Person", "name": "Ada Quill"}) == ["Ada Quill"]
    assert names_of({"name": {"@value": "Ada Quill"}}) == ["Ada Quill"]
    assert names_of({"givenName": "Ada", "familyName": "Quill"}) == ["Ada Quill"]
    assert names_of([{"name": "Ada Quill"}, "Ben Rook", {"url": "x"}, None]) == [
        "Ada Quill",
        "Ben Rook",
    ]
    assert names_of({"name": ["Ada Quill", "Ben Rook"]}) == ["Ada Quill", "Ben Rook"]
    assert names_of(None) == []


def test_name_and_text_helpers() -> None:
    assert name_of([{"url": "x"}, {"name": "Gazette"}]) == "Gazette"
    assert name_of("Gazette") == "Gazette"
    assert text_value("  two   words ") == "two words"
    assert text_value({"@value": "v"}) == "v"
    assert text_value(["", "second"]) == "second"
    assert text_value(True) is None
    assert text_value(2024) == "2024"


def test_resolve_references() -> None:
    objs = [
        {"@type": "NewsArticle", "author": [{"@id": "#p1"}, {"@id": "#missing"}],
         "publisher": {"@id": "#org"}},
        {"@type": "Person", "@id": "#p1", "name": "Ada Quill"},
        {"@type": "Organization", "@id": "#org", "name": "Gazette"},
    ]  # fmt: skip
    article = resolve_references(objs)[0]
    assert names_of(article["author"]) == ["Ada Quill"]
    assert name_of(article["publisher"]) == "Gazette"
    # The input objects are not modified.
    assert objs[0]["publisher"] == {"@id": "#org"}


def test_jsonld_objects_reads_scripts_in_order() -> None:
    tree = HTMLParser(
        "<html><head>"
        '<script type="application/ld+json">{"@type": "WebSite", "name": "S"}</script>'
        '<script type="text/javascript">{"@type": "NewsArticle"}</script>'
        '<script type="Application/LD+JSON">{"@type": "NewsArticle", "headline": "H"}</script>'
        "</head><body>"
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "B"}</script>'
        "</body></html>"
    )
    assert [o["@type"] for o in jsonld_objects(tree)] == ["WebSite", "NewsArticle", "BlogPosting"]
