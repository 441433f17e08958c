"""The store's tables, row conversions and version checks, for both backends.

The SQLite schema is here; the PostgreSQL one (same tables, its own types) is in
:mod:`provenance.store.postgres`.  Upgrades between versions are in
:mod:`provenance.store.migrations`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from provenance.errors import ParameterMismatch, StoreError
from provenance.evidence import Evidence
from provenance.fingerprint.minhash import FingerprintParams
from provenance.model import Article
from provenance.sites import domain_key, host_of, site_key, url_key
from provenance.store.base import EdgeRecord, StoredDocument, attribution_from_dict
from provenance.store.tiers import index_tables

#: 1: the first versioned schema; 2: texts zlib-compressed in ``text_z``; 3: index
#: rows of new documents wait in ``pending_keys`` until ``match`` files them, sorted;
#: 4: an edge's evidence kind alone says what its score measures (``contained-in``,
#: ``passage-chars``); 5: SQLite keeps ``pending_keys`` WITHOUT ROWID, keyed
#: ``(doc_id, band, key)``, with no second index (each row was written twice before);
#: 6: documents waiting to be matched are rows of ``unmatched``, deleted when matched
#: (marking the document's own row rewrote its page, text and all); 7: the index has a
#: small recent tier (``recent_bands``, ``recent_passages``) that ``match`` files new
#: rows into until it is worth merging into the main one (:mod:`provenance.store.tiers`).
SCHEMA_VERSION = 7

#: ``rows(sql, args)``: run a query through a backend and return its rows.
Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL, url_key TEXT, revision INTEGER NOT NULL, content_hash TEXT NOT NULL,
    status TEXT NOT NULL, error TEXT,
    site TEXT, site_key TEXT, domain TEXT, domain_key TEXT,
    title TEXT, lang TEXT, authors TEXT NOT NULL DEFAULT '[]',
    published TEXT, published_ts REAL, modified TEXT,
    first_seen TEXT NOT NULL, first_seen_ts REAL NOT NULL, fetched_at TEXT, source TEXT,
    text TEXT, text_z BLOB, attributions TEXT NOT NULL DEFAULT '[]',
    canonical_url TEXT, canonical_key TEXT, og_url TEXT, og_key TEXT,
    matched INTEGER NOT NULL DEFAULT 0,
    UNIQUE(url, content_hash)
);
CREATE TABLE IF NOT EXISTS unmatched(doc_id INTEGER PRIMARY KEY);
CREATE INDEX IF NOT EXISTS documents_url_key ON documents(url_key);
CREATE INDEX IF NOT EXISTS documents_canonical_key ON documents(canonical_key);
CREATE INDEX IF NOT EXISTS documents_og_key ON documents(og_key);
CREATE INDEX IF NOT EXISTS documents_site_key ON documents(site_key);
CREATE INDEX IF NOT EXISTS documents_domain_key ON documents(domain_key);
CREATE TABLE IF NOT EXISTS signatures(
    doc_id INTEGER PRIMARY KEY, sig BLOB NOT NULL,
    shingle_count INTEGER NOT NULL, too_short INTEGER NOT NULL
);
"""
    + index_tables("INTEGER", "INTEGER", " WITHOUT ROWID")
    + """
CREATE TABLE IF NOT EXISTS pending_keys(
    doc_id INTEGER NOT NULL, band INTEGER NOT NULL, key INTEGER NOT NULL,
    PRIMARY KEY(doc_id, band, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges(
    copy_id INTEGER NOT NULL, source_id INTEGER NOT NULL, relation TEXT NOT NULL,
    jaccard REAL NOT NULL, containment REAL NOT NULL, containment_source REAL NOT NULL,
    attributed INTEGER NOT NULL, lag_seconds REAL, direction_evidence TEXT NOT NULL,
    confidence REAL NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY(copy_id, source_id)
);
CREATE INDEX IF NOT EXISTS edges_source ON edges(source_id);
CREATE TABLE IF NOT EXISTS findings(
    id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, other_id INTEGER,
    kind TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(doc_id);
"""
)

