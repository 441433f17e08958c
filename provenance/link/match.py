"""Incremental matching: link each new document to the stored texts it shares text with.

``match`` walks the documents not yet matched in id order.  For each, the index
(:mod:`provenance.link.candidates`) proposes the lower-id documents of other URLs
that share an LSH band of its MinHash signature, or passage keys: winnowed
shingle hashes that any verbatim run of ``passage_window`` shingles shares,
however small a part of the longer text it is (keys held by too many documents
are boilerplate and ignored).  Every candidate is then verified:

* the estimated containment of the smaller text in the larger links the pair
  when it clears ``min_containment`` by two standard errors and is precise enough;
* otherwise, if the candidate came from the passage index or is near enough,
  the texts decide (:mod:`provenance.fingerprint.passages`): a long shared
  passage, a large enough shared share of the smaller text, or a carried
  headline, counting only words *outside quotation marks*, as independent
  reports quote the same statements word for word.

Each verified pair becomes one directed edge (copy → source) whose direction is
weighed by :func:`provenance.link.direction.decide`.  Provenance is a tree: a
document matching more than ``max_edges`` stored texts keeps its source and two
alternates (:mod:`provenance.link.choice`), so a story carried by K sites makes
O(K) edges, not K(K-1)/2; with more than ``hot_candidates`` candidates only a
shortlist is verified (:func:`provenance.link.candidates.shortlist`).

A document's edges, its matched flag and the refreshed findings
(:mod:`provenance.link.findings`) of it and its neighbours are written in one
transaction per small batch, so a run killed at any point resumes where it
stopped without duplicates.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from provenance.errors import ParameterMismatch
from provenance.evidence import Evidence
from provenance.fingerprint.minhash import (
    Fingerprint,
    FingerprintParams,
)
from provenance.link.boilerplate import SiteBoilerplate, only_site_boilerplate
from provenance.link.candidates import (
    Candidate,
    CandidateCache,
    CandidateLinks,
    LSHIndex,
    candidate_links,
    shortlist,
)
from provenance.link.choice import choose_edges
from provenance.link.config import MatchConfig
from provenance.link.direction import decide, lag_seconds
from provenance.link.findings import findings_for, refresh_findings
from provenance.link.verify import Estimate, PairTexts, UnitsCache, estimate, verify
from provenance.store.base import DocMatch, EdgeRecord, ProgressHook, Store, StoredDocument

log = logging.getLogger(__name__)


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


def _edge(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    est: Estimate,
    shared: tuple[Evidence, ...],
    config: MatchConfig,
    lsh_bands: int,
) -> EdgeRecord:
    """The directed edge of a verified pair: its direction, measures and evidence."""
    d = decide(doc, other, est.a_in_b, est.b_in_a, config.date_tolerance_seconds)
    copy_in_source, source_in_copy = (
        (est.a_in_b, est.b_in_a) if d.copy.id == doc.id else (est.b_in_a, est.a_in_b)
    )
    return EdgeRecord(
        copy_id=d.copy.id,
        source_id=d.source.id,
        relation="sibling" if d.sibling else "copy",
        jaccard=round(est.jaccard, 4),
        containment=round(copy_in_source, 4),
        containment_source=round(source_in_copy, 4),
        attributed=d.attributed,
        lag_seconds=lag_seconds(d.copy, d.source),
        direction_evidence=d.evidence,
        confidence=d.confidence,
        evidence=(
            Evidence("jaccard", "estimated from MinHash signatures", round(est.jaccard, 4)),
            Evidence(
                "containment",
                "smaller text inside the larger (estimated)",
                round(est.smaller_in_larger, 4),
            ),
            Evidence("bands", f"{cand.bands} of {lsh_bands} LSH bands shared", cand.bands),
            *shared,
        ),
    )


def _verify_all(
    store: Store,
    doc: StoredDocument,
    sig: Fingerprint,
    cands: Sequence[Candidate],
    config: MatchConfig,
    texts: PairTexts,
    sigs: Mapping[int, Fingerprint],
    known: Mapping[int, StoredDocument] | None = None,
) -> tuple[list[EdgeRecord], dict[int, StoredDocument], int]:
    """Verify ``cands``: one edge per other URL (of several revisions the best-matching,
    then newest), the documents at their other ends, and the number rejected.
    ``known``: candidates' documents already read (not read again)."""
    known = known or {}
    docs = {c.doc_id: known[c.doc_id] for c in cands if c.doc_id in known}
    docs.update(store.get_documents([c.doc_id for c in cands if c.doc_id not in docs]))
    best: dict[str, tuple[float, int, EdgeRecord]] = {}
    rejected = 0
    for cand in cands:
        other_sig, other = sigs.get(cand.doc_id), docs.get(cand.doc_id)
        if other_sig is None or other is None or other.status != "ok" or other_sig.too_short:
            continue
        est = estimate(sig, other_sig)
        shared = verify(doc, other, cand, est, config, texts)
        if shared is None:
            rejected += 1
            continue
        edge = _edge(doc, other, cand, est, shared, config, sig.params.lsh_bands)
        prev = best.get(other.url)
        if prev is None or (est.smaller_in_larger, other.id) > prev[:2]:
            best[other.url] = (est.smaller_in_larger, other.id, edge)
    return [b[2] for b in best.values()], docs, rejected


