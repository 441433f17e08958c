"""robots.txt, fetched once per host per crawl and read with protego.

Following RFC 9309: a 4xx robots.txt (missing, forbidden) allows everything;
a 5xx or an unreachable server disallows the whole host for this run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from provenance.errors import FetchError, HTTPStatusError, RefusedURL, RobotsDisallowed

log = logging.getLogger(__name__)

#: Reads a robots.txt URL; returns its text, or raises FetchError/HTTPStatusError.
RobotsReader = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules for one host: a parsed file, or allow/deny everything."""

    parser: Protego | None
    allow_all: bool
    why: str = ""

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class RobotsCache:
    """robots.txt rules by host, for one crawl."""

    def __init__(
        self,
        reader: RobotsReader,
        user_agent: str,
        *,
        on_load: Callable[[str, RobotsRules], None] | None = None,
    ) -> None:
        self._reader = reader
        self._on_load = on_load
        self._user_agent = user_agent
        self._rules: dict[str, RobotsRules] = {}
        self._lock = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        key = host_key(url)
        with self._lock:
            cached = self._rules.get(key)
        if cached is not None:
            return cached
        rules = self._load(robots_url(url))
        if self._on_load is not None:
            self._on_load(key, rules)
        with self._lock:
            return self._rules.setdefault(key, rules)

    def allowed(self, url: str) -> bool:
        return self.rules(url).allowed(url, self._user_agent)

    def check(self, url: str) -> None:
        """Raise :class:`RobotsDisallowed` if rules forbid ``url``, or :class:`FetchError`
        if robots.txt could not be read (the host is skipped this run, retried next)."""
        rules = self.rules(url)
        if rules.allowed(url, self._user_agent):
            return
        if rules.parser is None:
            raise FetchError(f"{url}: {rules.why}; the host is skipped this run")
        raise RobotsDisallowed(f"{url}: disallowed by robots.txt for our user agent")

    def _load(self, url: str) -> RobotsRules:
        try:
            text = self._reader(url)
        except HTTPStatusError as exc:
            if 400 <= exc.status < 500:
                return RobotsRules(None, allow_all=True, why=f"robots.txt HTTP {exc.status}")
            log.warning("%s: HTTP %s; not crawling this host this run", url, exc.status)
            return RobotsRules(None, allow_all=False, why=f"robots.txt HTTP {exc.status}")
        except RefusedURL:
            raise
        except FetchError as exc:
            log.warning("%s: %s; not crawling this host this run", url, exc)
            return RobotsRules(None, allow_all=False, why=f"robots.txt unreachable ({exc})")
        return RobotsRules(Protego.parse(text), allow_all=True)


__all__ = ["RobotsCache", "RobotsRules", "host_key", "robots_url"]
