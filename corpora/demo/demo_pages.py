"""The page model: one captured article page, and the originals read from ``articles/``.

A :class:`Page` is everything needed to render one HTML page and to place it in
the story graph: its text, dates and credits, plus ``source`` (the page it was
copied from, ``None`` for a first report) and ``attributed`` (whether the copy
credits where it came from).  :func:`original` turns ``articles/<name>.txt`` into
a first-report page; :func:`esc` escapes text the way the page's CMS would.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from demo_sites import SITES, Site
from demo_text import short_id, slugify, texturize

ARTICLES = Path(__file__).resolve().parent / "articles"


@dataclass(frozen=True)
class Page:
    key: str
    site: Site
    url: str
    title: str
    author: str
    published: datetime
    section: str
    paragraphs: tuple[str, ...]  # plain text, straight quotes
    #: Raw HTML paragraphs appended to the entry content (credits, "read more").
    extra_html: tuple[str, ...] = ()
    canonical: str | None = None  # defaults to url
    kind: str = "original"
    lang: str = "en"
    modified: datetime | None = None
    tags: tuple[str, ...] = ()
    #: The page this one was copied from; ``None`` for a first report.
    source: Page | None = None
    #: Whether the copy credits its sources (byline, footer or link).
    attributed: bool = False

    @property
    def canonical_url(self) -> str:
        return self.canonical or self.url


def parse_article(name: str) -> dict[str, object]:
    raw = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    meta: dict[str, object] = {}
    for line in head.splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    paras = tuple(p.strip().replace("\n", " ") for p in body.split("\n\n") if p.strip())
    meta["paragraphs"] = paras
    return meta


def article_url(site: Site, name: str, meta: dict[str, object], url_style: str) -> str:
    """The permalink an original gets under the site's URL scheme."""
    published = datetime.fromisoformat(str(meta["published"]))
    slug = slugify(str(meta["title"]))
    if url_style == "date-day":
        return f"{site.home}/{published:%Y/%m/%d}/{slug}/"
    if url_style == "date-month":
        return f"{site.home}/{published:%Y/%m}/{slug}/"
    if url_style == "section":
        return f"{site.home}/news/{slugify(str(meta['section']))}/{slug}/"
    if url_style == "ressort":
        return f"{site.home}/{slugify(str(meta['section']))}/{slug}/"
    if url_style == "wire":
        return f"{site.home}/article/{slug}-{short_id(name, 32)}"
    raise ValueError(url_style)


def original(key: str, site_key: str, name: str, url_style: str) -> Page:
    meta = parse_article(name)
    site = SITES[site_key]
    return Page(
        key=key,
        site=site,
        url=article_url(site, name, meta, url_style),
        title=str(meta["title"]),
        author=str(meta["author"]),
        published=datetime.fromisoformat(str(meta["published"])),
        section=str(meta["section"]),
        paragraphs=meta["paragraphs"],  # type: ignore[arg-type]
        lang=str(meta.get("lang", "en")),
    )


_WP_ENTITIES = {c: f"&#{ord(c)};" for c in "\u2018\u2019\u201c\u201d\u2014\u2013\u2026"}


def esc(text: str, page_or_site: Page | Site) -> str:
    """Escape text for HTML the way the page's CMS would."""
    site = page_or_site.site if isinstance(page_or_site, Page) else page_or_site
    lang = page_or_site.lang if isinstance(page_or_site, Page) else site.lang
    if not lang.startswith("de"):
        text = texturize(text)
    text = html.escape(text, quote=False)
    if site.wordpress and not lang.startswith("de"):
        text = "".join(_WP_ENTITIES.get(c, c) for c in text)
    return text
