"""The crawler's HTTP client: :class:`PoliteFetcher`.

One GET goes: scheme check → robots.txt → wait for the host's turn → send
(through :class:`~provenance.fetch.guard.GuardedTransport`) → read the body
raw and inflate it under the cap → archive → retry on connection errors, 5xx
and 429 (honouring ``Retry-After``) → follow redirects by hand, each hop
checked again, loops detected.
"""

from __future__ import annotations

import enum
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from provenance._closing import Closing
from provenance.errors import BodyTooLarge, FetchError, HTTPStatusError, UnexpectedContentType
from provenance.fetch.archive import WarcArchive
from provenance.fetch.decode import ACCEPT_ENCODING, read_bounded
from provenance.fetch.guard import GuardedTransport, Resolver, check_scheme, system_resolver
from provenance.fetch.page import USER_AGENT
from provenance.fetch.polite import Clock, HostGate, SystemClock, backoff_delay, parse_retry_after
from provenance.fetch.robots import RobotsCache, RobotsRules, host_key
from provenance.model import MAX_PAGE_BYTES, Page

log = logging.getLogger(__name__)

_RETRY_STATUSES = {429, 500, 502, 503, 504}
_RETRY_ERRORS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.PoolTimeout,
)
_ROBOTS_CAP = 512 * 1024


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


def _type_ok(content_type: str | None, accept: Accept) -> bool:
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if accept is Accept.ANY:
        return True
    allowed = _PAGE_TYPES if accept is Accept.PAGE else _FEED_TYPES
    return ctype in allowed or ctype.endswith("+xml")


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Politeness and safety knobs (the ``[crawl]`` config table)."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    connect_timeout: float = 10.0
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


@dataclass(frozen=True, slots=True)
class _Raw:
    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


class PoliteFetcher(Closing):
    """Fetch pages the way a well-behaved crawler should.  Thread-safe."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        clock: Clock | None = None,
        archive: WarcArchive | None = None,
        resolver: Resolver = system_resolver,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = s = settings or FetchSettings()
        self._clock = clock or SystemClock()
        self._archive = archive
        self._rng = rng or random.Random()
        self._gate = HostGate(
            self._clock, min_delay=s.min_delay, max_connections=s.max_connections_per_host
        )
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=16)
        inner = httpx.HTTPTransport(limits=limits, retries=0)
        transport = GuardedTransport(
            inner, allow_private=s.allow_private, resolve=s.resolve, resolver=resolver
        )
        self._client = httpx.Client(
            transport=transport,
            headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(s.timeout, connect=s.connect_timeout),
            follow_redirects=False,
        )
        self._robots = RobotsCache(self._read_robots, s.user_agent, on_load=self._robots_loaded)

    # -- public ------------------------------------------------------------
    def fetch(
        self,
        url: str,
        *,
        accept: Accept = Accept.PAGE,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url``; raise a :class:`FetchError` subclass naming it on failure."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain: list[str] = []
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_scheme(current)
            if self.settings.respect_robots:
                self._robots.check(current)
            raw = self._send(current, headers, self.settings.max_bytes)
            location = raw.headers.get("location")
            if raw.status in {301, 302, 303, 307, 308} and location:
                chain.append(current)
                nxt = urljoin(current, location.strip())
                if nxt in chain:
                    raise FetchError(f"{url}: redirect loop at {nxt}")
                current = nxt
                continue
            if raw.status == 304:
                return FetchResult(url, 304, None, etag, last_modified)
            if not 200 <= raw.status < 300:
                raise HTTPStatusError(
                    f"{current}: HTTP {raw.status} {raw.reason}; check the URL or try again later",
                    raw.status,
                )
            ctype = raw.headers.get("content-type")
            if not _type_ok(ctype, accept):
                raise UnexpectedContentType(f"{current}: unexpected content type {ctype!r}")
            page = Page(
                content=raw.body,
                url=current,
                source=url,
                content_type=ctype,
                fetched_at=self._clock.now(),
                redirects=tuple(chain),
            )
            return FetchResult(
                url,
                raw.status,
                page,
                raw.headers.get("etag"),
                raw.headers.get("last-modified"),
            )
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects")

    def close(self) -> None:
        self._client.close()

    # -- internals ---------------------------------------------------------
    def _read_robots(self, url: str) -> str:
        raw = self._send(url, {}, _ROBOTS_CAP)
        if not 200 <= raw.status < 300:
            raise HTTPStatusError(f"{url}: HTTP {raw.status}", raw.status)
        return raw.body.decode("utf-8", errors="replace")

    def _robots_loaded(self, host: str, rules: RobotsRules) -> None:
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay:
            self._gate.set_min_delay(host, min(delay, self.settings.backoff_max))

    def _send(self, url: str, headers: Mapping[str, str], max_bytes: int) -> _Raw:
        """One request with retries (same URL); redirects are the caller's job."""
        host = host_key(url)
        s = self.settings
        attempt = 0
        while True:
            with self._gate.slot(host):
                try:
                    raw = self._send_once(url, headers, max_bytes)
                    error: Exception | None = None
                except _RETRY_ERRORS as exc:
                    raw, error = None, exc
                except httpx.TimeoutException as exc:
                    raise FetchError(f"{url}: timed out ({type(exc).__name__})") from exc
                except httpx.HTTPError as exc:
                    raise FetchError(f"{url}: could not fetch: {exc}") from exc
            if raw is not None and raw.status not in _RETRY_STATUSES:
                return raw
            if attempt >= s.retries:
                if raw is not None:
                    return raw
                raise FetchError(f"{url}: could not fetch after {attempt + 1} tries: {error}")
            wait = backoff_delay(attempt, s.backoff_base, s.backoff_max, self._rng)
            if raw is not None:
                asked = parse_retry_after(raw.headers.get("retry-after"), self._clock.now())
                if asked is not None and asked > s.max_retry_after:
                    self._gate.defer(host, s.max_retry_after)
                    raise HTTPStatusError(
                        f"{url}: HTTP {raw.status}; the server asks to wait {asked:.0f}s, "
                        f"over the {s.max_retry_after:.0f}s cap; will retry next run",
                        raw.status,
                    )
                if asked is not None:
                    wait = asked
            log.info("%s: retrying in %.1fs (%s)", url, wait, error or f"HTTP {raw and raw.status}")
            self._gate.defer(host, wait)
            attempt += 1

    def _send_once(self, url: str, headers: Mapping[str, str], max_bytes: int) -> _Raw:
        request = self._client.build_request("GET", url, headers=dict(headers))
        response = self._client.send(request, stream=True)
        try:
            declared = response.headers.get("content-length", "")
            if response.status_code >= 300:
                body = b""  # redirects and errors: headers are what matter
            elif declared.isdigit() and int(declared) > max_bytes:
                raise BodyTooLarge(
                    f"{url}: response declares {int(declared):,} bytes, over the "
                    f"{max_bytes:,}-byte limit; not reading it"
                )
            else:
                encoding = response.headers.get("content-encoding")
                body = read_bounded(response.iter_raw(), encoding, max_bytes, url)
        finally:
            response.close()
        if self._archive is not None:
            self._archive.record(
                url=url,
                method="GET",
                request_headers=request.headers.multi_items(),
                status=response.status_code,
                reason=response.reason_phrase,
                response_headers=response.headers.multi_items(),
                body=body,
                when=self._clock.now(),
            )
        return _Raw(url, response.status_code, response.reason_phrase, response.headers, body)


__all__ = ["Accept", "FetchResult", "FetchSettings", "PoliteFetcher"]
