#!/usr/bin/env python3
"""Build the bundled demo corpus: ``demo.warc.gz`` plus ``expected.json``.

A small fictional web of news sites (all on the reserved ``.example`` TLD):
three original outlets, a wire agency, a German paper, two aggregators, a
German aggregator and a content farm.  Article texts live in ``articles/*.txt``
(written for this corpus); every copy page is derived from them here, so the
true provenance chains are known exactly and written to ``expected.json``.

The build is deterministic: fixed WARC-Date values, record IDs derived from
the URL, no randomness.  Rebuilding gives byte-identical ``expected.json`` and
identical (uncompressed) WARC records.

Usage::

    python corpora/demo/build.py [--out DIR]

Only the standard library and warcio are used.  This file is the entry point;
the work is done by the ``demo_*`` modules next to it:

* ``demo_sites``: the sites (names, hosts, languages, themes);
* ``demo_text``: string and date helpers;
* ``demo_pages``: the page model and the originals read from ``articles/``;
* ``demo_copies``: copy-desk operations (edits, excerpts, credit footers, reposts);
* ``demo_graph``: stories, roles and ancestry in the story graph;
* ``demo_stories`` and ``demo_reposts``: the story graph itself (who copies whom);
* ``demo_head``, ``demo_html`` and ``demo_rss``: rendering pages and feeds;
* ``demo_warc`` and ``demo_crawl``: the WARC writer and the crawl schedule;
* ``demo_expected``: ``expected.json``, derived from the story graph.
"""

# ruff: noqa: E402  (the demo_* imports must follow the sys.path set-up below)

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The demo_* modules sit next to this file; make them importable when build.py is
# loaded by path (as the tests do) and not only when it is run as a script.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from demo_copies import at, edit, excerpt, relay, yoast_footer
from demo_crawl import CRAWL_START, CRAWL_STEP, captures, write_warc
from demo_expected import EXPECTED_NAME, containment, expected, plain_text, shingles
from demo_graph import Story, ancestors, in_order, role
from demo_head import description, head_html, jsonld_block
from demo_html import (
    byline_html,
    entry_content,
    footer_html,
    nav_html,
    related_html,
    render,
    share_html,
)
from demo_pages import ARTICLES, Page, esc, original, parse_article
from demo_rss import rss_feed
from demo_sites import FEED_SITES, SITES, Site, uploads
from demo_stories import CRAWL_ORDER, build_pages, build_stories
from demo_text import (
    attr,
    human_date,
    post_id,
    rfc822,
    share_count,
    short_id,
    slugify,
    texturize,
)
from demo_warc import USER_AGENT, WARC_NAME, record_id, warc_date, write_pair

__all__ = [
    "ARTICLES",
    "CRAWL_ORDER",
    "CRAWL_START",
    "CRAWL_STEP",
    "EXPECTED_NAME",
    "FEED_SITES",
    "HERE",
    "SITES",
    "USER_AGENT",
    "WARC_NAME",
    "Page",
    "Site",
    "Story",
    "ancestors",
    "at",
    "attr",
    "build",
    "build_pages",
    "build_stories",
    "byline_html",
    "captures",
    "containment",
    "description",
    "edit",
    "entry_content",
    "esc",
    "excerpt",
    "expected",
    "footer_html",
    "head_html",
    "human_date",
    "in_order",
    "jsonld_block",
    "main",
    "nav_html",
    "original",
    "parse_article",
    "plain_text",
    "post_id",
    "record_id",
    "related_html",
    "relay",
    "render",
    "rfc822",
    "role",
    "rss_feed",
    "share_count",
    "share_html",
    "shingles",
    "short_id",
    "slugify",
    "texturize",
    "uploads",
    "warc_date",
    "write_pair",
    "write_warc",
    "yoast_footer",
]


def build(out_dir: Path) -> tuple[Path, Path]:
    """Write ``demo.warc.gz`` and ``expected.json`` into ``out_dir``; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stories = build_stories()
    pages = in_order(stories, CRAWL_ORDER)
    warc = out_dir / WARC_NAME
    write_warc(warc, pages)
    exp = out_dir / EXPECTED_NAME
    truth = expected(stories, pages)
    exp.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return warc, exp


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: here)")
    args = ap.parse_args(argv)
    warc, exp = build(args.out)
    print(f"wrote {warc} ({warc.stat().st_size} bytes) and {exp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
