"""Main-content extraction on small, original fixtures modelled on real page layouts."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from hypothesis import given, strategies as st
from selectolax.lexbor import LexborHTMLParser

from provenance.extract import extract
from provenance.extract.content import (
    _is_plain_absolute,
    _is_plain_rooted,
    _origin,
    extract_blocks,
    jsonld_article_body,
)
from provenance.extract.content_model import any_of
from provenance.extract.content_walk import _BYLINE, _CLASS_HINT, STRONG_UNLIKELY, UNLIKELY
from provenance.extract.decode import decode_html
from provenance.model import Block, Page
from tests.helpers import FIXTURES

PAGES = FIXTURES / "extract"


def blocks_of(name: str, base_url: str | None = None) -> list[Block]:
    html = decode_html((PAGES / name).read_bytes(), name=name)
    return extract_blocks(LexborHTMLParser(html), base_url)


def text_of(blocks: list[Block]) -> str:
    return "\n\n".join(b.text for b in blocks)


# -- WordPress / JNews ---------------------------------------------------------------


@pytest.fixture(scope="module")
def jnews() -> list[Block]:
    return blocks_of("wordpress_jnews.html", "https://coastal-ledger.example/2024/03/x/")


def test_jnews_body_is_kept_in_reading_order(jnews: list[Block]) -> None:
    text = text_of(jnews)
    first = text.index("The town council of Harbour Town voted seven to two")
    middle = text.index("Most of the money, about 1.4 million")
    last = text.index("Residents will be able to see the plans at the library")
    assert first < middle < last
    assert "the spiral stair will have to be rebuilt" in text


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Related Posts",
        "Winter ferry timetable cut",  # inline JNews related-post block
        "Record number of seal pups",  # jeg_postblock related posts below the article
        "You may also like",
        "SHARES",
        "1.2k",
        "Share on Facebook",
        "my grandfather kept that light",  # comments
        "Post Comment",
        "Sign up for our weekly newsletter",
        "We use cookies",
        "All rights reserved",
        "Privacy policy",
        "Mira Holt",  # byline
        "March 12, 2024",  # date line
        "Previous Post",
        "Most read",
        "Tags:",
        "heritagecouncil",  # tag links
        "Home",  # breadcrumbs / navigation
    ],
)
def test_jnews_boilerplate_is_dropped(jnews: list[Block], boilerplate: str) -> None:
    assert boilerplate not in text_of(jnews)


def test_jnews_title_is_not_repeated_in_the_body(jnews: list[Block]) -> None:
    assert all("Votes to Restore Its Old Lighthouse" not in b.text for b in jnews)


def test_block_kinds(jnews: list[Block]) -> None:
    kinds = {b.text: b.kind for b in jnews}
    assert kinds["How the work will be paid for"] == "h"
    assert kinds["Scaffolding is due to go up in early May."] == "li"
    quote = next(b for b in jnews if b.text.startswith("“We have spent years"))
    assert quote.kind == "quote"
    assert kinds[next(t for t in kinds if t.startswith("The tower, built"))] == "p"


def test_whitespace_is_folded(jnews: list[Block]) -> None:
    for block in jnews:
        assert block.text == " ".join(block.text.split())


# -- Yoast footer --------------------------------------------------------------------


def test_yoast_footer_after_the_body_is_kept_with_its_links() -> None:
    blocks = blocks_of("yoast_footer.html", "https://mirror.example/night-trains/")
    last = blocks[-1]
    assert last.text == (
        "The post Night Trains Return to the Valley Line appeared first on Rail Digest."
    )
    assert [(link.text, link.href) for link in last.links] == [
        (
            "Night Trains Return to the Valley Line",
            "https://raildigest.example/2024/05/night-trains-valley/",
        ),
        ("Rail Digest", "https://raildigest.example"),
    ]
    text = text_of(blocks)
    assert "Sleeper services are coming back to the Valley Line" in text
    assert "visitor numbers from the capital have fallen since" in text
    for junk in ("Tomas Reyes", "Posted on", "Posted in", "Previous post", "Proudly powered"):
        assert junk not in text


def test_yoast_footer_inside_the_body_is_kept() -> None:
    html = (PAGES / "yoast_footer.html").read_text("utf-8")
    moved = html.replace(
        "</p>\n      </div>\n      <p>The post", "</p>\n        <p>The post"
    ).replace(
        "Rail Digest</a>.</p>\n      <footer", "Rail Digest</a>.</p>\n      </div>\n      <footer"
    )
    blocks = extract_blocks(LexborHTMLParser(moved), None)
    assert blocks[-1].text.startswith("The post Night Trains")
    assert blocks[-1].links[1].href == "https://raildigest.example"


def test_relative_links_are_made_absolute() -> None:
    html = (
        "<html><body><article><p>" + "Words about the harbour and the sea. " * 20 + "</p>"
        '<p>See <a href="/archive/2019/">the archive</a> and <a href="notes.html">notes</a>, '
        "which explain how the survey was done and who paid for it in the end.</p>"
        "</article></body></html>"
    )
    blocks = extract_blocks(LexborHTMLParser(html), "https://news.example/a/b/")
    links = [link for b in blocks for link in b.links]
    assert [(k.text, k.href) for k in links] == [
        ("the archive", "https://news.example/archive/2019/"),
        ("notes", "https://news.example/a/b/notes.html"),
    ]
    unresolved = extract_blocks(LexborHTMLParser(html), None)
    assert [k.href for b in unresolved for k in b.links] == ["/archive/2019/", "notes.html"]


# -- AMP, JSON-LD, encodings, div/br ---------------------------------------------------


def test_amp_page() -> None:
    text = text_of(blocks_of("amp.html"))
    assert text.startswith("A group of cider apple growers")
    assert "persuade neighbours to join the scheme" in text
    for junk in ("Markets", "Menu", "Advertisement", "Hana Lindqvist", "Hedge laying", "©"):
        assert junk not in text
    # an embedded post is part of the story, once; its load-failure fallback is not
    assert text.count("better job than the mower ever did") == 1
    assert "This post is unavailable" not in text


def test_jsonld_article_body_fallback() -> None:
    blocks = blocks_of("jsonld_only.html")
    assert [b.text[:30] for b in blocks] == [
        "The central library will stay ",
        "The longer hours are paid for ",
        "Students had asked for later o",
    ]
    assert "enable JavaScript" not in text_of(blocks)


def test_jsonld_article_body_reader() -> None:
    html = (PAGES / "jsonld_only.html").read_text("utf-8")
    body = jsonld_article_body(LexborHTMLParser(html))
    assert body is not None and body.startswith("The central library")
    assert jsonld_article_body(LexborHTMLParser("<p>no json-ld</p>")) is None


def test_cp1252_page_without_charset() -> None:
    raw = (PAGES / "cp1252_nocharset.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article = extract(Page(content=raw, source="cp1252_nocharset.html"))
    assert "Owners of twelve cafés on the old market square" in article.text
    assert "“People used to stop for a coffee" in article.text
    assert "Renée Dupré" in article.text
    assert "the fees – two euros an hour –" in article.text
    assert "Front page" not in article.text
    assert "Valley Courier" not in article.text


def test_div_and_br_page() -> None:
    blocks = blocks_of("div_br.html")
    assert [b.text.split()[:3] for b in blocks] == [
        ["The", "broad", "beans"],
        ["The", "leeks", "are"],
        ["On", "the", "brighter"],
        ["Next", "week:", "building"],
    ]
    text = text_of(blocks)
    assert "Archive" not in text and "visitors since" not in text


# -- edge cases ------------------------------------------------------------------------


def test_tree_is_not_modified() -> None:
    html = decode_html((PAGES / "wordpress_jnews.html").read_bytes())
    tree = LexborHTMLParser(html)
    before = tree.html
    extract_blocks(tree, None)
    assert tree.html == before


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>x</title></head></html>",
        "<html><body></body></html>",
        "<html><body><script>var a = 1;</script></body></html>",
    ],
)
def test_empty_pages_give_no_blocks(html: str) -> None:
    assert extract_blocks(LexborHTMLParser(html), None) == []


def test_short_page_keeps_its_only_paragraph() -> None:
    html = "<html><body><div><p>Just one short line of text here.</p></div></body></html>"
    assert [b.text for b in extract_blocks(LexborHTMLParser(html), None)] == [
        "Just one short line of text here."
    ]


def test_hidden_elements_are_skipped() -> None:
    para = "<p>" + "Visible words about the river crossing, the bridge and the ferry. " * 6 + "</p>"
    html = (
        f"<html><body><article>{para}"
        '<p style="display: none">Hidden teaser text that nobody sees at all.</p>'
        "<p hidden>Another hidden paragraph that is not shown.</p>"
        f"{para}</article></body></html>"
    )
    text = text_of(extract_blocks(LexborHTMLParser(html), None))
    assert "Visible words" in text and "hidden" not in text.lower()


def test_deeply_nested_page_does_not_crash() -> None:
    html = "<div>" * 2000 + "<p>Deep text inside many layers of markup, still readable.</p>"
    blocks = extract_blocks(LexborHTMLParser(f"<html><body>{html}</body></html>"), None)
    assert "Deep text inside many layers" in text_of(blocks)


# -- speed-ups that must not change results ------------------------------------------


def test_any_of_matches_like_a_plain_alternation() -> None:
    words = ("share", "sharing", "sharedaddy", "shoutbox", "-ad-", "ad-break", "a.b", "最")
    fast, plain = re.compile(any_of(*words)), re.compile("|".join(map(re.escape, words)))
    samples = ["", "share", "shar", "xsharingx", "sharedaddy", "no-ad-here", "ad-brea", "aXb"]
    samples += ["a.b", "最初", "shout box", "-ad", "post-sharing -ad-break"]
    for text in samples:
        assert bool(fast.search(text)) == bool(plain.search(text)), text


@pytest.mark.parametrize(
    "probe",
    [
        "related-posts widget",
        "social-share",
        "post-tags",
        "entry-meta",
        "byline  ",
        "c-disqus lazyload",
        " you-may-also-like ",
        "comments-area",
        "article-body",
        "css-1n7hynb",
    ],
)
def test_class_hint_covers_every_class_pattern(probe: str) -> None:
    low = probe.lower()
    if _BYLINE.search(low) or STRONG_UNLIKELY.search(low) or UNLIKELY.search(low):
        assert _CLASS_HINT.search(low)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/a/b?c=1#d",
        "http://example.org",
        "https://example.org/a?",
        "https://example.org/a#",
        "https://example.org/a?#b",
        "https://example.org/a;b",
        "https:////example.org/a",
        "https://exa\tmple.org/",
        "https://[::1/x",
        "HTTPS://Example.org/",
        "/relative/path",
        "../up",
    ],
)
def test_plain_absolute_links_skip_urljoin_only_when_it_is_a_no_op(href: str) -> None:
    if _is_plain_absolute(href):
        for base in ("https://site.example/x/y.html", "http://site.example/", "ftp://h/"):
            assert urljoin(base, href) == href


def test_slideshow_text_carried_only_as_script_data() -> None:
    blocks = blocks_of("slideshow_script_data.html")
    text = text_of(blocks)
    # every slide, in order, though the HTML renders only the first
    assert text.index("Nobody on the quay") < text.index("retired deckhands")
    assert text.index("retired deckhands") < text.index("season tickets")
    assert ("h", "The First Crossing") in [(b.kind, b.text) for b in blocks]
    assert text.count("Nobody on the quay") == 1
    for junk in ("ESTUARYSTORIES2024", "Terms of Service", "Next slide", "cdn.example"):
        assert junk not in text


def test_script_data_is_read_only_as_json_with_paragraph_markup() -> None:
    from provenance.extract.script_data import script_blocks

    code = (
        "<script>var x = 1; el.innerHTML = '<p>' + name + ' said hello to everyone</p>';"
        ' var cfg = {"a": "<p>broken'
        "</script>"
    )
    assert script_blocks(LexborHTMLParser(f"<html><body>{code}</body></html>")) == []
    data = (
        '<script>window.__DATA__ = {"story": {"body": "<p>The quarry reopened on Monday after '
        'a winter of repairs to the old crane and the access road.</p>", "pad": "'
        + "x" * 200
        + '"}};</script>'
    )
    found = script_blocks(LexborHTMLParser(f"<html><body>{data}</body></html>"))
    assert [b.text for b in found] == [
        "The quarry reopened on Monday after a winter of repairs to the old crane and the "
        "access road."
    ]


def test_script_data_inside_a_javascript_object_literal_is_found() -> None:
    from provenance.extract.script_data import script_blocks

    body = "<p>The ferry timetable changes on Monday, with two extra sailings at dusk.</p>"
    data = json.dumps({"body": body, "pad": "x" * 200})
    script = f"<script>window.app = {{state: {data}, ready: false}};</script>"
    found = script_blocks(LexborHTMLParser(f"<html><body>{script}</body></html>"))
    assert [b.text for b in found] == [
        "The ferry timetable changes on Monday, with two extra sailings at dusk."
    ]


def test_deeply_nested_or_broken_script_data_is_skipped() -> None:
    from provenance.extract.script_data import script_blocks

    deep = '{"a": "<p>some words of text in here</p>", "b": ' * 5000 + "1" + "}" * 4999
    html = f"<html><body><script>var x = {deep} oops;</script><p>Short.</p></body></html>"
    assert script_blocks(LexborHTMLParser(html)) == []
    article = extract(Page(content=html.encode(), source="deep.html"))
    assert article.error is None and article.text == "Short."


def test_deeply_nested_json_ld_is_skipped_not_fatal() -> None:
    deep = '{"@type": "NewsArticle", "articleBody": "x", "a": ' * 5000 + "1" + "}" * 5000
    html = (
        f'<html><head><script type="application/ld+json">{deep}</script></head>'
        "<body><p>Short text.</p></body></html>"
    )
    article = extract(Page(content=html.encode(), source="deep.html"))
    assert article.error is None and article.text == "Short text."


def test_a_page_with_enough_html_text_ignores_script_data() -> None:
    html = (PAGES / "wordpress_jnews.html").read_text("utf-8")
    slides = (PAGES / "slideshow_script_data.html").read_text("utf-8")
    script = slides[slides.index("<script>") : slides.index("</script>") + len("</script>")]
    with_script = html.replace("</body>", script + "</body>")
    plain = extract_blocks(LexborHTMLParser(html), None)
    assert extract_blocks(LexborHTMLParser(with_script), None) == plain


def test_a_page_nested_100000_deep_costs_like_a_shallow_one() -> None:
    """Parsing time grows with the square of nesting depth; the depth is bounded first.

    Compared as a ratio with a shallow page of the same size in the same run (no
    timing thresholds: the machine is shared)."""
    import time

    from provenance.extract import extract
    from provenance.model import Page

    n = 100_000
    words = "<p>deep text here with words</p>"
    shapes = {
        "deep": "<div>" * n + words + "</div>" * n,
        "unclosed": "<div>" * n + words,
        "flat": "<div></div>" * n + words,
    }
    seconds = {}
    for shape, body in shapes.items():
        page = Page(content=f"<html><body>{body}</body></html>".encode(), url="https://x.example/a")
        start = time.perf_counter()
        article = extract(page)
        seconds[shape] = time.perf_counter() - start
        assert "deep text here" in article.text, shape
    assert seconds["deep"] < 5 * seconds["flat"], seconds
    assert seconds["unclosed"] < 5 * seconds["flat"], seconds


_BASES = (
    "https://site.example/x/y.html",
    "http://site.example",
    "https://site.example:8080/a/b?q=1#f",
    "https://user@site.example/a",
    "https://site.example/a;p/b",
)


@given(st.text(alphabet="abcXYZ019/.-_?#=&%;:@ ~+\t", max_size=24))
def test_rooted_links_joined_by_hand_as_urljoin_joins_them(tail: str) -> None:
    href = "/" + tail
    for base in _BASES:
        origin = _origin(base)
        if origin and _is_plain_rooted(href):
            assert origin + href == urljoin(base, href)
