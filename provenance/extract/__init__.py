"""Extraction stage: a :class:`~.model.Page` in, an :class:`~.model.Article` out.

selectolax is used only inside this subpackage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.attribution import find_attributions
from provenance.errors import ExtractionError
from provenance.extract.content import extract_blocks
from provenance.extract.decode import decode_html
from provenance.extract.depth import bound_depth
from provenance.extract.metadata import extract_metadata
from provenance.extract.text import html_to_text
from provenance.model import MAX_PAGE_BYTES, Article, Block, Metadata, Page, size_label

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs for :func:`extract`."""

    #: Pages larger than this are refused rather than parsed.
    max_bytes: int = MAX_PAGE_BYTES


@dataclass(frozen=True, slots=True)
class PageParts:
    """What a page holds before credits are read: its metadata and its text blocks."""

    meta: Metadata
    blocks: tuple[Block, ...]


def read_page(page: Page, options: ExtractOptions | None = None) -> PageParts:
    """Metadata and article blocks of a page (credits still inside the blocks)."""
    opts = options or ExtractOptions()
    name = page.source or page.url or "<page>"
    if len(page.content) > opts.max_bytes:
        raise ExtractionError(
            f"{name}: page is {size_label(len(page.content))}, over the "
            f"{size_label(opts.max_bytes)} page limit; raise max_bytes to parse it"
        )
    html = decode_html(page.content, page.content_type, name=name)
    tree = HTMLParser(bound_depth(html, name))
    if tree.body is None and tree.head is None:
        raise ExtractionError(f"{name}: no HTML document found; is this an HTML page?")
    meta = extract_metadata(tree, page.url, page.fetched_at)
    base = page.url or meta.canonical_url or meta.og_url
    return PageParts(meta, tuple(extract_blocks(tree, base)))


def extract(page: Page, options: ExtractOptions | None = None) -> Article:
    """Extract one page.  Raises :class:`ExtractionError` when the page is unusable."""
    parts = read_page(page, options)
    meta = parts.meta
    found = find_attributions(parts.blocks, meta, page.url)
    return Article(
        url=page.url,
        source=page.source,
        canonical_url=meta.canonical_url,
        og_url=meta.og_url,
        title=meta.title,
        site_name=meta.site_name,
        lang=meta.lang,
        published=meta.published,
        modified=meta.modified,
        authors=meta.authors,
        description=meta.description,
        text=found.text,
        attributions=found.attributions,
        fetched_at=page.fetched_at,
    )


def extract_or_error(page: Page, options: ExtractOptions | None = None) -> Article:
    """Like :func:`extract`, but a failure comes back as an ``Article`` with ``error`` set."""
    try:
        return extract(page, options)
    except ExtractionError as exc:
        log.error("%s", exc)
        return Article.failed(page.source, page.url, str(exc))
    except (RecursionError, ValueError, UnicodeError) as exc:  # parser edge cases
        msg = f"{page.source or page.url}: extraction failed: {exc!r}"
        log.error("%s", msg)
        return Article.failed(page.source, page.url, msg)


__all__ = [
    "ExtractOptions",
    "PageParts",
    "extract",
    "extract_or_error",
    "html_to_text",
    "read_page",
]
