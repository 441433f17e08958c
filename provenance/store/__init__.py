"""Store: prepared documents in; stored documents, candidates, edges and findings out.

Document, signature, band-key and edge storage behind a narrow :class:`Store` protocol;
:class:`SQLiteStore` is the embedded implementation (sqlite3 stays in this package).
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


def open_store(path: str | Path, params: FingerprintParams | None = None) -> SQLiteStore:
    """Open (or create) the store at ``path``; refuses a store written with other params."""
    return SQLiteStore(path, params)


__all__ = [
    "DocMatch",
    "EdgeRecord",
    "ProgressHook",
    "SQLiteStore",
    "Store",
    "StoredDocument",
    "open_store",
]
