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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from provenance.errors import StoreError
from provenance.evidence import Evidence
from provenance.store.schema import SCHEMA_VERSION, evidence_json, evidence_load

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


@dataclass(frozen=True, slots=True)
class KindSplit:
    """Evidence that shared ``old`` kind with another measure before schema 4: the
    records whose detail holds ``marker`` are of kind ``new`` from then on."""

    old: str
    marker: str
    new: str


#: The rules the text report read the unit by before schema 4: a ``containment`` that
#: "lies inside" is a direction weight, a ``passage`` of "characters shared" counts
#: characters (an unspaced script), not words.
KIND_SPLITS: tuple[KindSplit, ...] = (
    KindSplit("containment", " lies inside ", "contained-in"),
    KindSplit("passage", " characters shared", "passage-chars"),
)
#: Edges read and rewritten per batch.
BATCH = 500


def split_kind(ev: Evidence) -> Evidence:
    """``ev`` under its schema-4 kind: renamed by the first of :data:`KIND_SPLITS` its
    kind and detail meet, else as it was."""
    for rule in KIND_SPLITS:
        if ev.kind == rule.old and rule.marker in ev.detail:
            return replace(ev, kind=rule.new)
    return ev


def _split_json(raw: str) -> str | None:
    """A stored evidence list (JSON) with its kinds split, or None when none changes."""
    old = evidence_load(raw)
    new = tuple(split_kind(ev) for ev in old)
    return None if new == old else evidence_json(new)


def _split_evidence_kinds(store: SQLStore) -> None:
    """Rename the kinds of both evidence columns of ``edges``.  Only rows whose JSON
    holds a marker are read (SQL ``LIKE``), in primary-key order, ``BATCH`` at a time;
    only those whose evidence changes are written."""
    markers = [f"%{rule.marker}%" for rule in KIND_SPLITS]
    holds = " OR ".join(
        f"{column} LIKE ?" for column in ("evidence", "direction_evidence") for _ in markers
    )
    last: tuple[int, int] = (-1, -1)
    changed = 0
    while True:
        rows = store._rows(
            "SELECT copy_id, source_id, evidence, direction_evidence FROM edges"
            f" WHERE (copy_id > ? OR (copy_id = ? AND source_id > ?)) AND ({holds})"
            f" ORDER BY copy_id, source_id LIMIT {BATCH}",
            (last[0], last[0], last[1], *markers, *markers),
        )
        if not rows:
            break
        updates = []
        for copy_id, source_id, evidence, direction in rows:
            new_evidence, new_direction = _split_json(evidence), _split_json(direction)
            if new_evidence is not None or new_direction is not None:
                updates.append(
                    (new_evidence or evidence, new_direction or direction, copy_id, source_id)
                )
        store._run_many(
            "UPDATE edges SET evidence = ?, direction_evidence = ?"
            " WHERE copy_id = ? AND source_id = ?",
            updates,
        )
        changed += len(updates)
        last = (int(rows[-1][0]), int(rows[-1][1]))
    log.info("%s: evidence kinds renamed on %d edge(s)", store.path, changed)


#: The pending table as schema 5 keeps it in SQLite (:data:`~provenance.store.schema.SCHEMA`).
_PENDING_5 = """CREATE TABLE pending_keys_5(
    doc_id INTEGER NOT NULL, band INTEGER NOT NULL, key INTEGER NOT NULL,
    PRIMARY KEY(doc_id, band, key)
) WITHOUT ROWID"""


def _key_pending_rows(store: SQLStore) -> None:
    """SQLite: ``pending_keys`` becomes a WITHOUT ROWID table keyed ``(doc_id, band,
    key)``, its rows copied in key order; the old table and its ``doc_id`` index go.
    PostgreSQL keeps its table (a heap has no such layout): nothing to do."""
    if not store.WITHOUT_ROWID:
        return
    store._run(_PENDING_5)
    store._run(
        "INSERT OR IGNORE INTO pending_keys_5(doc_id, band, key)"
        " SELECT doc_id, band, key FROM pending_keys ORDER BY doc_id, band, key"
    )
    store._run("DROP TABLE pending_keys")  # its index pending_keys_doc with it
    store._run("ALTER TABLE pending_keys_5 RENAME TO pending_keys")


def _queue_unmatched(store: SQLStore) -> None:
    """The documents not matched yet wait in ``unmatched`` (made by the schema); the
    partial index that found them by ``documents.matched`` goes."""
    store._run(
        "INSERT INTO unmatched(doc_id) SELECT id FROM documents WHERE matched = 0 ORDER BY id"
        " ON CONFLICT DO NOTHING"
    )
    store._run("DROP INDEX IF EXISTS documents_unmatched")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "compress stored texts with zlib (text → text_z)", _compress_texts),
    Migration(3, "new documents' index rows wait in pending_keys", _nothing_to_move),
    Migration(
        4,
        "evidence kinds say their measure (containment → contained-in for the direction"
        " weight, passage → passage-chars for characters)",
        _split_evidence_kinds,
    ),
    Migration(
        5,
        "pending index rows keyed (doc_id, band, key) without a second index (SQLite)",
        _key_pending_rows,
    ),
    Migration(6, "documents waiting to be matched are rows of unmatched", _queue_unmatched),
    Migration(
        7,
        "the index gains a recent tier (recent_bands, recent_passages) that match files into",
        _nothing_to_move,
    ),
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


__all__ = [
    "KIND_SPLITS",
    "MIGRATIONS",
    "KindSplit",
    "Migration",
    "require_current",
    "split_kind",
    "upgrade",
]
