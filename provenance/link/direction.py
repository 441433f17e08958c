"""Which of two matching texts is the copy: every signal recorded as evidence.

Signals (score > 0 means "A copied B"):

============ ====================================================== =====
kind         signal                                                 score
============ ====================================================== =====
credit       A credits B by URL (url, canonical or og:url)          +3
credit       A credits B's site (credited name vs site name/domain) +2
canonical    A's canonical/og:url points to B                       +2.5
published    A published later than B (beyond the tolerance)        +1
first-seen   no dates on both: A first seen later                   +0.5
contained-in A's text lies inside B's much more than the reverse    +1
wire-sibling both credit the same wire service                      0
============ ====================================================== =====

``contained-in`` is a direction weight; the match stage's ``containment`` evidence
is a share of text (:mod:`provenance.link.match`), a different measure.

The mirrored signals count against A.  A tie goes to the lower document id
as source, with low confidence.
"""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from provenance.evidence import Evidence
from provenance.model import Attribution
from provenance.sites import domain_key, host_of, keys_match, site_key, url_key
from provenance.store.base import StoredDocument

CANONICAL_KINDS = frozenset({"canonical", "og-url"})
SELF_CLAIM_KINDS = frozenset({"canonical", "og-url", "jsonld-source", "meta-source"})
WIRE_KIND = "wire-credit"


def identity_keys(doc: StoredDocument) -> set[str]:
    """URL keys that denote this document (canonical/og only when on its own site)."""
    keys = {url_key(doc.url)}
    name = domain_key(doc.url)
    for extra in (doc.canonical_url, doc.og_url):
        if extra and domain_key(extra) == name:  # amp.x.com and www.x.com are one site
            keys.add(url_key(extra))
    return {k for k in keys if k}


def doc_site_keys(doc: StoredDocument) -> set[str]:
    return {k for k in (site_key(doc.site), domain_key(doc.url)) if k}


@dataclass(frozen=True, slots=True)
class CreditKeys:
    """What one credit names, as keys: the URL it links and the site keys it names."""

    url: str | None
    sites: frozenset[str]
    hop: int | None = None


def credit_keys(att: Attribution) -> CreditKeys:
    """The keys :func:`credit_names` compares, computed once for a credit."""
    sites = frozenset(
        k for k in (site_key(att.site), domain_key(att.site_url), domain_key(att.url)) if k
    )
    return CreditKeys(url_key(att.url) if att.url else None, sites, att.hop)


def names_keys(
    credit: CreditKeys, identity: AbstractSet[str], sites: AbstractSet[str]
) -> str | None:
    """:func:`credit_names` on precomputed keys: the document's :func:`identity_keys`
    and :func:`doc_site_keys`."""
    if credit.url and credit.url in identity:
        return "url"
    if any(keys_match(c, m) for c in credit.sites for m in sites):
        return "site"
    return None


def credit_names(att: Attribution, doc: StoredDocument) -> str | None:
    """``"url"`` if the credit links this very document, ``"site"`` if it names its site."""
    return names_keys(credit_keys(att), identity_keys(doc), doc_site_keys(doc))


def is_credit(att: Attribution) -> bool:
    return att.kind not in CANONICAL_KINDS and bool(att.site or att.url or att.site_url)


def wire_keys(doc: StoredDocument) -> set[str]:
    return {k for a in doc.attributions if a.kind == WIRE_KIND for k in [site_key(a.site)] if k}


def claims_original(doc: StoredDocument) -> bool:
    """Does the page present itself as the original (self canonical / JSON-LD source)?"""
    own = identity_keys(doc)
    for att in doc.attributions:
        if att.kind in SELF_CLAIM_KINDS and (credit_names(att, doc) is not None):
            return True
    return bool(doc.canonical_url and url_key(doc.canonical_url) in own)


@dataclass(frozen=True, slots=True)
class Direction:
    copy: StoredDocument
    source: StoredDocument
    #: Evidence oriented so that positive scores support ``copy`` ← ``source``.
    evidence: tuple[Evidence, ...]
    score: float
    confidence: float
    attributed: bool
    sibling: bool


def _credit_evidence(a: StoredDocument, b: StoredDocument, sign: float) -> list[Evidence]:
    out: list[Evidence] = []
    own_a = doc_site_keys(a)
    for att in a.attributions:
        how = credit_names(att, b)
        if how is None:
            continue
        if att.kind in CANONICAL_KINDS:
            if how != "url":
                continue
            out.append(Evidence("canonical", f"{a.url} {att.kind} points to {b.url}", 2.5 * sign))
            continue
        if how == "site" and any(keys_match(k, o) for k in doc_site_keys(b) for o in own_a):
            continue  # both pages are on the credited site: says nothing about direction
        label = att.site or att.url or att.site_url
        score = 3.0 if how == "url" else 2.0
        hop = f" (hop {att.hop})" if att.hop else ""
        out.append(
            Evidence(
                "credit", f"{a.url} credits {label!s}{hop} [{att.kind}] = {b.url}", score * sign
            )
        )
    if (
        a.canonical_url
        and host_of(a.canonical_url) != host_of(a.url)
        and url_key(a.canonical_url) in identity_keys(b)
    ):
        out.append(Evidence("canonical", f"{a.url} canonical is {b.url}", 2.5 * sign))
    return out


