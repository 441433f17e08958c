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


def test_two_pages_of_a_small_site_sharing_only_their_footer_are_not_linked(
    tmp_path: Path,
) -> None:
    """With two pages of a site stored, the store cannot show the footer as the site's;
    a paragraph both pages open or close with, word for word, is still not copying."""
    pages = [
        # each site has two pages: too few for the store to learn its footer
        ("https://one.test/a", f"{text(11, 240)}\n\n{text(7000, 60)}"),
        ("https://one.test/b", f"{text(12, 240)}\n\n{text(7000, 60)}"),
        ("https://two.test/a", f"{text(7001, 55)}\n\n{text(13, 240)}"),
        ("https://two.test/b", f"{text(7001, 55)}\n\n{text(14, 240)}"),
        # a site reposts its own story, footer and all: still a copy
        ("https://three.test/a", f"{text(16, 240)}\n\n{text(7002, 60)}"),
        ("https://three.test/b", f"{text(16, 240)}\n\n{text(7002, 60)}"),
        # a story of one short paragraph reposted with the footer keeps its paragraph
        ("https://four.test/a", f"{text(15, 70)}\n\n{text(7003, 60)}"),
        ("https://four.test/b", f"{text(15, 70)}\n\n{text(7003, 60)}"),
        # another site copies a story under its own footer: not a same-site pair
        ("https://other.test/x", f"{text(12, 240)}\n\n{text(7004, 50)}"),
    ]
    with Tracker(tmp_path / "s.db") as t:
        t.ingest([article(u, b, hours=i) for i, (u, b) in enumerate(pages)])
        t.match()
        pairs = _pairs(t)
    assert pairs == {
        frozenset(("https://three.test/a", "https://three.test/b")),
        frozenset(("https://four.test/a", "https://four.test/b")),
        frozenset(("https://other.test/x", "https://one.test/b")),
    }


def test_a_short_repost_is_still_linked(tmp_path: Path) -> None:
    """Its first and last paragraphs are each a minority of the text, and what lies
    between is too short for a passage link; the edited repost shares a middle
    paragraph too, so it is judged on the whole text."""
    story = f"{text(21, 25)}\n\n{text(22, 12)}\n\n{text(24, 12)}\n\n{text(23, 25)}"
    edited = f"{text(21, 25)}\n\n{text(22, 12)}\n\n{text(25, 12)}\n\n{text(23, 25)}"
    pages = [("https://five.test/a", story), ("https://five.test/b", edited)]
    with Tracker(tmp_path / "r.db") as t:
        t.ingest([article(u, b, hours=i) for i, (u, b) in enumerate(pages)])
        t.match()
        assert _pairs(t) == {frozenset(("https://five.test/a", "https://five.test/b"))}


def test_same_site_candidates_sharing_only_the_site_block_are_rejected_unread(
    tmp_path: Path,
) -> None:
    """Pages of one site found as candidates on the site's block alone are rejected
    before their texts are read; a repost of one of its stories is not, and neither
    is a page of another site carrying the same block."""
    from provenance.link.boilerplate import only_site_boilerplate
    from provenance.link.candidates import LSHIndex

    pages = [_page(0, n, text(100 + n, 260)) for n in range(PER_SITE)]
    repost = _page(0, 90, text(103, 260))
    other_site = (f"https://elsewhere.test/{1}", f"{text(700, 260)}\n\n{_footer(0)}")
    with Tracker(tmp_path / "u.db") as t:
        t.ingest([article(u, b, hours=i) for i, (u, b) in enumerate(pages)])
        t.ingest([article(u, b, hours=20) for u, b in (repost, other_site)])
        store = t.store
        store.flush_index()
        index = LSHIndex(store, store.params, max_postings=50)
        ids = {d.url: d.id for d in store.get_documents(list(store.iter_document_ids())).values()}
        docs = store.get_documents(list(ids.values()), with_text=True)

        def rejected(url: str) -> set[str]:
            doc = docs[ids[url]]
            keys = index.passage_keys(doc.text or "")
            sig = store.get_signatures([doc.id])[doc.id]
            cands = index.candidates(doc.id, sig, doc.text, keys)
            found = only_site_boilerplate(store, doc, cands, keys, docs)
            return {docs[i].url for i in found}

        site_pages = {u for u, _ in pages}
        # the repost: every other page of its site shares only the block with it
        assert rejected(repost[0]) == site_pages - {pages[3][0]}
        # the page of another site is no page of that site: none is rejected unread
        assert rejected(other_site[0]) == set()
        t.match()
        assert _pairs(t) == {frozenset((repost[0], pages[3][0]))}
