"""JSON-LD (``<script type="application/ld+json">``): lenient parsing and flattening.

Real pages ship broken JSON-LD: trailing commas, raw newlines inside strings, HTML
comments or CDATA wrappers, several objects in one script.  :func:`parse_jsonld`
tries strict JSON first, then a few repairs, then gives up quietly; it never raises.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

log = logging.getLogger(__name__)

#: schema.org types treated as "the article" (checked without any ``schema:`` prefix).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "SatiricalArticle",
        "ScholarlyArticle",
        "MedicalScholarlyArticle",
        "AdvertiserContentArticle",
        "TechArticle",
        "APIReference",
        "Report",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "DiscussionForumPosting",
    }
)

#: Page-level types used only as a fallback (dates, publisher) when no article object exists.
PAGE_TYPES = frozenset(
    {
        "WebPage",
        "ItemPage",
        "AboutPage",
        "ProfilePage",
        "CollectionPage",
        "MediaObject",
        "VideoObject",
        "Blog",
    }
)

#: Keys whose values may hold further typed objects worth flattening.
_NESTED_KEYS = ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement")

_MAX_DEPTH = 6
_MAX_SCRIPT_CHARS = 2_000_000

_COMMENT_RE = re.compile(r"<!--|-->")
_CDATA_RE = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_TRAILING_COMMA_RE = re.compile(r",(\s*[}\]])")
_JS_COMMENT_RE = re.compile(r"^\s*//[^\n]*$", re.MULTILINE)


def type_names(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """The object's ``@type`` values, without ``schema:`` / ``http://schema.org/`` prefixes."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    names = []
    for v in values:
        if isinstance(v, str) and v:
            names.append(v.rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip())
    return tuple(names)


def is_article(obj: Mapping[str, Any]) -> bool:
    return any(t in ARTICLE_TYPES or t.endswith("Article") for t in type_names(obj))


def is_page(obj: Mapping[str, Any]) -> bool:
    return any(t in PAGE_TYPES or t.endswith("Page") for t in type_names(obj))


def _decode_all(text: str) -> list[Any]:
    """Decode one or more JSON values written back to back (``{...}{...}`` or ``{...};``)."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos, end = 0, len(text)
    while pos < end:
        while pos < end and text[pos] in " \t\r\n;,":
            pos += 1
        if pos >= end:
            break
        value, pos = decoder.raw_decode(text, pos)
        values.append(value)
    return values


def parse_jsonld(text: str) -> list[Any]:
    """Parse the text of one JSON-LD script into a list of top-level values (maybe empty)."""
    if not text or len(text) > _MAX_SCRIPT_CHARS:
        return []
    text = text.strip()
    try:
        return [json.loads(text)]
    except ValueError:
        pass
    except RecursionError:
        return []
    cleaned = _CDATA_RE.sub("", _COMMENT_RE.sub("", text)).strip()
    # The decoder runs with strict=False, so raw newlines/tabs inside strings are accepted.
    repairs: tuple[Callable[[str], str], ...] = (
        lambda t: t,
        lambda t: _TRAILING_COMMA_RE.sub(r"\1", t),
        lambda t: _TRAILING_COMMA_RE.sub(r"\1", _JS_COMMENT_RE.sub("", t)),
    )
    for repair in repairs:
        try:
            return _decode_all(repair(cleaned))
        except (ValueError, RecursionError):
            continue
    log.debug("unparseable JSON-LD skipped (%d chars)", len(text))
    return []


def _walk(value: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
        return
    if not isinstance(value, Mapping):
        return
    if "@type" in value:
        yield value
    for key in _NESTED_KEYS:
        nested = value.get(key)
        if isinstance(nested, list | Mapping):
            yield from _walk(nested, depth + 1)


def flatten(values: Iterable[Any]) -> list[Mapping[str, Any]]:
    """All typed objects, out of top-level arrays, ``@graph`` and ``mainEntity`` nests."""
    seen: set[int] = set()
    out: list[Mapping[str, Any]] = []
    for value in values:
        for obj in _walk(value, 0):
            if id(obj) not in seen:
                seen.add(id(obj))
                out.append(obj)
    return out


#: Properties whose ``{"@id": ...}`` references are replaced by the object they point to.
_REFERENCE_KEYS = ("author", "creator", "publisher", "sourceOrganization", "provider")


def _resolve(value: Any, index: Mapping[str, Mapping[str, Any]]) -> Any:
    if isinstance(value, list):
        return [_resolve(v, index) for v in value]
    if isinstance(value, Mapping) and "name" not in value:
        ref = value.get("@id")
        if isinstance(ref, str) and ref in index:
            return index[ref]
    return value


def resolve_references(objs: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Replace ``{"@id": ...}`` author/publisher references (Yoast ``@graph`` style) in place."""
    index: dict[str, Mapping[str, Any]] = {}
    for obj in objs:
        ref = obj.get("@id")
        if isinstance(ref, str) and "name" in obj:
            index.setdefault(ref, obj)
    if not index:
        return objs
    out: list[Mapping[str, Any]] = []
    for obj in objs:
        if any(isinstance(obj.get(k), Mapping | list) for k in _REFERENCE_KEYS):
            copy = dict(obj)
            for key in _REFERENCE_KEYS:
                if key in copy:
                    copy[key] = _resolve(copy[key], index)
            obj = copy
        out.append(obj)
    return out


def jsonld_objects(tree: HTMLParser) -> list[Mapping[str, Any]]:
    """Every typed JSON-LD object in the document, in document order, references resolved."""
    values: list[Any] = []
    for script in tree.css('script[type="application/ld+json" i]'):
        values.extend(parse_jsonld(script.text(deep=True) or ""))
    return resolve_references(flatten(values))


# --- value helpers ----------------------------------------------------------------------


def text_value(value: Any) -> str | None:
    """A plain string out of a JSON-LD value (string, ``{"@value": ...}``, first of a list)."""
    if isinstance(value, list):
        for item in value:
            found = text_value(item)
            if found:
                return found
        return None
    if isinstance(value, Mapping):
        value = value.get("@value")
    if isinstance(value, str):
        stripped = " ".join(value.split())
        return stripped or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def name_of(value: Any) -> str | None:
    """The ``name`` of a person/organisation value (string or object, first of a list)."""
    if isinstance(value, list):
        for item in value:
            found = name_of(item)
            if found:
                return found
        return None
    if isinstance(value, Mapping):
        return text_value(value.get("name"))
    return text_value(value)


def names_of(value: Any) -> list[str]:
    """All names in an ``author``-like value: string, object, list, nested ``name``."""
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(names_of(item))
        return out
    if isinstance(value, Mapping):
        name = value.get("name")
        if isinstance(name, list):
            return names_of(name)
        found = text_value(name)
        if found is None:
            given = text_value(value.get("givenName"))
            family = text_value(value.get("familyName"))
            found = " ".join(p for p in (given, family) if p) or None
        return [found] if found else []
    found = text_value(value)
    return [found] if found else []


__all__ = [
    "ARTICLE_TYPES",
    "PAGE_TYPES",
    "flatten",
    "is_article",
    "is_page",
    "jsonld_objects",
    "name_of",
    "names_of",
    "parse_jsonld",
    "resolve_references",
    "text_value",
    "type_names",
]
