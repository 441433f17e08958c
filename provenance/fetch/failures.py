"""Failures → our errors, in one place, whichever policy the client runs under.

:func:`fetch_error` is the only function that turns an httpx exception into a
:class:`~provenance.errors.FetchError`; :func:`status_error` the only one that
turns an error status into an :class:`~provenance.errors.HTTPStatusError`.
Every message starts with the URL and says what to do.  (Refusals come from
:mod:`provenance.fetch.guard`, size caps from :mod:`provenance.fetch.decode`.)
"""

from __future__ import annotations

import httpx

from provenance.errors import FetchError, HTTPStatusError

#: Failures worth another try of the same URL (when the policy allows retries).
RETRYABLE: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.PoolTimeout,
)
#: Everything httpx raises for a request (:func:`fetch_error` maps each of them).
HTTPX_ERRORS: tuple[type[Exception], ...] = (httpx.HTTPError, httpx.InvalidURL)


def fetch_error(url: str, exc: Exception, *, tries: int = 1) -> FetchError:
    """The error to raise for ``exc``, met fetching ``url`` (``tries`` times)."""
    if isinstance(exc, FetchError):
        return exc
    after = f" after {tries} tries" if tries > 1 else ""
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"{url}: timed out{after} ({type(exc).__name__}); try again later")
    if isinstance(exc, httpx.ConnectError):
        return FetchError(
            f"{url}: could not fetch{after}: cannot connect ({exc}); "
            "check the host name, or try again later"
        )
    if isinstance(exc, httpx.InvalidURL):
        return FetchError(f"{url}: not a valid URL ({exc}); check it")
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(f"{url}: too many redirects (a redirect loop?)")
    return FetchError(f"{url}: could not fetch{after}: {exc}; try again later")


def status_error(
    url: str, status: int, reason: str, advice: str = "check the URL or try again later"
) -> HTTPStatusError:
    """The error to raise when ``url`` answered with the error status ``status``."""
    return HTTPStatusError(f"{url}: HTTP {status} {reason}".rstrip() + f"; {advice}", status)


__all__ = ["HTTPX_ERRORS", "RETRYABLE", "fetch_error", "status_error"]
