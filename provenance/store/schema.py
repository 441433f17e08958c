"""SQLite schema and row conversions for :mod:`provenance.store.sqlite`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from provenance.evidence import Evidence
from provenance.store.base import StoredDocument, attribution_from_dict

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL, url_key TEXT, revision INTEGER NOT NULL, content_hash TEXT NOT NULL,
    status TEXT NOT NULL, error TEXT,
    site TEXT, site_key TEXT, domain TEXT, domain_key TEXT,
    title TEXT, lang TEXT, authors TEXT NOT NULL DEFAULT '[]',
    published TEXT, published_ts REAL, modified TEXT,
    first_seen TEXT NOT NULL, first_seen_ts REAL NOT NULL, fetched_at TEXT, source TEXT,
    text TEXT, attributions TEXT NOT NULL DEFAULT '[]',
    canonical_url TEXT, canonical_key TEXT, og_url TEXT, og_key TEXT,
    matched INTEGER NOT NULL DEFAULT 0,
    UNIQUE(url, content_hash)
);
CREATE INDEX IF NOT EXISTS documents_url_key ON documents(url_key);
CREATE INDEX IF NOT EXISTS documents_canonical_key ON documents(canonical_key);
CREATE INDEX IF NOT EXISTS documents_og_key ON documents(og_key);
CREATE INDEX IF NOT EXISTS documents_site_key ON documents(site_key);
CREATE INDEX IF NOT EXISTS documents_domain_key ON documents(domain_key);
CREATE INDEX IF NOT EXISTS documents_unmatched ON documents(id) WHERE matched = 0;
CREATE TABLE IF NOT EXISTS signatures(
    doc_id INTEGER PRIMARY KEY, sig BLOB NOT NULL,
    shingle_count INTEGER NOT NULL, too_short INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bands(
    band INTEGER NOT NULL, key INTEGER NOT NULL, doc_id INTEGER NOT NULL,
    PRIMARY KEY(band, key, doc_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS passages(
    key INTEGER NOT NULL, doc_id INTEGER NOT NULL, PRIMARY KEY(key, doc_id)
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

DOC_COLUMNS = (
    "id, url, revision, content_hash, status, error, site, domain, title, lang, published,"
    " first_seen, fetched_at, canonical_url, og_url, attributions, matched, source"
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
