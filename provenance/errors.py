"""The exception tree.

Every error the library raises on purpose derives from :class:`ProvenanceError`::

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
    ├── StoreError             the store cannot be opened or written
    ├── EvaluationError        an evaluation folder or file is not laid out as expected
    ├── CrawlConfigError       a crawl config file is missing or wrong
    └── LockHeld               another crawl holds the store's lock

The fetch errors live in :mod:`provenance.fetch.errors`, the crawl errors in
:mod:`provenance.crawl.errors`.

Messages name the bad input and say what to do about it.
"""

from __future__ import annotations


class ProvenanceError(Exception):
    """Root of every error raised by provenance."""


class SourceError(ProvenanceError):
    """An input source could not be read."""


class FetchError(SourceError):
    """An http(s) URL could not be fetched."""


class ExtractionError(ProvenanceError):
    """A page was read but holds no usable article HTML."""


class FingerprintError(ProvenanceError):
    """Text cannot be fingerprinted."""


class ParameterMismatch(FingerprintError):
    """Two fingerprints, or a fingerprint and a store, use different parameters."""


class StoreError(ProvenanceError):
    """The document store cannot be opened, read or written."""


class EvaluationError(ProvenanceError):
    """An evaluation input is missing or not laid out as expected."""


__all__ = [
    "EvaluationError",
    "ExtractionError",
    "FetchError",
    "FingerprintError",
    "ParameterMismatch",
    "ProvenanceError",
    "SourceError",
    "StoreError",
]