#: ``documents.matched`` says only whether a document was born matched (a failed
#: one); from schema 6 a document waits in ``unmatched`` until it is matched.
DOC_COLUMNS = (
    "id, url, revision, content_hash, status, error, site, domain, title, lang, published,"
    " first_seen, fetched_at, canonical_url, og_url, attributions,"
    " NOT EXISTS (SELECT 1 FROM unmatched u WHERE u.doc_id = documents.id), source"
)


def utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def iso(value: datetime | None) -> str | None:
    value = utc(value)
    return value.isoformat() if value is not None else None


def parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def evidence_json(items: Sequence[Evidence]) -> str:
    return json.dumps([e.to_dict() for e in items], ensure_ascii=False)


def evidence_load(raw: str) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_dict(d) for d in json.loads(raw))


_DOCUMENT_FIELDS = (
    "url, url_key, revision, content_hash, status, error, site,"
    " site_key, domain, domain_key, title, lang, authors, published, published_ts,"
    " modified, first_seen, first_seen_ts, fetched_at, source, text_z, attributions,"
    " canonical_url, canonical_key, og_url, og_key, matched"
)
#: Every column of ``documents``, for copying a store whole.
DOCUMENT_TABLE_COLUMNS = f"id, {_DOCUMENT_FIELDS}, text"

#: Returns the new id, or no row when another writer stored (url, content_hash) first.
INSERT_DOCUMENT = (
    f"INSERT INTO documents({_DOCUMENT_FIELDS})"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (url, content_hash) DO NOTHING RETURNING id"
)


def document_row(
    a: Article, url: str, revision: int, content_hash: str, failed: bool, packed: bytes | None
) -> tuple[Any, ...]:
    """The values of :data:`INSERT_DOCUMENT` for one article (a failed one is born matched)."""
    first_seen = utc(a.fetched_at) or datetime.now(UTC)
    published = utc(a.published)
    return (
        url,
        url_key(url),
        revision,
        content_hash,
        "failed" if failed else "ok",
        a.error,
        a.site_name,
        site_key(a.site_name),
        host_of(url),
        domain_key(url),
        a.title,
        a.lang,
        json.dumps(list(a.authors), ensure_ascii=False),
        iso(published),
        published.timestamp() if published else None,
        iso(a.modified),
        iso(first_seen),
        first_seen.timestamp(),
        iso(a.fetched_at),
        a.source,
        packed,
        json.dumps([x.to_dict() for x in a.attributions], ensure_ascii=False),
        a.canonical_url,
        url_key(a.canonical_url),
        a.og_url,
        url_key(a.og_url),
        1 if failed else 0,
    )


def row_to_doc(row: tuple[Any, ...], text: str | None = None) -> StoredDocument:
    return StoredDocument(
        id=int(row[0]),
        url=row[1],
        revision=int(row[2]),
        content_hash=row[3],
        status=row[4],
        error=row[5],
        site=row[6],
        domain=row[7],
        title=row[8],
        lang=row[9],
        published=parse(row[10]),
        first_seen=parse(row[11]) or datetime.now(UTC),
        fetched_at=parse(row[12]),
        canonical_url=row[13],
        og_url=row[14],
        attributions=tuple(attribution_from_dict(d) for d in json.loads(row[15])),
        matched=bool(row[16]),
        source=row[17] or "",
        text=text,
    )


EDGE_COLUMNS = (
    "copy_id, source_id, relation, jaccard, containment, containment_source,"
    " attributed, lag_seconds, direction_evidence, confidence, evidence"
)

#: What a store holds, table by table: ``(columns, order)``; ``copy-store`` moves these.
TABLES: dict[str, tuple[str, str]] = {
    "documents": (DOCUMENT_TABLE_COLUMNS, "id"),
    "signatures": ("doc_id, sig, shingle_count, too_short", "doc_id"),
    "bands": ("band, key, doc_id", "band, key, doc_id"),
    "passages": ("key, doc_id", "key, doc_id"),
    "recent_bands": ("band, key, doc_id", "band, key, doc_id"),
    "recent_passages": ("key, doc_id", "key, doc_id"),
    "pending_keys": ("doc_id, band, key", "doc_id, band, key"),
    "edges": (EDGE_COLUMNS, "copy_id, source_id"),
    "findings": ("id, doc_id, other_id, kind, detail", "id"),
    "unmatched": ("doc_id", "doc_id"),
}


