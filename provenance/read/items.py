"""What reading yields: a page to extract, an already extracted text, or a failure.

In: nothing (these are the read stage's output types).  Out:
:data:`SourceItem`, one per document a source names, and :class:`ReadOptions`,
the one set of knobs every reader and the extraction after it take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from provenance.model import MAX_PAGE_BYTES, Article, Page


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How sources are read, and how large a page may be (threaded on to extraction)."""

    #: The page URL, for a single local file or stdin.
    url: str | None = None
    #: Pages, records, responses and JSON Lines rows larger than this are refused.
    max_bytes: int = MAX_PAGE_BYTES


def failure(source: str, error: str, url: str | None = None) -> Article:
    """An input that could not be read: an :class:`~provenance.model.Article` with
    ``error`` set (naming the input and saying why), the one way a failed document is
    represented from reading to the store."""
    return Article.failed(source, url, error)


@dataclass(frozen=True, slots=True)
class TextDocument:
    """An already-extracted document from JSON Lines (Media Cloud, CC-News exports)."""

    url: str
    text: str
    source: str
    title: str | None = None
    published: datetime | None = None
    site_name: str | None = None


#: What reading yields: a page to extract, an extracted text, or a failure (an
#: :class:`~provenance.model.Article` with ``error`` set).
SourceItem = Page | TextDocument | Article


def parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


__all__ = ["ReadOptions", "SourceItem", "TextDocument", "failure", "parse_datetime"]
