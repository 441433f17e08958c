"""Attribution stage: republication and wire credits, near-misses, head signals, safety.

Credit lines are written for the test (fictional sites), following each family's wording.
"""

from __future__ import annotations

import pytest

from provenance.attribution import (
    feed_source_attribution,
    find_attributions,
    parse_credits,
)
from provenance.model import Block, Metadata
from provenance.sites import registrable_domain

CREDITS = [
    # (text, kind, pattern, site)
    (
        "This article originally appeared on Example Weekly.",
        "originally-published",
        "originally-published-en",
        "Example Weekly",
    ),
    (
        "This story was originally published in The Example Review and is republished "
        "with permission.",
        "originally-published",
        "originally-published-en",
        "The Example Review",
    ),
    (
        "This post was originally published at Example Notes.",
        "originally-published",
        "originally-published-en",
        "Example Notes",
    ),
    (
        "This story was originally published by Example Investigates, a nonprofit newsroom.",
        "originally-published",
        "originally-published-en",
        "Example Investigates",
    ),
    (
        "Originally published at example-notes.dev.",
        "originally-published",
        "originally-published-en",
        "example-notes.dev",
    ),
    (
        "_This article was originally published on the [Example Engineering blog][4] and is "
        "reprinted with permission._",
        "originally-published",
        "originally-published-en",
        "Example Engineering blog",
    ),
    (
        "This essay was written with A. N. Author, and originally appeared in "
        "Example Policy Review.",
        "originally-published",
        "originally-published-en",
        "Example Policy Review",
    ),
    (
        'This story, "How Tides Work" was originally published by Example World.',
        "originally-published",
        "originally-published-en",
        "Example World",
    ),
    (
        "This article is republished from The Example Exchange under a Creative Commons license. "
        "Read the original article.",
        "republished-from",
        "republished-from-en",
        "The Example Exchange",
    ),
    (
        "Tides explained (Republished from The Example Exchange)",
        "republished-from",
        "republished-from-en",
        "The Example Exchange",
    ),
    (
        "Reprinted with permission from Example Journal.",
        "republished-from",
        "with-permission-en",
        "Example Journal",
    ),
    (
        "An earlier version of this article was published on Example Law and is republished with "
        "the author's permission.",
        "republished-from",
        "with-permission-en",
        "Example Law",
    ),
    (
        "This article is adapted from the book Tides and Time and is republished with permission.",
        "republished-from",
        "with-permission-en",
        None,
    ),
    (
        "This story was produced by Example Health News, a national newsroom.",
        "originally-published",
        "produced-by-en",
        "Example Health News",
    ),
    (
        "This article was originally published on ExampleMatters and was republished under the "
        "Creative Commons license.",
        "originally-published",
        "originally-published-en",
        "ExampleMatters",
    ),
    (
        "This story was originally published by Example Climate News and is republished with "
        "permission. Sign up for their newsletter here.",
        "originally-published",
        "originally-published-en",
        "Example Climate News",
    ),
    (
        "This article first appeared on Example Times and is republished here under a Creative "
        "Commons license.",
        "republished-from",
        "newspack-republication",
        "Example Times",
    ),
    ("© Provided by Example Insider", "republished-from", "provided-by", "Example Insider"),
    ("Read more at Example Daily.", "read-original", "read-original", "Example Daily"),
    (
        "Dieser Text erschien zuerst auf Beispielblog.",
        "appeared-first-on",
        "yoast-de",
        "Beispielblog",
    ),
    (
        "Cet article a été publié initialement sur Exemple Magazine.",
        "originally-published",
        "originally-published-fr",
        "Exemple Magazine",
    ),
    (
        "Este artículo fue publicado originalmente en Diario Ejemplo.",
        "originally-published",
        "originally-published-es",
        "Diario Ejemplo",
    ),
    (
        "Articolo pubblicato su Il Quotidiano Esempio di lunedì 3 marzo 2021",
        "originally-published",
        "originally-published-it",
        "Il Quotidiano Esempio",
    ),
    ("Source: Example Wire", "source-line", "source-line", "Example Wire"),
]


@pytest.mark.parametrize(
    ("text", "kind", "pattern", "site"), CREDITS, ids=[c[2] + ":" + c[0][:30] for c in CREDITS]
)
def test_credit_lines(text: str, kind: str, pattern: str, site: str | None) -> None:
    result = find_attributions([Block("Story body."), Block(text)], Metadata(), None)
    assert len(result.attributions) == 1, result.attributions
    att = result.attributions[0]
    assert (att.kind, att.pattern, att.site) == (kind, pattern, site)
    assert att.position == "footer"
    assert [b.text for b in result.blocks] == ["Story body."]  # credit line removed


def test_idg_title_and_link() -> None:
    text = (
        'This story, "Five Ways to Fix Wi-Fi" was originally published by '
        '<a href="https://example-world.test/">Example World</a>.'
    )
    att = parse_credits(text)[0]
    assert (att.title, att.site, att.site_url) == (
        "Five Ways to Fix Wi-Fi",
        "Example World",
        "https://example-world.test/",
    )


def test_originally_linked_article_and_at_url() -> None:
    text = (
        "This tutorial was written by [Sam](https://example.test/sam) and originally appeared "
        "on [Example Tweaks](https://tweaks.example/) at https://tweaks.example/2020/labels/."
    )
    att = parse_credits(text)[0]
    assert att.site == "Example Tweaks"
    assert att.site_url == "https://tweaks.example/"
    assert att.url == "https://tweaks.example/2020/labels/"


def test_grist_headline() -> None:
    att = parse_credits(
        "This story was originally published by Example Green with the headline "
        '"Storm Season Starts Early" on Mar 10, 2024.'
    )[0]
    assert (att.site, att.title) == ("Example Green", "Storm Season Starts Early")


