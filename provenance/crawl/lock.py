"""One crawl per store at a time: an exclusive ``flock`` on ``<db>.lock``; on a
PostgreSQL store, a session advisory lock per set of sources (:class:`StoreLock`),
so crawler hosts with different sources share the store and the same sources are
never crawled twice at once.

The kernel drops a flock when its process dies, however it dies, so a lock
left by a crashed or killed run is never stale: the next run simply gets it.
The file keeps the holder's pid for the error message; it is never deleted
(deleting a flocked file lets two runs lock two different files).
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import Protocol

from provenance._closing import Closing
from provenance.errors import LockHeld

log = logging.getLogger(__name__)


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


class CrawlLock(Closing):
    """``with CrawlLock(path):`` holds the lock or raises :class:`LockHeld` at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise LockHeld(
                f"{self.path}: another crawl (pid {holder}) is running on this store; "
                "this run did nothing"
            ) from None
        except OSError:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        log.debug("locked %s", self.path)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def close(self) -> None:
        self.release()


class Lockable(Protocol):
    path: str

    def try_lock(self, name: str) -> bool: ...

    def unlock(self, name: str) -> None: ...


class StoreLock(Closing):
    """A lock the store's server holds for this connection, and drops when it ends
    (however the process dies): the crawl lock on a PostgreSQL store."""

    def __init__(self, store: Lockable, name: str) -> None:
        self.store = store
        self.name = name
        self._held = False

    def __enter__(self) -> StoreLock:
        if not self.store.try_lock(self.name):
            raise LockHeld(
                f"{self.store.path}: another crawl of these sources is running on this "
                "store; this run did nothing"
            )
        self._held = True
        log.debug("locked %s on %s", self.name, self.store.path)
        return self

    def close(self) -> None:
        if self._held:
            self._held = False
            self.store.unlock(self.name)


__all__ = ["CrawlLock", "Lockable", "StoreLock", "lock_path"]
