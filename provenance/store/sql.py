"""What the SQLite and PostgreSQL stores share: every query of the ``Store`` protocol,
written once in the SQL both speak (``?`` placeholders, ``ON CONFLICT``, ``RETURNING``).

A backend supplies a connection wrapper (:meth:`SQLStore._rows`, :meth:`SQLStore._run`,
:meth:`SQLStore._run_many`), its transactions, and the two statements whose SQL
differs: how a list of keys becomes a table (``json_each`` or ``unnest``).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from provenance.evidence import Finding
from provenance.fingerprint.minhash import Fingerprint, FingerprintParams
from provenance.fingerprint.prepare import NewDocument
from provenance.sites import domain_key, key_stems, keys_match, site_key, url_key
from provenance.store.base import DocMatch, EdgeRecord, ProgressHook, StoredDocument
from provenance.store.schema import (
    DOC_COLUMNS,
    EDGE_COLUMNS,
    INSERT_DOCUMENT,
    INSERT_EDGE,
    TABLES,
    document_row,
    edge_row,
    row_to_doc,
    row_to_edge,
)
from provenance.store.tiers import PASSAGE, IndexTiers
from provenance.store.transactions import Transactions

#: Rows per ``IN (...)`` list: under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500
#: The highest code point: ``key < prefix + TOP`` bounds a prefix range.
TOP = "\U0010ffff"


def pack_text(text: str | None) -> bytes | None:
    """Stored texts are zlib-compressed (level 6): in the standard library, so both
    backends and every reader of a copied store have it, and on 2-10 KB news texts it
    keeps ~35 % of the bytes at ~50 MB/s, well off the ingest's critical path."""
    return None if text is None else zlib.compress(text.encode("utf-8"), 6)


def unpack_text(packed: bytes | memoryview | None, plain: str | None) -> str | None:
    return zlib.decompress(bytes(packed)).decode("utf-8") if packed is not None else plain


def _index_rows(doc_id: int, doc: NewDocument) -> np.ndarray[Any, np.dtype[np.int64]]:
    """A document's pending index rows ``(doc_id, band, key)`` in that order: its passage
    keys (band :data:`PASSAGE`, -1) sorted, then its band keys by band number."""
    bands, passages = doc.band_key_array, np.sort(doc.passage_key_array)
    rows = np.empty((len(bands) + len(passages), 3), dtype=np.int64)
    rows[:, 0] = doc_id
    rows[: len(passages), 1] = PASSAGE
    rows[len(passages) :, 1] = np.arange(len(bands))
    rows[: len(passages), 2] = passages
    rows[len(passages) :, 2] = bands
    return rows


