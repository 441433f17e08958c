"""Move a store between backends (SQLite ⇄ PostgreSQL) or between servers, whole.

Every table is copied row for row, ids included, so edges, findings and traces read
the same on the copy; stored texts stay compressed as they are.  The copy is one
transaction on the destination: a copy that fails leaves the destination as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from provenance.errors import StoreError
from provenance.store import open_store
from provenance.store.schema import TABLES
from provenance.store.sql import SQLStore

log = logging.getLogger(__name__)

#: Rows per insert batch.
BATCH = 2000


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Rows copied, per table."""

    rows: dict[str, int]


def copy_store(
    source: str | Path,
    destination: str | Path,
    progress: Callable[[str, int], None] | None = None,
) -> CopyResult:
    """Copy the store at ``source`` into a new or empty store at ``destination``."""
    src = open_store(source, read_only=True)
    try:
        dst = open_store(destination, src.params)
        try:
            if not isinstance(src, SQLStore) or not isinstance(dst, SQLStore):
                raise StoreError("copy-store copies between SQLite and PostgreSQL stores only")
            if dst.counts()["documents"]:
                raise StoreError(
                    f"store {dst.path!r} already holds documents; copy into a new or empty store"
                )
            copied: dict[str, int] = {}
            with dst.transaction():
                for table in TABLES:
                    n = 0
                    batch: list[tuple[object, ...]] = []
                    for row in src.dump(table):
                        batch.append(row)
                        if len(batch) >= BATCH:
                            dst.load(table, batch)
                            n += len(batch)
                            batch = []
                            if progress is not None:
                                progress(table, n)
                    if batch:
                        dst.load(table, batch)
                        n += len(batch)
                    copied[table] = n
                    log.info("%s: copied %d rows of %s", dst.path, n, table)
                dst.after_load()
            want, got = src.counts(), dst.counts()
            if want != got:
                raise StoreError(f"copy of {src.path!r} is incomplete: {got} != {want}")
            return CopyResult(copied)
        finally:
            dst.close()
    finally:
        src.close()


__all__ = ["CopyResult", "copy_store"]
