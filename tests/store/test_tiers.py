"""The index's recent tier: small flushes file into it, queries read both tiers, and a
merge moves it into the main tables; matching finds the same links as a store that
files everything into the main tables (both backends)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from provenance.link.candidates import LSHIndex
from provenance.store import tiers
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, text


def _count(t: Tracker, table: str) -> int:
    [(n,)] = t.store.execute(f"SELECT COUNT(*) FROM {table}")  # type: ignore[attr-defined]
    return int(n)


def _excerpt(seed: int) -> str:
    """A third of text(seed) (a passage of it), with words of its own around it."""
    return f"{text(seed + 500, 60)} {' '.join(text(seed).split()[100:240])} {text(seed + 600, 60)}"


def _runs(location: str, between: Callable[[Tracker, int], None]) -> set[tuple[str, str]]:
    """Base documents, then two small increments, each matched; ``between(t, run)``
    looks at the store after each match.  Returns the (copy, source) URL pairs."""
    base = [article(f"https://base{i}.example/a", text(i), hours=0) for i in range(120)]
    first = [
        article("https://copy.example/0", text(0), hours=5),  # a whole copy of base 0
        article("https://excerpt.example/1", _excerpt(1), hours=5),  # a passage of base 1
        article("https://new.example/x", text(900), hours=5),  # new: copied below
    ]
    second = [
        article("https://copy.example/x", text(900), hours=9),  # its source is recent
        article("https://excerpt.example/x", _excerpt(900), hours=9),
        article("https://copy.example/2", text(2), hours=9),
    ]
    with Tracker(location) as t:
        for run, docs in enumerate((base, first, second)):
            t.ingest(docs)
            t.match()
            between(t, run)
        return {(e.copy_url, e.source_url) for e in t.report().edges}


def test_small_flushes_use_the_recent_tier_and_link_as_without_it(
    store_location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int]] = []

    def tiers_now(t: Tracker, run: int) -> None:
        seen.append((_count(t, "bands"), _count(t, "recent_bands")))
        assert _count(t, "pending_keys") == 0

    tiered = _runs(store_location, tiers_now)
    # the base went straight to the main tables; each increment went to the recent tier
    # (3 and then 6 documents' rows are under 1/16 of 120 documents')
    assert seen[0] == (120 * 64, 0)
    assert seen[1] == (120 * 64, 3 * 64)
    assert seen[2] == (120 * 64, 6 * 64)
    expected = {
        ("https://copy.example/0", "https://base0.example/a"),
        ("https://excerpt.example/1", "https://base1.example/a"),
        ("https://copy.example/x", "https://new.example/x"),
        ("https://excerpt.example/x", "https://new.example/x"),
        ("https://copy.example/2", "https://base2.example/a"),
    }
    assert expected <= tiered

    monkeypatch.setattr(tiers, "MERGE_SHARE", 0.0)  # every flush files into the main tables
    untiered = _runs(str(tmp_path / "untiered.db"), lambda t, run: None)
    assert tiered == untiered


def test_a_flush_that_reaches_the_share_merges_the_recent_tier(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tracker(store_location) as t:
        t.ingest([article(f"https://base{i}.example/a", text(i)) for i in range(40)])
        t.match()
        t.ingest([article("https://new.example/x", text(900))])
        t.match()
        assert _count(t, "recent_bands") == 64 and _count(t, "recent_passages") > 0
        main_passages = _count(t, "passages")
        recent_passages = _count(t, "recent_passages")
        [(rows,)] = t.store.execute(  # type: ignore[attr-defined]
            "SELECT value FROM meta WHERE key = 'recent_index_rows'"
        )
        assert int(rows) == 64 + recent_passages
        # 2 more documents' rows with the recent tier's would reach a share of 1/32
        monkeypatch.setattr(tiers, "MERGE_SHARE", 1 / 32)
        t.ingest([article(f"https://late{i}.example/a", text(950 + i)) for i in range(2)])
        t.match()
        assert _count(t, "recent_bands") == _count(t, "recent_passages") == 0
        assert _count(t, "bands") == 43 * 64
        assert _count(t, "passages") > main_passages + recent_passages
        [(main_rows,)] = t.store.execute(  # type: ignore[attr-defined]
            "SELECT value FROM meta WHERE key = 'index_rows'"
        )
        assert int(main_rows) == _count(t, "bands") + _count(t, "passages")
        # the merged rows are still found: a copy of the document that was recent links
        t.ingest([article("https://copy.example/x", text(900), hours=3)])
        t.match()
        assert ("https://copy.example/x", "https://new.example/x") in {
            (e.copy_url, e.source_url) for e in t.report().edges
        }


def test_a_store_without_row_counts_counts_its_tiers_once(store_location: str) -> None:
    """A store upgraded from schema 6 has no counts in meta: the first flush counts."""
    with Tracker(store_location) as t:
        t.ingest([article(f"https://base{i}.example/a", text(i)) for i in range(40)])
        t.match()
        t.store.execute(  # type: ignore[attr-defined]
            "DELETE FROM meta WHERE key IN ('index_rows', 'recent_index_rows')"
        )
        t.ingest([article("https://new.example/x", text(900))])
        t.match()
        assert _count(t, "recent_bands") == 64  # small against the counted main tier
        [(rows,)] = t.store.execute(  # type: ignore[attr-defined]
            "SELECT value FROM meta WHERE key = 'index_rows'"
        )
        assert int(rows) == _count(t, "bands") + _count(t, "passages")


def test_both_candidate_queries_in_one_give_what_each_gives(store_location: str) -> None:
    """``index_candidates`` (one statement on PostgreSQL) answers as ``band_candidates``
    and ``passage_candidates`` do, with the recent tier empty, holding rows, and
    uncounted, and with posting limits that cut keys held in both tiers."""
    checked: list[int] = []

    def same_answers(t: Tracker, run: int) -> None:
        store = t.store
        index = LSHIndex(store, t.params)
        ids = list(store.iter_document_ids())
        sigs = store.get_signatures(ids)
        docs = store.get_documents(ids, with_text=True)
        for doc_id in ids:
            bands = index.keys(sigs[doc_id])
            keys = index.passage_keys(docs[doc_id].text or "")
            for cap in (1, 2, 50):
                expected = (
                    store.band_candidates(doc_id, bands),
                    store.passage_candidates(doc_id, keys, cap),
                )
                assert store.index_candidates(doc_id, bands, keys, cap) == expected
                checked.append(sum(map(len, expected)))
            assert store.index_candidates(doc_id, [], [], 50) == ({}, {})
        if run == 2:  # as a store made before the counts were kept
            store.execute(  # type: ignore[attr-defined]
                "DELETE FROM meta WHERE key IN ('index_rows', 'recent_index_rows')"
            )
            same_answers(t, 3)

    _runs(store_location, same_answers)
    assert sum(checked) > 0  # some documents had candidates to compare


def test_a_batch_appends_its_pending_rows_in_key_order(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each document's rows come in (band, key) order and ids grow, so a batch appends
    its pending rows in (doc_id, band, key) order without sorting them."""
    appended: list[list[list[int]]] = []
    with Tracker(store_location) as t:
        store = t.store
        original = store._append_pending  # type: ignore[attr-defined]

        def spy(rows: list[list[int]]) -> None:
            appended.append(rows)
            original(rows)

        monkeypatch.setattr(store, "_append_pending", spy)
        t.ingest([article(f"https://site{i}.example/a", text(i)) for i in range(12)])
        [rows] = appended
        assert len({r[0] for r in rows}) == 12
        assert rows == sorted(rows)
        assert {r[1] for r in rows} == {tiers.PASSAGE, *range(64)}
        [(pending,)] = store.execute("SELECT COUNT(*) FROM pending_keys")  # type: ignore[attr-defined]
        assert pending == len(rows)
