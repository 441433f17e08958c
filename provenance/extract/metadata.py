"""Page metadata (stub)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ..model import Metadata


def extract_metadata(tree: HTMLParser, url: str | None) -> Metadata:
    node = tree.css_first("title")
    return Metadata(title=node.text(strip=True) if node else None)