def test_conversation_provided_by_merges() -> None:
    text = (
        "Provided by The Example Exchange This article is republished from The Example Exchange "
        "under a Creative Commons license. Read the original article."
    )
    atts = parse_credits(text)
    assert [a.site for a in atts] == ["The Example Exchange"]


def test_provided_by_caption_only_credit_removed() -> None:
    text = "© Provided by Example Insider Inc Example Corp/Example Photo The firm surprised all."
    result = find_attributions([Block(text)], Metadata(), None)
    assert [a.site for a in result.attributions] == ["Example Insider Inc"]
    assert result.blocks[0].text == "Example Corp/Example Photo The firm surprised all."


def test_credit_glued_after_story_sentence_only_credit_removed() -> None:
    result = find_attributions(
        [Block("The tide rose. This article originally appeared on Example Weekly.")],
        Metadata(),
        None,
    )
    assert [b.text for b in result.blocks] == ["The tide rose."]


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("WASHINGTON (AP) — The central bank cut rates on Wednesday.", "AP"),
        ("LONDON (Reuters) - Shares fell sharply on Monday.", "Reuters"),
        ("PARIS (AFP) - The minister resigned.", "AFP"),
        ("Hamburg (dpa/lno) – Die Fronten bleiben verhärtet.", "dpa"),
        ("By A. Writer and B. Writer, CNN (CNN) — The rocket launched on Sunday.", "CNN"),
        ("Springfield (AP) _ The council voted on Tuesday.", "AP"),
    ],
)
def test_wire_datelines_kept_in_text(text: str, agency: str) -> None:
    result = find_attributions([Block(text)], Metadata(), None)
    att = result.attributions[0]
    assert (att.kind, att.site, att.position) == ("wire-credit", agency, "body")
    assert [b.text for b in result.blocks] == [text]


def test_wire_end_tag_kept() -> None:
    text = "The talks ended without agreement on Thursday. (AFP)"
    result = find_attributions([Block(text)], Metadata(), None)
    assert [(a.pattern, a.site) for a in result.attributions] == [("wire-end-tag", "AFP")]
    assert result.blocks[0].text == text


def test_reporting_by_line_removed() -> None:
    blocks = [
        Block("Rates were cut."),
        Block("(Reporting by A. Reporter and B. Reporter; Editing by C. Editor)"),
    ]
    result = find_attributions(blocks, Metadata(), None)
    assert [(a.pattern, a.site) for a in result.attributions] == [("wire-reporting-by", "Reuters")]
    assert [b.text for b in result.blocks] == ["Rates were cut."]


def test_reporting_by_glued_to_last_paragraph() -> None:
    result = find_attributions(
        [Block("Rates were cut. (Reporting by A. Reporter; Editing by C. Editor)")],
        Metadata(),
        None,
    )
    assert result.blocks[0].text == "Rates were cut."


NEAR_MISSES = [
    "Economists told the Associated Press they are hopeful.",
    "(Washington, DC) — The central bank cut its key rate by a quarter point.",
    "The senator waves to supporters. (AP Photo/Example Photographer)",
    "Photo: AP",
    "This article was originally published in 2018 and updated since.",
    "This column was originally published on March 3, 2021, and has since been revised.",
    "This note was first published on [June 2nd, 2020][3]. Below is an expanded version.",
    "originally published by Example Investigates in 2016.",
    "Items shown here that were originally published in other editions of Example Daily "
    "remain the property of Example Media Group.",
    "Verses 3-9 originally appeared in chapter 4 of this collection.",
    "The `pathlib` module first appeared in Python 3.4.",
    "This is the second in a run of posts about tools that first appeared in "
    "an early release of Linux.",
    "Image courtesy Example Person – originally posted to Example Photos as Untitled",
    "Two co-authors and I recently published a paper in The Example Review, titled Why...",
    "Since Example.com first published the story in 2010, boards have multiplied.",
    "The test file is a letter that was first published in the Example Gazette in 1902.",
    "To try it, I used the floppy images, originally posted in 1994.",
    "Those settings are provided by the operating system and vary by device.",
    "He checked the totals provided by Example League against last season's figures.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_credit_near_misses(text: str) -> None:
    result = find_attributions([Block(text)], Metadata(), None)
    assert result.attributions == ()
    assert [b.text for b in result.blocks] == [text]


# --- head and structured data -------------------------------------------------------------

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


def test_registrable_domain() -> None:
    assert registrable_domain("https://www.news.example.co.uk/a") == "example.co.uk"
    assert registrable_domain("https://sub.example.com/") == "example.com"
    assert registrable_domain(None) is None


# --- catastrophic-backtracking safety -------------------------------------------------------

MB = 1_000_000


@pytest.mark.parametrize(
    "unit",
    [
        "appeared first on ",
        "The post ",
        "This article was originally published on ",
        "republished with permission from ",
        "(AP) — ",
        "[Example][1] ",
        "<a href='x'>",
        "&amp;",
    ],
)
def test_one_megabyte_line_is_scanned_in_bounded_windows(unit: str) -> None:
    text = unit * (MB // len(unit) + 1)
    result = find_attributions([Block(text)], Metadata(), None)
    assert len(text) >= MB
    assert len(result.attributions) <= 2
    assert sum(len(b.text) for b in result.blocks) >= MB * 0.9


def test_one_megabyte_line_with_real_footer_at_the_end() -> None:
    filler = "appeared first on " * (MB // 18 + 1)
    footer = "The post Harbour Reopens appeared first on Example Coast News."
    result = find_attributions([Block(filler + footer)], Metadata(), None)
    assert [(a.site, a.title) for a in result.attributions] == [
        ("Example Coast News", "Harbour Reopens")
    ]
    assert result.blocks[0].text == filler.strip()
