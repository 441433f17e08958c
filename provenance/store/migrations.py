"""Ordered schema upgrades, the same steps for both backends.

A store records its ``schema_version`` in ``meta``.  Opening a store for writing
runs every step newer than its version, then records the new version, all in the
transaction that opens the store: an upgrade either happens whole or not at all.
A store newer than this code is refused before anything is written
(:func:`provenance.store.schema.stored_version`), and a read-only open of an older
store is refused with the command that upgrades it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from provenance.errors import StoreError
from provenance.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from provenance.store.sql import SQLStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: brings a store from ``version - 1`` to ``version``."""

    version: int
    summary: str
    apply: Callable[[SQLStore], None]


def _compress_texts(store: SQLStore) -> None:
    from provenance.store.sql import pack_text

    store._run(f"ALTER TABLE documents ADD COLUMN text_z {store.BLOB}")
    last = 0
    while True:
        rows = store._rows(
            "SELECT id, text FROM documents WHERE id > ? AND text IS NOT NULL"
            " ORDER BY id LIMIT 500",
            (last,),
        )
        if not rows:
            return
        store._run_many(
            "UPDATE documents SET text_z = ?, text = NULL WHERE id = ?",
            [(pack_text(text), doc_id) for doc_id, text in rows],
        )
        last = int(rows[-1][0])


def _nothing_to_move(store: SQLStore) -> None:
    """The new table comes from the schema's CREATE IF NOT EXISTS; no rows move."""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "compress stored texts with zlib (text → text_z)", _compress_texts),
    Migration(3, "new documents' index rows wait in pending_keys", _nothing_to_move),
)


def upgrade(store: SQLStore, version: int | None) -> None:
    """Bring a store at ``version`` (None: just created) to :data:`SCHEMA_VERSION`,
    inside the transaction the caller holds."""
    if version == SCHEMA_VERSION:
        return
    if version is not None:
        for step in MIGRATIONS:
            if step.version > version:
                log.info("%s: upgrading to schema %d: %s", store.path, step.version, step.summary)
                step.apply(store)
    store._run("DELETE FROM meta WHERE key = 'schema_version'")
    store._run("INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def require_current(path: str, version: int | None) -> None:
    """A read-only open cannot upgrade: refuse an older store with what to run."""
    if version is not None and version < SCHEMA_VERSION:
        raise StoreError(
            f"store {path!r} has schema version {version}, older than this code's "
            f"{SCHEMA_VERSION}; run a writing command once (for example `provenance match "
            f"--db {path}`) to upgrade it, then read it"
        )


__all__ = ["MIGRATIONS", "Migration", "require_current", "upgrade"]
