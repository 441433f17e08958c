"""The script-data fallback takes only the object that is this page's article.

App data often ships a feed of other posts, author bios and site furniture next to (or
instead of) the article.  Fixtures in ``tests/fixtures/script_data`` are fictional
pages modelled on those layouts; ``expected.json`` holds each post's paragraphs.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from provenance.extract import extract
from provenance.extract.content import extract_blocks
from provenance.extract.script_data import script_blocks
from provenance.model import Block, Page
from tests.helpers import FIXTURES

PAGES = FIXTURES / "script_data"
EXPECTED: dict[str, list[str]] = json.loads((PAGES / "expected.json").read_text("utf-8"))
KEEPER = "lighthouse-keepers-last-winter-on-skerry-rock"
CHOIR = "school-choir-to-sing-at-the-harbour-festival"
STORM = "storm-damage-closes-the-coastal-footpath"
#: Text that sits next to the posts in the fixtures' app data and is never article text.
FURNITURE = ("Morwenna Tally has reported", "Photo: Gazette staff", "All rights reserved")


def tree_of(name: str) -> LexborHTMLParser:
    return LexborHTMLParser((PAGES / name).read_text("utf-8"))


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.kind == "p"]


def other_posts(slug: str) -> list[str]:
    return [p for s, paragraphs in EXPECTED.items() if s != slug for p in paragraphs]


def assert_only(blocks: list[Block], slug: str) -> None:
    assert texts(blocks) == EXPECTED[slug]
    joined = "\n".join(b.text for b in blocks)
    for paragraph in other_posts(slug):
        assert paragraph not in joined
    for junk in FURNITURE:
        assert junk not in joined


# -- fixture pages ---------------------------------------------------------------------


def test_feed_of_five_posts_yields_only_this_article() -> None:
    tree = tree_of("feed_with_this_article.html")
    found = script_blocks(tree)
    assert_only(found, KEEPER)
    assert [b.text for b in found if b.kind == "h"] == ["Thirty-one winters"]
    # the thin page takes the matching post's body over its one visible sentence
    assert extract_blocks(tree, None) == found


def test_feed_without_this_article_yields_nothing() -> None:
    tree = tree_of("feed_without_this_article.html")
    assert script_blocks(tree) == []
    blocks = extract_blocks(tree, None)
    assert len(blocks) == 1
    assert blocks[0].text.startswith("The harbour office has reprinted this year's tide tables")


def test_json_ld_article_body_of_this_page_is_taken() -> None:
    tree = tree_of("jsonld_article_body.html")
    assert_only(extract_blocks(tree, None), STORM)
    # the page's other script holds only "more stories": the fallback takes none of them
    assert script_blocks(tree) == []


def test_apollo_state_keyed_by_ids_yields_only_the_matching_post() -> None:
    tree = tree_of("apollo_state.html")
    found = script_blocks(tree)
    assert_only(found, CHOIR)
    assert extract_blocks(tree, None) == found


def test_whole_pipeline_on_a_feed_page() -> None:
    raw = (PAGES / "feed_with_this_article.html").read_bytes()
    article = extract(Page(content=raw, url=f"https://harbour-gazette.example/2024/03/{KEEPER}/"))
    assert article.error is None
    assert EXPECTED[KEEPER][0] in article.text
    for paragraph in other_posts(KEEPER):
        assert paragraph not in article.text


# -- how the article is recognised -------------------------------------------------------

BODIES = {
    "gull": "<p>The gull colony on the breakwater has doubled in size since the spring.</p>",
    "kelp": "<p>A kelp farm anchored off the point harvested its first crop this week.</p>",
    "mast": "<p>The radio mast on the headland will be painted red and white again.</p>",
}
TITLES = {
    "gull": "Gull colony doubles on the breakwater",
    "kelp": "Kelp farm harvests its first crop",
    "mast": "Radio mast to be repainted",
}
SLUGS = {key: "-".join(title.casefold().split()) for key, title in TITLES.items()}


def post(key: str, **fields: Any) -> dict[str, Any]:
    return {"title": TITLES[key], "body": BODIES[key], **fields}


def page(head: str, data: Any, body: str = "") -> LexborHTMLParser:
    script = f"<script>window.__STATE__ = {json.dumps(data)};</script>"
    return LexborHTMLParser(f"<html><head>{head}</head><body>{body}{script}</body></html>")


def found(tree: LexborHTMLParser, url: str | None = None) -> list[str]:
    return [b.text for b in script_blocks(tree, url)]


def text_of(key: str) -> list[str]:
    return [LexborHTMLParser(BODIES[key]).text()]


def feed(**fields: dict[str, Any]) -> dict[str, Any]:
    return {"posts": [post(key, **fields.get(key, {})) for key in BODIES]}


def test_matched_by_title_with_site_suffix_and_entities() -> None:
    data = feed(kelp={"title": {"rendered": "Kelp farm harvests its first&nbsp;crop"}})
    tree = page("<title>Kelp farm harvests its first crop | Coast Weekly</title>", data)
    assert found(tree) == text_of("kelp")


def test_matched_by_og_url_slug_when_titles_differ() -> None:
    data = feed(gull={"title": "Seabirds thrive", "link": f"/wildlife/{SLUGS['gull']}/"})
    head = f'<meta property="og:url" content="https://coast.example/2024/{SLUGS["gull"]}.html">'
    assert found(page(head, data)) == text_of("gull")


def test_matched_by_slug_field_against_the_page_url_argument() -> None:
    data = {"items": [{"slug": SLUGS[key], "content": BODIES[key]} for key in BODIES]}
    tree = page("<title>Coast Weekly</title>", data)
    assert found(tree, f"https://coast.example/news/{SLUGS['mast']}?ref=rss") == text_of("mast")
    assert found(tree) == []


def test_matched_by_description() -> None:
    desc = "Painters will climb the headland radio mast for the first time in twenty years."
    data = feed(mast={"title": "Mast news", "excerpt": desc})
    assert found(page(f'<meta name="description" content="{desc}">', data)) == text_of("mast")


def test_list_of_titled_posts_without_urls_yields_only_the_match() -> None:
    data = feed()
    assert found(page(f"<h1>{TITLES['gull']}</h1>", data)) == text_of("gull")
    assert found(page("<h1>Ferry timetable changes in June</h1>", data)) == []


def test_one_word_titles_short_slugs_and_the_site_name_do_not_match() -> None:
    data = {
        "section": {"slug": "news", "name": "News", "body": BODIES["gull"]},
        "publisher": {"name": "Coast Weekly", "text": BODIES["kelp"]},
    }
    head = (
        "<title>Ferry timetable changes in June - Coast Weekly</title>"
        '<link rel="canonical" href="https://coast.example/news/">'
    )
    assert found(page(head, data)) == []


def test_only_the_matching_objects_body_fields_are_read() -> None:
    card = {"title": "Read next", "url": "https://coast.example/other-story-about-boats/"}
    article = {
        **post("gull"),
        "layout": {"banner": "<p>Subscribe today and get the weekly print edition free.</p>"},
        "authorBio": "<p>Our wildlife reporter has counted gulls for nine summers.</p>",
        "blocks": [
            {"title": "Slide two of the gallery", "html": BODIES["mast"]},
            {**card, "html": BODIES["kelp"]},
        ],
    }
    tree = page(f"<h1>{TITLES['gull']}</h1>", {"page": article})
    # titled slides inside the body are the article's; a card linking elsewhere is not
    assert found(tree) == text_of("gull") + text_of("mast")


def test_the_fullest_matching_object_wins_over_a_teaser_copy() -> None:
    teaser = {"title": TITLES["kelp"], "text": "<p>A kelp farm harvested its first crop.</p>"}
    full = post("kelp", body=BODIES["kelp"] + "<p>Divers checked the ropes before the harvest.</p>")
    tree = page(f"<h1>{TITLES['kelp']}</h1>", {"latest": [teaser], "article": full})
    assert found(tree) == [*text_of("kelp"), "Divers checked the ropes before the harvest."]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"story": {"body": BODIES["gull"]}, "pad": "x" * 200}, text_of("gull")),
        (feed(), []),
    ],
    ids=["anonymous-body", "titled-posts"],
)
def test_a_page_that_names_itself_nowhere(data: dict[str, Any], expected: list[str]) -> None:
    # nothing to match against: unattributed text is kept, a list of posts is not
    assert found(page("", data)) == expected
