"""Fetch failures the crawler tells apart (all are :class:`~provenance.errors.FetchError`)."""

from __future__ import annotations

from provenance.errors import FetchError


class RefusedURL(FetchError):
    """The URL's scheme or address is not allowed (internal service, file:, ...)."""


class RobotsDisallowed(FetchError):
    """robots.txt does not allow our user agent to fetch the URL."""


class BodyTooLarge(FetchError):
    """The response (after decompression) is over the size cap."""


class UnexpectedContentType(FetchError):
    """The response is not of a type the caller asked for."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


__all__ = [
    "BodyTooLarge",
    "HTTPStatusError",
    "RefusedURL",
    "RobotsDisallowed",
    "UnexpectedContentType",
]