class SQLStore(Transactions, IndexTiers):
    """The queries of :class:`~provenance.store.base.Store` over a DB-API connection."""

    path: str
    _params: FingerprintParams
    #: SQL giving a one-column table of the keys passed as one parameter.
    KEYS_TABLE: str
    #: The column type of binary data.
    BLOB: str
    #: Whether tables can be WITHOUT ROWID (SQLite's B-tree keyed on the primary key).
    WITHOUT_ROWID = False
    _db: Any

    # -- what a backend provides ----------------------------------------------
    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _keys_arg(self, keys: Sequence[int]) -> Any:
        raise NotImplementedError

    def _append_pending(self, rows: Sequence[Sequence[int]]) -> None:
        self._run_many(
            "INSERT INTO pending_keys(doc_id, band, key) VALUES (?,?,?) ON CONFLICT DO NOTHING",
            rows,
        )

    def _lock_for_insert(self) -> None:
        """Inside the ingest transaction: make concurrent ingests take ids in commit order."""

    @property
    def params(self) -> FingerprintParams:
        return self._params

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query (diagnostics such as ``PRAGMA integrity_check``)."""
        return self._rows(sql, args)

    # -- documents ----------------------------------------------------------
    def add_documents(
        self, docs: Sequence[NewDocument], progress: ProgressHook | None = None
    ) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        keys: list[np.ndarray[Any, np.dtype[np.int64]]] = []
        # What needs no id is done before the insert lock, which concurrent writers
        # wait on (PostgreSQL): the texts' compression.
        packed = [pack_text(doc.article.text) for doc in docs]
        with self.transaction():
            self._lock_for_insert()
            for n, (doc, text_z) in enumerate(zip(docs, packed, strict=True), 1):
                out.append(self._add_one(doc, text_z, keys))
                if progress is not None:
                    progress("ingest", n)
            # The index rows wait, appended in id order, until match() files them all
            # at once in key order (flush_index): inserting each batch's keys into the
            # band and passage B-trees would rewrite most of their pages every batch.
            # Each document's rows are in (band, key) order and ids grow within the
            # batch, so the batch is in (doc_id, band, key) order: appended to the end.
            if keys:
                self._append_pending(np.concatenate(keys).tolist())
        return out

    def _add_one(
        self,
        doc: NewDocument,
        text_z: bytes | None,
        keys: list[np.ndarray[Any, np.dtype[np.int64]]],
    ) -> tuple[int, str]:
        a = doc.article
        url = a.url or a.canonical_url or a.og_url or a.source or f"urn:sha256:{doc.content_hash}"
        found = self._rows(
            "SELECT id FROM documents WHERE url = ? AND content_hash = ?", (url, doc.content_hash)
        )
        if found:
            return int(found[0][0]), "unchanged"
        failed = a.error is not None or doc.fingerprint is None
        if failed:
            revision, outcome = 0, "failed"
        else:
            [(prev,)] = self._rows(
                "SELECT MAX(revision) FROM documents WHERE url = ? AND status = 'ok'", (url,)
            )
            revision = int(prev or 0) + 1
            outcome = "revision" if prev else "added"
        row = document_row(a, url, revision, doc.content_hash, failed, text_z)
        inserted = self._rows(INSERT_DOCUMENT, row)
        if not inserted:  # another writer stored the same text under the same URL first
            [(other,)] = self._rows(
                "SELECT id FROM documents WHERE url = ? AND content_hash = ?",
                (url, doc.content_hash),
            )
            return int(other), "unchanged"
        doc_id = int(inserted[0][0])
        if not failed:
            self._run("INSERT INTO unmatched(doc_id) VALUES (?)", (doc_id,))
        fp = doc.fingerprint
        if fp is not None and not failed:
            self._run(
                "INSERT INTO signatures(doc_id, sig, shingle_count, too_short) VALUES (?,?,?,?)",
                (doc_id, fp.signature, fp.shingle_count, int(fp.too_short)),
            )
            if not fp.too_short:
                keys.append(_index_rows(doc_id, doc))
        return doc_id, outcome

    def _select_docs(self, where: str, args: Sequence[Any]) -> list[StoredDocument]:
        rows = self._rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE {where}", args)
        return [row_to_doc(r) for r in rows]

    def get_documents(
        self, ids: Sequence[int], with_text: bool = False
    ) -> dict[int, StoredDocument]:
        out: dict[int, StoredDocument] = {}
        ids = list(dict.fromkeys(ids))
        cols = DOC_COLUMNS + (", text_z, text" if with_text else "")
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            for r in self._rows(f"SELECT {cols} FROM documents WHERE id IN ({marks})", chunk):
                text = unpack_text(r[18], r[19]) if with_text else None
                out[int(r[0])] = row_to_doc(r, text)
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
                (p, p + TOP, p, p + TOP),
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
        for (doc_id,) in self._rows("SELECT id FROM documents ORDER BY id"):
            yield int(doc_id)

    def counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self._rows(sql)[0][0])

        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "failed": one("SELECT COUNT(*) FROM documents WHERE status='failed'"),
            "unmatched": one("SELECT COUNT(*) FROM unmatched"),
            "signatures": one("SELECT COUNT(*) FROM signatures"),
            "edges": one("SELECT COUNT(*) FROM edges"),
            "findings": one("SELECT COUNT(*) FROM findings"),
        }

    # -- signatures ---------------------------------------------------------------
    def get_signatures(self, ids: Sequence[int]) -> dict[int, Fingerprint]:
        out: dict[int, Fingerprint] = {}
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            for doc_id, sig, count, short in self._rows(
                f"SELECT doc_id, sig, shingle_count, too_short FROM signatures"
                f" WHERE doc_id IN ({marks})",
                chunk,
            ):
                out[int(doc_id)] = Fingerprint(self._params, bytes(sig), int(count), bool(short))
        return out

    # -- matching -------------------------------------------------------------
    def unmatched_ids(self, limit: int) -> list[int]:
        # A document whose index rows are still pending is not matched yet: a document
        # after it could not find it as a candidate until they are filed.
        rows = self._rows(
            "SELECT u.doc_id FROM unmatched u WHERE NOT EXISTS"
            " (SELECT 1 FROM pending_keys p WHERE p.doc_id = u.doc_id) ORDER BY u.doc_id LIMIT ?",
            (limit,),
        )
        return [int(r[0]) for r in rows]

    def write_match(self, result: DocMatch) -> None:
        with self.transaction():
            if result.edges:
                self._run_many(INSERT_EDGE, [edge_row(e) for e in result.edges])
            self._run("DELETE FROM unmatched WHERE doc_id = ?", (result.doc_id,))

    def replace_findings(self, doc_id: int, found: Sequence[Finding]) -> None:
        with self.transaction():
            self._run("DELETE FROM findings WHERE doc_id = ?", (doc_id,))
            if found:
                self._run_many(
                    "INSERT INTO findings(doc_id, other_id, kind, detail) VALUES (?,?,?,?)",
                    [(doc_id, f.other_id, f.kind, f.detail) for f in found],
                )

    def _edges(self, where: str, args: Sequence[Any]) -> list[EdgeRecord]:
        rows = self._rows(
            f"SELECT {EDGE_COLUMNS} FROM edges WHERE {where} ORDER BY copy_id, source_id", args
        )
        return [row_to_edge(r) for r in rows]

    def edges_of(self, doc_id: int) -> list[EdgeRecord]:
        return self._edges("copy_id = ? OR source_id = ?", (doc_id, doc_id))

    def sources_of(self, doc_id: int) -> list[EdgeRecord]:
        return self._edges("copy_id = ?", (doc_id,))

    def edge_pairs(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        ids = list(dict.fromkeys(ids))
        out: set[tuple[int, int]] = set()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT copy_id, source_id FROM edges WHERE copy_id IN ({marks})", chunk
            )
            wanted = set(ids)
            out |= {(int(a), int(b)) for a, b in rows if int(b) in wanted}
        return out

    def edge_count(self, doc_id: int) -> int:
        [(n,)] = self._rows(
            "SELECT (SELECT COUNT(*) FROM edges WHERE copy_id = ?)"
            " + (SELECT COUNT(*) FROM edges WHERE source_id = ?)",
            (doc_id, doc_id),
        )
        return int(n)

    def iter_edges(self) -> Iterator[EdgeRecord]:
        """Every edge, read in batches (memory stays flat however many there are)."""
        for row in self._stream(f"SELECT {EDGE_COLUMNS} FROM edges ORDER BY copy_id, source_id"):
            yield row_to_edge(row)

    def findings(self, doc_ids: Sequence[int] | None = None) -> list[Finding]:
        sql = (
            "SELECT f.id, f.kind, f.detail, f.doc_id, f.other_id, d.url, o.url FROM findings f"
            " JOIN documents d ON d.id = f.doc_id LEFT JOIN documents o ON o.id = f.other_id"
        )
        if doc_ids is None:
            rows = self._rows(sql + " ORDER BY f.id")
        else:
            ids = list(dict.fromkeys(doc_ids))
            rows = []
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                rows += self._rows(sql + f" WHERE f.doc_id IN ({marks})", chunk)
            rows.sort()
        return [Finding(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    # -- whole-store copies ------------------------------------------------------
    def _stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` without holding them all (a cursor read in batches)."""
        raise NotImplementedError

    def dump(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Every row of one of :data:`TABLES`, columns as listed there (``copy-store``)."""
        columns, order = TABLES[table]
        yield from self._stream(f"SELECT {columns} FROM {table} ORDER BY {order}")

    def after_load(self) -> None:
        """After rows were loaded with their ids: let new rows continue past them."""

    def load(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows dumped by :meth:`dump` (inside the caller's transaction)."""
        columns, _ = TABLES[table]
        marks = ",".join("?" * len(columns.split(",")))
        self._run_many(f"INSERT INTO {table}({columns}) VALUES ({marks})", rows)


__all__ = ["CHUNK", "SQLStore", "pack_text", "unpack_text"]
