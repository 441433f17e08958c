"""When a page was published and last changed, from its metadata, body and URL.

The order of trust: JSON-LD of the article (then of the page), ``article:published_time``
and its kin, ``itemprop`` and ``<time pubdate>`` elements, Dublin Core and other
generic names, a bare ``<time datetime>``, and last the date printed beside the byline
(read in the page's language by :mod:`.printed_dates`) or the date in the URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from provenance.extract.byline import byline_date_texts
from provenance.extract.dates import date_from_url, parse_date
from provenance.extract.jsonld import text_value
from provenance.extract.printed_dates import parse_visible_date

#: Checked before ``itemprop`` / ``<time>`` elements in the body.
_PUBLISHED_META_PRIMARY = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
)
#: Checked after them: Dublin Core, Sailthru, Parse.ly and generic names.
_PUBLISHED_META_SECONDARY = (
    "dc.date.issued",
    "dcterms.issued",
    "dcterms:issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms:created",
    "dc.date",
    "dc:date",
    "dcterms.date",
    "dcterms:date",
    "sailthru.date",
    "parsely-pub-date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
)
_MODIFIED_META_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "dcterms:modified",
    "last-modified",
)


def _value_date(value: str | None, lang: str | None) -> datetime | None:
    """A metadata value as a date: machine formats first, then as the page would print
    it ("2024/03/05 09:00", "05.03.2024", "5 mars 2024") in its language.  Relative and
    year-less forms are not guessed here (no capture time is given)."""
    found = parse_date(value)
    if found is None and value and any(ch.isdigit() for ch in value):
        found = parse_visible_date(value, lang)
    return found


def _jsonld_date(
    objs: list[Mapping[str, Any]], key: str, lang: str | None = None
) -> datetime | None:
    for obj in objs:
        found = _value_date(text_value(obj.get(key)), lang)
        if found is not None:
            return found
    return None


def _meta_date(
    meta: Mapping[str, list[str]], keys: tuple[str, ...], lang: str | None = None
) -> datetime | None:
    """The first value under ``keys`` (in their order) that reads as a date."""
    for key in keys:
        for value in meta.get(key, ()):
            found = _value_date(value, lang)
            if found is not None:
                return found
    return None


def _time_element(tree: HTMLParser, selector: str) -> datetime | None:
    node = tree.css_first(selector)
    return parse_date(node.attributes.get("datetime")) if node is not None else None


#: A printed date further than this from the date in the URL (midnight of that day, and
#: time zones apart) is not the article's: the URL's date is kept.
_URL_DATE_AGREEMENT = timedelta(days=2)


def _printed_date(
    tree: HTMLParser, lang: str | None, reference: datetime | None, url: str | None
) -> datetime | None:
    """The date printed beside the byline (see :func:`byline_date_texts`), else the URL's."""
    from_url = date_from_url(url)
    for text in byline_date_texts(tree):
        found = parse_visible_date(text, lang, reference)
        if found is None:
            continue
        if (
            from_url is not None
            and abs(found.replace(tzinfo=None) - from_url) > _URL_DATE_AGREEMENT
        ):
            break
        return found
    return from_url


def published_date(
    tree: HTMLParser,
    meta: Mapping[str, list[str]],
    articles: list[Mapping[str, Any]],
    pages: list[Mapping[str, Any]],
    url: str | None,
    lang: str | None = None,
    reference: datetime | None = None,
) -> datetime | None:
    found = _jsonld_date(articles, "datePublished", lang) or _jsonld_date(
        pages, "datePublished", lang
    )
    if found is not None:
        return found
    found = _meta_date(meta, _PUBLISHED_META_PRIMARY, lang)
    if found is not None:
        return found
    for node in tree.css("[itemprop~=datePublished i]"):
        if node.tag == "meta":
            continue  # already seen through ``meta``
        attrs = node.attributes
        found = parse_date(attrs.get("datetime") or attrs.get("content") or node.text(strip=True))
        if found is not None:
            return found
    found = _time_element(tree, "time[pubdate][datetime]")
    if found is not None:
        return found
    found = _meta_date(meta, _PUBLISHED_META_SECONDARY, lang)
    if found is not None:
        return found
    # A bare <time datetime> ranks below head metadata: sidebars and comments have them too.
    found = _time_element(tree, "time[datetime]")
    if found is not None:
        return found
    found = _jsonld_date(articles, "dateCreated")
    # Last, what the page prints: machine-readable dates above are more trustworthy.
    return found or _printed_date(tree, lang, reference, url)


def modified_date(
    tree: HTMLParser,
    meta: Mapping[str, list[str]],
    articles: list[Mapping[str, Any]],
    pages: list[Mapping[str, Any]],
) -> datetime | None:
    found = _jsonld_date(articles, "dateModified") or _jsonld_date(pages, "dateModified")
    if found is not None:
        return found
    found = _meta_date(meta, _MODIFIED_META_KEYS)
    if found is not None:
        return found
    node = tree.css_first("[itemprop~=dateModified i]:not(meta)")
    if node is not None:
        attrs = node.attributes
        return parse_date(attrs.get("datetime") or attrs.get("content") or node.text(strip=True))
    return None


__all__ = ["modified_date", "published_date"]
