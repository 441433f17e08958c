"""The shape of the story graph, and what is read off it.

A :class:`Story` groups the pages about one news event.  A copy points at the
page it was copied from through ``Page.source``; nothing else records who
copies whom.  A page's role, its chain back to the origin and the crawl-ordered
page list are all computed here from those links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from demo_pages import Page


@dataclass(frozen=True)
class Story:
    """One news event: its first report(s), then its copies in the order they were made."""

    name: str
    pages: tuple[Page, ...]

    @property
    def reports(self) -> tuple[Page, ...]:
        """The pages that reported the story first-hand (copied from nothing)."""
        return tuple(p for p in self.pages if p.source is None)

    @property
    def copies(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.source is not None)


def ancestors(page: Page) -> list[Page]:
    """Where the page's text came from, nearest first: its source, that page's source…"""
    out: list[Page] = []
    src = page.source
    while src is not None:
        out.append(src)
        src = src.source
    return out


def role(page: Page, pages: Iterable[Page]) -> str:
    """``origin``, ``copy``, ``intermediary`` (a copy that was copied) or ``independent``."""
    copied = any(p.source is not None and p.source.key == page.key for p in pages)
    if page.source is not None:
        return "intermediary" if copied else "copy"
    return "origin" if copied else "independent"


def check_story(story: Story) -> None:
    """Every copy in a story descends from one of that story's first reports."""
    for page in story.copies:
        root = ancestors(page)[-1]
        if not any(root is r for r in story.reports):
            raise ValueError(f"{page.key} descends from {root.key}, not from {story.name!r}")


def in_order(stories: Iterable[Story], order: Sequence[str]) -> list[Page]:
    """Every page of the stories, in ``order`` (page keys), after checking the graph is whole."""
    by_key: dict[str, Page] = {}
    for story in stories:
        check_story(story)
        for page in story.pages:
            if page.key in by_key:
                raise ValueError(f"page listed twice: {page.key}")
            by_key[page.key] = page
    if sorted(order) != sorted(by_key):
        raise ValueError("the page order must list every page of the stories exactly once")
    for page in by_key.values():
        if page.source is not None and by_key.get(page.source.key) is not page.source:
            raise ValueError(f"{page.key} copies a page outside the graph: {page.source.key}")
    return [by_key[k] for k in order]
