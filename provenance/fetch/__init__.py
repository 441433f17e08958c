"""Fetching http(s) URLs.  httpx is used only inside this package.

* :class:`Fetcher` fetches single pages for ``extract``/``ingest`` (no politeness).
* :class:`PoliteFetcher` is the crawler's client: per-host delays and connection
  limits, retries with backoff, ``Retry-After``, robots.txt, an address guard
  against internal services, bounded decompression, conditional GET and an
  optional WARC archive of every exchange.
"""

from __future__ import annotations

from provenance.errors import (
    BodyTooLarge,
    HTTPStatusError,
    RefusedURL,
    RobotsDisallowed,
    UnexpectedContentType,
)
from provenance.fetch.archive import WarcArchive
from provenance.fetch.client import Accept, FetchResult, FetchSettings, PoliteFetcher
from provenance.fetch.page import DEFAULT_TIMEOUT, USER_AGENT, Fetcher
from provenance.fetch.polite import Clock, SystemClock

__all__ = [
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "Accept",
    "BodyTooLarge",
    "Clock",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "HTTPStatusError",
    "PoliteFetcher",
    "RefusedURL",
    "RobotsDisallowed",
    "SystemClock",
    "UnexpectedContentType",
    "WarcArchive",
]
