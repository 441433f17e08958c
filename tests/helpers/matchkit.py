"""Fictional article texts and Article builders for the matching tests."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from provenance.model import Article, Attribution

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)

_VOCABULARY = """
harbour council river valley lantern festival orchard mayor bridge tram ferry
archive museum painter quarry glacier meadow bakery cobbler tailor violin choir
market square tower clock storm harvest pepper walnut copper silver marble
granite engineer nurse teacher farmer pilot sailor baker miner weaver potter
carpenter announced confirmed reported delayed opened closed repaired painted
measured counted visited praised warned promised expected rejected approved
funded launched paused north south eastern western upper lower coastal inland
rural urban ancient modern quietly quickly early late suddenly gradually finally
briefly openly jointly residents officials visitors students workers neighbours
volunteers families crews budget schedule permit contract survey report plan
vote meeting hearing petition tunnel road canal dock pier station library school
clinic stadium theatre garden rain wind snow frost fog heat drought flood tide
dawn dusk evening morning night blue green amber crimson golden pale dark bright
narrow wide steep gentle seven twelve forty hundred thousand dozen several many
few both through across beside beneath after before during within without toward
"""
_WORDS = tuple(_VOCABULARY.split())


#: A wire-style lede and a quoted statement, for the shared-passage tests.
LEDE = (
    "The old lighthouse at Carrow Point went dark on Sunday night for the first time in "
    "ninety years after a storm tore through the cliffs above the harbour"
)
STATEMENT = (
    "We will rebuild the lamp before the winter fishing season and every keeper who "
    "served here will be invited to light it again"
)


def words(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(_WORDS) for _ in range(n)]


def text(seed: int, n: int = 400) -> str:
    """``n`` words of deterministic fictional prose, in sentences of 8-15 words."""
    ws = words(seed, n)
    rng = random.Random(seed + 7919)
    out, i = [], 0
    while i < len(ws):
        k = rng.randint(8, 15)
        chunk = ws[i : i + k]
        out.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
        i += k
    return " ".join(out)


def excerpt(full: str, share: float) -> str:
    """The first ``share`` of ``full``'s words."""
    ws = full.split()
    return " ".join(ws[: max(1, round(len(ws) * share))])


def article(
    url: str,
    body: str,
    *,
    site: str | None = None,
    hours: float | None = 0.0,
    seen_hours: float = 0.0,
    credits: tuple[Attribution, ...] = (),
    canonical: str | None = None,
    title: str | None = None,
) -> Article:
    return Article(
        url=url,
        source=url,
        canonical_url=canonical,
        title=title or f"Story at {url}",
        site_name=site,
        published=None if hours is None else T0 + timedelta(hours=hours),
        text=body,
        attributions=credits,
        fetched_at=T0 + timedelta(hours=seen_hours),
    )


def credit(
    site: str | None = None,
    url: str | None = None,
    *,
    kind: str = "appeared-first-on",
    hop: int | None = None,
    role: str | None = None,
) -> Attribution:
    label = site or url or "?"
    return Attribution(
        kind=kind,
        text=f"The post appeared first on {label}.",
        site=site,
        url=url,
        position="footer",
        hop=hop,
        role=role,
    )
