"""SQLite implementation of :class:`~provenance.store.base.Store`: WAL, one transaction a write."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from provenance.errors import StoreError, StoreNotFound
from provenance.evidence import Finding
from provenance.fingerprint.minhash import Fingerprint, FingerprintParams
from provenance.fingerprint.prepare import NewDocument
from provenance.sites import domain_key, key_stems, keys_match, site_key, url_key
from provenance.store.base import (
    DocMatch,
    EdgeRecord,
    ProgressHook,
    StoredDocument,
)
from provenance.store.failures import driver_errors_named, store_error
from provenance.store.schema import (
    DOC_COLUMNS,
    EDGE_COLUMNS,
    INSERT_DOCUMENT,
    INSERT_EDGE,
    SCHEMA,
    SCHEMA_VERSION,
    check_params,
    check_schema,
    document_row,
    edge_row,
    row_to_doc,
    row_to_edge,
)

log = logging.getLogger(__name__)


#: SQLite page cache per connection, in KiB (256 MiB).
CACHE_KIB = 256 * 1024


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder {str(path.parent)!r} for store {str(path)!r}: "
            f"{exc.strerror or exc}; choose a --db in a folder you can write"
        ) from exc


@driver_errors_named(sqlite3.Error)
class SQLiteStore:
    """A provenance store in one SQLite file (WAL mode)."""

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
                check_schema(self._db, self.path)
                self._params = check_params(self._db, self.path, params, write=False)
                return
            with self._tx():
                for stmt in SCHEMA.split(";"):
                    if stmt.strip():
                        self._db.execute(stmt)
                check_schema(self._db, self.path)
                self._params = check_params(self._db, self.path, params)
        except sqlite3.Error as exc:
            raise store_error(self.path, "open", exc) from exc

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
        else:
            if self.path != ":memory:":
                _make_folder(Path(self.path))
            db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=30000")
        # Bounded memory whatever the store's size: a fixed page cache and no
        # memory map (mapped pages would count in the process's resident set);
        # the OS page cache keeps the hot part of the file.
        db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        db.execute("PRAGMA mmap_size=0")
        db.execute("PRAGMA temp_store=MEMORY")
        return db

    # -- plumbing -----------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self.transaction():
            yield self._db

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(self.path, "start a transaction in", exc) from exc
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self._db.in_transaction:  # SQLite may have rolled back already (disk full)
                self._db.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise store_error(self.path, "commit to", exc) from exc

    @property
    def params(self) -> FingerprintParams:
        return self._params

    def close(self) -> None:
        self._db.close()

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (diagnostics such as ``PRAGMA integrity_check``)."""
        return list(self._db.execute(sql, tuple(args)).fetchall())

    # -- documents ----------------------------------------------------------
    def add_documents(
        self, docs: Sequence[NewDocument], progress: ProgressHook | None = None
    ) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        bands: list[tuple[int, int, int]] = []
        passages: list[tuple[int, int]] = []
        try:
            with self._tx() as db:
                for n, doc in enumerate(docs, 1):
                    out.append(self._add_one(db, doc, bands, passages))
                    if progress is not None:
                        progress("ingest", n)
                # one sorted bulk insert per batch walks each B-tree in key order
                if bands:
                    bands.sort()
                    db.executemany(
                        "INSERT OR IGNORE INTO bands(band, key, doc_id) VALUES (?,?,?)", bands
                    )
                if passages:
                    passages.sort()
                    db.executemany(
                        "INSERT OR IGNORE INTO passages(key, doc_id) VALUES (?,?)", passages
                    )
        except sqlite3.Error as exc:
            raise store_error(self.path, "write to", exc) from exc
        return out

    def _add_one(
        self,
        db: sqlite3.Connection,
        doc: NewDocument,
        bands: list[tuple[int, int, int]],
        passages: list[tuple[int, int]],
    ) -> tuple[int, str]:
        a = doc.article
        url = a.url or a.canonical_url or a.og_url or a.source or f"urn:sha256:{doc.content_hash}"
        row = db.execute(
            "SELECT id FROM documents WHERE url = ? AND content_hash = ?", (url, doc.content_hash)
        ).fetchone()
        if row is not None:
            return int(row[0]), "unchanged"
        failed = a.error is not None or doc.fingerprint is None
        if failed:
            revision, outcome = 0, "failed"
        else:
            prev = db.execute(
                "SELECT MAX(revision) FROM documents WHERE url = ? AND status = 'ok'", (url,)
            ).fetchone()[0]
            revision = int(prev or 0) + 1
            outcome = "revision" if prev else "added"
        cur = db.execute(
            INSERT_DOCUMENT,
            document_row(a, url, revision, doc.content_hash, failed),
        )
        doc_id = int(cur.lastrowid or 0)
        fp = doc.fingerprint
        if fp is not None and not failed:
            db.execute(
                "INSERT INTO signatures(doc_id, sig, shingle_count, too_short) VALUES (?,?,?,?)",
                (doc_id, fp.signature, fp.shingle_count, int(fp.too_short)),
            )
            if not fp.too_short:
                bands.extend((b, k, doc_id) for b, k in doc.band_keys)
                passages.extend((k, doc_id) for k in doc.passage_keys)
        return doc_id, outcome

    def _select_docs(self, where: str, args: Sequence[Any]) -> list[StoredDocument]:
        rows = self._db.execute(f"SELECT {DOC_COLUMNS} FROM documents WHERE {where}", tuple(args))
        return [row_to_doc(r) for r in rows]

    def get_documents(
        self, ids: Sequence[int], with_text: bool = False
    ) -> dict[int, StoredDocument]:
        out: dict[int, StoredDocument] = {}
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cols = DOC_COLUMNS + (", text" if with_text else "")
            for r in self._db.execute(f"SELECT {cols} FROM documents WHERE id IN ({marks})", chunk):
                out[int(r[0])] = row_to_doc(r, r[18] if with_text else None)
        return out

    def find_by_url(self, url: str) -> list[StoredDocument]:
        key = url_key(url)
        if not key:
            return []
        return self._select_docs(
            "status = 'ok' AND (url_key = ? OR canonical_key = ? OR og_key = ?) ORDER BY id",
            (key, key, key),
        )

    def find_by_site(self, key: str) -> list[StoredDocument]:
        if not key:
            return []
        found: dict[int, StoredDocument] = {}
        for p in key_stems(key):
            for d in self._select_docs(
                "status = 'ok' AND ((site_key >= ? AND site_key < ?)"
                " OR (domain_key >= ? AND domain_key < ?))",
                (p, p + "\U0010ffff", p, p + "\U0010ffff"),
            ):
                if keys_match(key, site_key(d.site)) or keys_match(key, domain_key(d.url)):
                    found[d.id] = d
        return [found[i] for i in sorted(found)]

    def latest_revision(self, url: str) -> StoredDocument | None:
        docs = (
            self._select_docs("url = ? AND status = 'ok' ORDER BY revision DESC LIMIT 1", (url,))
            or self.find_by_url(url)[-1:]
        )
        return docs[0] if docs else None

    def iter_document_ids(self) -> Iterator[int]:
        for (doc_id,) in self._db.execute("SELECT id FROM documents ORDER BY id").fetchall():
            yield int(doc_id)

    def counts(self) -> dict[str, int]:
        q = self._db.execute
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "failed": q("SELECT COUNT(*) FROM documents WHERE status='failed'").fetchone()[0],
            "unmatched": q("SELECT COUNT(*) FROM documents WHERE matched=0").fetchone()[0],
            "signatures": q("SELECT COUNT(*) FROM signatures").fetchone()[0],
            "edges": q("SELECT COUNT(*) FROM edges").fetchone()[0],
            "findings": q("SELECT COUNT(*) FROM findings").fetchone()[0],
        }

    # -- signatures and bands -------------------------------------------------
    def get_signatures(self, ids: Sequence[int]) -> dict[int, Fingerprint]:
        out: dict[int, Fingerprint] = {}
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, sig, count, short in self._db.execute(
                f"SELECT doc_id, sig, shingle_count, too_short FROM signatures"
                f" WHERE doc_id IN ({marks})",
                chunk,
            ):
                out[int(doc_id)] = Fingerprint(self._params, bytes(sig), int(count), bool(short))
        return out

    def band_candidates(self, doc_id: int, keys: Sequence[tuple[int, int]]) -> dict[int, int]:
        if not keys:
            return {}
        values = ",".join("(?,?)" for _ in keys)
        args: list[Any] = [x for pair in keys for x in pair]
        rows = self._db.execute(
            f"WITH q(band, key) AS (VALUES {values})"
            " SELECT b.doc_id, COUNT(*) FROM q JOIN bands b ON b.band = q.band AND b.key = q.key"
            " JOIN documents d ON d.id = b.doc_id"
            " WHERE b.doc_id < ? AND d.url != (SELECT url FROM documents WHERE id = ?)"
            " GROUP BY b.doc_id",
            [*args, doc_id, doc_id],
        )
        return {int(d): int(n) for d, n in rows}

    def passage_candidates(
        self, doc_id: int, keys: Sequence[int], max_postings: int
    ) -> dict[int, int]:
        if not keys:
            return {}
        # One fixed statement (prepared once).  Each key is first counted, reading at
        # most max_postings + 1 postings, so a boilerplate key costs a bounded scan
        # however many documents hold it; only the keys that pass are joined.
        rows = self._db.execute(
            "WITH q(key) AS ("
            " SELECT j.value FROM json_each(?) j WHERE (SELECT COUNT(*) FROM"
            "  (SELECT 1 FROM passages c WHERE c.key = j.value LIMIT ?)) <= ?),"
            " hits(doc_id, n) AS ("
            " SELECT p.doc_id, COUNT(*) FROM q JOIN passages p ON p.key = q.key"
            " WHERE p.doc_id < ? GROUP BY p.doc_id)"
            " SELECT h.doc_id, h.n FROM hits h JOIN documents d ON d.id = h.doc_id"
            " WHERE d.url != (SELECT url FROM documents WHERE id = ?)",
            (json.dumps(list(keys)), max_postings + 1, max_postings, doc_id, doc_id),
        )
        return {int(d): int(n) for d, n in rows}

    # -- matching -------------------------------------------------------------
    def unmatched_ids(self, limit: int) -> list[int]:
        rows = self._db.execute(
            "SELECT id FROM documents WHERE matched = 0 ORDER BY id LIMIT ?", (limit,)
        )
        return [int(r[0]) for r in rows]

    def write_match(self, result: DocMatch) -> None:
        try:
            with self.transaction():
                for e in result.edges:
                    self._db.execute(INSERT_EDGE, edge_row(e))
                self._db.execute("UPDATE documents SET matched = 1 WHERE id = ?", (result.doc_id,))
        except sqlite3.Error as exc:
            raise store_error(self.path, "write matches to", exc) from exc

    def replace_findings(self, doc_id: int, found: Sequence[Finding]) -> None:
        try:
            with self.transaction():
                self._db.execute("DELETE FROM findings WHERE doc_id = ?", (doc_id,))
                self._db.executemany(
                    "INSERT INTO findings(doc_id, other_id, kind, detail) VALUES (?,?,?,?)",
                    [(doc_id, f.other_id, f.kind, f.detail) for f in found],
                )
        except sqlite3.Error as exc:
            raise store_error(self.path, "write findings to", exc) from exc

    def _edges(self, where: str, args: Sequence[Any]) -> list[EdgeRecord]:
        rows = self._db.execute(
            f"SELECT {EDGE_COLUMNS} FROM edges WHERE {where} ORDER BY copy_id, source_id",
            tuple(args),
        ).fetchall()
        return [row_to_edge(r) for r in rows]

    def edges_of(self, doc_id: int) -> list[EdgeRecord]:
        return self._edges("copy_id = ? OR source_id = ?", (doc_id, doc_id))

    def edge_pairs(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT copy_id, source_id FROM edges WHERE copy_id IN ({marks})"
            f" AND source_id IN ({marks})",
            [*ids, *ids],
        )
        return {(int(a), int(b)) for a, b in rows}

    def edge_count(self, doc_id: int) -> int:
        row = self._db.execute(
            "SELECT (SELECT COUNT(*) FROM edges WHERE copy_id = ?)"
            " + (SELECT COUNT(*) FROM edges WHERE source_id = ?)",
            (doc_id, doc_id),
        ).fetchone()
        return int(row[0])

    def iter_edges(self) -> Iterator[EdgeRecord]:
        yield from self._edges("1 = 1", ())

    def findings(self, doc_ids: Sequence[int] | None = None) -> list[Finding]:
        sql = (
            "SELECT f.kind, f.detail, f.doc_id, f.other_id, d.url, o.url FROM findings f"
            " JOIN documents d ON d.id = f.doc_id LEFT JOIN documents o ON o.id = f.other_id"
        )
        args: list[int] = []
        if doc_ids is not None:
            if not doc_ids:
                return []
            sql += f" WHERE f.doc_id IN ({','.join('?' * len(doc_ids))})"
            args = list(doc_ids)
        rows = self._db.execute(sql + " ORDER BY f.id", args).fetchall()
        return [Finding(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


__all__ = ["SCHEMA_VERSION", "SQLiteStore"]
