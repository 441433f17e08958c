"""SQLite implementation of :class:`~provenance.store.base.Store`: WAL, one transaction a write."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provenance.errors import StoreError, StoreNotFound
from provenance.fingerprint.minhash import FingerprintParams
from provenance.store.failures import driver_errors_named, store_error
from provenance.store.migrations import require_current, upgrade
from provenance.store.schema import SCHEMA, check_params, stored_version
from provenance.store.sql import SQLStore

log = logging.getLogger(__name__)


#: SQLite page cache per connection, in KiB (256 MiB).
CACHE_KIB = 256 * 1024
#: Page size of a new store file, in bytes.  A document's row (its compressed text)
#: is 2-3 KB: SQLite's default 4 KiB page holds one and leaves the rest empty, a
#: quarter of the table.  16 KiB pages hold five or six (measured on 20,000 synthetic
#: documents: 6.6 KB a document against 7.3 KB, queries as fast).
PAGE_SIZE = 16384
#: Pending index rows (about 136-185 a document) filed through a sorted copy in memory,
#: at most (:meth:`SQLiteStore._file_pending`): 20 million rows, about 1.2 GB at the
#: peak (sorting 2 million rows into the copy took 59 bytes a row).
IN_MEMORY_ROWS = 20_000_000
#: After filing the index: give the file's free pages back to the file system once
#: they are at least this share of it.  Below it they are left for the next ingest to
#: reuse (a cron increment frees about as many pages as the next one takes).
RELEASE_SHARE = 1 / 16


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder {str(path.parent)!r} for store {str(path)!r}: "
            f"{exc.strerror or exc}; choose a --db in a folder you can write"
        ) from exc


@driver_errors_named(sqlite3.Error)
class SQLiteStore(SQLStore):
    """A provenance store in one SQLite file (WAL mode)."""

    KEYS_TABLE = "SELECT j.value FROM json_each(?) j"
    BLOB = "BLOB"
    WITHOUT_ROWID = True
    BEGIN = "BEGIN IMMEDIATE"  # take the write lock now, not at the first write
    DRIVER_ERROR = sqlite3.Error

    def _in_transaction(self) -> bool:
        return bool(self._db.in_transaction)  # SQLite rolls back by itself on some errors

    def __init__(
        self,
        path: str | Path,
        params: FingerprintParams | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """Open (or create) the store at ``path``.

        ``read_only`` opens an existing store without writing to it, so a reader never
        waits for a writer (WAL mode) and a store in a read-only folder can be read.
        """
        self.path = str(path)
        self.read_only = read_only
        self._depth = 0
        if read_only and self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreNotFound(f"no store at {self.path!r}; check --db (ingest creates one)")
        try:
            self._db = self._connect()
            if read_only:
                require_current(self.path, stored_version(self._rows, self.path))
                self._params = check_params(self._rows, self.path, params, write=False)
                return
            with self.transaction():
                version = stored_version(self._rows, self.path) if self._has_meta() else None
                for stmt in SCHEMA.split(";"):
                    if stmt.strip():
                        self._db.execute(stmt)
                upgrade(self, version)
                self._params = check_params(self._rows, self.path, params)
        except sqlite3.Error as exc:
            raise store_error(self.path, "open", exc) from exc

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            where = Path(self.path).resolve()
            uri = f"{where.as_uri()}?mode=ro"
            if not os.access(where.parent, os.W_OK):
                # A WAL store needs its -shm file, which a folder we cannot write cannot
                # hold: read the file as it stands (nobody can be writing to it from here).
                log.info("%s: folder is read-only; reading the store as it stands", self.path)
                uri += "&immutable=1"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
        else:
            if self.path != ":memory:":
                _make_folder(Path(self.path))
            db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            # A new file takes large pages and can give back the pages it frees
            # (flush_index frees every pending row's page): both set before WAL mode,
            # which writes the first page.  An existing file keeps its page size and
            # mode; only a VACUUM could change them.
            db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            db.execute("PRAGMA auto_vacuum=INCREMENTAL")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=30000")
        # Some builds of SQLite (Debian's among them) zero every freed page by default
        # (secure_delete=ON): filing the pending index rows then wrote each of their
        # pages once more.  FAST still clears deleted content in pages that are written
        # anyway, and adds no page writes.
        db.execute("PRAGMA secure_delete=FAST")
        # Bounded memory whatever the store's size: a fixed page cache and no
        # memory map (mapped pages would count in the process's resident set);
        # the OS page cache keeps the hot part of the file.
        db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        db.execute("PRAGMA mmap_size=0")
        db.execute("PRAGMA temp_store=MEMORY")
        return db

    def _file_pending(self, horizon: int, count: int, into: tuple[str, str]) -> None:
        # The flush's transaction holds the write lock (BEGIN IMMEDIATE): every pending
        # row is at or below the horizon.  The rows are sorted into a temporary table (in
        # memory, temp_store), the pending table is emptied (a DELETE without WHERE
        # frees its pages whole), and the index rows are filed into the pages it freed:
        # the file does not grow by the index only to keep the pending pages free, and
        # nothing is moved back afterwards.  10,000 documents: 125 -> 30-62 MB written.
        # The copy costs about 60 bytes of memory a row: past IN_MEMORY_ROWS the rows
        # are filed straight from the pending table, as before.
        if count > IN_MEMORY_ROWS:
            super()._file_pending(horizon, count, into)
            return
        self._run(
            "CREATE TEMP TABLE filing AS SELECT band, key, doc_id FROM pending_keys"
            " ORDER BY band, key, doc_id"
        )
        try:
            self._run("DELETE FROM pending_keys")
            # A plain scan of the temporary table reads it in the order it was filled.
            self._insert_index_rows("temp.filing", into, ordered=False)
        finally:
            self._run("DROP TABLE IF EXISTS temp.filing")  # gone if the error rolled back

    def flush_index(self) -> int:
        filed = super().flush_index()
        self.release_free_pages()
        return filed

    def release_free_pages(self, share: float = RELEASE_SHARE) -> int:
        """Give the file's free pages back to the file system (``incremental_vacuum``,
        in its own transaction) when they are at least ``share`` of the file; returns
        how many pages were released.

        The pending rows of an ingest are deleted once filed: after a large ingest
        their pages are a third of the file.  A store created before schema 5 has no
        auto-vacuum (it can be set only by rewriting the file with ``VACUUM``); its
        free pages are reused by later writes but not released."""
        if self.read_only or self.path == ":memory:" or self._depth:
            return 0  # inside a caller's transaction: its commit comes first
        [(mode,)] = self._rows("PRAGMA auto_vacuum")
        [(free,)] = self._rows("PRAGMA freelist_count")
        [(pages,)] = self._rows("PRAGMA page_count")
        if int(mode) != 2 or not free or free < share * pages:
            return 0
        # Each step of the pragma releases one page and yields a row the driver would
        # not fetch (it has no columns); executescript steps it to the end, in a
        # transaction of its own.
        try:
            self._db.executescript("PRAGMA incremental_vacuum")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise
            # another writer kept the lock: the pages stay free, for reuse or next time
            log.info("%s: free pages not released (%s)", self.path, exc)
            return 0
        [(left,)] = self._rows("PRAGMA freelist_count")
        log.info("%s: released %d free page(s) of %d", self.path, free - left, pages)
        return int(free - left)

    def _has_meta(self) -> bool:
        return bool(self._rows("SELECT 1 FROM sqlite_master WHERE name = 'meta'"))

    # -- plumbing -----------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._db.execute(sql, tuple(args)).fetchall())

    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        self._db.execute(sql, tuple(args))

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def _keys_arg(self, keys: Sequence[int]) -> Any:
        return json.dumps(list(keys))

    def _stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        cursor = self._db.execute(sql)
        while batch := cursor.fetchmany(1000):
            yield from batch


__all__ = ["SQLiteStore"]
