"""The crawl config file (TOML)::

    [crawl]
    user_agent = "provenance/0.1 (+https://example.org/bot)"
    min_delay = 1.0                # seconds between requests to one host
    max_connections_per_host = 2
    timeout = 20.0                 # seconds, per read
    total_timeout = 60.0           # seconds for a whole response (default 3 x timeout)
    retries = 3
    max_retry_after = 120.0        # a longer Retry-After fails the item until next run
    max_body_bytes = 33554432
    max_pages = 500                # article fetches per run
    follow_credits = 2             # hops of credit links to follow to originals
    respect_robots = true

    [crawl.resolve]                # optional, like curl --resolve; mapped hosts are trusted
    "news.internal" = "10.0.0.5:8080"

    [[source]]
    url = "https://example.org/feed.xml"
    kind = "rss"                   # rss | atom | sitemap | page (auto-detected when missing)

Unknown keys and bad values are errors naming the file and the key.  The keys
``role`` and ``name`` of earlier versions were never used; they are accepted
with a warning so that old configs keep running.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.errors import CrawlConfigError
from provenance.fetch import FetchSettings
from provenance.sites import is_http_url

log = logging.getLogger(__name__)

KINDS = ("rss", "atom", "sitemap", "page")
#: Keys earlier versions parsed but never used: accepted with a warning.
_IGNORED_KEYS = frozenset({"role", "name"})


@dataclass(frozen=True, slots=True)
class SourceConfig:
    url: str
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    sources: tuple[SourceConfig, ...]
    fetch: FetchSettings = field(default_factory=FetchSettings)
    max_pages: int = 500
    follow_credits: int = 2
    path: str = "<config>"

    def with_allow_private(self, allow: bool) -> CrawlConfig:
        from dataclasses import replace

        return replace(self, fetch=replace(self.fetch, allow_private=allow))


_SOURCE_KEYS = {"url", "kind"}
#: [crawl] key → (FetchSettings field or None for a crawl-level key, type)
_CRAWL_KEYS: dict[str, tuple[str | None, type]] = {
    "user_agent": ("user_agent", str),
    "min_delay": ("min_delay", float),
    "max_connections_per_host": ("max_connections_per_host", int),
    "timeout": ("timeout", float),
    "total_timeout": ("total_timeout", float),
    "connect_timeout": ("connect_timeout", float),
    "retries": ("retries", int),
    "backoff_base": ("backoff_base", float),
    "max_retry_after": ("max_retry_after", float),
    "max_body_bytes": ("max_bytes", int),
    "max_redirects": ("max_redirects", int),
    "respect_robots": ("respect_robots", bool),
    "max_pages": (None, int),
    "follow_credits": (None, int),
}


def _value(where: str, key: str, value: Any, kind: type) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CrawlConfigError(f"{where}: {key} must be a {kind.__name__}, not {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise CrawlConfigError(f"{where}: {key} must not be negative")
    return value


def _source(where: str, raw: Any) -> SourceConfig:
    if not isinstance(raw, Mapping):
        raise CrawlConfigError(f"{where}: each [[source]] must be a table")
    for key in sorted(set(raw) & _IGNORED_KEYS):
        log.warning("%s.%s is ignored (it never had an effect); remove it", where, key)
    unknown = set(raw) - _SOURCE_KEYS - _IGNORED_KEYS
    if unknown:
        raise CrawlConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: url, kind)")
    url = raw.get("url")
    if not isinstance(url, str) or not is_http_url(url):
        raise CrawlConfigError(f"{where}.url: an http(s) URL is required, got {url!r}")
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        raise CrawlConfigError(f"{where}.kind: {kind!r} is not one of {', '.join(KINDS)}")
    return SourceConfig(url=url, kind=kind)


def parse_config(data: Mapping[str, Any], path: str = "<config>") -> CrawlConfig:
    """Build a :class:`CrawlConfig` from parsed TOML; raise :class:`CrawlConfigError`."""
    unknown = set(data) - {"source", "crawl"}
    if unknown:
        raise CrawlConfigError(f"{path}: unknown top-level key {sorted(unknown)[0]!r}")
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise CrawlConfigError(f"{path}: at least one [[source]] table with a url is required")
    sources = tuple(_source(f"{path}: source[{i}]", s) for i, s in enumerate(raw_sources))
    crawl = data.get("crawl", {})
    if not isinstance(crawl, Mapping):
        raise CrawlConfigError(f"{path}: [crawl] must be a table")
    fetch_kw: dict[str, Any] = {}
    crawl_kw: dict[str, Any] = {}
    for key, value in crawl.items():
        where = f"{path}: crawl.{key}"
        if key == "resolve":
            fetch_kw["resolve"] = _resolve(where, value)
            continue
        if key not in _CRAWL_KEYS:
            allowed = ", ".join(sorted([*_CRAWL_KEYS, "resolve"]))
            raise CrawlConfigError(f"{where}: unknown key (allowed: {allowed})")
        target, kind = _CRAWL_KEYS[key]
        checked = _value(where, f"crawl.{key}", value, kind)
        if target is None:
            crawl_kw[key] = checked
        else:
            fetch_kw[target] = checked
    if fetch_kw.get("max_connections_per_host", 1) < 1:
        raise CrawlConfigError(f"{path}: crawl.max_connections_per_host must be at least 1")
    return CrawlConfig(sources=sources, fetch=FetchSettings(**fetch_kw), path=path, **crawl_kw)


def _resolve(where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise CrawlConfigError(f'{where}: must be a table of "host" = "ip:port"')
    out: dict[str, str] = {}
    for host, target in value.items():
        if not isinstance(target, str) or not target.rpartition(":")[2].isdigit():
            raise CrawlConfigError(f'{where}.{host}: must look like "127.0.0.1:8080"')
        out[str(host).lower()] = target
    return out


def load_config(path: str | Path) -> CrawlConfig:
    """Read and check a crawl config file."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8")
    except OSError as exc:
        raise CrawlConfigError(f"{p}: cannot read the config: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CrawlConfigError(f"{p}: the config is not UTF-8 text") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CrawlConfigError(f"{p}: not valid TOML: {exc}") from exc
    return parse_config(data, str(p))


__all__ = ["KINDS", "CrawlConfig", "SourceConfig", "load_config", "parse_config"]
