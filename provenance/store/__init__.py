"""Store: prepared documents in; stored documents, candidates, edges and findings out.

Document, signature, band-key and edge storage behind a narrow :class:`Store` protocol.
:class:`SQLiteStore` is the embedded default (a file path); a ``postgresql://`` URL
opens a :class:`~provenance.store.postgres.PostgresStore` on an existing server.
Both run the same queries (:mod:`provenance.store.sql`); the database drivers stay
in this package.
"""

from __future__ import annotations

from pathlib import Path

from provenance.fingerprint.minhash import FingerprintParams
from provenance.store.base import (
    DocMatch,
    EdgeRecord,
    ProgressHook,
    Store,
    StoredDocument,
)
from provenance.store.sqlite import SQLiteStore


def is_store_url(location: str | Path) -> bool:
    """Is ``location`` a database server's URL rather than a SQLite file's path?"""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_store(
    location: str | Path, params: FingerprintParams | None = None, *, read_only: bool = False
) -> Store:
    """Open (or create) the store at ``location``: a ``postgresql://`` URL, or a path to a
    SQLite file.  Refuses a store written with other fingerprint params; ``read_only``
    never writes (and refuses a store that is not there)."""
    if is_store_url(location):
        from provenance.store.postgres import PostgresStore  # psycopg only when asked for

        return PostgresStore(str(location), params, read_only=read_only)
    return SQLiteStore(location, params, read_only=read_only)


__all__ = [
    "DocMatch",
    "EdgeRecord",
    "ProgressHook",
    "SQLiteStore",
    "Store",
    "StoredDocument",
    "is_store_url",
    "open_store",
]
