"""SQLite errors as errors a user can act on (one message per kind of failure)."""

from __future__ import annotations

import sqlite3

from provenance.errors import StoreError


def store_error(path: str, doing: str, exc: sqlite3.Error) -> StoreError:
    """The error a user can act on: a busy store, a full disk, a damaged file, a folder
    that cannot be written — each with its own advice."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        advice = "another process is writing to it; try again when it has finished"
    elif "full" in text:
        advice = "the disk is full; free space and run again (the last batch was rolled back)"
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        advice = "check that the path exists and its folder can be written"
    elif "malformed" in text or "not a database" in text or "corrupt" in text:
        advice = "the file is damaged or not a provenance store; restore it or choose a new --db"
    else:
        advice = "check the path is a provenance database (or choose a new --db)"
    return StoreError(f"cannot {doing} store {path!r}: {exc}; {advice}")


__all__ = ["store_error"]
