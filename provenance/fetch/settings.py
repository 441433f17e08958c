"""What a fetch may do (:class:`FetchSettings`, with its two policies) and what it returns.

The one client, :class:`~provenance.fetch.client.HttpClient`, runs under one of
two policies, both plain :class:`FetchSettings` values:

* :meth:`FetchSettings.for_typed_url`: a URL the user typed (``extract``,
  ``ingest``, ``audit``, the target of ``trace --fetch``).  No robots.txt, no
  per-host waits, no retries; the same body cap, bounded decompression,
  timeouts, redirect handling and error messages as the crawler; loopback,
  private and link-local addresses refused unless ``allow_private``.
* :meth:`FetchSettings.for_named_url` (the default): a URL a page names (the
  crawler, credit links followed by ``trace --fetch``).  All of the above plus
  robots.txt, per-host spacing and connection caps, and retries with backoff.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from provenance._version import __version__
from provenance.model import MAX_PAGE_BYTES, Page

USER_AGENT = f"provenance/{__version__} (+https://github.com/provenance-news/provenance)"
_TIMEOUT = 20.0
_CONNECT_TIMEOUT = 10.0


class Accept(enum.Enum):
    """Which content types a caller takes."""

    PAGE = "page"  # HTML (or unlabelled)
    FEED = "feed"  # XML feeds and sitemaps, or HTML for a single-page source
    ANY = "any"


_PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain", ""}
_FEED_TYPES = _PAGE_TYPES | {
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-gzip",
    "application/gzip",
}


def accepts(accept: Accept, content_type: str | None) -> bool:
    """Does ``accept`` take a response labelled ``content_type``?"""
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if accept is Accept.ANY:
        return True
    allowed = _PAGE_TYPES if accept is Accept.PAGE else _FEED_TYPES
    return ctype in allowed or ctype.endswith("+xml")


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Politeness and safety knobs (the ``[crawl]`` config table).

    The defaults are the policy for a URL a page names; see the module docstring.
    """

    user_agent: str = USER_AGENT
    timeout: float = _TIMEOUT
    connect_timeout: float = _CONNECT_TIMEOUT
    #: Longest a whole response may take, however steadily it trickles in
    #: (``timeout`` bounds each read only); None means three times ``timeout``.
    total_timeout: float | None = None
    max_bytes: int = MAX_PAGE_BYTES
    retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    #: A Retry-After longer than this is not waited for: the fetch fails (try next run).
    max_retry_after: float = 120.0
    min_delay: float = 1.0
    max_connections_per_host: int = 2
    max_redirects: int = 10
    allow_private: bool = False
    respect_robots: bool = True
    #: host or host:port → ip:port, like curl --resolve (mapped hosts are trusted).
    resolve: Mapping[str, str] = field(default_factory=dict)

    @property
    def deadline(self) -> float:
        return self.total_timeout if self.total_timeout is not None else 3 * self.timeout

    @classmethod
    def for_typed_url(
        cls,
        *,
        allow_private: bool = False,
        max_bytes: int = MAX_PAGE_BYTES,
        timeout: float | None = None,
    ) -> FetchSettings:
        """The policy for a URL the user typed: no robots.txt, no waits, no retries."""
        seconds = _TIMEOUT if timeout is None else timeout
        return cls(
            timeout=seconds,
            connect_timeout=min(_CONNECT_TIMEOUT, seconds),
            max_bytes=max_bytes,
            retries=0,
            min_delay=0.0,
            allow_private=allow_private,
            respect_robots=False,
        )

    @classmethod
    def for_named_url(cls, *, allow_private: bool = False) -> FetchSettings:
        """The policy for a URL a page names: robots.txt, politeness and retries too."""
        return cls(allow_private=allow_private)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched page, or a 304 for a conditional GET (``page`` is None)."""

    url: str
    status: int
    page: Page | None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.page is None


__all__ = ["USER_AGENT", "Accept", "FetchResult", "FetchSettings", "accepts"]
