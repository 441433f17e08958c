"""Story clusters: the documents one story reached, joined by copy and sibling edges.

A cluster is a connected set of the stored edge graph (credit-only provenance is
no edge and joins nothing).  It is computed by union-find over
:meth:`~provenance.store.base.Store.iter_edges`, read as a stream: memory holds
a few integers per *document*, never the edges.  Then, a batch of clusters at a
time, their documents are read to describe each one:

- its **origin**, where the members' chains end: of the members that copy no
  other member (the originals), the one most members credit, then the one most
  edges point to, then the earliest published, then the lowest id.  When that
  original itself credits a page that is not in the store (a wire story whose
  carriers credit AP, none of AP's pages stored), the chain ends at that credit:
  the origin URL is the credited one, not verified by any stored text;
- its **sites** (the origin's included), the share of the other members that
  credit the origin, and their lag behind it (median and max, from publication
  dates, else capture times, as :func:`~provenance.link.direction.lag_seconds`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from provenance.attribution.negatives import rank
from provenance.link.direction import (
    credit_keys,
    credit_names,
    doc_site_keys,
    identity_keys,
    is_credit,
    lag_seconds,
)
from provenance.model import Attribution
from provenance.sites import host_of, keys_match, site_key, url_key
from provenance.store.base import EdgeRecord, Store, StoredDocument

#: Documents read per query while describing clusters.
_BATCH = 500


@dataclass(frozen=True, slots=True)
class StoryCluster:
    """One story and every stored document it reached."""

    #: The smallest document id of the cluster (stable while its members are).
    id: int
    #: The stored original the members' chains reach (see the module docstring).
    origin_id: int
    #: Where the chains end: the origin's URL, or the page (``site:<name>`` without a
    #: link) it credits when that page is not in the store (then ``origin_verified`` is
    #: false).
    origin_url: str
    origin_site: str
    origin_verified: bool
    #: The story's headline: the title of the stored origin.
    title: str | None
    member_ids: tuple[int, ...]
    #: Distinct sites that carried the story, the origin's included.
    sites: tuple[str, ...]
    #: Share of the members other than the origin that credit it.
    credited_share: float
    #: Lag of the other members behind the origin, in seconds (None: no dates).
    median_lag_seconds: float | None
    max_lag_seconds: float | None

    @property
    def size(self) -> int:
        return len(self.member_ids)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "origin_id": self.origin_id,
            "origin_url": self.origin_url,
            "origin_site": self.origin_site,
            "origin_verified": self.origin_verified,
            "title": self.title,
            "member_ids": list(self.member_ids),
            "sites": list(self.sites),
            "credited_share": self.credited_share,
            "median_lag_seconds": self.median_lag_seconds,
            "max_lag_seconds": self.max_lag_seconds,
        }


class _Forest:
    """Union-find over document ids, with what the origin choice needs per document."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        #: Documents that copy another (the copy side of any edge).
        self.copies: set[int] = set()
        #: Per document: edges pointing to it, and those whose copy credits it.
        self.pointed: dict[int, int] = defaultdict(int)
        self.credited: dict[int, int] = defaultdict(int)

    def find(self, i: int) -> int:
        parent = self.parent
        root = parent.setdefault(i, i)
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def add(self, edge: EdgeRecord) -> None:
        a, b = self.find(edge.copy_id), self.find(edge.source_id)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
        self.copies.add(edge.copy_id)
        self.pointed[edge.source_id] += 1
        if edge.attributed:
            self.credited[edge.source_id] += 1

    def groups(self) -> list[list[int]]:
        """Every cluster's members, ascending; clusters by their smallest id."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in sorted(self.parent):
            out[self.find(i)].append(i)
        return list(out.values())


def _when(doc: StoredDocument) -> tuple[int, float]:
    if doc.published is not None:
        return (0, doc.published.timestamp())
    return (1, doc.first_seen.timestamp())


def _origin(members: list[StoredDocument], forest: _Forest) -> StoredDocument:
    originals = [d for d in members if d.id not in forest.copies] or members
    return min(
        originals,
        key=lambda d: (-forest.credited.get(d.id, 0), -forest.pointed.get(d.id, 0), _when(d), d.id),
    )


def _open_credit(origin: StoredDocument, members: list[StoredDocument]) -> Attribution | None:
    """The origin's best credit naming neither its own site nor another member: where
    its chain goes on, unverified (as :func:`provenance.link.chain.trace` does)."""
    own = doc_site_keys(origin)
    for att in sorted(origin.attributions, key=rank):
        if not is_credit(att) or any(keys_match(site_key(att.site), k) for k in own):
            continue
        if any(credit_names(att, m) for m in members):
            continue
        return att
    return None


def _same_credit(a: Attribution, b: Attribution) -> bool:
    ka, kb = credit_keys(a), credit_keys(b)
    if ka.url and ka.url == kb.url:
        return True
    return any(keys_match(x, y) for x in ka.sites for y in kb.sites)


def _credits(doc: StoredDocument, origin: StoredDocument, beyond: Attribution | None) -> bool:
    """Does ``doc`` credit the origin (its page or site, or the page it credits)?"""
    if doc.canonical_url and url_key(doc.canonical_url) in identity_keys(origin):
        return True
    for att in doc.attributions:
        if credit_names(att, origin) is not None:
            return True
        if beyond is not None and is_credit(att) and _same_credit(att, beyond):
            return True
    return False


def rounded_median(values: list[float]) -> float | None:
    """The median to 4 places, None for no values."""
    return round(statistics.median(values), 4) if values else None


def describe(members: list[StoredDocument], forest: _Forest) -> StoryCluster:
    """One cluster from its documents and the edge facts gathered in ``forest``."""
    origin = _origin(members, forest)
    beyond = _open_credit(origin, members)
    others = [d for d in members if d.id != origin.id]
    lags = [lag for d in others if (lag := lag_seconds(d, origin)) is not None]
    credited = sum(_credits(d, origin, beyond) for d in others)
    if beyond is None:
        url, site, verified = origin.url, origin.site_label, True
    else:
        url = beyond.url or beyond.site_url or f"site:{beyond.site}"
        site = beyond.site or host_of(beyond.url or beyond.site_url) or "?"
        verified = False
    return StoryCluster(
        id=min(d.id for d in members),
        origin_id=origin.id,
        origin_url=url,
        origin_site=site,
        origin_verified=verified,
        title=origin.title,
        member_ids=tuple(sorted(d.id for d in members)),
        sites=tuple(sorted({d.site_label for d in members})),
        credited_share=round(credited / len(others), 4) if others else 0.0,
        median_lag_seconds=rounded_median(lags),
        max_lag_seconds=round(max(lags), 4) if lags else None,
    )


def _batches(groups: list[list[int]]) -> Iterator[list[list[int]]]:
    """Clusters in batches of about ``_BATCH`` documents (a bigger cluster alone)."""
    batch: list[list[int]] = []
    size = 0
    for g in groups:
        if batch and size + len(g) > _BATCH:
            yield batch
            batch, size = [], 0
        batch.append(g)
        size += len(g)
    if batch:
        yield batch


def story_clusters(
    store: Store,
    *,
    edges: Iterable[EdgeRecord] | None = None,
    docs: Mapping[int, StoredDocument] | None = None,
) -> list[StoryCluster]:
    """Every story cluster of the store, the largest first (then by id).

    ``edges`` defaults to the store's, streamed; ``docs`` may hold documents already
    read (a report has them), the others are read in batches.
    """
    forest = _Forest()
    for edge in store.iter_edges() if edges is None else edges:
        forest.add(edge)
    known = docs or {}
    out: list[StoryCluster] = []
    for batch in _batches(forest.groups()):
        ids = [i for g in batch for i in g]
        missing = [i for i in ids if i not in known]
        loaded: dict[int, StoredDocument] = {}
        for start in range(0, len(missing), _BATCH):
            loaded.update(store.get_documents(missing[start : start + _BATCH]))
        for group in batch:
            members = [known.get(i) or loaded[i] for i in group if i in known or i in loaded]
            if len(members) >= 2:
                out.append(describe(members, forest))
    out.sort(key=lambda c: (-c.size, c.id))
    return out


__all__ = ["StoryCluster", "describe", "rounded_median", "story_clusters"]
