"""What only a shared PostgreSQL store has to get right, against a real server:
moving stores between backends, several writers and a matcher at once, the crawl's
advisory lock, and versioned upgrades (those on both backends)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import LockHeld, StoreError
from provenance.store import open_store
from provenance.store.schema import SCHEMA_VERSION
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, text

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

    def half_then_fail(store: object) -> None:
        migrations._compress_texts(store)  # type: ignore[arg-type]
        raise RuntimeError("simulated failure mid-upgrade")

    step = migrations.Migration(2, "compress, then fail", half_then_fail)
    monkeypatch.setattr(migrations, "MIGRATIONS", (step,))
    with pytest.raises(RuntimeError):
        Tracker(store_location)
    monkeypatch.undo()
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


def test_a_postgres_url_that_cannot_connect_exits_4_without_the_password() -> None:
    result = CliRunner().invoke(
        cli, ["report", "--db", "postgresql://someone:s3cret@127.0.0.1:1/none"]
    )
    assert result.exit_code == 4
    assert "cannot connect" in result.stderr and "s3cret" not in result.stderr