INSERT_EDGE = (
    f"INSERT INTO edges({EDGE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (copy_id, source_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in EDGE_COLUMNS.replace(" ", "").split(",")[2:])
)


def edge_row(e: EdgeRecord) -> tuple[Any, ...]:
    """The values of :data:`INSERT_EDGE` for one edge."""
    return (
        e.copy_id,
        e.source_id,
        e.relation,
        e.jaccard,
        e.containment,
        e.containment_source,
        int(e.attributed),
        e.lag_seconds,
        evidence_json(e.direction_evidence),
        e.confidence,
        evidence_json(e.evidence),
    )


def row_to_edge(r: tuple[Any, ...]) -> EdgeRecord:
    """The edge of an ``edges`` row selected as :data:`EDGE_COLUMNS`."""
    return EdgeRecord(
        int(r[0]),
        int(r[1]),
        r[2],
        float(r[3]),
        float(r[4]),
        float(r[5]),
        bool(r[6]),
        r[7],
        evidence_load(r[8]),
        float(r[9]),
        evidence_load(r[10]),
    )


def stored_version(rows: Rows, path: str) -> int | None:
    """The store's schema version (None for a store never written); refuses a store
    written by a newer version of the code, before anything is changed."""
    found = rows("SELECT value FROM meta WHERE key = 'schema_version'", ())
    if not found:
        return None
    try:
        version = int(found[0][0])
    except (TypeError, ValueError):
        raise StoreError(
            f"store {path!r} has a damaged schema_version ({found[0][0]!r}); restore it or "
            "choose a new --db"
        ) from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store {path!r} has schema version {version}, newer than this code's "
            f"{SCHEMA_VERSION}; upgrade provenance to use it (nothing was written)"
        )
    return version


def check_params(
    rows: Rows,
    path: str,
    params: FingerprintParams | None,
    *,
    write: bool = True,
) -> FingerprintParams:
    """The store's fingerprint params: written on first use, else checked against ``params``.

    Tunable parameters (num_perm, seed, shingle size, bands) are adopted from the
    store when ``params`` is None; what this code cannot reproduce (normaliser, hash
    scheme, datasketch generation) must match.
    """
    found = rows("SELECT value FROM meta WHERE key = 'params'", ())
    row = found[0] if found else None
    if row is None and not write:
        raise StoreError(f"store {path!r} was never written (no parameters); ingest first")
    if row is None:
        params = params or FingerprintParams()
        rows(
            "INSERT INTO meta(key, value) VALUES ('params', ?) RETURNING key",
            (json.dumps(params.to_dict(), sort_keys=True),),
        )
        return params
    try:
        stored = FingerprintParams.from_dict(json.loads(row[0]))
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(
            f"store {path!r} has damaged fingerprint parameters ({exc}); restore it or "
            "choose a new --db"
        ) from exc
    if params is None:
        current = FingerprintParams()
        code_fields = ("normaliser_version", "hash_scheme", "datasketch_major")
        if any(getattr(current, f) != getattr(stored, f) for f in code_fields):
            raise ParameterMismatch(
                f"store {path!r} was fingerprinted by another version of the code ("
                + "; ".join(
                    f"{f}: this code {getattr(current, f)!r}, store {getattr(stored, f)!r}"
                    for f in code_fields
                    if getattr(current, f) != getattr(stored, f)
                )
                + "); its signatures cannot be compared with new ones: re-ingest the "
                "sources into a new --db"
            )
        return stored
    if params != stored:
        raise ParameterMismatch(
            f"store {path!r} was written with other fingerprint parameters ("
            + "; ".join(f"{d} (requested != stored)" for d in params.differences(stored))
            + "): open it with the same parameters, or use a new --db for the new ones"
        )
    return stored
