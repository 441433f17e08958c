"""What only a shared PostgreSQL store has to get right, against a real server:
moving stores between backends, several writers and a matcher at once, the crawl's
advisory lock, and versioned upgrades (those on both backends)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import LockHeld, StoreError
from provenance.evidence import Evidence
from provenance.report.text import evidence_value
from provenance.store import open_store
from provenance.store.schema import SCHEMA_VERSION, evidence_load
from provenance.tracker import Tracker
from tests.helpers.matchkit import LEDE, article, text

CLI = [sys.executable, "-m", "provenance"]


def _report(db: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["report", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_copy_store_sqlite_to_postgres_and_back_keeps_everything(
    demo_store: Path, postgres_url: str, tmp_path: Path
) -> None:
    there = CliRunner().invoke(cli, ["copy-store", str(demo_store), postgres_url])
    assert there.exit_code == 0, there.output
    copied = json.loads(there.stdout)["copied"]
    assert copied["documents"] > 0 and copied["edges"] > 0
    back = tmp_path / "back.db"
    again = CliRunner().invoke(cli, ["copy-store", postgres_url, str(back)])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["copied"] == copied
    original = _report(str(demo_store))
    assert _report(postgres_url) == original
    assert _report(str(back)) == original
    with Tracker(demo_store, read_only=True) as a, Tracker(postgres_url, read_only=True) as b:
        assert a.store.counts() == b.store.counts()
        ids = list(a.store.iter_document_ids())
        assert a.store.get_documents(ids, with_text=True) == b.store.get_documents(
            ids, with_text=True
        )
        assert list(a.store.iter_edges()) == list(b.store.iter_edges())
        assert a.store.findings() == b.store.findings()
        # new documents continue past the copied ids
        b_w = Tracker(postgres_url)
        try:
            result = b_w.ingest([article("http://new.test/a", text(501, 300))])
            assert result.doc_ids[0] > max(ids)
        finally:
            b_w.close()
    refused = CliRunner().invoke(cli, ["copy-store", str(demo_store), postgres_url])
    assert refused.exit_code == 4 and "already holds documents" in refused.stderr


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_two_writers_and_a_matcher_at_once_lose_and_double_nothing(
    postgres_url: str, tmp_path: Path
) -> None:
    """Two ingest processes (as on two hosts) and a match loop run at the same time
    on one PostgreSQL store; the overlap between the writers is stored once."""
    stories = [text(1000 + i, 350) for i in range(30)]
    rows_a, rows_b = [], []
    for i, body in enumerate(stories):
        rows_a.append({"url": f"http://a{i}.test/story", "title": f"A {i}", "text": body})
        rows_b.append({"url": f"http://b{i}.test/copy", "title": f"B {i}", "text": body})
    shared = [{"url": f"http://both{i}.test/x", "text": text(3000 + i, 300)} for i in range(40)]
    first = _jsonl(tmp_path / "a.jsonl", rows_a + shared)
    second = _jsonl(tmp_path / "b.jsonl", shared[::-1] + rows_b)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    with Tracker(postgres_url):
        pass  # create the store first, as an operator would
    writers = [
        subprocess.Popen(
            [*CLI, "-q", "ingest", str(path), "--db", postgres_url, "--jobs", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    matches = 0
    while any(w.poll() is None for w in writers):  # match runs while ingest goes on
        done = subprocess.run(
            [*CLI, "-q", "match", "--db", postgres_url], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        matches += 1
    for w in writers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    final = subprocess.run(
        [*CLI, "-q", "match", "--db", postgres_url], env=env, capture_output=True, text=True
    )
    assert final.returncode == 0, final.stderr
    with Tracker(postgres_url, read_only=True) as t:
        counts = t.store.counts()
        assert counts["documents"] == len(rows_a) + len(rows_b) + len(shared)
        assert counts["unmatched"] == 0
        [(dupes,)] = t.store.execute(
            "SELECT COUNT(*) FROM (SELECT url FROM documents GROUP BY url HAVING COUNT(*) > 1) d"
        )
        assert dupes == 0
        pairs = set()
        for e in t.store.iter_edges():
            docs = t.store.get_documents([e.copy_id, e.source_id])
            pairs.add(frozenset(d.url.split("/")[2][1:].split(".")[0] for d in docs.values()))
        # every A/B pair of one story is linked, whichever writer stored it first
        assert {frozenset({str(i)}) for i in range(len(stories))} <= pairs
    assert matches >= 1


def test_a_crawl_lock_on_postgres_is_an_advisory_lock(postgres_url: str) -> None:
    from provenance.crawl import parse_config, run_crawl

    config = parse_config({"source": [{"url": "http://feeds.test/rss.xml"}]})
    holder = open_store(postgres_url)
    try:
        assert holder.try_lock("crawl:http://feeds.test/rss.xml")  # type: ignore[attr-defined]
        with pytest.raises(LockHeld, match="another crawl of these sources"):
            run_crawl(config, postgres_url)
    finally:
        holder.close()  # the lock goes with the connection


def _open_with_a_failing_step(
    location: str,
    monkeypatch: pytest.MonkeyPatch,
    version: int,
    step: Callable[[object], None],
) -> None:
    """Open ``location`` with one upgrade step that runs ``step`` half-way, then fails."""
    from provenance.store import migrations

    def then_fail(store: object) -> None:
        step(store)
        raise RuntimeError("simulated failure mid-upgrade")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", (migrations.Migration(version, "then fail", then_fail),)
    )
    with pytest.raises(RuntimeError):
        Tracker(location)
    monkeypatch.undo()


def _make_version_1(location: str, body: str) -> None:
    """Rewind a store of one document to schema version 1: its text uncompressed in
    ``text``, and no text_z column."""
    store = open_store(location)
    try:
        with store.transaction():  # type: ignore[attr-defined]
            store.execute("UPDATE documents SET text = ?", (body,))  # type: ignore[attr-defined]
            store.execute("ALTER TABLE documents DROP COLUMN text_z")  # type: ignore[attr-defined]
            store.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
    finally:
        store.close()


def test_an_old_store_is_upgraded_whole(store_location: str) -> None:
    body = text(77, 300)
    with Tracker(store_location) as t:
        t.ingest([article("http://x.test/a", body)])
        [(packed,)] = t.store.execute("SELECT text_z FROM documents")
        assert packed is not None
    _make_version_1(store_location, body)
    with pytest.raises(StoreError, match="older than this code"):
        Tracker(store_location, read_only=True)  # a reader cannot upgrade: it says how
    with Tracker(store_location) as t:  # a writer upgrades
        [(version,)] = t.store.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert int(version) == SCHEMA_VERSION
        [(plain, packed)] = t.store.execute("SELECT text, text_z FROM documents")
        assert plain is None and packed is not None
        [doc] = t.store.get_documents([1], with_text=True).values()
        assert doc.text == body


def test_a_failed_upgrade_leaves_the_store_as_it_was(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance.store import migrations

    body = text(78, 300)
    with Tracker(store_location) as t:
        t.ingest([article("http://x.test/a", body)])
    _make_version_1(store_location, body)

    _open_with_a_failing_step(
        store_location,
        monkeypatch,
        2,
        migrations._compress_texts,  # type: ignore[arg-type]
    )
    if store_location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store_location) as conn:
            cols = [r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'"
            )]  # fmt: skip
            [(version,)] = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
    else:
        import sqlite3

        with sqlite3.connect(store_location) as conn:
            cols = [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
            [(version,)] = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
    assert "text_z" not in cols and version == "1"
    with Tracker(store_location) as t:  # the real upgrade then succeeds
        assert t.store.get_documents([1], with_text=True)[1].text == body


def _zh(seed: int, n: int) -> str:
    """``n`` characters of deterministic Chinese (an unspaced script), in sentences."""
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) + ("。" * (i % 17 == 16)) for i in range(n))


#: Pages whose edges carry every kind schema 4 split: a direction weight by containment,
#: passages counted in characters (Chinese) and in words, the match's containment share.
_FULL_ZH = _zh(1, 900)
_PAGES = (
    ("https://full.example/zh", _FULL_ZH),
    ("https://part.example/zh", f"{_zh(2, 40)}{_FULL_ZH[300:400]}{_zh(3, 40)}"),
    ("https://long.example/en", f"{text(50, 250)} {LEDE}. {text(51, 40)} {text(52, 250)}"),
    ("https://brief.example/en", f"{LEDE}. {text(51, 40)}"),
)
#: Kinds as schema 3 spelt them: (schema-4 kind, schema-3 kind).
_SCHEMA_3_KINDS = (("contained-in", "containment"), ("passage-chars", "passage"))


def _make_version_3(location: str) -> list[tuple[Evidence, ...]]:
    """Rewind a store to schema version 3: its edges' evidence under the kinds of then
    (a direction weight as ``containment``, a passage in characters as ``passage``).
    Returns every edge's evidence lists as the rewound store holds them."""
    store = open_store(location)
    try:
        with store.transaction():  # type: ignore[attr-defined]
            for new, old in _SCHEMA_3_KINDS:
                for column in ("evidence", "direction_evidence"):
                    store.execute(  # type: ignore[attr-defined]
                        f"UPDATE edges SET {column} = REPLACE({column}, ?, ?)",
                        (f'"kind": "{new}"', f'"kind": "{old}"'),
                    )
            store.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
            return _stored_evidence(store)
    finally:
        store.close()


