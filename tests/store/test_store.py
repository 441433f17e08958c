from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from provenance.errors import ParameterMismatch
from provenance.fingerprint.minhash import FingerprintParams
from provenance.fingerprint.prepare import prepare
from provenance.link.candidates import LSHIndex
from provenance.model import Article
from provenance.store import SQLiteStore, open_store
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, text


def test_new_store_is_wal_and_keeps_params(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    p = FingerprintParams(num_perm=64, lsh_bands=32)
    with Tracker(db, params=p) as t:
        assert t.params == p
        assert t.store.execute("PRAGMA journal_mode")[0][0] == "wal"
    with Tracker(db) as t:  # no params: the stored ones are used
        assert t.params == p


def test_reopen_with_other_params_is_refused(store_location: str) -> None:
    db = store_location
    open_store(db).close()
    with pytest.raises(ParameterMismatch) as err:
        open_store(db, FingerprintParams(shingle_size=4, seed=9))
    msg = str(err.value)
    assert "shingle_size" in msg and "seed" in msg and "--db" in msg and str(db) in msg
    open_store(db, FingerprintParams()).close()  # same params are fine


def test_ingest_is_idempotent_and_keeps_revisions(store_location: str) -> None:
    first = article("https://a.example/story", text(1), site="A")
    other = article("https://b.example/other", text(2), site="B")
    with Tracker(store_location) as t:
        r1 = t.ingest([first, other])
        assert (r1.added, r1.unchanged, r1.revisions) == (2, 0, 0)
        r2 = t.ingest([first, other])
        assert (r2.added, r2.unchanged, r2.revisions) == (0, 2, 0)
        assert r2.doc_ids == r1.doc_ids
        edited = article("https://a.example/story", text(1) + " A correction was appended.")
        r3 = t.ingest([edited])
        assert (r3.added, r3.revisions) == (0, 1)
        assert t.store.counts()["documents"] == 3
        latest = t.store.latest_revision("https://a.example/story")
        assert latest is not None and latest.revision == 2
        t.match()
        # the two revisions of one URL share almost all text but are never linked
        assert t.store.counts()["edges"] == 0
        # a copy matching both revisions gets one edge, to the better match
        t.ingest([article("https://copy.example/c", text(1), site="C", hours=3)])
        t.match()
        (edge,) = t.store.iter_edges()
        assert edge.copy_id == 4 and edge.source_id in (1, 3)
        assert not [f for f in t.store.findings() if f.kind == "two-candidate-originals"]


def test_failed_extractions_are_stored_but_not_fingerprinted(store_location: str) -> None:
    bad = Article.failed("page.html", "https://c.example/x", "no article text found")
    short = article("https://c.example/short", "Only a few words here.")
    with Tracker(store_location) as t:
        r = t.ingest([bad, short])
        assert r.failed == 1 and r.too_short == 1 and r.added == 1
        assert "no article text found" in r.errors[0]
        assert t.ingest([bad]).unchanged == 1
        docs = t.store.get_documents(list(r.doc_ids))
        failed = docs[r.doc_ids[0]]
        assert failed.status == "failed" and failed.error == "no article text found"
        assert t.store.get_signatures([failed.id]) == {}
        assert t.store.execute("SELECT COUNT(*) FROM bands")[0][0] == 0  # too short: no bands
        m = t.match()
        assert m.documents == 1 and m.too_short == 1 and m.edges == 0  # failed rows need no match
        assert t.store.counts()["unmatched"] == 0


def test_failed_batch_rolls_back_whole(store_location: str) -> None:
    with Tracker(store_location) as t:
        docs = [prepare(article(f"https://d.example/{i}", text(i)), t.params) for i in range(3)]

        def boom(stage: str, n: int) -> None:
            if n == 2:
                raise RuntimeError("simulated crash mid batch")

        with pytest.raises(RuntimeError):
            t.store.add_documents(docs, boom)
        assert t.store.counts()["documents"] == 0
        assert t.store.execute("SELECT COUNT(*) FROM bands")[0][0] == 0
        assert len(t.store.add_documents(docs)) == 3


def test_lookup_by_url_and_site(store_location: str) -> None:
    with Tracker(store_location) as t:
        t.ingest(
            [
                article("https://www.aljazeera.example/news/2024/5/1/x", text(1)),
                article("https://zenger.news/story", text(2), site="Zenger News"),
                article(
                    "https://copy.example/y?utm_source=feed",
                    text(3),
                    canonical="https://copy.example/y",
                ),
            ]
        )
        s = t.store
        assert [d.id for d in s.find_by_url("http://aljazeera.example/news/2024/5/1/x/")] == [1]
        assert [d.id for d in s.find_by_url("https://copy.example/y")] == [3]
        assert [d.id for d in s.find_by_site("aljazeera")] == [1]
        assert [d.id for d in s.find_by_site("zengernews")] == [2]
        assert [d.id for d in s.find_by_site("zenger")] == [2]
        assert s.find_by_site("nosuchsite") == []


def test_a_store_written_before_the_passage_index_reads_as_off(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    SQLiteStore(db, FingerprintParams(passage_window=0)).close()
    # what an older version wrote: params without the field
    con = sqlite3.connect(db)
    stored = json.loads(con.execute("SELECT value FROM meta WHERE key='params'").fetchone()[0])
    del stored["passage_window"]
    con.execute("UPDATE meta SET value = ? WHERE key = 'params'", (json.dumps(stored),))
    con.commit()
    con.close()
    store = SQLiteStore(db)
    assert store.params.passage_window == 0
    store.close()


def test_documents_wait_for_their_index_rows_before_matching(store_location: str) -> None:
    """A document is matched only once its band and passage rows are filed, so a later
    document can find it; rows an ingest commits during a flush wait for the next one."""
    body = text(41, 300)
    with Tracker(store_location) as t:
        t.ingest([article("https://a.example/1", body)])
        assert t.store.unmatched_ids(10) == []  # stored, index rows pending
        assert t.store.flush_index() > 0
        assert t.store.unmatched_ids(10) == [1]
        t.ingest([article("https://b.example/1", body)])  # committed after the flush
        assert t.store.unmatched_ids(10) == [1]
        t.match()  # files the second document's rows first, then matches both
        assert t.store.unmatched_ids(10) == []
        (edge,) = t.store.iter_edges()
        assert {edge.copy_id, edge.source_id} == {1, 2}


def _pragma(db: Path, name: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


def test_a_new_store_gives_back_the_pages_of_its_filed_pending_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``flush_index`` deletes the pending rows it files; a new store releases their
    pages (auto-vacuum, incremental) instead of keeping them free inside the file (when
    the rows are filed straight from the pending table, past IN_MEMORY_ROWS)."""
    from provenance.store import sqlite as lite

    monkeypatch.setattr(lite, "IN_MEMORY_ROWS", 0)
    db = tmp_path / "p.db"
    with Tracker(db) as t:
        t.ingest([article(f"https://s{i % 7}.example/{i}", text(100 + i, 900)) for i in range(40)])
        assert t.store.execute("PRAGMA auto_vacuum")[0][0] == 2  # incremental
        assert t.store.execute("PRAGMA page_size")[0][0] == 16384  # rows of 2-3 KB pack
        [(pending,)] = t.store.execute("SELECT COUNT(*) FROM pending_keys")
        assert pending > 40 * 64
        assert t.store.flush_index() == pending
        [(free,)] = t.store.execute("PRAGMA freelist_count")
        [(pages,)] = t.store.execute("PRAGMA page_count")
        assert free < pages / 16
        assert t.store.execute("PRAGMA integrity_check") == [("ok",)]
        t.match()
    assert db.stat().st_size == _pragma(db, "page_count") * _pragma(db, "page_size")


def test_a_store_without_auto_vacuum_keeps_its_free_pages_for_reuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file made before schema 5 has no auto-vacuum (only a VACUUM sets it): its free
    pages stay in the file, for the next writes; nothing fails."""
    from provenance.store import sqlite as lite

    monkeypatch.setattr(lite, "IN_MEMORY_ROWS", 0)  # filed from the table: its pages freed
    db = tmp_path / "old.db"
    SQLiteStore(db).close()
    with sqlite3.connect(db, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA auto_vacuum=NONE")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode=WAL")
    with Tracker(db) as t:
        t.ingest([article(f"https://s{i % 7}.example/{i}", text(200 + i, 900)) for i in range(40)])
        assert t.store.flush_index() > 0
        assert t.store.execute("PRAGMA auto_vacuum")[0][0] == 0
        [(free,)] = t.store.execute("PRAGMA freelist_count")
        [(pages,)] = t.store.execute("PRAGMA page_count")
        assert free > pages / 16
        assert t.store.release_free_pages() == 0  # type: ignore[attr-defined]
        t.match()
        assert t.store.execute("PRAGMA integrity_check") == [("ok",)]


def test_pages_another_writer_keeps_locked_are_released_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance.store import sqlite as lite
    from provenance.store.sql import SQLStore

    monkeypatch.setattr(lite, "IN_MEMORY_ROWS", 0)  # filed from the table: its pages freed

    db = tmp_path / "p.db"
    with Tracker(db) as t:
        t.ingest([article(f"https://s{i % 7}.example/{i}", text(300 + i, 900)) for i in range(40)])
        store = t.store
        assert isinstance(store, SQLiteStore)
        assert SQLStore.flush_index(store) > 0  # filed, its pages not released yet
        store.execute("PRAGMA busy_timeout=100")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        assert store.release_free_pages() == 0  # no error: the pages stay free
        other.execute("ROLLBACK")
        other.close()
        assert store.release_free_pages() > 0
        t.match()


def test_both_ways_of_filing_pending_rows_give_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite files the pending rows through a sorted copy in memory (into the pages the
    pending table frees) or, past IN_MEMORY_ROWS, straight from the table: same index."""
    import shutil

    from provenance.store import sqlite as lite

    first = tmp_path / "a.db"
    with Tracker(first) as t:
        t.ingest([article(f"https://s{i % 7}.example/{i}", text(400 + i, 900)) for i in range(40)])
        [(pages,)] = t.store.execute("PRAGMA page_count")
    second = tmp_path / "b.db"
    shutil.copy(first, second)
    index: list[object] = []
    for db, limit in ((first, lite.IN_MEMORY_ROWS), (second, 0)):
        monkeypatch.setattr(lite, "IN_MEMORY_ROWS", limit)
        with Tracker(db) as t:
            assert t.store.flush_index() > 40 * 64
            assert t.store.execute("SELECT COUNT(*) FROM pending_keys") == [(0,)]
            assert t.store.execute("PRAGMA integrity_check") == [("ok",)]
            index.append(
                (
                    t.store.execute("SELECT band, key, doc_id FROM bands"),
                    t.store.execute("SELECT key, doc_id FROM passages"),
                )
            )
            if limit:  # filed into the pending table's pages: the file did not grow
                assert t.store.execute("PRAGMA page_count")[0][0] <= pages
    assert index[0] == index[1]


def test_a_flush_that_fails_half_way_leaves_the_pending_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error between emptying the pending table and filing the passages rolls the
    whole flush back: the pending rows are all still there, and the next flush files them."""
    db = tmp_path / "f.db"
    with Tracker(db) as t:
        t.ingest([article(f"https://s{i}.example/{i}", text(500 + i, 600)) for i in range(10)])
        store = t.store
        assert isinstance(store, SQLiteStore)
        [(pending,)] = store.execute("SELECT COUNT(*) FROM pending_keys")
        run = SQLiteStore._run

        def failing(self: SQLiteStore, sql: str, args: object = ()) -> None:
            if sql.startswith("INSERT INTO passages"):
                raise sqlite3.OperationalError("disk I/O error")
            run(self, sql, args)  # type: ignore[arg-type]

        monkeypatch.setattr(SQLiteStore, "_run", failing)
        with pytest.raises(Exception, match="disk I/O error"):
            store.flush_index()
        monkeypatch.undo()
        assert store.execute("SELECT COUNT(*) FROM pending_keys") == [(pending,)]
        assert store.execute("SELECT COUNT(*) FROM bands") == [(0,)]
        assert store.flush_index() == pending
        assert t.match().documents == 10


def test_candidate_queries_take_lower_ids_of_other_urls_and_cap_postings(
    store_location: str,
) -> None:
    """Both backends: band and passage candidates of the newest document are the older
    documents of other URLs sharing its keys; a key held by more than max_postings
    documents is ignored, and an older revision of its own URL is never a candidate."""
    boiler = text(900, 40)
    body = f"{text(700, 200)} {boiler}"
    with Tracker(store_location) as t:
        t.ingest(
            [article(f"https://s{i}.example/x", f"{text(600 + i, 200)} {boiler}") for i in range(6)]
        )
        t.ingest([article("https://s0.example/x", body)])  # a revision of document 1
        t.ingest([article("https://late.example/y", body)])  # newer: never a candidate of 7
        store = t.store
        store.flush_index()
        index = LSHIndex(store, store.params)
        keys = index.passage_keys(body)
        every = store.passage_candidates(7, keys, max_postings=50)
        assert set(every) == {2, 3, 4, 5, 6}
        assert all(n >= 1 for n in every.values())
        capped = store.passage_candidates(7, keys, max_postings=5)
        assert sum(capped.values()) * 3 < sum(every.values())
        assert store.passage_candidates(7, [], max_postings=50) == {}
        # the copy at 8 shares every band with 7; 1 (7's own URL) is left out of 7's
        fp = store.get_signatures([7, 8])
        assert 7 in store.band_candidates(8, index.keys(fp[8]))
        assert store.band_candidates(8, index.keys(fp[8]))[7] == store.params.lsh_bands
        assert 1 not in store.band_candidates(7, index.keys(fp[7]))
        assert store.band_candidates(7, []) == {}
