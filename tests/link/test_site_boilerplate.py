"""A block a site repeats after every article (a footer, an author bio, a disclaimer)
is the site's boilerplate, learnt from the store: two pages of one site are linked
only on evidence beyond it, and copies between sites are still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.tracker import Tracker
from tests.helpers.matchkit import article, excerpt, text

SITES = 4
PER_SITE = 7


def _footer(site: int) -> str:
    # 30 to 80 words, different on every site
    return text(5000 + site, 30 + 16 * site)


def _page(site: int, n: int, body: str) -> tuple[str, str]:
    return f"https://site{site}.test/news/{n}", f"{body}\n\n{_footer(site)}"


def _pairs(t: Tracker) -> set[frozenset[str]]:
    return {frozenset((e.copy_url, e.source_url)) for e in t.report().edges}


@pytest.mark.parametrize("order", ["stored first", "stored last"])
def test_a_repeated_site_block_links_nothing_and_real_copies_still_link(
    tmp_path: Path, order: str
) -> None:
    docs = []
    for s in range(SITES):
        for n in range(PER_SITE):
            url, body = _page(s, n, text(100 * s + n, 260))
            docs.append(article(url, body, hours=s + n / 10))
    full_copy = _page(1, 90, text(0, 260))  # site 1 reposts site 0's first story whole
    part_copy = _page(2, 91, excerpt(text(302, 260), 0.6))  # site 2 takes 60 % of site 3's
    own_repost = _page(0, 92, text(5, 260))  # site 0 reposts its own story at a new URL
    copies = [article(u, b, hours=20) for u, b in (full_copy, part_copy, own_repost)]
    batches = [docs, copies] if order == "stored first" else [copies, docs]
    with Tracker(tmp_path / "b.db") as t:
        for batch in batches:
            t.ingest(batch)
            t.match()
        pairs = _pairs(t)
    expected = {
        frozenset((full_copy[0], "https://site0.test/news/0")),
        frozenset((part_copy[0], "https://site3.test/news/2")),
        frozenset((own_repost[0], "https://site0.test/news/5")),
    }
    assert pairs == expected
