"""The crawl: which URLs were fetched, in what order and when, and what came back.

Every page is fetched once, in the order given, then the ``/feed/`` of each site
in ``FEED_SITES``.  Captures start at ``CRAWL_START`` and are ``CRAWL_STEP``
apart; a page may not be captured before its stated publication time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from demo_html import render
from demo_pages import Page
from demo_rss import rss_feed
from demo_sites import FEED_SITES, SITES
from demo_warc import Capture, write_captures

#: First capture time; every record after it is a fixed number of seconds later.
CRAWL_START = datetime(2026, 3, 11, 8, 0, 0, tzinfo=UTC)
CRAWL_STEP = timedelta(seconds=37)


def captures(pages: list[Page]) -> Iterator[Capture]:
    """Render each page, then each feed, lazily and in capture order."""
    when = CRAWL_START
    for page in pages:
        when += CRAWL_STEP
        if when <= page.published:
            raise ValueError(f"capture before publication: {page.url}")
        body = render(page, pages).encode("utf-8")
        ctype = "text/html" if page.site.key == "cf" else "text/html; charset=UTF-8"
        yield Capture(page.site, page.url, body, ctype, when)
    for key in FEED_SITES:
        when += CRAWL_STEP
        site = SITES[key]
        body = rss_feed(site, pages).encode("utf-8")
        yield Capture(site, f"{site.home}/feed/", body, "application/rss+xml; charset=UTF-8", when)


def write_warc(path: Path, pages: list[Page]) -> None:
    """Crawl ``pages`` (and the feeds) into the WARC file at ``path``."""
    write_captures(path, captures(pages), CRAWL_START)
