"""Fetch: an http(s) URL in, a :class:`~provenance.model.Page` (or a fetch error) out.

httpx is used only inside this package.

One client, :class:`HttpClient`, with two policies (:class:`FetchSettings` values):

* ``FetchSettings.for_typed_url()``: a URL the user typed (``extract``, ``ingest``,
  ``audit``, the target of ``trace --fetch``): no robots.txt, no per-host waits,
  no retries;
* ``FetchSettings.for_named_url()``, the default: a URL a page names (the crawler,
  credit links): robots.txt, per-host delays and connection limits, retries with
  backoff and ``Retry-After``.

Under both: an address guard against internal services (every redirect hop
included; lifted by ``allow_private``), bounded decompression under the body
cap, timeouts, redirects followed by hand, and the same errors for the same
failures.  Conditional GET and an optional WARC archive of every exchange too.
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
from provenance.fetch.client import HttpClient
from provenance.fetch.polite import Clock, SystemClock
from provenance.fetch.settings import USER_AGENT, Accept, FetchResult, FetchSettings

__all__ = [
    "USER_AGENT",
    "Accept",
    "BodyTooLarge",
    "Clock",
    "FetchResult",
    "FetchSettings",
    "HTTPStatusError",
    "HttpClient",
    "RefusedURL",
    "RobotsDisallowed",
    "SystemClock",
    "UnexpectedContentType",
    "WarcArchive",
]
