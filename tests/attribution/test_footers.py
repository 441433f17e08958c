"""Attribution stage: Yoast / AIOSEO footers in every locale, their forms, chains, text removal.

Every footer here is written for the test: fictional titles and sites.  The per-locale
footers and the near-misses are tables in tests/data/attribution/.
"""

from __future__ import annotations

import html

import pytest

from provenance.attribution import (
    AttributionResult,
    find_attributions,
    list_patterns,
    parse_credits,
)
from provenance.attribution.patterns import compiled
from provenance.model import Block, Link, Metadata
from tests.helpers.cases import cases

#: One footer per Yoast language-pack template: (footer, expected site, expected title),
#: with the locale as the test id.
LOCALES = cases("attribution/footers.jsonl", "text", "site", "title")
#: Prose that uses a footer template's words without being a footer.
NEAR_MISSES = cases("attribution/footer_near_misses.jsonl", "text")


def _only(text: str, links: tuple[Link, ...] = ()) -> AttributionResult:
    return find_attributions([Block(text, links=links)], Metadata(), None)


@pytest.mark.parametrize(("footer", "site", "title"), LOCALES)
def test_every_locale(footer: str, site: str, title: str) -> None:
    result = _only(footer)
    assert len(result.attributions) == 1, result.attributions
    att = result.attributions[0]
    assert att.kind == "appeared-first-on"
    assert att.site == site
    assert att.title == title
    assert (att.hop, att.role, att.position) == (1, "origin", "footer")
    assert result.blocks == ()  # the block held only the footer


def test_locales_cover_23_language_packs() -> None:
    assert len(LOCALES) == 23
    langs = {p.lang for p in list_patterns() if p.kind == "appeared-first-on"}
    for lang in (
        "da",
        "de",
        "el",
        "en",
        "es",
        "fi",
        "fr",
        "id",
        "it",
        "ja",
        "ko",
        "nb",
        "nl",
        "pl",
        "pt",
        "ru",
        "sv",
        "tr",
        "uk",
        "vi",
        "zh",
    ):
        assert lang in langs


def test_zh_tw_newer_template() -> None:
    att = parse_credits("〈新自行車道開通〉這篇文章最早發佈於《示例新聞》。")[0]
    assert (att.site, att.title) == ("示例新聞", "新自行車道開通")


def test_aioseo_first_appeared() -> None:
    att = parse_credits(
        "The post Harbour Reopens After Storm first appeared on Example Coast News."
    )[0]
    assert (att.pattern, att.site, att.title) == (
        "aioseo-en",
        "Example Coast News",
        "Harbour Reopens After Storm",
    )


def test_html_links_give_urls() -> None:
    text = (
        'The post <a href="https://gazette.example/2024/bike-lane/">New Bike Lane</a> appeared '
        'first on <a href="https://gazette.example">Example Gazette</a>.'
    )
    att = parse_credits(text)[0]
    assert att.url == "https://gazette.example/2024/bike-lane/"
    assert att.title == "New Bike Lane"
    assert att.site == "Example Gazette"
    assert att.site_url == "https://gazette.example"
    assert att.text == text


def test_extractor_links_give_urls() -> None:
    links = (
        Link("New Bike Lane", "https://gazette.example/bike/"),
        Link("Example Gazette", "https://gazette.example/"),
    )
    result = _only("The post New Bike Lane appeared first on Example Gazette.", links)
    att = result.attributions[0]
    assert (att.url, att.site_url) == ("https://gazette.example/bike/", "https://gazette.example/")


def test_entity_escaped_html() -> None:
    raw = (
        'The post <a href="https://gazette.example/a/">Tide &amp; Time</a> appeared first on '
        '<a href="https://gazette.example">Example Gazette</a>.'
    )
    att = parse_credits(html.escape(raw))[0]
    assert att.title == "Tide & Time"
    assert att.url == "https://gazette.example/a/"
    assert att.site == "Example Gazette"


def test_entities_in_plain_title() -> None:
    att = parse_credits(
        "The post Mayor&#8217;s &#8216;Big&#8217; Plan appeared first on Example Post."
    )[0]
    assert att.title == "Mayor’s ‘Big’ Plan"


def test_glued_to_excerpt_keeps_excerpt() -> None:
    text = (
        "The council met on Tuesday and the minister said the budget would pass [&#8230;]"
        "The post Budget Passes Council appeared first on Examplecoin.com."
    )
    result = _only(text)
    att = result.attributions[0]
    assert (att.site, att.title) == ("Examplecoin.com", "Budget Passes Council")
    assert [b.text for b in result.blocks] == [
        "The council met on Tuesday and the minister said the budget would pass [&#8230;]"
    ]


def test_glued_read_more() -> None:
    result = _only(
        "Prices rose again this week.Read MoreThe post Prices Rise appeared first on "
        "Example Markets."
    )
    assert result.attributions[0].site == "Example Markets"
    assert result.blocks[0].text == "Prices rose again this week.Read More"


def test_site_with_dots_and_space_before_period() -> None:
    assert (
        parse_credits("The post A Title appeared first on Example.co.uk.")[0].site
        == "Example.co.uk"
    )
    assert (
        parse_credits("The post A Title appeared first on Example Week .")[0].site == "Example Week"
    )


def test_empty_title() -> None:
    att = parse_credits("The post appeared first on Example Daily.")[0]
    assert (att.site, att.title) == ("Example Daily", None)


