"""SQLite errors as errors a user can act on (one message per kind of failure)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from provenance.errors import StoreError

T = TypeVar("T", bound=type)


def store_error(path: str, doing: str, exc: Exception) -> StoreError:
    """The error a user can act on: a busy store, a full disk, a damaged file, a folder
    that cannot be written — each with its own advice."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        advice = "another process is writing to it; try again when it has finished"
    elif "full" in text or "no space" in text:
        advice = "the disk is full; free space and run again (the last batch was rolled back)"
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        advice = "check that the path exists and its folder can be written"
    elif "malformed" in text or "not a database" in text or "corrupt" in text:
        advice = "the file is damaged or not a provenance store; restore it or choose a new --db"
    else:
        advice = "check the path is a provenance database (or choose a new --db)"
    return StoreError(f"cannot {doing} store {path!r}: {exc}; {advice}")


#: Methods that map driver errors themselves (a context manager must do so in its body).
_OWN_HANDLING = frozenset({"transaction", "close"})


def driver_errors_named(
    driver_error: type[Exception] | tuple[type[Exception], ...],
) -> Callable[[T], T]:
    """Class decorator: every public method (generators included) turns a driver
    error into a :class:`StoreError` naming the store (``self.path``) and the method,
    so a damaged page met by a read, or a full disk met by a write, is exit 4 with
    advice rather than a traceback.  Methods that already raise StoreError keep
    their own, more specific message."""

    def wrap(method: Callable[..., Any], name: str) -> Callable[..., Any]:
        doing = f"{name.replace('_', ' ')} in"
        if inspect.isgeneratorfunction(method):

            @functools.wraps(method)
            def gen(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
                try:
                    yield from method(self, *args, **kwargs)
                except driver_error as exc:
                    raise store_error(self.path, doing, exc) from exc

            return gen

        @functools.wraps(method)
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except driver_error as exc:
                raise store_error(self.path, doing, exc) from exc

        return call

    def decorate(cls: T) -> T:
        for name, value in inspect.getmembers(cls, inspect.isfunction):  # inherited too
            if name.startswith("_") or name in _OWN_HANDLING:
                continue
            setattr(cls, name, wrap(value, name))
        return cls

    return decorate


__all__ = ["driver_errors_named", "store_error"]