#: Rounds of ``hot_candidates`` further candidates tried when no shortlisted one verifies.
_FALLBACK_ROUNDS = 2


def _match_one(
    store: Store,
    index: LSHIndex,
    doc: StoredDocument,
    config: MatchConfig,
    cache: CandidateCache | None = None,
    boiler: SiteBoilerplate | None = None,
    kept: UnitsCache | None = None,
) -> tuple[DocMatch, int, int]:
    """Verify one document's candidates: its edges, the candidates seen and those rejected.

    A hot document (more than ``hot_candidates`` candidates) verifies a shortlist;
    one matching more than ``max_edges`` texts keeps its source and alternates
    (:mod:`provenance.link.choice`).
    """
    sig = store.get_signatures([doc.id]).get(doc.id)
    if sig is None or sig.too_short:
        return DocMatch(doc.id, ()), 0, 0
    texts = PairTexts(store, doc.id, boiler or SiteBoilerplate(store, index), kept)
    own = texts.own() if sig.params.passage_window > 0 else None
    keys = index.passage_keys(own) if own else []
    cands = index.candidates(doc.id, sig, own, keys)
    # the documents of the candidates found on passage keys alone, read once here
    seen: dict[int, StoredDocument] = {}
    site_only: set[int] = set()
    if config.min_passage_words > 0 and keys and any(not c.bands for c in cands):
        seen = store.get_documents([c.doc_id for c in cands if not c.bands])
        site_only = only_site_boilerplate(store, doc, cands, keys, seen)
    if site_only:  # one site's pages sharing only its boilerplate: rejected unread
        cands = [c for c in cands if c.doc_id not in site_only]
    links: CandidateLinks | None = None
    bounded = config.max_edges > 0
    hot = bounded and 0 < config.hot_candidates < len(cands)
    if hot:
        cache = cache or CandidateCache(store)
        links = candidate_links(store, [c.doc_id for c in cands])
        todo, fallback = shortlist(doc, sig, cands, cache, links)
        sigs: Mapping[int, Fingerprint] = cache.signatures(c.doc_id for c in todo)
        edges, docs, rejected = _verify_all(store, doc, sig, todo, config, texts, sigs, seen)
        for _ in range(_FALLBACK_ROUNDS):
            if edges or not fallback:
                break
            todo, fallback = fallback[: config.hot_candidates], fallback[config.hot_candidates :]
            sigs = cache.signatures(c.doc_id for c in todo)
            edges, docs, more = _verify_all(store, doc, sig, todo, config, texts, sigs, seen)
            rejected += more
    else:
        sigs = store.get_signatures([c.doc_id for c in cands])
        edges, docs, rejected = _verify_all(store, doc, sig, cands, config, texts, sigs, seen)
    if bounded and len(edges) > config.max_edges:
        if links is None:
            ends = [e.source_id if e.copy_id == doc.id else e.copy_id for e in edges]
            links = candidate_links(store, ends)
        similar = len(cands) if hot else len(edges)
        edges = list(choose_edges(doc, edges, docs, links, config.max_edges, similar))
    ordered = tuple(sorted(edges, key=lambda e: (e.copy_id, e.source_id)))
    return DocMatch(doc.id, ordered), len(cands) + len(site_only), rejected + len(site_only)