def test_without_the_post() -> None:
    result = _only("Harbour Reopens appeared first on Example Coast News.")
    att = result.attributions[0]
    assert (att.site, att.title) == ("Example Coast News", "Harbour Reopens")
    assert result.blocks == ()


def test_this_post_variant_with_read_link() -> None:
    text = (
        'This post appeared first on "Example Tech Community". '
        "[Read the entire article here](https://community.example/t/42)"
    )
    result = _only(text)
    att = result.attributions[0]
    assert att.site == "Example Tech Community"
    assert att.url == "https://community.example/t/42"
    assert result.blocks == ()


def test_chain_two_hops() -> None:
    text = (
        "Vaccine Trial Approved appeared first on Origin Health News. "
        "The post Vaccine Trial Approved appeared first on Relay Wire."
    )
    atts = parse_credits(text)
    assert [(a.site, a.hop, a.role) for a in atts] == [
        ("Relay Wire", 1, "intermediary"),
        ("Origin Health News", 2, "origin"),
    ]
    assert all(a.title == "Vaccine Trial Approved" for a in atts)


def test_chain_three_hops_across_blocks() -> None:
    blocks = [
        Block("Body of the story."),
        Block(
            "The post Ferry Strike Ends appeared first on First Paper. "
            "The post Ferry Strike Ends appeared first on Second Paper."
        ),
        Block("The post Ferry Strike Ends appeared first on Third Aggregator."),
    ]
    result = find_attributions(blocks, Metadata(), None)
    assert [(a.site, a.hop, a.role) for a in result.attributions] == [
        ("Third Aggregator", 1, "intermediary"),
        ("Second Paper", 2, "intermediary"),
        ("First Paper", 3, "origin"),
    ]
    assert [b.text for b in result.blocks] == ["Body of the story."]


def test_unrelated_footers_in_separate_blocks_are_not_chained() -> None:
    blocks = [
        Block("The post One Story appeared first on Alpha News."),
        Block("The post Another Story appeared first on Beta News."),
    ]
    atts = find_attributions(blocks, Metadata(), None).attributions
    assert [(a.site, a.hop, a.role) for a in atts] == [
        ("Alpha News", 1, "origin"),
        ("Beta News", 1, "origin"),
    ]


def test_footer_removed_text_kept() -> None:
    blocks = [
        Block("The harbour reopened on Monday after repairs."),
        Block(
            "Officials expect traffic to return to normal. The post Harbour Reopens appeared "
            "first on Example Coast News."
        ),
    ]
    result = find_attributions(blocks, Metadata(), None)
    assert [b.text for b in result.blocks] == [
        "The harbour reopened on Monday after repairs.",
        "Officials expect traffic to return to normal.",
    ]
    assert result.attributions[0].text == (
        "The post Harbour Reopens appeared first on Example Coast News."
    )


def test_html_residue_dropped() -> None:
    result = _only(
        '<em>The post <a href="https://x.example/a">A</a> appeared first on '
        '<a href="https://x.example">X Example</a>.</em>'
    )
    assert result.blocks == ()


def test_block_kind_and_links_preserved() -> None:
    block = Block(
        "Read the full report. The post Report Out appeared first on Example Daily.",
        kind="li",
        links=(Link("full report", "https://example.test/report"),),
    )
    out = find_attributions([block], Metadata(), None).blocks[0]
    assert out.kind == "li"
    assert out.links == (Link("full report", "https://example.test/report"),)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_footer_near_misses(text: str) -> None:
    result = _only(text)
    assert result.attributions == ()
    assert [b.text for b in result.blocks] == [text]


def test_patterns_compiled_once() -> None:
    assert compiled() is compiled()


def test_list_patterns() -> None:
    infos = list_patterns()
    names = [p.name for p in infos]
    assert len(names) == len(set(names))
    assert {
        "yoast-en",
        "aioseo-en",
        "originally-published-en",
        "wire-dateline",
        "canonical",
        "feed-source",
    } <= set(names)
    assert all(p.kind and p.lang and p.description for p in infos)


def test_footers_after_the_article_container_are_kept_in_every_locale() -> None:
    """The content extractor keeps a trailing credit line exactly when this stage parses it."""
    from provenance.attribution import list_patterns
    from provenance.extract import extract
    from provenance.model import Page

    body = "".join(
        f"<p>Paragraph {n} of a story about the harbour authority and its plans for the "
        f"old ferry terminal, which closed {n + 2} years ago after a storm.</p>"
        for n in range(6)
    )
    templates = [i for i in list_patterns() if i.kind == "appeared-first-on"]
    assert len(templates) >= 23
    for info in templates:
        footer = info.example.replace(
            "…", '<a href="https://origin.example/story">Harbour plans</a>'
        )
        footer = footer.replace("Example Site", '<a href="https://origin.example/">Origin Post</a>')
        html = (
            "<html><body><nav><a href='/'>Home</a></nav><div class='entry-content'>"
            f"{body}</div><p>{footer}</p><footer>© Relay</footer></body></html>"
        )
        article = extract(Page(content=html.encode(), url="https://relay.example/a"))
        sites = [a.site for a in article.attributions]
        assert "Origin Post" in sites, (info.name, info.example, article.attributions)
        assert "Origin Post" not in article.text, info.name
