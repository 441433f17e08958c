"""Credits from ``<head>`` and structured data: canonical, og:url, JSON-LD, meta tags, feeds."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from provenance.attribution.names import home_of
from provenance.model import Attribution, CreditKind, Metadata
from provenance.sites import is_http_url, looks_like_url, registrable_domain, site_key

log = logging.getLogger(__name__)

_META_SOURCES = (("original-source", 0.8), ("syndication-source", 0.8), ("dc.source", 0.6))
_PIXEL = "republication-tracker-tool-source"
#: Is a URL on another site than the page's own?
_Foreign = Callable[[str | None], bool]


def same_name(a: str | None, b: str | None) -> bool:
    """Do two site names (or a name and a domain) name one site?  Keys come from
    :func:`provenance.sites.site_key`, the one site identity."""
    ka, kb = site_key(a), site_key(b)
    if not ka or not kb:
        return False
    return ka in kb or kb in ka


def _items(value: Any) -> Iterator[Any]:
    if isinstance(value, list | tuple):
        yield from value
    elif value is not None:
        yield value


def _name_url(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, str):
        return (None, value) if looks_like_url(value) else (value, None)
    if isinstance(value, Mapping):
        name = value.get("name") or value.get("legalName")
        url = value.get("url") or value.get("@id")
        if isinstance(url, Mapping):
            url = url.get("@id") or url.get("url")
        return (
            str(name) if isinstance(name, str) else None,
            str(url) if isinstance(url, str) and "://" in url else None,
        )
    return None, None


def head_attributions(meta: Metadata, page_url: str | None) -> list[Attribution]:
    """Head and structured-data credits pointing away from the page's own site."""
    page_domain = registrable_domain(page_url)

    def foreign(url: str | None) -> bool:
        dom = registrable_domain(url)
        return dom is not None and page_domain is not None and dom != page_domain

    out = _canonical_credits(meta, foreign)
    out.extend(_jsonld(meta, foreign))
    out.extend(_meta_source_credits(meta, page_domain, foreign))
    out.extend(_pixel_credit(meta, page_url, page_domain, foreign))
    return out


def _canonical_credits(meta: Metadata, foreign: _Foreign) -> list[Attribution]:
    """A rel=canonical or og:url on another site."""
    out: list[Attribution] = []
    claims: tuple[tuple[CreditKind, str | None, float], ...] = (
        ("canonical", meta.canonical_url, 0.8),
        ("og-url", meta.og_url, 0.6),
    )
    for kind, url, conf in claims:
        if url and foreign(url):
            out.append(
                Attribution(
                    kind=kind,
                    text=url,
                    url=url,
                    site_url=home_of(url),
                    position="head",
                    confidence=conf,
                    pattern=kind,
                )
            )
    return out


def _meta_source_credits(
    meta: Metadata, page_domain: str | None, foreign: _Foreign
) -> Iterator[Attribution]:
    """``<meta name=original-source>`` and kin naming another site or publisher."""
    for key, conf in _META_SOURCES:
        value = (meta.meta.get(key) or "").strip()
        if not value:
            continue
        is_url = is_http_url(value)
        if is_url and page_domain is not None and not foreign(value):
            continue
        if not is_url and same_name(value, meta.site_name):
            continue
        yield Attribution(
            kind="meta-source",
            text=value,
            site=None if is_url else value,
            url=value if is_url else None,
            site_url=home_of(value) if is_url else None,
            position="head",
            confidence=conf,
            pattern=f"meta-{key}",
        )


def _pixel_credit(
    meta: Metadata, page_url: str | None, page_domain: str | None, foreign: _Foreign
) -> Iterator[Attribution]:
    """The INN/Newspack republication pixel, which names the original article."""
    pixel = (meta.meta.get(_PIXEL) or "").strip()
    if pixel:
        src = urljoin(page_url or "https:", pixel)
        if page_domain is None or foreign(src):
            query = parse_qs(urlsplit(src).query)
            url = next(iter(query.get("url", [])), None)
            yield Attribution(
                kind="republished-from",
                text=pixel,
                url=url,
                site_url=home_of(src),
                position="head",
                confidence=0.9,
                pattern="newspack-republication-pixel",
            )


def _jsonld(meta: Metadata, foreign: _Foreign) -> Iterator[Attribution]:
    for obj in meta.jsonld:
        for value in _items(obj.get("isBasedOn")):
            name, url = _name_url(value)
            title = None
            if isinstance(value, Mapping):
                title = value.get("headline") or value.get("name")
                pub_name, _ = _name_url(value.get("publisher"))
                name = pub_name
            if url and not foreign(url) and registrable_domain(url) is not None:
                continue
            if url or name:
                yield Attribution(
                    kind="jsonld-source",
                    text=url or name or "",
                    site=name,
                    url=url,
                    site_url=home_of(url),
                    title=str(title) if isinstance(title, str) else None,
                    position="head",
                    confidence=0.85,
                    pattern="jsonld-isBasedOn",
                )
        for key, pattern, conf in (
            ("sourceOrganization", "jsonld-sourceOrganization", 0.7),
            ("publisher", "jsonld-publisher", 0.5),
        ):
            for value in _items(obj.get(key)):
                name, url = _name_url(value)
                if not name and not url:
                    continue
                if url and not foreign(url):
                    continue
                if same_name(name, meta.site_name):
                    continue
                if key == "publisher" and not meta.site_name and not (url and foreign(url)):
                    continue  # nothing to compare the publisher with
                yield Attribution(
                    kind="jsonld-source",
                    text=name or url or "",
                    site=name,
                    site_url=url,
                    position="head",
                    confidence=conf,
                    pattern=pattern,
                )


def feed_source_attribution(site: str | None, url: str | None) -> Attribution:
    """The credit a feed item's RSS ``<source url>`` / Atom ``<source>`` gives.

    ``url`` is what the feed names (for RSS the source channel's address); it is kept as
    ``url`` and its home page as ``site_url``.
    """
    text = " ".join(part for part in (site, url) if part)
    return Attribution(
        kind="feed-source",
        text=text,
        site=site or None,
        url=url or None,
        site_url=home_of(url),
        position="feed",
        confidence=0.9,
        pattern="feed-source",
    )


__all__ = [
    "feed_source_attribution",
    "head_attributions",
    "same_name",
]
