"""Incremental matching: link each new document to the stored texts it shares text with.

``match`` walks the documents not yet matched in id order.  For each, the LSH
index proposes lower-id documents sharing a band; every candidate is verified
with the estimated containment of the smaller text in the larger, and each
verified pair becomes one directed edge (copy → source) whose direction is
weighed by :func:`provenance.link.direction.decide`.  A document's edges, its
matched flag and the refreshed findings of it and its neighbours are written
in one transaction per small batch, so a run killed at any point resumes
where it stopped without duplicates.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from provenance.errors import ParameterMismatch
from provenance.evidence import Evidence, Finding
from provenance.fingerprint.minhash import (
    FingerprintParams,
    containment_from_jaccard,
    containment_stderr,
    estimate_jaccard,
)
from provenance.fingerprint.passages import Units, carries_headline, headline_of, overlap, units
from provenance.link.candidates import Candidate, LSHIndex
from provenance.link.direction import (
    claims_original,
    credit_names,
    decide,
    doc_site_keys,
    is_credit,
    lag_seconds,
)
from provenance.model import Attribution
from provenance.sites import keys_match, site_key
from provenance.store.base import DocMatch, EdgeRecord, ProgressHook, Store, StoredDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MatchConfig:
    #: Link two texts when the smaller is at least this much inside the larger.
    min_containment: float = 0.5
    #: Documents per transaction.
    batch_size: int = 50
    #: Publication times closer than this say nothing about direction.
    date_tolerance_seconds: float = 60.0
    #: Below ``min_containment``, texts are compared passage by passage
    #: (:mod:`provenance.fingerprint.passages`): two excerpts of one article often cover different
    #: paragraphs, a listing page holds a few lines of a story, two outlets trim one
    #: wire lede differently.  Only text *outside quotation marks* counts, because
    #: independent reports quote the same statement word for word.  Link when one
    #: shared passage holds at least this many such words.  0 turns passage checks
    #: off: then only the estimated containment decides.
    min_passage_words: int = 50
    #: ... or when shared words outside quotations make at least this share of the
    #: smaller text and number at least ``min_narrative_words``;
    min_narrative_share: float = 0.25
    min_narrative_words: int = 20
    #: ... or when one text carries the other's headline (title or URL slug) as a
    #: line of its own and they share at least this many words outside quotations.
    min_headline_words: int = 15
    #: Passage keys (:mod:`provenance.link.candidates`) two texts must share to be compared
    #: passage by passage, and the number of documents above which a key is ignored.
    passage_min_keys: int = 1
    passage_max_postings: int = 50
    #: A containment estimate is trusted when its standard error is at most this and it
    #: clears ``min_containment`` by two standard errors; otherwise the texts decide.
    max_containment_stderr: float = 0.1
    #: The passage check reads both texts, so it only runs on candidates found by the
    #: passage index or whose estimated containment is at least this.
    passage_min_containment: float = 0.1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class MatchResult:
    documents: int = 0
    candidates: int = 0
    edges: int = 0
    rejected: int = 0
    too_short: int = 0
    failed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _match_one(
    store: Store, index: LSHIndex, doc: StoredDocument, config: MatchConfig
) -> tuple[DocMatch, int, int]:
    sig = store.get_signatures([doc.id]).get(doc.id)
    if sig is None or sig.too_short:
        return DocMatch(doc.id, ()), 0, 0
    texts = _Texts(store, doc.id)
    own = texts.own() if sig.params.passage_window > 0 else None
    cands = index.candidates(doc.id, sig, own)
    ids = [c.doc_id for c in cands]
    sigs = store.get_signatures(ids)
    docs = store.get_documents(ids)
    p = sig.params
    # one edge per other URL: of several revisions keep the best-matching (then newest)
    best: dict[str, tuple[float, int, EdgeRecord]] = {}
    rejected = 0
    for cand in cands:
        other_sig, other = sigs.get(cand.doc_id), docs.get(cand.doc_id)
        if other_sig is None or other is None or other.status != "ok" or other_sig.too_short:
            continue
        j = estimate_jaccard(sig, other_sig)
        c_ab = containment_from_jaccard(j, sig.shingle_count, other_sig.shingle_count)
        c_ba = containment_from_jaccard(j, other_sig.shingle_count, sig.shingle_count)
        small, large = sorted((sig.shingle_count, other_sig.shingle_count))
        smaller_in_larger = c_ab if sig.shingle_count <= other_sig.shingle_count else c_ba
        stderr = containment_stderr(j, small, large, p.num_perm)
        shared: tuple[Evidence, ...] = ()
        # below the threshold, near it, or too noisy to tell (a short text in a long
        # one): the texts themselves decide, unless passage checks are turned off
        unsure = (
            smaller_in_larger - 2 * stderr < config.min_containment
            or stderr > config.max_containment_stderr
        )
        if unsure and config.min_passage_words > 0:
            shared = _passage_evidence(doc, other, cand, smaller_in_larger, config, texts)
            if not shared:
                rejected += 1
                continue
        elif smaller_in_larger < config.min_containment:
            rejected += 1
            continue
        d = decide(doc, other, c_ab, c_ba, config.date_tolerance_seconds)
        copy_in_source, source_in_copy = (c_ab, c_ba) if d.copy.id == doc.id else (c_ba, c_ab)
        edge = EdgeRecord(
            copy_id=d.copy.id,
            source_id=d.source.id,
            relation="sibling" if d.sibling else "copy",
            jaccard=round(j, 4),
            containment=round(copy_in_source, 4),
            containment_source=round(source_in_copy, 4),
            attributed=d.attributed,
            lag_seconds=lag_seconds(d.copy, d.source),
            direction_evidence=d.evidence,
            confidence=d.confidence,
            evidence=(
                Evidence("jaccard", "estimated from MinHash signatures", round(j, 4)),
                Evidence(
                    "containment",
                    "smaller text inside the larger (estimated)",
                    round(smaller_in_larger, 4),
                ),
                Evidence("bands", f"{cand.bands} of {p.lsh_bands} LSH bands shared", cand.bands),
                *shared,
            ),
        )
        prev = best.get(other.url)
        if prev is None or (smaller_in_larger, other.id) > prev[:2]:
            best[other.url] = (smaller_in_larger, other.id, edge)
    edges = tuple(sorted((b[2] for b in best.values()), key=lambda e: (e.copy_id, e.source_id)))
    return DocMatch(doc.id, edges), len(cands), rejected


class _Texts:
    """Texts read for passage checks: the document's own is read once per document."""

    def __init__(self, store: Store, doc_id: int) -> None:
        self._store = store
        self._doc_id = doc_id
        self._cache: dict[int, str | None] = {}
        self._own_units: Units | None = None
        self.params = store.params

    def own(self) -> str | None:
        return self.pair(self._doc_id)[0]

    def own_units(self) -> Units:
        """The document's own text as passage units, computed once per document."""
        if self._own_units is None:
            self._own_units = units(self.own() or "", self.params)
        return self._own_units

    def pair(self, other_id: int) -> tuple[str | None, str | None]:
        missing = [i for i in dict.fromkeys((self._doc_id, other_id)) if i not in self._cache]
        if missing:
            found = self._store.get_documents(missing, with_text=True)
            for i in missing:
                self._cache[i] = found[i].text if i in found else None
        return self._cache[self._doc_id], self._cache[other_id]


