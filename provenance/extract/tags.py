"""HTML element vocabularies shared by the extraction modules (one list each)."""

from __future__ import annotations

from typing import Final

#: Ruby annotations (furigana over kanji, pinyin over hanzi): a reading aid printed
#: above the words, not words of the text.
RUBY_ANNOTATIONS: Final = frozenset(("rt", "rp", "rtc"))

#: Elements that start a new block of text, and whose text is separated from its
#: neighbours by whitespace (custom elements with a hyphen start a block too).
BLOCK_TAGS: Final = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)

__all__ = ["BLOCK_TAGS"]
