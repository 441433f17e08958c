"""Frozen data types passed between stages.

``Page`` (raw bytes from a source) → extraction → ``Article`` (text, metadata and
``Attribution`` credits).  Intermediate extraction types (``Block``, ``Link``,
``Metadata``) live here too because both the content and the attribution
stages read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, cast, get_args

#: What a credit is: the vocabulary of :attr:`Attribution.kind`.  The pattern file's
#: kinds are checked against it when it is loaded.
CreditKind = Literal[
    "appeared-first-on",
    "originally-published",
    "republished-from",
    "read-original",
    "source-line",
    "wire-credit",
    "copyright",
    "credit-line",
    "provider-mark",
    "url-provider",
    "agency-byline",
    "feed-source",
    "canonical",
    "og-url",
    "jsonld-source",
    "meta-source",
]
CREDIT_KINDS: frozenset[str] = frozenset(get_args(CreditKind))


def credit_kind(value: str) -> CreditKind:
    """``value`` as a :data:`CreditKind`; a ValueError names an unknown one."""
    if value not in CREDIT_KINDS:
        raise ValueError(f"unknown credit kind {value!r}; known: {', '.join(sorted(CREDIT_KINDS))}")
    return cast(CreditKind, value)


#: Where a credit was found.
Position = Literal["body", "footer", "head", "feed"]
POSITIONS: frozenset[str] = frozenset(get_args(Position))
#: A chained footer's place in the chain it states.
ChainRole = Literal["origin", "intermediary"]
#: A hop's place in a provenance chain.
HopRole = Literal["copy", "intermediary", "origin"]
#: What an edge between two documents (or a document and a credit) says.
Relation = Literal["copy", "sibling", "credit-only"]
#: Relations whose copy page takes its text from the source, or says it does.
COPYING: frozenset[Relation] = frozenset({"copy", "credit-only"})
#: A stored document: extracted, or failed.
Status = Literal["ok", "failed"]

#: Pages (and JSON Lines rows, responses, stdin) larger than this are refused.
MAX_PAGE_BYTES = 32 * 1024 * 1024


def size_label(n_bytes: int) -> str:
    """``n_bytes`` for a message, in binary units as the limits are set: ``32 MiB``."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n_bytes >= size:
            value = n_bytes / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n_bytes} bytes"


@dataclass(frozen=True, slots=True)
class Page:
    """One document as read from a source, before any parsing."""

    content: bytes
    url: str | None = None
    #: Human-readable name of where the bytes came from (path, URL, ``warc#offset``).
    source: str = ""
    #: HTTP ``Content-Type`` header, when the source had one.
    content_type: str | None = None
    #: When the page was captured (WARC-Date or fetch time).
    fetched_at: datetime | None = None
    #: URLs visited before ``url`` when the fetch followed redirects.
    redirects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """An ``<a href>`` inside a text block; ``href`` is absolute when a base URL is known."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level piece of article text, in reading order."""

    text: str
    #: "p", "h" (heading), "li", "quote", "pre", "caption" ...
    kind: str = "p"
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about itself, from ``<head>``, JSON-LD and the URL."""

    title: str | None = None
    site_name: str | None = None
    lang: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    authors: tuple[str, ...] = ()
    #: Texts of the byline elements on the page (an agency byline credits the agency).
    bylines: tuple[str, ...] = ()
    description: str | None = None
    canonical_url: str | None = None
    og_url: str | None = None
    #: Parsed JSON-LD objects describing the article (NewsArticle, Article ...),
    #: flattened out of ``@graph`` and arrays.  Read-only by convention.
    jsonld: tuple[Mapping[str, Any], ...] = ()
    #: Selected ``<meta>`` values keyed by lower-cased name/property
    #: (``original-source``, ``syndication-source``, ``article:publisher`` ...).
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A credit a page gives to another publisher: one provenance edge claim."""

    kind: CreditKind
    text: str
    site: str | None = None
    url: str | None = None
    site_url: str | None = None
    title: str | None = None
    position: Position = "body"
    confidence: float = 1.0
    #: For chained footers: 1 is the site this page copied from, the highest is the origin.
    hop: int | None = None
    #: "origin" or "intermediary" for chained footers, else None.
    role: ChainRole | None = None
    #: Name of the pattern (from the pattern data) that matched.
    pattern: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "site": self.site,
            "url": self.url,
            "site_url": self.site_url,
            "title": self.title,
            "text": self.text,
            "position": self.position,
            "confidence": round(self.confidence, 3),
            "hop": self.hop,
            "role": self.role,
            "pattern": self.pattern,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Article:
    """The result of extracting one page: its own text, metadata and credits."""

    url: str | None
    source: str = ""
    canonical_url: str | None = None
    og_url: str | None = None
    title: str | None = None
    site_name: str | None = None
    lang: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None
    text: str = ""
    attributions: tuple[Attribution, ...] = ()
    fetched_at: datetime | None = None
    error: str | None = None

    @classmethod
    def failed(cls, source: str, url: str | None, error: str) -> Article:
        return cls(url=url, source=source, error=error)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "source": self.source,
            "canonical_url": self.canonical_url,
            "og_url": self.og_url,
            "title": self.title,
            "site_name": self.site_name,
            "lang": self.lang,
            "published": _iso(self.published),
            "modified": _iso(self.modified),
            "authors": list(self.authors),
            "description": self.description,
            "text": self.text,
            "attributions": [a.to_dict() for a in self.attributions],
            "fetched_at": _iso(self.fetched_at),
            "error": self.error,
        }