def _passage_evidence(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    containment: float,
    config: MatchConfig,
    texts: _Texts,
) -> tuple[Evidence, ...]:
    """Evidence for linking two texts on shared passages, or ``()`` not to link them."""
    if not cand.passages and containment < config.passage_min_containment:
        return ()
    mine, theirs = texts.pair(other.id)
    if not mine or not theirs:
        return ()
    found = overlap(texts.own_units(), theirs, texts.params)
    headline = carries_headline(theirs, other.title, headline_of(doc.title, doc.url)) or (
        carries_headline(mine, doc.title, headline_of(other.title, other.url))
    )
    linked = (
        found.longest_narrative >= config.min_passage_words
        or (
            found.narrative >= config.min_narrative_words
            and found.narrative_share >= config.min_narrative_share
        )
        or (headline and found.narrative >= config.min_headline_words)
    )
    if not linked:
        return ()
    out = [
        Evidence(
            "passage",
            f"{found.narrative} {found.unit} shared verbatim outside quotations"
            f" ({found.narrative_share:.0%} of the smaller text) in {len(found.passages)}"
            f" passage(s), the longest {found.longest_narrative};"
            f" {found.quoted} more inside quotations",
            found.longest_narrative,
        )
    ]
    if cand.passages:
        out.append(Evidence("passage-keys", f"{cand.passages} passage keys shared", cand.passages))
    if headline:
        out.append(Evidence("headline", "one text carries the other's headline as a line", 1.0))
    return tuple(out)


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