_EVIDENCE = "SELECT direction_evidence, evidence FROM edges ORDER BY copy_id, source_id"
_VERSION = "SELECT value FROM meta WHERE key = 'schema_version'"


def _stored_evidence(store: object) -> list[tuple[Evidence, ...]]:
    """Each edge's direction evidence, then its evidence, as stored (raw JSON read)."""
    rows = store.execute(_EVIDENCE)  # type: ignore[attr-defined]
    return [evidence_load(d) + evidence_load(e) for d, e in rows]


def _untouched(location: str) -> tuple[str, list[tuple[Evidence, ...]]]:
    """The schema version and the edges' evidence, read through the database driver:
    opening the store for writing would upgrade it."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location) as pg:
            [(version,)] = pg.execute(_VERSION).fetchall()
            rows = pg.execute(_EVIDENCE).fetchall()
    else:
        import sqlite3

        with sqlite3.connect(location) as lite:
            [(version,)] = lite.execute(_VERSION).fetchall()
            rows = lite.execute(_EVIDENCE).fetchall()
    return version, [evidence_load(d) + evidence_load(e) for d, e in rows]


def _value_as_schema_3_read_it(ev: Evidence) -> str:
    """What the text report showed for ``ev`` before schema 4, when it read the unit of a
    ``containment`` or ``passage`` from the detail."""
    if ev.kind == "containment" and " lies inside " in ev.detail:
        return f"weight {ev.score:+.1f}"
    if ev.kind == "passage" and " characters shared" in ev.detail:
        return f"longest {ev.score:.0f} characters"
    return evidence_value(ev)


def _traces(db: str) -> list[str]:
    out = []
    for url, _body in _PAGES[1::2]:
        result = CliRunner().invoke(cli, ["trace", url, "--db", db])
        assert result.exit_code == 0, result.output
        out.append(result.stdout)
    return out


def test_a_version_3_store_gets_evidence_kinds_that_say_their_measure(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance.store import migrations

    with Tracker(store_location) as t:
        t.ingest([article(url, body, hours=None) for url, body in _PAGES])
        t.match()
        edges = list(t.store.iter_edges())
    kinds = {ev.kind for e in edges for ev in (*e.evidence, *e.direction_evidence)}
    assert {"contained-in", "containment", "passage-chars", "passage"} <= kinds
    traces = _traces(store_location)
    assert "- contained-in (weight +1.0): " in traces[0]
    assert " characters): " in traces[0] and " words): " in traces[1]
    old = _make_version_3(store_location)
    assert not {ev.kind for evs in old for ev in evs} & {"contained-in", "passage-chars"}
    monkeypatch.setattr(migrations, "BATCH", 1)  # one edge a batch: the paging is walked
    with Tracker(store_location) as t:  # a writer upgrades
        [(version,)] = t.store.execute(_VERSION)
        assert int(version) == SCHEMA_VERSION
        assert list(t.store.iter_edges()) == edges
        new = _stored_evidence(t.store)
    assert [[evidence_value(ev) for ev in evs] for evs in new] == [
        [_value_as_schema_3_read_it(ev) for ev in evs] for evs in old
    ]
    assert _traces(store_location) == traces


def test_a_failed_evidence_upgrade_leaves_the_old_kinds(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance.store import migrations

    with Tracker(store_location) as t:
        t.ingest([article(url, body, hours=None) for url, body in _PAGES[:2]])
        t.match()
    old = _make_version_3(store_location)

    _open_with_a_failing_step(
        store_location,
        monkeypatch,
        4,
        migrations._split_evidence_kinds,  # type: ignore[arg-type]
    )
    with pytest.raises(StoreError, match="schema version 3, older"):
        Tracker(store_location, read_only=True)
    assert _untouched(store_location) == ("3", old)
    with Tracker(store_location) as t:  # the real upgrade then succeeds
        assert "contained-in" in {ev.kind for evs in _stored_evidence(t.store) for ev in evs}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Evidence("containment", "smaller text inside the larger (estimated)", 0.9), None),
        (Evidence("containment", "https://a/ lies inside https://b/ (0.9)", -1), "contained-in"),
        (Evidence("passage", "80 words shared verbatim outside quotations", 62), None),
        (Evidence("passage", "90 characters shared verbatim, the longest 40", 40), "passage-chars"),
        (Evidence("credit", "https://x lies inside credits y [credit-line]", 2.0), None),
        (Evidence("contained-in", "https://a/ lies inside https://b/", 1.0), None),
    ],
)  # fmt: skip
def test_the_schema_4_rule_splits_only_the_two_shared_kinds(
    before: Evidence, after: str | None
) -> None:
    from provenance.store.migrations import split_kind

    assert split_kind(before) == (
        before if after is None else Evidence(after, before.detail, before.score)
    )


def test_a_postgres_url_that_cannot_connect_exits_4_without_the_password() -> None:
    result = CliRunner().invoke(
        cli, ["report", "--db", "postgresql://someone:s3cret@127.0.0.1:1/none"]
    )
    assert result.exit_code == 4
    assert "cannot connect" in result.stderr and "s3cret" not in result.stderr


_PENDING = "SELECT doc_id, band, key FROM pending_keys ORDER BY doc_id, band, key"


def _make_version_4(location: str) -> list[tuple[int, int, int]]:
    """Rewind a store to schema version 4: in SQLite its pending index rows in a rowid
    table with an index on ``doc_id``, as schema 4 kept them (PostgreSQL's table is
    the same in both).  Returns the pending rows."""
    store = open_store(location)
    try:
        with store.transaction():  # type: ignore[attr-defined]
            if not location.startswith("postgresql://"):
                for sql in (
                    "CREATE TABLE pending_4(doc_id INTEGER NOT NULL, band INTEGER NOT NULL,"
                    " key INTEGER NOT NULL)",
                    "INSERT INTO pending_4 SELECT doc_id, band, key FROM pending_keys",
                    "DROP TABLE pending_keys",
                    "ALTER TABLE pending_4 RENAME TO pending_keys",
                    "CREATE INDEX pending_keys_doc ON pending_keys(doc_id)",
                ):
                    store.execute(sql)  # type: ignore[attr-defined]
            store.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
            return [tuple(r) for r in store.execute(_PENDING)]  # type: ignore[attr-defined]
    finally:
        store.close()


def _pending_layout(location: str) -> tuple[str, list[tuple[int, int, int]], list[str]]:
    """Schema version, pending rows and (SQLite) the pending table's SQL and indexes,
    read through the database driver: opening the store for writing would upgrade it."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location) as pg:
            [(version,)] = pg.execute(_VERSION).fetchall()
            rows = [tuple(r) for r in pg.execute(_PENDING).fetchall()]
        return version, rows, []
    import sqlite3

    with sqlite3.connect(location) as lite:
        [(version,)] = lite.execute(_VERSION).fetchall()
        rows = [tuple(r) for r in lite.execute(_PENDING).fetchall()]
        layout = [
            sql or name
            for name, sql in lite.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'pending_keys' ORDER BY name"
            )
        ]
    return version, rows, layout


