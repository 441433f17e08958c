"""The seed case, and credit-only provenance in the report.

A dnyuz.com repost of an Al Jazeera article credits "Al Jazeera" in plain text;
Al Jazeera's own page carries "Source: Al Jazeera and news agencies".  The chain
is exactly dnyuz.com (copy) → aljazeera.com (origin): the own-site source line
adds no hop beyond Al Jazeera.  (Page texts are our own fictional prose.)
"""

from __future__ import annotations

from pathlib import Path

from provenance.model import Page
from provenance.tracker import Tracker
from tests.helpers.matchkit import text

TITLE = "Harbour council approves night ferries after long debate"
ORIGIN = "https://www.aljazeera.com/news/2024/5/1/harbour-council-approves-night-ferries"
COPY = "https://dnyuz.com/2024/05/01/harbour-council-approves-night-ferries/"


def _page(url: str, site: str, published: str, paragraphs: list[str], footer: str) -> Page:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}"></head>
<body><article><h1>{TITLE}</h1>{body}<p>{footer}</p></article></body></html>"""
    return Page(content=html.encode("utf-8"), url=url, source=url)


def _paragraphs() -> list[str]:
    sentences = text(11, 420).split(". ")
    return [". ".join(sentences[i : i + 4]) + "." for i in range(0, len(sentences), 4)]


def test_seed_chain_ends_at_al_jazeera(tmp_path: Path) -> None:
    origin = _page(
        ORIGIN, "Al Jazeera", "2024-05-01T08:00:00+00:00", _paragraphs(),
        "Source: Al Jazeera and news agencies",
    )  # fmt: skip
    copy = _page(
        COPY, "DNyuz", "2024-05-01T11:30:00+00:00", _paragraphs(),
        f"The post {TITLE} appeared first on Al Jazeera.",
    )  # fmt: skip
    with Tracker(tmp_path / "seed.db") as tracker:
        tracker.ingest([origin, copy])
        tracker.match()
        trace = tracker.trace(COPY)
        own = tracker.trace(ORIGIN)
        report = tracker.report()
    assert [(h.role, h.url) for h in trace.chain] == [("copy", COPY), ("origin", ORIGIN)]
    assert trace.origin.verified
    assert [(h.role, h.url) for h in own.chain] == [("origin", ORIGIN)]
    assert [(e.copy_url, e.source_url, e.relation, e.attributed) for e in report.edges] == [
        (COPY, ORIGIN, "copy", True)
    ]


def test_a_credit_no_text_confirms_gets_a_credit_only_row(tmp_path: Path) -> None:
    page = _page(
        "https://mirror.example/ferry", "Mirror", "2024-05-02T08:00:00+00:00", _paragraphs(),
        "This story originally appeared on Harbour Times.",
    )  # fmt: skip
    with Tracker(tmp_path / "c.db") as tracker:
        tracker.ingest([page])
        tracker.match()
        report = tracker.report()
        trace = tracker.trace("https://mirror.example/ferry")
    [row] = report.edges
    assert (row.copy_url, row.source_url, row.relation) == (
        "https://mirror.example/ferry",
        "site:Harbour Times",
        "credit-only",
    )
    assert row.attributed and row.lag_seconds is None
    assert [h.role for h in trace.chain] == ["copy", "origin"]
    assert trace.origin.site == "Harbour Times" and not trace.origin.verified
