"""Transactions over a DB-API connection, the same for both backends: nested calls join
the outer one, and a driver error on BEGIN or COMMIT is a StoreError naming the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from provenance.store.failures import store_error


class Transactions:
    """Mixin: :meth:`transaction` for a store with ``_db``, ``path`` and the two below."""

    #: The statement that opens a write transaction.
    BEGIN: str
    #: What the database driver raises.
    DRIVER_ERROR: type[Exception]
    path: str
    _db: Any
    _depth: int

    def _in_transaction(self) -> bool:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one.  A driver error on BEGIN
        or COMMIT is a StoreError naming the store; a failed COMMIT is rolled back."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute(self.BEGIN)
        except self.DRIVER_ERROR as exc:
            raise store_error(self.path, "start a transaction in", exc) from exc
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self._in_transaction():
                self._db.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._db.execute("COMMIT")
        except self.DRIVER_ERROR as exc:
            if self._in_transaction():
                self._db.execute("ROLLBACK")
            raise store_error(self.path, "commit to", exc) from exc


__all__ = ["Transactions"]
