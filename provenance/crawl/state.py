"""What the crawler remembers between runs, in its own SQLite file ``<db>.crawl``.

* ``validators``: ETag / Last-Modified per source URL, for conditional GET;
* ``queue``: items found but not yet ingested, in the order found;
* ``seen``: items done (by URL and by GUID), with their outcome.

Every change is one transaction, and an item moves from ``queue`` to ``seen``
only after the store has ingested it, so a run killed at any point loses
nothing and the next one fetches only what was not yet ingested.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from provenance._closing import Closing
from provenance.errors import StoreError
from provenance.model import Attribution
from provenance.store import is_store_url
from provenance.store.base import attribution_from_dict

_SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY, url TEXT NOT NULL, outcome TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE, guid TEXT, source TEXT NOT NULL, hop INTEGER NOT NULL,
    credit TEXT, parent TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    added TEXT NOT NULL);
"""


def state_path(db_path: str | Path, sources: Sequence[str] = ()) -> Path:
    """Where a crawl keeps its queue: beside a SQLite store; for a store on a server,
    in this host's ``$XDG_STATE_HOME/provenance`` (``~/.local/state/provenance``), one
    file per store and set of sources, since each crawler host keeps its own queue."""
    if not is_store_url(str(db_path)):
        return Path(f"{db_path}.crawl")
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    ident = hashlib.sha256("\n".join([str(db_path), *sorted(sources)]).encode()).hexdigest()
    return base / "provenance" / f"crawl-{ident[:16]}.crawl"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _url_key(url: str) -> str:
    return "url:" + url.split("#", 1)[0]


@dataclass(frozen=True, slots=True)
class NewItem:
    url: str
    source: str
    hop: int = 0
    guid: str | None = None
    credit: Attribution | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class QueuedItem:
    id: int
    url: str
    source: str
    hop: int
    guid: str | None
    credit: Attribution | None
    parent: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


class CrawlState(Closing):
    """The crawl's memory; one connection, used by one thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{path}: cannot open the crawl state: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- validators --------------------------------------------------------
    def validators(self, url: str) -> Validators:
        row = self._db.execute(
            "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
        ).fetchone()
        return Validators(row[0], row[1]) if row else Validators()

    def set_validators(self, url: str, v: Validators) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)",
            (url, v.etag, v.last_modified, _now()),
        )

    # -- seen / queue --------------------------------------------------------
    def is_seen(self, url: str, guid: str | None = None) -> bool:
        keys = [_url_key(url)] + ([f"guid:{guid}"] if guid else [])
        marks = ",".join("?" * len(keys))
        row = self._db.execute(f"SELECT 1 FROM seen WHERE key IN ({marks}) LIMIT 1", keys)
        return row.fetchone() is not None

    def is_queued(self, url: str) -> bool:
        row = self._db.execute("SELECT 1 FROM queue WHERE url = ?", (url.split("#", 1)[0],))
        return row.fetchone() is not None

    def enqueue(self, items: Iterable[NewItem]) -> tuple[int, int]:
        """Queue the items not seen or queued yet; returns (queued, already seen)."""
        queued = seen = 0
        for item in items:
            url = item.url.split("#", 1)[0]
            if self.is_seen(url, item.guid):
                seen += 1
                continue
            credit = json.dumps(item.credit.to_dict()) if item.credit else None
            cur = self._db.execute(
                "INSERT OR IGNORE INTO queue (url, guid, source, hop, credit, parent, added)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, item.guid, item.source, item.hop, credit, item.parent, _now()),
            )
            queued += cur.rowcount
        return queued, seen

    def next_item(self, max_hop: int, skip: Sequence[int] = ()) -> QueuedItem | None:
        skipping = f" AND id NOT IN ({','.join('?' * len(skip))})" if skip else ""
        row = self._db.execute(
            "SELECT id, url, source, hop, guid, credit, parent, attempts FROM queue"
            f" WHERE hop <= ?{skipping} ORDER BY hop, id LIMIT 1",
            (max_hop, *skip),
        ).fetchone()
        if row is None:
            return None
        credit = attribution_from_dict(json.loads(row[5])) if row[5] else None
        return QueuedItem(row[0], row[1], row[2], row[3], row[4], credit, row[6], row[7])

    def pending(self, max_hop: int) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM queue WHERE hop <= ?", (max_hop,))
        return int(row.fetchone()[0])

    def finish(self, item: QueuedItem, outcome: str) -> None:
        """Mark ``item`` done (call inside the transaction that records its effects)."""
        now = _now()
        rows = [(_url_key(item.url), item.url, outcome, now)]
        if item.guid:
            rows.append((f"guid:{item.guid}", item.url, outcome, now))
        self._db.executemany("INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)", rows)
        self._db.execute("DELETE FROM queue WHERE id = ?", (item.id,))

    def mark_seen(self, url: str, outcome: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)", (_url_key(url), url, outcome, _now())
        )

    def fail(self, item: QueuedItem, error: str, max_attempts: int) -> bool:
        """Count a failed attempt; returns True when the item is given up."""
        if item.attempts + 1 >= max_attempts:
            self.finish(item, "gave-up")
            return True
        self._db.execute(
            "UPDATE queue SET attempts = attempts + 1, last_error = ? WHERE id = ?",
            (error, item.id),
        )
        return False

    def close(self) -> None:
        self._db.close()


__all__ = ["CrawlState", "NewItem", "QueuedItem", "Validators", "state_path"]