def _timing_evidence(
    a: StoredDocument, b: StoredDocument, tolerance_seconds: float
) -> Evidence | None:
    """Which was published later (else, with a date missing, first seen later), if either."""
    if a.published and b.published:
        delta = (a.published - b.published).total_seconds()
        if abs(delta) > tolerance_seconds:
            later, earlier = (a, b) if delta > 0 else (b, a)
            return Evidence(
                "published",
                f"{later.url} published {abs(delta):.0f}s after {earlier.url}",
                math.copysign(1.0, delta),
            )
        return None
    delta = (a.first_seen - b.first_seen).total_seconds()
    if abs(delta) > tolerance_seconds:
        later, earlier = (a, b) if delta > 0 else (b, a)
        return Evidence(
            "first-seen",
            f"no publication dates; {later.url} first seen {abs(delta):.0f}s later",
            math.copysign(0.5, delta),
        )
    return None


def _containment_evidence(
    a: StoredDocument, b: StoredDocument, containment_ab: float, containment_ba: float
) -> Evidence | None:
    """Which text lies inside the other much more than the reverse, if either."""
    asym = containment_ab - containment_ba
    if abs(asym) >= 0.15:
        inner, outer = (a, b) if asym > 0 else (b, a)
        return Evidence(
            "contained-in",
            f"{inner.url} lies inside {outer.url} "
            f"({max(containment_ab, containment_ba):.2f} vs "
            f"{min(containment_ab, containment_ba):.2f})",
            math.copysign(1.0, asym),
        )
    return None


def _confidence(score: float, sibling: bool) -> float:
    """Confidence in a direction from the magnitude of its score, lowered for wire siblings."""
    confidence = 0.5 + 0.5 * (1.0 - math.exp(-abs(score) / 1.5))
    if sibling:
        confidence *= 0.6
    return round(confidence, 4)


def _attributed(copy: StoredDocument, source: StoredDocument) -> bool:
    """Does the copy credit the source, or name it as its canonical?"""
    return any(credit_names(att, source) is not None for att in copy.attributions) or bool(
        copy.canonical_url and url_key(copy.canonical_url) in identity_keys(source)
    )


def decide(
    a: StoredDocument,
    b: StoredDocument,
    containment_ab: float,
    containment_ba: float,
    tolerance_seconds: float = 60.0,
) -> Direction:
    """Weigh every signal and decide which of ``a`` and ``b`` is the copy."""
    ev = _credit_evidence(a, b, +1.0) + _credit_evidence(b, a, -1.0)
    credited = bool(ev)
    for signal in (
        _timing_evidence(a, b, tolerance_seconds),
        _containment_evidence(a, b, containment_ab, containment_ba),
    ):
        if signal is not None:
            ev.append(signal)
    shared_wire = (wire_keys(a) & wire_keys(b)) - doc_site_keys(a) - doc_site_keys(b)
    sibling = bool(shared_wire) and not credited
    if sibling:
        ev.append(
            Evidence("wire-sibling", f"both credit wire {', '.join(sorted(shared_wire))}", 0.0)
        )
    score = sum(e.score for e in ev)
    if score == 0:
        ev.append(
            Evidence("tie", "no direction signal; earlier-stored document taken as source", 0.0)
        )
        a_is_copy = a.id > b.id
    else:
        a_is_copy = score > 0
    copy, source = (a, b) if a_is_copy else (b, a)
    oriented = tuple(e if a_is_copy else Evidence(e.kind, e.detail, -e.score) for e in ev)
    return Direction(
        copy,
        source,
        oriented,
        score if a_is_copy else -score,
        _confidence(score, sibling),
        _attributed(copy, source),
        sibling,
    )


def lag_seconds(copy: StoredDocument, source: StoredDocument) -> float | None:
    """``copy.published - source.published``, else the difference of capture times
    (WARC dates, fetch times); None when neither is known for both pages: the time they
    happened to be ingested says nothing about when one copied the other."""
    if copy.published and source.published:
        return (copy.published - source.published).total_seconds()
    if copy.fetched_at and source.fetched_at:
        return (copy.fetched_at - source.fetched_at).total_seconds()
    return None


__all__ = [
    "CreditKeys",
    "Direction",
    "claims_original",
    "credit_keys",
    "credit_names",
    "decide",
    "doc_site_keys",
    "identity_keys",
    "is_credit",
    "lag_seconds",
    "names_keys",
    "wire_keys",
]