def _require_store_params(store: Store, params: FingerprintParams | None) -> None:
    """Refuse fingerprint params other than the store's (None means the store's)."""
    if params is not None and params != store.params:
        raise ParameterMismatch(
            "match() params differ from the store's ("
            + "; ".join(params.differences(store.params))
            + "): pass the store's params or none"
        )


def _match_and_record(
    store: Store,
    index: LSHIndex,
    doc: StoredDocument,
    config: MatchConfig,
    totals: dict[str, int],
    cache: CandidateCache | None = None,
    boiler: SiteBoilerplate | None = None,
    kept: UnitsCache | None = None,
) -> None:
    """Match one document, store its edges and findings, and add its counts to ``totals``."""
    if doc.status != "ok":
        res, n_cand, rejected = DocMatch(doc.id, ()), 0, 0
        totals["failed"] += 1
    else:
        res, n_cand, rejected = _match_one(store, index, doc, config, cache, boiler, kept)
        if not res.edges and n_cand == 0:
            sig = store.get_signatures([doc.id]).get(doc.id)
            totals["too_short"] += int(sig is None or sig.too_short)
    store.write_match(res)
    refresh_findings(store, doc, res.edges)
    totals["documents"] += 1
    totals["candidates"] += n_cand
    totals["rejected"] += rejected
    totals["edges"] += len(res.edges)


def match(
    store: Store,
    params: FingerprintParams | None = None,
    config: MatchConfig | None = None,
    progress: ProgressHook | None = None,
) -> MatchResult:
    """Match every document not yet matched; safe to rerun after a crash."""
    config = config or MatchConfig()
    _require_store_params(store, params)
    filed = store.flush_index()  # new documents become candidates, filed in key order
    if filed:
        log.info("filed %d index rows of new documents", filed)
    index = LSHIndex(
        store,
        store.params,
        min_passage_keys=config.passage_min_keys,
        max_postings=config.passage_max_postings,
    )
    counts = ("documents", "candidates", "edges", "rejected", "too_short", "failed")
    totals = dict.fromkeys(counts, 0)
    cache = CandidateCache(store)
    boiler = SiteBoilerplate(store, index)
    kept = UnitsCache(store.params)
    done = 0
    while ids := store.unmatched_ids(config.batch_size):
        docs = store.get_documents(ids)
        todo = deque(ids)
        while todo:  # a transaction ends with the batch or at its deadline
            deadline = time.monotonic() + config.batch_seconds
            with store.transaction():
                while True:
                    doc = docs[todo.popleft()]
                    _match_and_record(store, index, doc, config, totals, cache, boiler, kept)
                    done += 1
                    if progress is not None:
                        progress("match", done)
                    if not todo or time.monotonic() >= deadline:
                        break
    log.info("matched %(documents)d documents: %(edges)d edges", totals)
    return MatchResult(**totals)


# findings_for now lives in provenance.link.findings; it stays importable from here.
__all__ = ["MatchConfig", "MatchResult", "findings_for", "match"]  # MatchConfig: link.config
