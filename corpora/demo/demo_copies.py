"""How one page's text becomes another's: the copy-desk operations of the demo web.

Light edits, RSS-style excerpts, the Yoast "appeared first on" credit line and
Daily Relay's feed repost.  Every function returns new text or a new
:class:`~demo_pages.Page`; which page copies which is decided in ``demo_stories``.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import datetime

from demo_pages import Page, esc
from demo_sites import SITES
from demo_text import attr, slugify


def at(iso: str) -> datetime:
    """A stated publication time, written as ISO 8601 with its UTC offset."""
    return datetime.fromisoformat(iso)


def edit(paragraphs: tuple[str, ...], *pairs: tuple[str, str]) -> tuple[str, ...]:
    """Apply light copy-desk edits; every ``old`` string must occur exactly once."""
    joined = "\n\n".join(paragraphs)
    for old, new in pairs:
        if joined.count(old) != 1:
            raise ValueError(f"edit target not unique: {old!r}")
        joined = joined.replace(old, new)
    return tuple(p for p in joined.split("\n\n") if p)


def excerpt(paragraphs: tuple[str, ...], fraction: float) -> tuple[str, ...]:
    """The first ``fraction`` of the words, cut inside a paragraph like an RSS excerpt."""
    budget = round(sum(len(p.split()) for p in paragraphs) * fraction)
    out: list[str] = []
    for para in paragraphs:
        words = para.split()
        if len(words) <= budget:
            out.append(para)
            budget -= len(words)
            continue
        if budget > 0:
            out.append(" ".join(words[:budget]) + " [\u2026]")
        break
    return tuple(out)


def yoast_footer(src: Page, *, links: bool = True) -> str:
    """The Yoast SEO RSS footer, as scraped from the source's feed."""
    title = esc(src.title, src)
    name = html.escape(src.site.name)
    if src.lang.startswith("de"):
        if links:
            return (
                f'<p>Der Beitrag <a rel="nofollow" href="{attr(src.url)}">{title}</a> erschien '
                f'zuerst auf <a rel="nofollow" href="{attr(src.site.home)}">{name}</a>.</p>'
            )
        return f"<p>Der Beitrag {title} erschien zuerst auf {name}.</p>"
    if links:
        return (
            f'<p>The post <a rel="nofollow" href="{attr(src.url)}">{title}</a> appeared first '
            f'on <a rel="nofollow" href="{attr(src.site.home)}">{name}</a>.</p>'
        )
    return f"<p>The post {title} appeared first on {name}.</p>"


def relay(key: str, src: Page, when: str, **kw: object) -> Page:
    """Daily Relay's dnyuz-like repost of a feed item: full text plus the Yoast footer."""
    dr = SITES["dr"]
    base = Page(
        key,
        dr,
        f"{dr.home}/{at(when):%Y/%m/%d}/{slugify(src.title)}/",
        src.title,
        src.author,
        at(when),
        src.section,
        src.paragraphs,
        extra_html=(yoast_footer(src),),
        kind="full-copy",
        source=src,
        attributed=True,
    )
    return replace(base, **kw)  # type: ignore[arg-type]
