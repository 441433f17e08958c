"""``expected.json``: the true provenance, read off the story graph.

Nothing here is written by hand.  Roles come from who copies whom, chains and
edges from each copy's ancestry (``Page.source``), ``not_linked`` from stories
with more than one first report, and conflicts from copies whose stated date
is earlier than their source's.  ``approx_containment`` is the share of the
source's 5-word shingles found in the copy.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from itertools import combinations

from demo_graph import Story, ancestors, role
from demo_pages import Page

EXPECTED_NAME = "expected.json"

_TAG = re.compile(r"<[^>]+>")


def plain_text(page: Page) -> str:
    parts = list(page.paragraphs)
    parts += [html.unescape(_TAG.sub("", h)) for h in page.extra_html]
    return "\n".join(parts)


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def containment(copy: Page, source: Page) -> float:
    """Share of the source's 5-word shingles found in the copy."""
    src = shingles(plain_text(source))
    return round(len(src & shingles(plain_text(copy))) / len(src), 2) if src else 0.0


def documents(pages: Sequence[Page]) -> list[dict[str, object]]:
    return [
        {"url": p.url, "site": p.site.name, "role": role(p, pages), "kind": p.kind} for p in pages
    ]


def chains(pages: Sequence[Page]) -> list[dict[str, object]]:
    """For each copy: itself, the intermediaries it came through, then the origin."""
    out: list[dict[str, object]] = []
    for p in pages:
        hops = ancestors(p)
        if not hops:
            continue
        chain = [{"url": p.url, "role": "copy"}]
        chain += [{"url": h.url, "role": "intermediary"} for h in hops[:-1]]
        chain.append({"url": hops[-1].url, "role": "origin"})
        out.append({"url": p.url, "chain": chain})
    return out


def edges(stories: Sequence[Story]) -> list[dict[str, object]]:
    """Copy → source for every ancestor: direct to the page copied, indirect beyond it."""
    return [
        {
            "copy_url": copy.url,
            "source_url": src.url,
            "attributed": copy.attributed,
            "approx_containment": containment(copy, src),
            "direct": i == 0,
        }
        for story in stories
        for copy in story.copies
        for i, src in enumerate(ancestors(copy))
    ]


def not_linked(stories: Sequence[Story]) -> list[list[str]]:
    """Independent first reports of the same story (they may share a quotation)."""
    return [[a.url, b.url] for story in stories for a, b in combinations(story.reports, 2)]


def conflicts(pages: Sequence[Page]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for p in pages:
        src = p.source
        if src is not None and p.published < src.published:
            out.append(
                {
                    "copy_url": p.url,
                    "source_url": src.url,
                    "type": "copy-published-before-source",
                    "copy_published": p.published.isoformat(),
                    "source_published": src.published.isoformat(),
                    # The stated dates are the only direction evidence and they point
                    # the wrong way: a correct tool links the pair and flags the
                    # conflict, but cannot be expected to get the direction right.
                    "direction_resolvable": False,
                }
            )
    return out


def expected(stories: Sequence[Story], pages: Sequence[Page]) -> dict[str, object]:
    """The whole ``expected.json`` document; ``pages`` are the stories' pages in crawl order."""
    return {
        "documents": documents(pages),
        "chains": chains(pages),
        "edges": edges(stories),
        "not_linked": not_linked(stories),
        "conflicts": conflicts(pages),
    }
