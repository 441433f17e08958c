"""Read: source names in (files, folders, WARCs, JSON Lines, URLs, stdin), articles out.

- :mod:`~provenance.read.sources`: what each source name holds, as raw items
  (a page to extract, an already extracted text, or a failure naming the input);
- :mod:`~provenance.read.articles`: item → :class:`~provenance.model.Article`.
"""

from __future__ import annotations

from provenance.read.articles import (
    ReadOptions as ReadOptions,
    article_from_text as article_from_text,
    read_articles as read_articles,
    read_items as read_items,
    to_article as to_article,
)

__all__ = ["ReadOptions", "article_from_text", "read_articles", "read_items", "to_article"]
