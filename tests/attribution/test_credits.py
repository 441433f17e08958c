"""Attribution stage: republication and wire credits, and their near-misses.

Credit lines are written for the test (fictional sites), following each family's wording;
the tables of them are in tests/data/attribution/.  Head and structured-data signals are
in test_head.py, the backtracking bounds in test_backtracking.py.
"""

from __future__ import annotations

import pytest

from provenance.attribution import find_attributions, parse_credits
from provenance.model import Block, Metadata
from tests.helpers.cases import cases

#: Credit lines of every family: (text, kind, pattern, site).
CREDITS = cases("attribution/credits.jsonl", "text", "kind", "pattern", "site")
#: Wire datelines: (text, agency).
WIRE_DATELINES = cases("attribution/wire_datelines.jsonl", "text", "agency")
#: Sentences that use a credit family's words without crediting anyone.
NEAR_MISSES = cases("attribution/credit_near_misses.jsonl", "text")


@pytest.mark.parametrize(("text", "kind", "pattern", "site"), CREDITS)
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
    ("line", "site"),
    [
        ("Source: Reuters, Harbour Courier", "Reuters"),
        ("Źródło: PAP, Kurier Nadwarciański", "PAP"),
        ("Fuente: EFE y Diario del Puerto", "EFE"),
        ("Quelle: dpa / Hafenblatt", "dpa"),
    ],
)
def test_a_source_line_listing_more_names_leaves_no_fragment(line: str, site: str) -> None:
    """The names after the credited one ("Source: AP, Reuters") go with it; a sentence
    after a source line's full stop stays."""
    story = Block("The tide rose over the harbour wall twice on Sunday night.")
    result = find_attributions([story, Block(line)], Metadata(), None)
    assert result.attributions[0].site == site
    assert [b.text for b in result.blocks] == [story.text]
    kept = find_attributions(
        [Block("Source: Reuters. The wall will be raised next year.")], Metadata(), None
    )
    assert [b.text for b in kept.blocks] == ["The wall will be raised next year."]


@pytest.mark.parametrize(("text", "agency"), WIRE_DATELINES)
def test_wire_datelines_kept_in_text(text: str, agency: str) -> None:
    result = find_attributions([Block(text)], Metadata(), None)
    att = result.attributions[0]
    assert (att.kind, att.site, att.position) == ("wire-credit", agency, "body")
    assert [b.text for b in result.blocks] == [text]


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("The talks ended without agreement on Thursday. (AFP)", "AFP"),
        # Japanese and Chinese stories close with the agency in full-width brackets
        ("市長は「港の象徴を次の世代に残したい」と話している。（共同）", "Kyodo"),
        ("5日の東京株式市場は続落した。（時事）", "Jiji"),
    ],
)
def test_wire_end_tag_kept(text: str, agency: str) -> None:
    result = find_attributions([Block(text)], Metadata(), None)
    assert [(a.pattern, a.site) for a in result.attributions] == [("wire-end-tag", agency)]
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


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_credit_near_misses(text: str) -> None:
    result = find_attributions([Block(text)], Metadata(), None)
    assert result.attributions == ()
    assert [b.text for b in result.blocks] == [text]