def findings_for(store: Store, doc_id: int) -> list[Finding]:
    """Conflicts around one document, from its stored edges and credits."""
    doc = store.get_documents([doc_id]).get(doc_id)
    if doc is None or doc.status != "ok":
        return []
    edges = store.edges_of(doc_id)
    neighbour_ids = {e.source_id if e.copy_id == doc_id else e.copy_id for e in edges}
    neighbours = store.get_documents(sorted(neighbour_ids))
    out: list[Finding] = []
    credits = own_credits(doc)
    if credits and neighbours:
        named = any(credit_names(a, n) for a in credits for n in neighbours.values())
        if not named:
            nearest = min(credits, key=lambda a: a.hop or 0)
            best = max((e for e in edges), key=lambda e: (e.copy_id == doc_id, e.confidence))
            other = best.source_id if best.copy_id == doc_id else best.copy_id
            o = neighbours[other]
            out.append(
                Finding(
                    "credit-mismatch",
                    f"credits {nearest.site or nearest.url!s} but its text matches "
                    f"{o.url} ({o.site_label}); no document of the credited site matches",
                    doc_id,
                    other,
                    doc.url,
                    o.url,
                )
            )
    as_copy = [e for e in edges if e.copy_id == doc_id and e.relation == "copy"]
    credited = {
        e.source_id
        for e in as_copy
        if any(credit_names(a, neighbours[e.source_id]) for a in doc.attributions)
    }
    # the strongest few are enough to tell whether two unrelated originals compete
    loose = sorted(
        (e for e in as_copy if e.source_id not in credited), key=lambda e: -e.confidence
    )[:8]
    if len(as_copy) >= 2 and not credited:
        linked = store.edge_pairs([e.source_id for e in loose])
        for i, e1 in enumerate(loose):
            for e2 in loose[i + 1 :]:
                pair = (e1.source_id, e2.source_id)
                a, b = neighbours[pair[0]], neighbours[pair[1]]
                if pair not in linked and pair[::-1] not in linked and a.url != b.url:
                    out.append(
                        Finding(
                            "two-candidate-originals",
                            f"text matches {a.url} and {b.url}, which do not match each "
                            "other, and no credit picks one",
                            doc_id,
                            b.id,
                            doc.url,
                            b.url,
                        )
                    )
    if as_copy and claims_original(doc):
        strong = max(as_copy, key=lambda e: e.confidence)
        if strong.confidence >= 0.7 and not strong.attributed:
            src = neighbours[strong.source_id]
            out.append(
                Finding(
                    "copy-claims-original",
                    f"presents itself as the original (canonical/JSON-LD) but evidence says it "
                    f"copies {src.url} (confidence {strong.confidence:.2f})",
                    doc_id,
                    src.id,
                    doc.url,
                    src.url,
                )
            )
    return out


def match(
    store: Store,
    params: FingerprintParams | None = None,
    config: MatchConfig | None = None,
    progress: ProgressHook | None = None,
) -> MatchResult:
    """Match every document not yet matched; safe to rerun after a crash."""
    config = config or MatchConfig()
    if params is not None and params != store.params:
        raise ParameterMismatch(
            "match() params differ from the store's ("
            + "; ".join(params.differences(store.params))
            + "): pass the store's params or none"
        )
    index = LSHIndex(
        store,
        store.params,
        min_passage_keys=config.passage_min_keys,
        max_postings=config.passage_max_postings,
    )
    totals = {
        "documents": 0,
        "candidates": 0,
        "edges": 0,
        "rejected": 0,
        "too_short": 0,
        "failed": 0,
    }
    done = 0
    while True:
        ids = store.unmatched_ids(config.batch_size)
        if not ids:
            break
        docs = store.get_documents(ids)
        with store.transaction():
            for doc_id in ids:
                doc = docs[doc_id]
                if doc.status != "ok":
                    res, n_cand, rejected = DocMatch(doc_id, ()), 0, 0
                    totals["failed"] += 1
                else:
                    res, n_cand, rejected = _match_one(store, index, doc, config)
                    if not res.edges and n_cand == 0:
                        sig = store.get_signatures([doc_id]).get(doc_id)
                        totals["too_short"] += int(sig is None or sig.too_short)
                store.write_match(res)
                store.replace_findings(doc_id, findings_for(store, doc_id))
                others = {
                    (e.source_id if e.copy_id == doc_id else e.copy_id): e.copy_id
                    for e in res.edges
                }
                neighbours = store.get_documents(sorted(others))
                for other_id, copy_id in sorted(others.items()):
                    if _needs_refresh(store, neighbours[other_id], doc, copy_id):
                        store.replace_findings(other_id, findings_for(store, other_id))
                totals["documents"] += 1
                totals["candidates"] += n_cand
                totals["rejected"] += rejected
                totals["edges"] += len(res.edges)
                done += 1
                if progress is not None:
                    progress("match", done)
    log.info("matched %(documents)d documents: %(edges)d edges", totals)
    return MatchResult(**totals)


__all__ = ["MatchConfig", "MatchResult", "findings_for", "match"]
