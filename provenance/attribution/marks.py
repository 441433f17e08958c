"""Syndication marks that are not sentences.

- ``provider-mark``: the provider a portal prints beside its headline, as a
  parenthesised name closing the title ("…アプリ（CNET Japan）", "… (Reuters)");
- ``url-provider``: a provider suffix in the URL's last segment
  ("…-175203890--abc-news-topstories.html" → ABC News);
- ``agency-byline``: a byline that is only a wire agency ("AFP" as the byline
  of a Libération story).

Each is evidence of a kind of its own, ranked below an explicit credit line.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import unquote, urlsplit

from provenance.attribution.lexicon import fold
from provenance.attribution.patterns import compiled
from provenance.model import Attribution, Metadata
from provenance.sites import site_key

_TITLE_PROVIDER: Final = re.compile(r"[（(]\s*([^()（）]{2,40}?)\s*[)）]\s*$")
#: Parenthesised words that close a headline without naming a provider.
_NOT_PROVIDER: Final = frozenset(
    [
        "video",
        "videos",
        "photo",
        "photos",
        "pictures",
        "picture",
        "gallery",
        "update",
        "updated",
        "updates",
        "live",
        "watch",
        "opinion",
        "analysis",
        "exclusive",
        "op-ed",
        "audio",
        "podcast",
        "interview",
        "explainer",
        "poll",
        "quiz",
        "review",
        "recap",
        "map",
        "maps",
        "chart",
        "charts",
        "graphic",
        "transcript",
        "editorial",
        "satire",
        "sponsored",
        "paid",
    ]
)
_URL_PROVIDER: Final = re.compile(r"--([a-z][a-z0-9]*(?:-[a-z0-9]+){0,5})(?:\.[a-z]{2,5})?$")
_SECTION_WORDS: Final = frozenset(
    [
        "topstories",
        "top",
        "stories",
        "politics",
        "world",
        "us",
        "business",
        "entertainment",
        "sports",
        "sport",
        "tech",
        "technology",
        "health",
        "finance",
        "science",
        "lifestyle",
        "travel",
    ]
)


def _agency(name: str) -> str | None:
    return compiled().agencies.get(fold(name.strip(" .,;:-–—()")))


def title_provider(meta: Metadata) -> Attribution | None:
    title = meta.title or ""
    m = _TITLE_PROVIDER.search(title)
    if not m or m.start() < 8:
        return None
    name = m.group(1).strip()
    if fold(name) in _NOT_PROVIDER or re.fullmatch(r"[\d\s/.:-]+", name):
        return None
    fullwidth = title[m.start()] == "（"
    if not (fullwidth or _agency(name) or (len(name.split()) >= 2 and name.istitle())):
        return None
    if site_key(name) == site_key(meta.site_name):
        return None
    site = _agency(name) or name
    return Attribution(
        kind="provider-mark", text=m.group(0).strip(), site=site, position="head",
        confidence=0.7, pattern="title-provider",
    )  # fmt: skip


def url_provider(page_url: str | None) -> Attribution | None:
    if not page_url:
        return None
    try:
        last = unquote(urlsplit(page_url).path).rstrip("/").rsplit("/", 1)[-1]
    except ValueError:
        return None
    m = _URL_PROVIDER.search(last.lower())
    if not m:
        return None
    words = m.group(1).split("-")
    while len(words) > 1 and words[-1] in _SECTION_WORDS:
        words.pop()
    name = " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in words)
    return Attribution(
        kind="url-provider", text=m.group(0), site=_agency(name) or name, position="head",
        confidence=0.6, pattern="url-provider-suffix",
    )  # fmt: skip


def agency_byline(meta: Metadata) -> Attribution | None:
    for byline in (*meta.authors, *meta.bylines):
        agency = _agency(byline)
        if agency:
            return Attribution(
                kind="agency-byline", text=byline, site=agency, position="head",
                confidence=0.8, pattern="agency-byline",
            )  # fmt: skip
    return None


def syndication_marks(meta: Metadata, page_url: str | None) -> list[Attribution]:
    found = (title_provider(meta), url_provider(page_url), agency_byline(meta))
    return [a for a in found if a is not None]


__all__ = ["agency_byline", "syndication_marks", "title_provider", "url_provider"]
