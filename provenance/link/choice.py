"""Which of a document's verified matches become edges: provenance is a tree.

Each copy came from one place.  A wire story carried by K sites matches every
pair of carriers, but storing every pair makes K(K-1)/2 edges; a document that
matches more than ``max_edges`` stored texts keeps instead:

1. **its source**, the first of
   a. the page it credits (nearest credit first, as the chain reads credits);
   b. else the earliest *confirmed original* among its matches: a text it copies
      by the evidence (a ``copy`` edge, not a wire ``sibling`` nor a tie) that
      itself copies none of the other matches;
   c. else the text it lies most inside (containment), then the most confident;
2. an edge into every further group of matches it links (a group is a set of
   stored texts joined by stored edges: one story): when the document is older
   than a group's original, that original becomes its copy, so the group's tree
   now ends at the document;
3. **alternates** up to ``max_edges`` in all: its next best sources, those
   linked to the chosen source first (they give the finding rules a second
   opinion without inventing a competing original);
4. beyond the bound, every stored page that **credits the document**: that
   page's chain must reach the credited page, and a page credits a few pages at
   most, so these stay linear in the number of documents.

Wire siblings count against the same bound, so sibling edges stay linear too.
The chosen source carries a ``chosen`` evidence item and an alternate an
``alternate`` one; :mod:`provenance.link.chain` prefers the chosen edge after
the credits.  A document with at most ``max_edges`` matches keeps them all, as
before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from provenance.evidence import Evidence
from provenance.link.candidates import CandidateLinks
from provenance.link.direction import credit_names
from provenance.store.base import EdgeRecord, StoredDocument

#: Evidence kinds marking the source a bounded document kept and its alternates.
CHOSEN = "chosen"
ALTERNATE = "alternate"

#: Credit rank of a source the copy names only by its canonical URL; of an uncredited one.
_CANONICAL_RANK = 50
_UNCREDITED = 99


@dataclass(frozen=True, slots=True)
class SourceRank:
    """Why one source comes before another (smaller is better), and the reason in words."""

    key: tuple[int, int, int, float, float, float, int]
    reason: str


def credit_rank(doc: StoredDocument, source: StoredDocument, attributed: bool) -> int:
    """The hop of ``doc``'s nearest credit naming ``source`` (1 without a hop); 50 when
    it only names it as its canonical; 99 when it does not credit it."""
    hops = [a.hop or 1 for a in doc.attributions if credit_names(a, source) is not None]
    if hops:
        return min(hops)
    return _CANONICAL_RANK if attributed else _UNCREDITED


def confirmed_original(edge: EdgeRecord, links: CandidateLinks) -> bool:
    """Does the evidence say the copy copied this source, which itself copies none of the
    other matches?"""
    return (
        edge.relation == "copy"
        and not any(e.kind == "tie" for e in edge.direction_evidence)
        and edge.source_id not in links.copies
    )


def rank_source(
    doc: StoredDocument, edge: EdgeRecord, source: StoredDocument, links: CandidateLinks
) -> SourceRank:
    """The rules of the module docstring as a sort key for ``doc``'s edge to ``source``."""
    credit = credit_rank(doc, source, edge.attributed)
    original = confirmed_original(edge, links)
    undated, when = 0, 0.0
    if original:  # dated originals first, by publication; the others by first sight
        undated = int(source.published is None)
        when = (source.published or source.first_seen).timestamp()
    key = (
        credit,
        0 if original else 1,
        undated,
        when,
        -edge.containment,
        -edge.confidence,
        edge.source_id,
    )
    if credit < _UNCREDITED:
        reason = "the page it credits"
    elif original:
        reason = "the earliest original among them"
    else:
        reason = "the text it lies most inside"
    return SourceRank(key, reason)


def _mark(edge: EdgeRecord, kind: str, detail: str) -> EdgeRecord:
    return replace(edge, evidence=(*edge.evidence, Evidence(kind, detail, 0.0)))


def choose_edges(
    doc: StoredDocument,
    edges: Sequence[EdgeRecord],
    others: Mapping[int, StoredDocument],
    links: CandidateLinks,
    max_edges: int = 3,
    matched: int | None = None,
) -> tuple[EdgeRecord, ...]:
    """The edges ``doc`` keeps of its verified ``edges`` (see the module docstring).

    ``others`` holds the document at the other end of each edge; ``links`` how those
    are linked to each other; ``matched`` how many similar texts it was compared with
    (for the evidence; defaults to ``len(edges)``).  With ``max_edges <= 0`` or no more edges
    than that, every edge is kept unchanged.
    """
    if max_edges <= 0 or len(edges) <= max_edges:
        return tuple(edges)
    total = matched if matched is not None else len(edges)
    as_copy = [e for e in edges if e.copy_id == doc.id]
    as_source = [e for e in edges if e.copy_id != doc.id]
    ranks = {e.source_id: rank_source(doc, e, others[e.source_id], links) for e in as_copy}
    ranked = sorted(as_copy, key=lambda e: ranks[e.source_id].key)

    def other(e: EdgeRecord) -> int:
        return e.source_id if e.copy_id == doc.id else e.copy_id

    kept: list[EdgeRecord] = []
    if ranked:
        primary = ranked[0]
        reason = ranks[primary.source_id].reason
        kept.append(_mark(primary, CHOSEN, f"source chosen among {total} similar texts: {reason}"))
    # beyond the bound: the stored pages that credit the document
    crediting = [e for e in as_source if e.attributed]
    groups = {links.group_of(other(e)) for e in (*kept, *crediting)}
    # a group whose original copies the document: that edge, so the group's tree
    # (its copies' chains) now ends at the document
    loose = [e for e in as_source if not e.attributed]
    rooted: set[int] = set()
    for e in _by_confidence([e for e in loose if e.copy_id not in links.copies]):
        g = links.group_of(e.copy_id)
        if g not in rooted and len(kept) < max_edges:
            rooted.add(g)
            groups.add(g)
            kept.append(e)
    # one edge into every further group: the best
    rest = [e for e in loose if e.copy_id in links.copies]
    for e in [*ranked[1:], *_by_confidence(rest)]:
        g = links.group_of(other(e))
        if g not in groups and len(kept) < max_edges:
            groups.add(g)
            kept.append(e if e.copy_id != doc.id else _alternate(e, total))
    if ranked:
        near = ranked[0].source_id
        done = {other(e) for e in kept}
        for e in sorted(ranked[1:], key=lambda e: not links.linked(e.source_id, near)):
            if len(kept) >= max_edges:
                break
            if e.source_id not in done:
                kept.append(_alternate(e, total))
    return tuple(sorted((*kept, *crediting), key=lambda e: (e.copy_id, e.source_id)))


def _by_confidence(edges: list[EdgeRecord]) -> list[EdgeRecord]:
    return sorted(edges, key=lambda e: (-e.confidence, e.copy_id))


def _alternate(edge: EdgeRecord, total: int) -> EdgeRecord:
    return _mark(edge, ALTERNATE, f"alternate source, one of {total} similar texts")


def is_chosen(edge: EdgeRecord) -> bool:
    return any(e.kind == CHOSEN for e in edge.evidence)


__all__ = [
    "ALTERNATE",
    "CHOSEN",
    "SourceRank",
    "choose_edges",
    "confirmed_original",
    "credit_rank",
    "is_chosen",
    "rank_source",
]