def test_a_version_4_store_keeps_its_pending_rows_keyed(store_location: str) -> None:
    body = text(79, 300)
    with Tracker(store_location) as t:  # two copies, ingested, their rows still pending
        t.ingest([article("http://x.test/a", body), article("http://y.test/b", body)])
    old = _make_version_4(store_location)
    assert len(old) > 2 * 64
    with pytest.raises(StoreError, match="schema version 4, older"):
        Tracker(store_location, read_only=True)
    with Tracker(store_location) as t:  # a writer upgrades
        [(version,)] = t.store.execute(_VERSION)
        assert int(version) == SCHEMA_VERSION
        assert [tuple(r) for r in t.store.execute(_PENDING)] == old
        assert t.store.unmatched_ids(10) == []  # still waiting to be filed
        assert t.match().edges == 1
    version, rows, layout = _pending_layout(store_location)
    assert version == str(SCHEMA_VERSION) and rows == []
    if not store_location.startswith("postgresql://"):
        [table] = layout  # no second index
        assert "WITHOUT ROWID" in table and "PRIMARY KEY(doc_id, band, key)" in table


def test_a_failed_pending_upgrade_leaves_the_old_table(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provenance.store import migrations

    body = text(80, 300)
    with Tracker(store_location) as t:
        t.ingest([article("http://x.test/a", body), article("http://y.test/b", body)])
    old = _make_version_4(store_location)
    before = _pending_layout(store_location)

    def key_then_fail(store: object) -> None:
        migrations._key_pending_rows(store)  # type: ignore[arg-type]
        raise RuntimeError("simulated failure mid-upgrade")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", (migrations.Migration(5, "key, then fail", key_then_fail),)
    )
    with pytest.raises(RuntimeError):
        Tracker(store_location)
    monkeypatch.undo()
    assert _pending_layout(store_location) == before
    assert before[:2] == ("4", old)
    if not store_location.startswith("postgresql://"):
        assert any("INDEX pending_keys_doc" in sql for sql in before[2])
    with Tracker(store_location) as t:  # the real upgrade then succeeds
        assert t.match().edges == 1


