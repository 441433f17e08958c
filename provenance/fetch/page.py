"""The simple one-page :class:`Fetcher` used by ``extract`` and ``ingest``.

A :class:`Fetcher` wraps an ``httpx.Client`` that callers may pass in (tests pass
one with a mock transport or point it at a local server).  Bodies are streamed
and capped, so a huge or endless response cannot exhaust memory.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx

from provenance._closing import Closing
from provenance._version import __version__
from provenance.errors import FetchError
from provenance.model import MAX_PAGE_BYTES, Page, size_label
from provenance.sites import is_http_url

log = logging.getLogger(__name__)

USER_AGENT = f"provenance/{__version__} (+https://github.com/provenance-news/provenance)"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class Fetcher(Closing):
    """Fetch single pages.  Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        max_bytes: int = MAX_PAGE_BYTES,
        timeout: float | None = None,
    ) -> None:
        self._owns_client = client is None
        self._client = client or httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout) if timeout is not None else DEFAULT_TIMEOUT,
            follow_redirects=True,
            max_redirects=10,
        )
        self._max_bytes = max_bytes

    def fetch(self, url: str) -> Page:
        """GET ``url``; raise :class:`FetchError` naming the URL on any failure."""
        if not is_http_url(url):
            raise FetchError(f"{url}: only http and https URLs can be fetched")
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(
                        f"{url}: HTTP {response.status_code} {response.reason_phrase}; "
                        "check the URL or try again later"
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self._max_bytes:
                        raise FetchError(
                            f"{url}: response is larger than the "
                            f"{size_label(self._max_bytes)} page limit; refusing to read it"
                        )
                    chunks.append(chunk)
                history = tuple(str(r.url) for r in response.history)
                return Page(
                    content=b"".join(chunks),
                    url=str(response.url),
                    source=url,
                    content_type=response.headers.get("content-type"),
                    fetched_at=datetime.now(UTC),
                    redirects=history,
                )
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out ({type(exc).__name__}); try again later") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"{url}: too many redirects (a redirect loop?)") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: could not fetch: {exc}") from exc

    def close(self) -> None:
        if self._owns_client:
            self._client.close()


__all__ = ["USER_AGENT", "Fetcher"]
