"""Main-content extraction: the article's own paragraphs, in reading order (stub)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ..model import Block


def extract_blocks(tree: HTMLParser, base_url: str | None) -> list[Block]:
    body = tree.body
    if body is None:
        return []
    return [Block(text=p.text(strip=True)) for p in body.css("p") if p.text(strip=True)]
