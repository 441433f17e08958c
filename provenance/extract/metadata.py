"""Page metadata: title, site name, language, dates, authors, canonical URLs, JSON-LD.

Everything is read with a handful of CSS queries (``meta``, ``link``, JSON-LD scripts,
a few byline selectors); nothing walks the whole tree in Python.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.extract.byline import clean_names, dom_bylines
from provenance.extract.jsonld import (
    is_article,
    is_page,
    jsonld_objects,
    name_of,
    names_of,
    text_value,
)
from provenance.extract.metadata_dates import modified_date, published_date
from provenance.extract.title import article_title, page_title, strip_site_name, text_similarity
from provenance.model import Metadata
from provenance.sites import looks_like_url

log = logging.getLogger(__name__)

#: ``meta`` keys copied verbatim into :attr:`Metadata.meta` (attribution signals).
ATTRIBUTION_META_KEYS = (
    "original-source",
    "syndication-source",
    "article:publisher",
    "og:site_name",
    "dc.source",
    "dcterms.source",
    "citation_publisher",
    "author",
)

REPUBLICATION_PIXEL_KEY = "republication-tracker-tool-source"

_AUTHOR_META_KEYS = (
    "dc:creator",
    "dc.creator",
    "dcterm:creator",
    "dcterms:creator",
    "dcterms.creator",
    "author",
    "parsely-author",
    "sailthru.author",
)
_TITLE_META_KEYS = (
    "dc:title",
    "dc.title",
    "dcterm:title",
    "dcterms:title",
    "dcterms.title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
)


def _collect_meta(tree: HTMLParser) -> dict[str, list[str]]:
    """Lower-cased ``name`` / ``property`` / ``itemprop`` / ``http-equiv`` → contents, in order."""
    values: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if content is None:
            content = attrs.get("value")
        if not content or not content.strip():
            continue
        content = content.strip()
        keys: list[str] = []
        prop = attrs.get("property")
        if prop:
            keys.extend(prop.lower().split())
        for attr in ("name", "itemprop", "http-equiv"):
            raw = attrs.get(attr)
            if raw and raw.strip():
                keys.append(" ".join(raw.lower().split()))
        for key in dict.fromkeys(keys):
            values.setdefault(key, []).append(content)
    return values


def _first(meta: Mapping[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        found = meta.get(key)
        if found:
            return found[0]
    return None


def _unescape(value: str | None) -> str | None:
    """Undo entity double-encoding (``&amp;#8217;``) and collapse whitespace."""
    if value is None:
        return None
    if "&" in value:
        value = html.unescape(value)
    value = " ".join(value.split())
    return value or None


def _is_url(value: str) -> bool:
    return looks_like_url(value)


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href or not href.strip():
        return None
    href = href.strip()
    if base:
        try:
            return urljoin(base, href)
        except ValueError:
            return href
    return href


# --- JSON-LD ------------------------------------------------------------------------------


def _jsonld_title(obj: Mapping[str, Any], html_title: str) -> str | None:
    name = text_value(obj.get("name"))
    headline = text_value(obj.get("headline"))
    if name and headline and name != headline:
        # Some sites put their own name in "name"; prefer the one resembling <title>.
        if text_similarity(headline, html_title) > text_similarity(name, html_title):
            return headline
        return name
    return name or headline


# --- field resolution ---------------------------------------------------------------------


def _authors(
    meta: Mapping[str, list[str]],
    articles: list[Mapping[str, Any]],
    bylines: tuple[str, ...],
) -> tuple[str, ...]:
    for obj in articles:
        # A bare-string "creator" is often a user handle (parse.ly style), so only objects count.
        creator = obj.get("creator")
        creators = names_of(creator) if isinstance(creator, Mapping | list) else []
        names = clean_names(names_of(obj.get("author")) or creators)
        if names:
            return names
    for key in _AUTHOR_META_KEYS:
        names = clean_names([v for v in meta.get(key, ()) if not _is_url(v)])
        if names:
            return names
    names = clean_names(
        [
            v
            for k in ("article:author", "og:article:author")
            for v in meta.get(k, ())
            if not _is_url(v)
        ]
    )
    if names:
        return names
    return clean_names(bylines[:1])


def _lang(tree: HTMLParser, meta: Mapping[str, list[str]]) -> str | None:
    root = tree.root
    if root is not None and root.tag == "html":
        lang = (root.attributes.get("lang") or root.attributes.get("xml:lang") or "").strip()
        if lang:
            return lang
    found = _first(meta, "content-language", "language", "dc.language", "og:locale")
    if found:
        return found.split(",")[0].strip().replace("_", "-") or None
    return None


def _site_name(
    meta: Mapping[str, list[str]],
    articles: list[Mapping[str, Any]],
    pages: list[Mapping[str, Any]],
) -> str | None:
    """The site's name: the article's JSON-LD publisher, og:site_name, the page's publisher."""
    # The article's own JSON-LD publisher names the site more plainly than og:site_name
    # ("Example News" rather than "Example News - Latest headlines").
    site_name = next((n for n in (name_of(o.get("publisher")) for o in articles) if n), None)
    site_name = site_name or _first(meta, "og:site_name")
    if not site_name:
        site_name = next((n for n in (name_of(o.get("publisher")) for o in pages) if n), None)
    return site_name


def _description(meta: Mapping[str, list[str]], articles: list[Mapping[str, Any]]) -> str | None:
    """The meta description, else the first article JSON-LD description."""
    description = _first(meta, "og:description", "description", "twitter:description")
    if not description:
        for obj in articles:
            description = text_value(obj.get("description"))
            if description:
                break
    return description


def _attribution_meta(
    tree: HTMLParser, meta: Mapping[str, list[str]], base: str | None
) -> dict[str, str]:
    """The :data:`ATTRIBUTION_META_KEYS` present, plus the republication pixel's URL."""
    selected: dict[str, str] = {}
    for key in ATTRIBUTION_META_KEYS:
        found = _first(meta, key, key.replace(".", ":"))
        if found:
            selected[key] = found
    pixel = tree.css_first("img#republication-tracker-tool-source")
    if pixel is not None:
        src = _absolute(pixel.attributes.get("src"), base)
        if src:
            selected[REPUBLICATION_PIXEL_KEY] = src
    return selected


def _strip_site_names(
    title: str | None, site_name: str | None, meta: Mapping[str, list[str]]
) -> str | None:
    """``title`` without the site name (or the og:site_name) it carries."""
    if title:
        title = strip_site_name(title, site_name)
        og_site = _unescape(_first(meta, "og:site_name"))
        if og_site and og_site != site_name:
            title = strip_site_name(title, og_site)
    return title


def extract_metadata(
    tree: HTMLParser, url: str | None, reference: datetime | None = None
) -> Metadata:
    """Read what the page says about itself.  Never raises on malformed markup.

    ``reference`` is when the page was captured: a printed relative date ("2 hours ago")
    or one without a year is read against it, and ignored without it.
    """
    meta = _collect_meta(tree)
    objs = jsonld_objects(tree)
    articles = [o for o in objs if is_article(o)]
    pages = [o for o in objs if not is_article(o) and is_page(o)]
    html_title = page_title(tree)

    derived_title = article_title(tree, html_title)
    title = _jsonld_title(articles[0], derived_title or "") if articles else None
    title = title or _first(meta, *_TITLE_META_KEYS) or derived_title
    site_name = _site_name(meta, articles, pages)
    description = _description(meta, articles)

    base = url
    canonical_node = tree.css_first('link[rel~="canonical" i][href]')
    canonical = _absolute(canonical_node.attributes.get("href"), base) if canonical_node else None
    og_url = _absolute(_first(meta, "og:url"), base)
    selected = _attribution_meta(tree, meta, base or canonical or og_url)

    site_name = _unescape(site_name)
    title = _strip_site_names(_unescape(title), site_name, meta)
    lang = _lang(tree, meta)
    bylines = dom_bylines(tree)

    return Metadata(
        title=title,
        site_name=site_name,
        lang=lang,
        published=published_date(tree, meta, articles, pages, url, lang, reference),
        modified=modified_date(tree, meta, articles, pages),
        authors=tuple(a for a in (_unescape(n) for n in _authors(meta, articles, bylines)) if a),
        bylines=bylines,
        description=_unescape(description),
        canonical_url=canonical,
        og_url=og_url,
        jsonld=tuple(articles),
        meta=selected,
    )


__all__ = ["ATTRIBUTION_META_KEYS", "REPUBLICATION_PIXEL_KEY", "extract_metadata"]
