"""Item → article: extract a page, parse the credits of an extracted text, keep a failure.

In: source names, or the items :func:`read_items` yields.  Out:
:class:`~provenance.model.Article` objects, failures included (``error`` set).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from provenance.attribution import find_attributions
from provenance.extract import ExtractOptions, extract_or_error
from provenance.model import Article, Block, Metadata
from provenance.read.items import ReadOptions, SourceItem, TextDocument
from provenance.read.sources import iter_sources

if TYPE_CHECKING:
    from provenance.fetch import HttpClient

log = logging.getLogger(__name__)

_PARAGRAPHS = re.compile(r"\n\s*\n")


def article_from_text(doc: TextDocument) -> Article:
    """Turn an already-extracted document into an Article, parsing its credits."""
    blocks = [
        Block(text=t) for part in _PARAGRAPHS.split(doc.text) if (t := " ".join(part.split()))
    ]
    meta = Metadata(title=doc.title, site_name=doc.site_name, published=doc.published)
    found = find_attributions(blocks, meta, doc.url)
    return Article(
        url=doc.url,
        source=doc.source,
        title=doc.title,
        site_name=doc.site_name,
        published=doc.published,
        text=found.text,
        attributions=found.attributions,
    )


def read_items(
    sources: Iterable[str],
    options: ReadOptions | None = None,
    *,
    fetcher: HttpClient | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[SourceItem]:
    """Raw items (pages, text documents, failures) the sources name, failures logged.

    :meth:`provenance.Tracker.ingest` takes these and extracts them on as many
    processes as it is given.
    """
    for item in iter_sources(sources, options or ReadOptions(), fetcher=fetcher, stdin=stdin):
        if isinstance(item, Article) and item.error:
            log.error("%s", item.error)
        yield item


def to_article(item: SourceItem, options: ReadOptions | None = None) -> Article:
    """The article a source item stands for: HTML is extracted, JSON Lines text has its
    credits parsed, and a failure (already an Article with ``error`` set) stays as it is."""
    if isinstance(item, Article):
        return item  # already an article: a failure from reading, or extracted elsewhere
    if isinstance(item, TextDocument):
        return article_from_text(item)
    return extract_or_error(item, ExtractOptions(max_bytes=(options or ReadOptions()).max_bytes))


def read_articles(
    sources: Iterable[str],
    options: ReadOptions | None = None,
    *,
    fetcher: HttpClient | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article]:
    """Read and extract every document the sources name.

    Failures come back as Articles with ``error`` set (and are logged), so a run
    always accounts for every input.
    """
    opts = options or ReadOptions()
    for item in read_items(sources, opts, fetcher=fetcher, stdin=stdin):
        yield to_article(item, opts)


__all__ = ["ReadOptions", "article_from_text", "read_articles", "read_items", "to_article"]
