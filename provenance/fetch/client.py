"""The one HTTP client: :class:`HttpClient`, under one of two policies.

The policy is a :class:`~provenance.fetch.settings.FetchSettings`:
``FetchSettings.for_typed_url()`` for a URL the user typed,
``FetchSettings.for_named_url()`` (the default) for a URL a page names.

One GET goes: scheme check → robots.txt (if the policy says so) → wait for the
host's turn → send (through :class:`~provenance.fetch.guard.GuardedTransport`,
which refuses internal addresses unless ``allow_private``) → read the body raw
and inflate it under the cap → archive → retry on connection errors, 5xx and
429 (honouring ``Retry-After``), as often as the policy allows → follow
redirects by hand, each hop checked again, loops detected.  Failures are mapped
by :mod:`provenance.fetch.failures`.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from provenance._closing import Closing
from provenance.errors import FetchError, RefusedURL, UnexpectedContentType
from provenance.fetch.archive import WarcArchive
from provenance.fetch.decode import ACCEPT_ENCODING, body_too_large, read_bounded
from provenance.fetch.failures import HTTPX_ERRORS, RETRYABLE, fetch_error, status_error
from provenance.fetch.guard import GuardedTransport, Resolver, check_url, system_resolver
from provenance.fetch.polite import Clock, HostGate, SystemClock, backoff_delay, parse_retry_after
from provenance.fetch.robots import RobotsCache, RobotsRules, host_key
from provenance.fetch.settings import Accept, FetchResult, FetchSettings, accepts
from provenance.model import Page

log = logging.getLogger(__name__)

_RETRY_STATUSES = {429, 500, 502, 503, 504}
_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_CAP = 512 * 1024


@dataclass(frozen=True, slots=True)
class _Raw:
    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


class HttpClient(Closing):
    """Fetch http(s) URLs under a policy (``settings``).  Thread-safe."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        clock: Clock | None = None,
        archive: WarcArchive | None = None,
        resolver: Resolver = system_resolver,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = s = settings or FetchSettings.for_named_url()
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
            raw = self._get(url, current, headers)
            location = raw.headers.get("location")
            if raw.status in _REDIRECTS and location:
                chain.append(current)
                current = _follow(current, location.strip())
                if current in chain:
                    raise FetchError(f"{url}: redirect loop at {current}; the site is broken")
                continue
            if raw.status == 304:
                return FetchResult(url, 304, None, etag, last_modified)
            return self._result(url, raw, accept, tuple(chain))
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects")

    def fetch_page(self, url: str, *, accept: Accept = Accept.ANY) -> Page:
        """GET ``url`` unconditionally and return the page (what ``extract`` reads)."""
        result = self.fetch(url, accept=accept)
        if result.page is None:
            advice = "the server answered a plain GET as if it were conditional; try again later"
            raise status_error(url, result.status, "Not Modified", advice)
        return result.page

    def close(self) -> None:
        self._client.close()

    # -- internals ---------------------------------------------------------
    def _get(self, url: str, current: str, headers: Mapping[str, str]) -> _Raw:
        """One hop of ``url``'s redirect chain; a refused hop says where it came from."""
        try:
            check_url(current)
            if self.settings.respect_robots:
                self._robots.check(current)
            return self._send(current, headers, self.settings.max_bytes)
        except RefusedURL as exc:
            if current == url:
                raise
            raise RefusedURL(f"{exc} (reached by a redirect from {url})") from exc

    def _result(self, url: str, raw: _Raw, accept: Accept, chain: tuple[str, ...]) -> FetchResult:
        if not 200 <= raw.status < 300:
            raise status_error(raw.url, raw.status, raw.reason)
        ctype = raw.headers.get("content-type")
        if not accepts(accept, ctype):
            raise UnexpectedContentType(f"{raw.url}: unexpected content type {ctype!r}")
        page = Page(
            content=raw.body,
            url=raw.url,
            source=url,
            content_type=ctype,
            fetched_at=self._clock.now(),
            redirects=chain,
        )
        etag, modified = raw.headers.get("etag"), raw.headers.get("last-modified")
        return FetchResult(url, raw.status, page, etag, modified)

    def _read_robots(self, url: str) -> str:
        raw = self._send(url, {}, _ROBOTS_CAP)
        if not 200 <= raw.status < 300:
            raise status_error(url, raw.status, raw.reason)
        return raw.body.decode("utf-8", errors="replace")

    def _robots_loaded(self, host: str, rules: RobotsRules) -> None:
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay:
            self._gate.set_min_delay(host, min(delay, self.settings.backoff_max))

    def _send(self, url: str, headers: Mapping[str, str], max_bytes: int) -> _Raw:
        """One request with the policy's retries (same URL); redirects are the caller's job."""
        host = host_key(url)
        attempt = 0
        while True:
            with self._gate.slot(host):
                try:
                    outcome: _Raw | Exception = self._send_once(url, headers, max_bytes)
                except HTTPX_ERRORS as exc:
                    if not isinstance(exc, RETRYABLE):
                        raise fetch_error(url, exc) from exc
                    outcome = exc
            if isinstance(outcome, _Raw) and outcome.status not in _RETRY_STATUSES:
                return outcome
            if attempt >= self.settings.retries:
                if isinstance(outcome, Exception):
                    raise fetch_error(url, outcome, tries=attempt + 1) from outcome
                return outcome
            wait = backoff_delay(
                attempt, self.settings.backoff_base, self.settings.backoff_max, self._rng
            )
            if isinstance(outcome, _Raw):
                wait = self._retry_after(host, outcome, wait)
            why = outcome if isinstance(outcome, Exception) else f"HTTP {outcome.status}"
            log.info("%s: retrying in %.1fs (%s)", url, wait, why)
            self._gate.defer(host, wait)
            attempt += 1

    def _retry_after(self, host: str, raw: _Raw, wait: float) -> float:
        """How long to wait before retrying ``raw``; fail if the server asks too much."""
        asked = parse_retry_after(raw.headers.get("retry-after"), self._clock.now())
        cap = self.settings.max_retry_after
        if asked is not None and asked > cap:
            self._gate.defer(host, cap)
            advice = f"the server asks to wait {asked:.0f}s, over the {cap:.0f}s cap"
            advice += "; will retry next run"
            raise status_error(raw.url, raw.status, raw.reason, advice)
        return wait if asked is None else asked

    def _send_once(self, url: str, headers: Mapping[str, str], max_bytes: int) -> _Raw:
        request = self._client.build_request("GET", url, headers=dict(headers))
        response = self._client.send(request, stream=True)
        try:
            declared = response.headers.get("content-length", "")
            if response.status_code >= 300:
                body = b""  # redirects and errors: headers are what matter
            elif declared.isdigit() and int(declared) > max_bytes:
                raise body_too_large(url, max_bytes, int(declared))
            else:
                encoding = response.headers.get("content-encoding")
                chunks = _within(response.iter_raw(), self.settings.deadline, url)
                body = read_bounded(chunks, encoding, max_bytes, url)
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


def _follow(current: str, location: str) -> str:
    """The URL a redirect's ``Location`` points to; a malformed one fails by name."""
    try:
        return urljoin(current, location)
    except ValueError as exc:
        raise FetchError(f"{current}: redirects to {location!r}, not a valid URL ({exc})") from exc


def _within(chunks: Iterator[bytes], seconds: float, url: str) -> Iterator[bytes]:
    """``chunks``, failing once the whole response has taken longer than ``seconds``: a
    server trickling a byte at a time must not hold a run (and its lock) for ever."""
    end = time.monotonic() + seconds
    for chunk in chunks:
        if time.monotonic() > end:
            raise FetchError(
                f"{url}: the response took over {seconds:.0f}s in total; the server is too "
                "slow or trickling data (raise total_timeout in [crawl] to wait longer)"
            )
        yield chunk


__all__ = ["HttpClient"]
