"""A store the disk or the file system lets down: each failure is a StoreError that
names the store and says what to do, and the store stays whole for the next run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import StoreError
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, text


def test_a_full_disk_during_match_is_a_store_error_and_the_next_match_finishes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    body = text(5, 600)
    docs = [article(f"http://s{i}.test/a", body) for i in range(40)]
    with Tracker(db) as tracker:
        tracker.ingest(docs)
        tracker.store.flush_index()
        # no free page left in the file: match's first new page needs the disk
        tracker.store.execute("PRAGMA incremental_vacuum")
        [(pages,)] = tracker.store.execute("PRAGMA page_count")
        # SQLite's own "database or disk is full" (SQLITE_FULL), as a full disk gives it.
        tracker.store.execute(f"PRAGMA max_page_count={pages}")
        with pytest.raises(StoreError, match="disk is full") as caught:
            tracker.match()
        assert str(db) in str(caught.value)
    with Tracker(db) as tracker:
        assert tracker.store.execute("PRAGMA integrity_check") == [("ok",)]
        assert tracker.store.counts()["unmatched"] > 0  # the failed batch was rolled back
        tracker.match()
        assert tracker.store.counts()["unmatched"] == 0


def test_a_db_folder_that_cannot_be_created_exits_4_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>" + text(1, 200) + "</p></article></body></html>")
    result = CliRunner().invoke(cli, ["ingest", str(page), "--db", str(blocker / "sub" / "x.db")])
    assert result.exit_code == 4
    assert "cannot create the folder" in result.stderr and str(blocker / "sub") in result.stderr
    assert "Traceback" not in result.output


def test_a_damaged_page_met_by_a_read_is_exit_4_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Tracker(db) as tracker:
        tracker.ingest([article(f"http://s{i}.test/a", text(i, 400)) for i in range(40)])
        tracker.match()
    raw = bytearray(db.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    for page in range(3, len(raw) // page_size):  # keep the header and schema pages
        start = page * page_size
        raw[start : start + 64] = b"\xa5" * 64
    db.write_bytes(bytes(raw))
    for command in (["report"], ["trace", "http://s1.test/a"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db)])
        assert result.exit_code == 4, (command, result.output)
        assert str(db) in result.stderr and "Traceback" not in result.output