def test_a_version_5_store_queues_its_unmatched_documents(store_location: str) -> None:
    """Schema 6: the documents waiting to be matched are rows of ``unmatched``; a store
    of schema 5 knew them by ``documents.matched`` and a partial index."""
    body = text(81, 300)
    with Tracker(store_location) as t:
        t.ingest([article("http://x.test/a", body), article("http://y.test/b", body)])
        t.match()
        t.ingest([article("http://z.test/c", body)])  # waits to be matched
    store = open_store(store_location)
    try:
        with store.transaction():  # type: ignore[attr-defined]
            for sql in (
                "UPDATE documents SET matched = 1",
                "UPDATE documents SET matched = 0 WHERE id IN (SELECT doc_id FROM unmatched)",
                "DROP TABLE unmatched",
                "CREATE INDEX documents_unmatched ON documents(id) WHERE matched = 0",
                "UPDATE meta SET value = '5' WHERE key = 'schema_version'",
            ):
                store.execute(sql)  # type: ignore[attr-defined]
    finally:
        store.close()
    with Tracker(store_location) as t:  # a writer upgrades
        assert t.store.counts()["unmatched"] == 1
        assert [d.matched for d in t.store.get_documents([1, 2, 3]).values()] == [
            True,
            True,
            False,
        ]
        assert t.match().edges == 2
        assert t.store.counts()["unmatched"] == 0
        assert all(d.matched for d in t.store.get_documents([1, 2, 3]).values())
        index = t.store.execute(  # type: ignore[attr-defined]
            "SELECT 1 FROM pg_indexes WHERE indexname = 'documents_unmatched'"
            if store_location.startswith("postgresql://")
            else "SELECT 1 FROM sqlite_master WHERE name = 'documents_unmatched'"
        )
        assert index == []


