"""Candidate lookup: which stored documents a new one may copy or be copied by.

The key functions live in :mod:`provenance.fingerprint.keys`; this module asks
the store for the documents that share them.

Storage
-------
Each document adds ``b`` rows ``(band, key, doc_id)`` to a WITHOUT ROWID table
keyed on ``(band, key, doc_id)``; a query is ``b`` index seeks and never loads
the index into memory, so memory stays flat as the store grows.  Keys are the
``r`` MinHash values of the band folded into a non-negative 31-bit integer (4 bytes
in SQLite; at 10**6 documents a chance key collision gives ~3 % of queries one
extra candidate, which verification drops).

Hot stories
-----------
A story carried by K sites makes every new carrier a candidate of the K-1
stored ones.  Verifying them all is quadratic work, and it is useless: the
stored carriers already match each other.  :func:`candidate_links` tells from
the stored edges which candidates belong together (one *group* per connected
set) and which of them copy another; above ``MatchConfig.hot_candidates``
candidates, :func:`shortlist` picks the few worth verifying from cheap facts
kept per matching run in a :class:`CandidateCache`: the pages the document
credits and those crediting it, each group's earliest originals, and the best
contained by the signature estimate.  Each candidate's metadata and signature is
read once per run, not once per new carrier.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

import numpy as np

from provenance.fingerprint.keys import band_keys, passage_key_array, passage_keys_by_part
from provenance.fingerprint.minhash import (
    Fingerprint,
    FingerprintParams,
    containment_from_jaccard,
    shingle_hash_array,
)
from provenance.fingerprint.shingling import shingle_hashes_by_part
from provenance.link.direction import (
    CreditKeys,
    credit_keys,
    doc_site_keys,
    identity_keys,
    names_keys,
)
from provenance.sites import host_of, url_key
from provenance.store.base import Store, StoredDocument

log = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Candidate:
    doc_id: int
    #: Number of bands shared with the query.
    bands: int
    #: Number of passage keys shared with the query.
    passages: int = 0


class LSHIndex:
    """Candidate lookup over the band keys in a :class:`~provenance.store.base.Store`."""

    def __init__(
        self,
        store: Store,
        params: FingerprintParams,
        *,
        min_passage_keys: int = 1,
        max_postings: int = 50,
    ) -> None:
        self._store = store
        self._params = params
        #: Passage keys two texts must share to become candidates on passages alone.
        self.min_passage_keys = min_passage_keys
        #: A passage key held by more documents than this is boilerplate: ignored.
        self.max_postings = max_postings

    def keys(self, fp: Fingerprint) -> list[tuple[int, int]]:
        self._params.require_same(fp.params, "a fingerprint and the index")
        return band_keys(fp)

    def passage_keys(self, text: str) -> list[int]:
        """The passage keys of ``text`` (empty when the passage index is off)."""
        w = self._params.passage_window
        if w <= 0 or not text:
            return []
        keys: list[int] = passage_key_array(shingle_hash_array(text, self._params), w).tolist()
        return keys

    def paragraph_passage_keys(
        self, paragraphs: Sequence[str]
    ) -> tuple[np.ndarray[Any, np.dtype[np.intp]], np.ndarray[Any, np.dtype[np.int64]]]:
        """:meth:`passage_keys` of every paragraph, computed in one pass: ``(paragraph
        index, key)`` pairs, sorted, distinct within a paragraph."""
        p = self._params
        hashes, counts = shingle_hashes_by_part(
            paragraphs, p.shingle_size, p.char_shingle_size, p.unspaced_ratio
        )
        return passage_keys_by_part(hashes, counts, p.passage_window)

    def candidates(
        self,
        doc_id: int,
        fp: Fingerprint,
        text: str | None = None,
        keys: Sequence[int] | None = None,
    ) -> list[Candidate]:
        """Documents with a lower id sharing a band with ``fp``, or at least
        ``min_passage_keys`` passage keys with ``text`` (other URLs only).

        Looking only at lower ids makes every pair be considered exactly once,
        when its newer document is matched, whatever order or how many runs
        (a crash and rerun included) the matching takes.
        """
        if fp.too_short or fp.shingle_count == 0:
            return []
        if keys is None:  # ``keys``: the text's passage keys, when already computed
            keys = self.passage_keys(text) if text else []
        hits, passages = self._store.index_candidates(
            doc_id, self.keys(fp), keys, self.max_postings
        )
        ids = set(hits) | {d for d, n in passages.items() if n >= self.min_passage_keys}
        return [Candidate(d, hits.get(d, 0), passages.get(d, 0)) for d in sorted(ids)]


@dataclass(frozen=True, slots=True)
class CandidateLinks:
    """How a document's candidates are linked to each other by stored edges."""

    #: Candidate id -> its group: the smallest id of the candidates connected to it.
    group: Mapping[int, int]
    #: Candidates that copy another candidate (the copy side of an edge between two).
    copies: frozenset[int]
    #: Linked pairs, each as ``(smaller id, larger id)``.
    pairs: frozenset[tuple[int, int]]

    def linked(self, a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in self.pairs

    def group_of(self, doc_id: int) -> int:
        return self.group.get(doc_id, doc_id)


def candidate_links(store: Store, ids: Sequence[int]) -> CandidateLinks:
    """Groups of ``ids`` connected by stored edges among them (one query: the edges of a
    bounded-degree graph, so linear in ``ids``)."""
    ids = list(dict.fromkeys(ids))
    found = store.edge_pairs(ids) if len(ids) > 1 else set()
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in found:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return CandidateLinks(
        group={i: root(i) for i in ids},
        copies=frozenset(a for a, b in found if a in parent and b in parent),
        pairs=frozenset((min(a, b), max(a, b)) for a, b in found),
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """What :func:`shortlist` needs of a stored document, its keys computed once."""

    id: int
    #: :func:`~provenance.link.direction.identity_keys` and ``doc_site_keys``.
    identity: frozenset[str]
    sites: frozenset[str]
    #: URL key of a canonical URL on another host (it credits that page), if any.
    canonical: str | None
    #: Every attribution of the page, as keys (canonical and og:url ones included).
    credits: tuple[CreditKeys, ...]
    published: datetime | None
    first_seen: datetime

    @property
    def when(self) -> tuple[int, float]:
        """Sort key: dated pages first, by publication; the others by first sight."""
        if self.published is not None:
            return (0, self.published.timestamp())
        return (1, self.first_seen.timestamp())

    def names(self, other: Profile) -> int | None:
        """The hop of this page's nearest credit naming ``other`` (1 when the credit
        has no hop or is a canonical URL), else None."""
        hops = [c.hop or 1 for c in self.credits if names_keys(c, other.identity, other.sites)]
        if self.canonical and self.canonical in other.identity:
            hops.append(1)
        return min(hops) if hops else None


def profile(doc: StoredDocument) -> Profile:
    canonical = None
    if doc.canonical_url and host_of(doc.canonical_url) != host_of(doc.url):
        canonical = url_key(doc.canonical_url)
    return Profile(
        id=doc.id,
        identity=frozenset(identity_keys(doc)),
        sites=frozenset(doc_site_keys(doc)),
        canonical=canonical,
        credits=tuple(credit_keys(a) for a in doc.attributions),
        published=doc.published,
        first_seen=doc.first_seen,
    )


class CandidateCache:
    """Signatures and :class:`Profile` s of candidates for one matching run.

    Both are kept in bounded least-recently-used maps, so a hot story's carriers are
    read from the store once per run however many later carriers find them again.
    Stored documents do not change while they are matched against, so the cache
    changes no result, only how often the store is asked.
    """

    def __init__(self, store: Store, size: int = 20_000) -> None:
        self._store = store
        self.size = size
        self._sigs: OrderedDict[int, Fingerprint] = OrderedDict()
        self._profiles: OrderedDict[int, Profile] = OrderedDict()

    def signatures(self, ids: Iterable[int]) -> dict[int, Fingerprint]:
        return self._get(self._sigs, list(ids), self._store.get_signatures)

    def profiles(self, ids: Iterable[int]) -> dict[int, Profile]:
        def load(missing: Sequence[int]) -> dict[int, Profile]:
            docs = self._store.get_documents(missing)
            return {i: profile(d) for i, d in docs.items() if d.status == "ok"}

        return self._get(self._profiles, list(ids), load)

    def _get(
        self,
        cache: OrderedDict[int, _T],
        ids: list[int],
        load: Callable[[Sequence[int]], Mapping[int, _T]],
    ) -> dict[int, _T]:
        missing = [i for i in ids if i not in cache]
        if missing:
            cache.update(load(missing))
        out: dict[int, _T] = {}
        for i in ids:
            if i in cache:
                cache.move_to_end(i)
                out[i] = cache[i]
        while len(cache) > max(self.size, len(ids)):
            cache.popitem(last=False)
        return out


@dataclass(frozen=True, slots=True)
class ShortlistConfig:
    """How many candidates of each kind :func:`shortlist` keeps."""

    #: Pages the document credits (by URL or site), nearest credit first.
    credited: int = 8
    #: Earliest candidates with no source among the candidates: originals.
    originals: int = 4
    #: Best contained: the document inside the candidate, and the reverse.
    contained: int = 4
    containing: int = 2
    #: Groups (stories) other than those already picked, each by its best candidate.
    groups: int = 4


def shortlist(
    doc: StoredDocument,
    fp: Fingerprint,
    cands: Sequence[Candidate],
    cache: CandidateCache,
    links: CandidateLinks,
    config: ShortlistConfig | None = None,
) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates worth verifying, and the rest best first (to fall back on).

    Kept: every candidate crediting ``doc`` (its chain needs the link), the pages
    ``doc`` credits, the earliest originals (no source among the candidates), the
    best contained either way by the signature estimate, and the best of each
    further group.  Cost: linear in ``cands`` with small constants (cached keys,
    one vectorised signature comparison).
    """
    config = config or ShortlistConfig()
    sigs = cache.signatures(c.doc_id for c in cands)
    profs = cache.profiles(c.doc_id for c in cands)
    usable = [c for c in cands if c.doc_id in profs and c.doc_id in sigs]
    usable = [c for c in usable if not sigs[c.doc_id].too_short]
    if not usable:
        return [], []
    mine = profile(doc)
    matrix = np.stack([sigs[c.doc_id].hashvalues for c in usable])
    shared = np.count_nonzero(matrix == fp.hashvalues, axis=1) / fp.params.num_perm
    inside: dict[int, float] = {}  # doc inside the candidate
    holds: dict[int, float] = {}  # the candidate inside doc
    for c, j in zip(usable, shared.tolist(), strict=True):
        size = sigs[c.doc_id].shingle_count
        inside[c.doc_id] = containment_from_jaccard(j, fp.shingle_count, size)
        holds[c.doc_id] = containment_from_jaccard(j, size, fp.shingle_count)
    picked: dict[int, None] = {}

    def take(ranked: Iterable[Candidate], n: int | None = None) -> None:
        for c in islice(ranked, n):
            picked.setdefault(c.doc_id)

    def best(c: Candidate) -> tuple[float, int, int]:
        return (-max(inside[c.doc_id], holds[c.doc_id]), -c.bands, -c.doc_id)

    take(c for c in usable if profs[c.doc_id].names(mine) is not None)
    credited = [(h, c) for c in usable if (h := mine.names(profs[c.doc_id])) is not None]
    credited.sort(key=lambda hc: (hc[0], profs[hc[1].doc_id].when, hc[1].doc_id))
    take((c for _, c in credited), config.credited)
    originals = [c for c in usable if c.doc_id not in links.copies]
    originals.sort(key=lambda c: (profs[c.doc_id].when, c.doc_id))
    take(originals, config.originals)
    take(sorted(usable, key=lambda c: (-inside[c.doc_id], -c.bands, -c.doc_id)), config.contained)
    take(sorted(usable, key=lambda c: (-holds[c.doc_id], -c.bands, -c.doc_id)), config.containing)
    ranked = sorted(usable, key=best)
    seen = {links.group_of(i) for i in picked}
    extra = 0
    for c in ranked:
        g = links.group_of(c.doc_id)
        if extra < config.groups and g not in seen:
            seen.add(g)
            picked.setdefault(c.doc_id)
            extra += 1
    by_id = {c.doc_id: c for c in usable}
    short = [by_id[i] for i in picked]
    rest = [c for c in ranked if c.doc_id not in picked]
    return short, rest


__all__ = [
    "Candidate",
    "CandidateCache",
    "CandidateLinks",
    "LSHIndex",
    "Profile",
    "ShortlistConfig",
    "candidate_links",
    "profile",
    "shortlist",
]
