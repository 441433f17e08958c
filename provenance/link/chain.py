"""Follow source edges from a document to its origin.

At each hop the best source edge is taken: first the source named by the
nearest credit (``Attribution.hop == 1`` names the site the page copied
from), then the source matching chose for a page that matched many texts
(:mod:`provenance.link.choice`), then plain copies before wire siblings, then
confidence and containment.  Visited documents are never revisited: an edge back into the
chain is reported as a cycle.  When the last stored document credits a site
that no stored text matches, a final ``credit-only`` hop records the claim
unverified.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from provenance.attribution.negatives import rank
from provenance.errors import DocumentNotFound
from provenance.evidence import Evidence, Finding
from provenance.link.choice import is_chosen
from provenance.link.direction import credit_names, doc_site_keys, is_credit
from provenance.model import Attribution, HopRole
from provenance.sites import domain_key, host_of, keys_match, site_key
from provenance.store.base import EdgeRecord, Store, StoredDocument


@dataclass(frozen=True, slots=True)
class Hop:
    """One page in a chain; a ``credit-only`` hop has no ``doc_id`` and, when the
    credit carried no link, the url ``site:<credited name>``."""

    url: str
    site: str | None
    title: str | None
    published: datetime | None
    #: "copy" (the traced page), "intermediary" or "origin".
    role: HopRole
    #: Why this hop follows the previous one (empty for the first hop).
    evidence: tuple[Evidence, ...] = ()
    doc_id: int | None = None

    @property
    def verified(self) -> bool:
        return self.doc_id is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "role": self.role,
            "doc_id": self.doc_id,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Trace:
    url: str
    chain: tuple[Hop, ...]
    cycles: tuple[tuple[str, ...], ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def origin(self) -> Hop:
        return self.chain[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "chain": [h.to_dict() for h in self.chain],
            "cycles": [list(c) for c in self.cycles],
            "findings": [f.to_dict() for f in self.findings],
        }


def resolve(store: Store, ref: str | int) -> StoredDocument:
    """The stored document for an id or URL (latest revision of that URL)."""
    doc: StoredDocument | None = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        doc = store.get_documents([int(ref)]).get(int(ref))
    else:
        doc = store.latest_revision(ref)
    if doc is None or doc.status != "ok":
        raise DocumentNotFound(
            f"no extracted document for {ref!r} in the store: ingest it first "
            "(or trace with a fetch function)"
        )
    return doc


def credit_targets(store: Store, att: Attribution) -> list[StoredDocument]:
    """Stored documents a credit points to: by URL, else by site name or domain."""
    if att.url:
        found = store.find_by_url(att.url)
        if found:
            return found
    for key in (site_key(att.site), domain_key(att.site_url), domain_key(att.url)):
        if key:
            found = store.find_by_site(key)
            if found:
                return found
    return []


def _credit_rank(doc: StoredDocument, source: StoredDocument) -> int:
    hops = [a.hop or 1 for a in doc.attributions if credit_names(a, source) is not None]
    return min(hops) if hops else 99


def _hop(doc: StoredDocument, role: HopRole, evidence: tuple[Evidence, ...]) -> Hop:
    return Hop(
        url=doc.url, site=doc.site_label, title=doc.title, published=doc.published,
        role=role, evidence=evidence, doc_id=doc.id,
    )  # fmt: skip


def _open_credits(
    store: Store, doc: StoredDocument, chain_docs: list[StoredDocument]
) -> list[Attribution]:
    """Credits of ``doc`` naming no document already in the chain nor its own site."""
    own = doc_site_keys(doc)
    out = []
    for att in sorted(doc.attributions, key=rank):
        if not is_credit(att):
            continue
        if any(keys_match(site_key(att.site), k) for k in own):
            continue
        if any(credit_names(att, d) for d in chain_docs):
            continue
        out.append(att)
    return out


def _credit_hop(store: Store, att: Attribution) -> Hop:
    in_store = credit_targets(store, att)
    detail = f"credited as {att.kind}: {att.text.strip()[:160]!r}"
    if in_store:
        detail += f"; {len(in_store)} stored document(s) of that site, none matches the text"
    else:
        detail += "; not in the store, unverified"
    url = att.url or att.site_url or f"site:{att.site}"
    site = att.site or host_of(att.site_url or att.url)
    return Hop(
        url=url, site=site, title=att.title, published=None, role="origin",
        evidence=(Evidence("credit-only", detail, 0.0),),
    )  # fmt: skip


@dataclass(slots=True)
class _Walk:
    """The documents a trace has followed, the evidence for each step and loops met."""

    docs: list[StoredDocument]
    #: Per document, why it follows the previous one (empty for the first).
    evidence: list[tuple[Evidence, ...]]
    cycles: list[tuple[str, ...]] = field(default_factory=list)
    #: Stopped before a wire sibling because a credited wire service is not stored.
    stopped_for_wire: bool = False


def _next_source(store: Store, walk: _Walk) -> tuple[EdgeRecord, StoredDocument] | None:
    """The best source edge of the walk's last document that leaves the chain, if any.

    Edges leading back into the chain are recorded in ``walk.cycles`` and skipped.
    """
    cur = walk.docs[-1]
    edges = store.sources_of(cur.id)
    sources = store.get_documents([e.source_id for e in edges])

    def order(e: EdgeRecord) -> tuple[int, int, int, float, float]:
        return (
            _credit_rank(cur, sources[e.source_id]),
            0 if is_chosen(e) else 1,
            0 if e.relation == "copy" else 1,
            -e.confidence,
            -e.containment,
        )

    visited = {d.id: i for i, d in enumerate(walk.docs)}
    for e in sorted(edges, key=order):
        if e.source_id in visited:
            loop = [d.url for d in walk.docs[visited[e.source_id] :]] + [sources[e.source_id].url]
            walk.cycles.append(tuple(loop))
            continue
        return e, sources[e.source_id]
    return None


def _walk(store: Store, start: StoredDocument, max_hops: int) -> _Walk:
    """Follow the best source edges from ``start`` for at most ``max_hops`` documents.

    The walk stops before a wire sibling when the page credits a wire service
    that is not in the store: the sibling is not where the text came from.
    """
    walk = _Walk([start], [()])
    while len(walk.docs) < max_hops:
        cur = walk.docs[-1]
        found = _next_source(store, walk)
        if found is None:
            break
        nxt, src = found
        if nxt.relation == "sibling" and any(
            a.kind == "wire-credit" and not credit_targets(store, a)
            for a in _open_credits(store, cur, walk.docs)
        ):
            walk.stopped_for_wire = True
            break
        walk.docs.append(src)
        walk.evidence.append(
            nxt.direction_evidence + tuple(x for x in nxt.evidence if x.kind != "bands")
        )
    return walk


def _hops(store: Store, walk: _Walk) -> list[Hop]:
    """The walk as hops with their roles, plus a ``credit-only`` origin if one is credited."""
    hops = [_hop(d, "intermediary", ev) for d, ev in zip(walk.docs, walk.evidence, strict=True)]
    open_credits = _open_credits(store, walk.docs[-1], walk.docs)
    if walk.stopped_for_wire:
        open_credits = [a for a in open_credits if a.kind == "wire-credit"] or open_credits
    if open_credits:
        hops.append(_credit_hop(store, open_credits[0]))
    if len(hops) == 1:
        hops[0] = replace(hops[0], role="origin")
    else:
        hops[0] = replace(hops[0], role="copy")
        hops[-1] = replace(hops[-1], role="origin")
    return hops


def trace(store: Store, ref: str | int, max_hops: int = 25) -> Trace:
    """The provenance chain of one stored document, from itself to its origin."""
    start = resolve(store, ref)
    walk = _walk(store, start, max_hops)
    hops = _hops(store, walk)
    findings = store.findings([d.id for d in walk.docs])
    findings += [
        Finding("cycle", "source edges loop: " + " -> ".join(c), None, None, c[0], c[-1])
        for c in walk.cycles
    ]
    return Trace(start.url, tuple(hops), tuple(dict.fromkeys(walk.cycles)), tuple(findings))


__all__ = ["Hop", "Trace", "credit_targets", "resolve", "trace"]
