"""Findings: what is wrong with a document's credits, judged from its stored edges.

Three conflicts are reported for a document:

- ``credit-mismatch``: it credits another site, but none of the documents its
  text matches is of that site;
- ``two-candidate-originals``: it copies two texts that do not match each other
  and no credit picks one;
- ``copy-claims-original``: it presents itself as the original (canonical,
  JSON-LD) while strong, unattributed evidence says it copies another text.

Matching refreshes the findings of each new document and of the neighbours its
new edges can change (:func:`refresh_findings`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from provenance.evidence import Finding
from provenance.link.direction import claims_original, credit_names, doc_site_keys, is_credit
from provenance.model import Attribution
from provenance.sites import keys_match, site_key
from provenance.store.base import EdgeRecord, Store, StoredDocument

#: Unattributed sources weighed against each other for ``two-candidate-originals``:
#: the strongest few are enough to tell whether two unrelated originals compete.
MAX_COMPETING_SOURCES = 8


def own_credits(doc: StoredDocument) -> list[Attribution]:
    """Non-wire credits naming a site other than the page's own."""
    own = doc_site_keys(doc)
    return [
        a
        for a in doc.attributions
        if is_credit(a)
        and a.kind != "wire-credit"
        and not any(keys_match(site_key(a.site), k) for k in own)
    ]


def _credit_mismatch(
    doc: StoredDocument, edges: Sequence[EdgeRecord], neighbours: Mapping[int, StoredDocument]
) -> Finding | None:
    """A ``credit-mismatch`` when no matching document is of a site the page credits."""
    credits = own_credits(doc)
    if not credits or not neighbours:
        return None
    if any(credit_names(a, n) for a in credits for n in neighbours.values()):
        return None
    nearest = min(credits, key=lambda a: a.hop or 0)
    best = max((e for e in edges), key=lambda e: (e.copy_id == doc.id, e.confidence))
    other = best.source_id if best.copy_id == doc.id else best.copy_id
    o = neighbours[other]
    return Finding(
        "credit-mismatch",
        f"credits {nearest.site or nearest.url!s} but its text matches "
        f"{o.url} ({o.site_label}); no document of the credited site matches",
        doc.id,
        other,
        doc.url,
        o.url,
    )


def _stories(ids: Sequence[int], linked: set[tuple[int, int]]) -> dict[int, int]:
    """Each of ``ids`` -> the smallest id it is linked to through ``linked`` pairs among them.

    A page that matched many texts keeps only its source and two alternates
    (:mod:`provenance.link.choice`): two of them may both copy the third without
    matching each other directly, and they are still one story."""
    story = {i: i for i in ids}
    changed = True
    while changed:
        changed = False
        for a, b in linked:
            if a in story and b in story and story[a] != story[b]:
                story[a] = story[b] = min(story[a], story[b])
                changed = True
    return story


def _competing_originals(
    store: Store,
    doc: StoredDocument,
    as_copy: Sequence[EdgeRecord],
    neighbours: Mapping[int, StoredDocument],
) -> list[Finding]:
    """``two-candidate-originals`` for each pair of uncredited sources that do not match,
    not even through another of those sources."""
    credited = {
        e.source_id
        for e in as_copy
        if any(credit_names(a, neighbours[e.source_id]) for a in doc.attributions)
    }
    loose = sorted(
        (e for e in as_copy if e.source_id not in credited), key=lambda e: -e.confidence
    )[:MAX_COMPETING_SOURCES]
    if len(as_copy) < 2 or credited:
        return []
    out: list[Finding] = []
    story = _stories([e.source_id for e in loose], store.edge_pairs([e.source_id for e in loose]))
    for i, e1 in enumerate(loose):
        for e2 in loose[i + 1 :]:
            pair = (e1.source_id, e2.source_id)
            a, b = neighbours[pair[0]], neighbours[pair[1]]
            if story[pair[0]] != story[pair[1]] and a.url != b.url:
                out.append(
                    Finding(
                        "two-candidate-originals",
                        f"text matches {a.url} and {b.url}, which do not match each "
                        "other, and no credit picks one",
                        doc.id,
                        b.id,
                        doc.url,
                        b.url,
                    )
                )
    return out


def _copy_claims_original(
    doc: StoredDocument, as_copy: Sequence[EdgeRecord], neighbours: Mapping[int, StoredDocument]
) -> Finding | None:
    """A ``copy-claims-original`` when a self-declared original confidently copies a text."""
    if not as_copy or not claims_original(doc):
        return None
    strong = max(as_copy, key=lambda e: e.confidence)
    if strong.confidence >= 0.7 and not strong.attributed:
        src = neighbours[strong.source_id]
        return Finding(
            "copy-claims-original",
            f"presents itself as the original (canonical/JSON-LD) but evidence says it "
            f"copies {src.url} (confidence {strong.confidence:.2f})",
            doc.id,
            src.id,
            doc.url,
            src.url,
        )
    return None


def findings_for(store: Store, doc_id: int) -> list[Finding]:
    """Conflicts around one document, from its stored edges and credits."""
    doc = store.get_documents([doc_id]).get(doc_id)
    if doc is None or doc.status != "ok":
        return []
    edges = store.edges_of(doc_id)
    neighbour_ids = {e.source_id if e.copy_id == doc_id else e.copy_id for e in edges}
    neighbours = store.get_documents(sorted(neighbour_ids))
    out: list[Finding] = []
    mismatch = _credit_mismatch(doc, edges, neighbours)
    if mismatch is not None:
        out.append(mismatch)
    as_copy = [e for e in edges if e.copy_id == doc_id and e.relation == "copy"]
    out.extend(_competing_originals(store, doc, as_copy, neighbours))
    claim = _copy_claims_original(doc, as_copy, neighbours)
    if claim is not None:
        out.append(claim)
    return out


def _needs_refresh(store: Store, other: StoredDocument, new: StoredDocument, copy_id: int) -> bool:
    """Can a new edge between ``new`` and ``other`` change ``other``'s findings?

    Only if ``new`` is a source of it, it already has findings (which may now
    resolve), or it credits a site and ``new`` is of that site or is its first
    text match.  Refreshing every neighbour would be quadratic in big wire clusters.
    """
    if copy_id == other.id or store.findings([other.id]):
        return True
    credits = own_credits(other)
    if not credits:
        return False
    return any(credit_names(a, new) for a in credits) or store.edge_count(other.id) == 1


def refresh_findings(store: Store, doc: StoredDocument, edges: Sequence[EdgeRecord]) -> None:
    """Rewrite the findings of a just-matched document and of the neighbours its edges change."""
    store.replace_findings(doc.id, findings_for(store, doc.id))
    others = {(e.source_id if e.copy_id == doc.id else e.copy_id): e.copy_id for e in edges}
    neighbours = store.get_documents(sorted(others))
    for other_id, copy_id in sorted(others.items()):
        if _needs_refresh(store, neighbours[other_id], doc, copy_id):
            store.replace_findings(other_id, findings_for(store, other_id))


__all__ = ["findings_for", "own_credits", "refresh_findings"]
