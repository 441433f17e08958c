"""The exception tree: every error the library raises on purpose, in one place.

Every error derives from :class:`ProvenanceError`::

    ProvenanceError
    ├── SourceError            an input could not be read (missing file, bad WARC, ...)
    │   └── FetchError         an http(s) URL could not be fetched (timeout, 404, ...)
    │       ├── RefusedURL              not http(s), or a private/loopback address
    │       ├── RobotsDisallowed        robots.txt forbids it for our User-Agent
    │       ├── BodyTooLarge            over the size cap, after decompression too
    │       ├── UnexpectedContentType   not HTML, XML or a feed
    │       └── HTTPStatusError         a 4xx/5xx answer after retries
    ├── ExtractionError        a page was read but holds no usable HTML
    ├── FingerprintError       text cannot be fingerprinted
    │   └── ParameterMismatch  two signatures (or a store) use different parameters
    ├── StoreError             the store cannot be opened, read or written
    │   ├── StoreNotFound      a read-only command was pointed at no store
    │   └── DocumentNotFound   no stored document has that URL or id
    ├── EvaluationError        an evaluation folder or file is not laid out as expected
    ├── ConfigError            a setting or a pattern file has a bad value
    │   └── CrawlConfigError   a crawl config file is missing or wrong
    └── LockHeld               another crawl holds the store's lock

Messages name the bad input and say what to do about it.
"""

from __future__ import annotations


class ProvenanceError(Exception):
    """Root of every error raised by provenance."""


class SourceError(ProvenanceError):
    """An input source could not be read."""


class FetchError(SourceError):
    """An http(s) URL could not be fetched."""


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


class ExtractionError(ProvenanceError):
    """A page was read but holds no usable article HTML."""


class FingerprintError(ProvenanceError):
    """Text cannot be fingerprinted."""


class ParameterMismatch(FingerprintError):
    """Two fingerprints, or a fingerprint and a store, use different parameters."""


class StoreError(ProvenanceError):
    """The document store cannot be opened, read or written."""


class StoreNotFound(StoreError):
    """A command that only reads was given a store path where there is no store."""


class DocumentNotFound(StoreError):
    """No stored (successfully extracted) document has the URL or id asked for."""


class EvaluationError(ProvenanceError):
    """An evaluation input is missing or not laid out as expected."""


class ConfigError(ProvenanceError):
    """A setting (options, fetch settings, the credit pattern file) has a bad value."""


class CrawlConfigError(ConfigError):
    """The crawl config file is missing, not TOML, or has a bad key or value."""


class LockHeld(ProvenanceError):
    """Another crawl holds the store's lock."""


__all__ = [
    "BodyTooLarge",
    "ConfigError",
    "CrawlConfigError",
    "DocumentNotFound",
    "EvaluationError",
    "ExtractionError",
    "FetchError",
    "FingerprintError",
    "HTTPStatusError",
    "LockHeld",
    "ParameterMismatch",
    "ProvenanceError",
    "RefusedURL",
    "RobotsDisallowed",
    "SourceError",
    "StoreError",
    "StoreNotFound",
    "UnexpectedContentType",
]