def test_a_postgres_flush_empties_the_pending_table_unless_rows_came_in_past_it(
    postgres_url: str,
) -> None:
    """PostgreSQL keeps deleted rows until a vacuum: a flush that filed every pending
    row truncates the table; a row an ingest committed past the horizon stays."""
    import psycopg

    body = text(82, 300)
    with Tracker(postgres_url) as t:
        t.ingest([article("http://x.test/a", body), article("http://y.test/b", body)])
        assert t.store.flush_index() > 2 * 64
    with psycopg.connect(postgres_url) as pg:
        [(rows, pages)] = pg.execute(
            "SELECT COUNT(*), pg_relation_size('pending_keys') FROM pending_keys"
        ).fetchall()
    assert (rows, pages) == (0, 0)  # truncated: no dead rows left behind

    class Undo(Exception):
        pass

    with Tracker(postgres_url) as t:
        t.ingest([article("http://z.test/c", body)])
        store = t.store
        with pytest.raises(Undo), store.transaction():  # type: ignore[attr-defined]
            [(horizon,)] = store.execute("SELECT MAX(doc_id) FROM pending_keys")  # type: ignore[attr-defined]
            # as if an ingest had committed a row past the horizon during the flush
            store.execute(  # type: ignore[attr-defined]
                "INSERT INTO pending_keys(doc_id, band, key) VALUES (?, 0, 1)", (horizon + 1,)
            )
            store._delete_filed(horizon)  # type: ignore[attr-defined]
            left = store.execute("SELECT doc_id FROM pending_keys")  # type: ignore[attr-defined]
            assert left == [(horizon + 1,)]
            raise Undo  # roll the made-up row back
        assert t.match().documents == 3  # the rolled-back row left nothing behind
        assert t.store.counts()["unmatched"] == 0


def test_a_large_postgres_flush_vacuums_and_analyses_the_index_tables(
    postgres_url: str,
) -> None:
    """Candidate queries read the index tables by index only, which skips the table
    only on pages a vacuum marked all-visible: a flush that filed a large share of
    their rows vacuums and analyses them; a small one leaves that to autovacuum."""
    import psycopg

    with Tracker(postgres_url) as t:
        t.ingest([article(f"http://s{i}.test/a", text(200 + i, 400)) for i in range(40)])
        assert t.store.flush_index() > 40 * 64
    with psycopg.connect(postgres_url) as pg:
        for table in ("bands", "passages"):
            [(visible, pages)] = pg.execute(
                "SELECT relallvisible, relpages FROM pg_class WHERE oid = to_regclass(%s)",
                (table,),
            ).fetchall()
            assert 0 < visible == pages  # all-visible: index-only scans skip the table
            stats = pg.execute("SELECT 1 FROM pg_stats WHERE tablename = %s", (table,))
            assert stats.fetchall()  # analysed: the planner knows the new rows
    with Tracker(postgres_url) as t:  # one more document: far under 5 % of the rows
        t.ingest([article("http://late.test/a", text(999, 400))])
        filed = t.store.flush_index()
        assert filed > 0
        assert not t.store.refresh_index_statistics(filed)  # type: ignore[attr-defined]
