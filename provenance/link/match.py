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
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from provenance.errors import ParameterMismatch
from provenance.evidence import Evidence
from provenance.fingerprint.minhash import (
    Fingerprint,
    FingerprintParams,
    containment_from_jaccard,
    containment_stderr,
    estimate_jaccard,
)
from provenance.fingerprint.passages import (
    Overlap,
    Units,
    carries_headline,
    headline_of,
    overlap,
    units,
)
from provenance.link.boilerplate import SiteBoilerplate, Stripped, same_site
from provenance.link.candidates import (
    Candidate,
    CandidateCache,
    CandidateLinks,
    LSHIndex,
    candidate_links,
    shortlist,
)
from provenance.link.choice import choose_edges
from provenance.link.direction import decide, lag_seconds
from provenance.link.findings import findings_for, refresh_findings
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
    #: A document matching more stored texts than this keeps only its source and
    #: alternates, this many edges in all (:mod:`provenance.link.choice`); stored pages
    #: crediting it come on top.  0 keeps every match (quadratic in a hot story).
    max_edges: int = 3
    #: With more candidates than this, only a shortlist of them is verified
    #: (:func:`provenance.link.candidates.shortlist`); 0 verifies every candidate.
    hot_candidates: int = 24

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


class _Texts:
    """Texts read for passage checks: the document's own is read once per document."""

    def __init__(self, store: Store, doc_id: int, boiler: SiteBoilerplate | None = None) -> None:
        self._store = store
        self._doc_id = doc_id
        self._cache: dict[int, str | None] = {}
        self._own_units: Units | None = None
        self._boiler = boiler
        self.params = store.params

    def without_site_boilerplate(
        self, doc: StoredDocument, other: StoredDocument
    ) -> tuple[Stripped, Stripped] | None:
        """Both texts less the paragraphs their (shared) site repeats on its pages; None
        when there is nothing to leave out."""
        if self._boiler is None:
            return None
        mine, theirs = self.pair(other.id)
        if not mine or not theirs:
            return None
        a, b = self._boiler.strip(doc, mine), self._boiler.strip(other, theirs)
        return (a, b) if a.dropped or b.dropped else None

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
    return _passage_links(doc, other, cand, found, mine, theirs, config)


def _passage_links(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    found: Overlap,
    mine: str,
    theirs: str,
    config: MatchConfig,
) -> tuple[Evidence, ...]:
    """Evidence that what two texts share verbatim (``found``) links them, or ``()``."""
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


@dataclass(frozen=True, slots=True)
class _Estimate:
    """What two signatures say of a pair: Jaccard, containment each way and its error."""

    jaccard: float
    #: Containment of the document's text in the candidate's, and the reverse.
    a_in_b: float
    b_in_a: float
    #: Containment of the smaller text in the larger, and its standard error.
    smaller_in_larger: float
    stderr: float


def _estimate(sig: Fingerprint, other_sig: Fingerprint) -> _Estimate:
    """Estimate from two MinHash signatures how much of each text lies in the other."""
    j = estimate_jaccard(sig, other_sig)
    c_ab = containment_from_jaccard(j, sig.shingle_count, other_sig.shingle_count)
    c_ba = containment_from_jaccard(j, other_sig.shingle_count, sig.shingle_count)
    small, large = sorted((sig.shingle_count, other_sig.shingle_count))
    smaller_in_larger = c_ab if sig.shingle_count <= other_sig.shingle_count else c_ba
    stderr = containment_stderr(j, small, large, sig.params.num_perm)
    return _Estimate(j, c_ab, c_ba, smaller_in_larger, stderr)


def _verify(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    est: _Estimate,
    config: MatchConfig,
    texts: _Texts,
) -> tuple[Evidence, ...] | None:
    """Evidence to link a candidate on (``()``: the estimate suffices), or None to reject it."""
    if config.min_passage_words > 0 and same_site(doc, other):
        stripped = texts.without_site_boilerplate(doc, other)
        if stripped is not None:  # one site's pages: only what is not its boilerplate counts
            a, b = stripped
            found = overlap(a.text, b.text, texts.params)
            shared = _passage_links(doc, other, cand, found, a.text, b.text, config)
            if not shared:
                return None
            left_out = a.dropped + b.dropped
            note = f"{left_out} paragraph(s) the site repeats on its pages left out"
            return (*shared, Evidence("site-boilerplate", note, float(left_out)))
    # below the threshold, near it, or too noisy to tell (a short text in a long
    # one): the texts themselves decide, unless passage checks are turned off
    unsure = (
        est.smaller_in_larger - 2 * est.stderr < config.min_containment
        or est.stderr > config.max_containment_stderr
    )
    if unsure and config.min_passage_words > 0:
        shared = _passage_evidence(doc, other, cand, est.smaller_in_larger, config, texts)
        return shared or None
    if est.smaller_in_larger < config.min_containment:
        return None
    return ()


def _edge(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    est: _Estimate,
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
    texts: _Texts,
    sigs: Mapping[int, Fingerprint],
) -> tuple[list[EdgeRecord], dict[int, StoredDocument], int]:
    """Verify ``cands``: one edge per other URL (of several revisions the best-matching,
    then newest), the documents at their other ends, and the number rejected."""
    docs = store.get_documents([c.doc_id for c in cands])
    best: dict[str, tuple[float, int, EdgeRecord]] = {}
    rejected = 0
    for cand in cands:
        other_sig, other = sigs.get(cand.doc_id), docs.get(cand.doc_id)
        if other_sig is None or other is None or other.status != "ok" or other_sig.too_short:
            continue
        est = _estimate(sig, other_sig)
        shared = _verify(doc, other, cand, est, config, texts)
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
) -> tuple[DocMatch, int, int]:
    """Verify one document's candidates: its edges, the candidates seen and those rejected.

    A hot document (more than ``hot_candidates`` candidates) verifies a shortlist;
    one matching more than ``max_edges`` texts keeps its source and alternates
    (:mod:`provenance.link.choice`).
    """
    sig = store.get_signatures([doc.id]).get(doc.id)
    if sig is None or sig.too_short:
        return DocMatch(doc.id, ()), 0, 0
    texts = _Texts(store, doc.id, boiler or SiteBoilerplate(store, index))
    own = texts.own() if sig.params.passage_window > 0 else None
    cands = index.candidates(doc.id, sig, own)
    links: CandidateLinks | None = None
    bounded = config.max_edges > 0
    hot = bounded and 0 < config.hot_candidates < len(cands)
    if hot:
        cache = cache or CandidateCache(store)
        links = candidate_links(store, [c.doc_id for c in cands])
        todo, fallback = shortlist(doc, sig, cands, cache, links)
        sigs: Mapping[int, Fingerprint] = cache.signatures(c.doc_id for c in todo)
        edges, docs, rejected = _verify_all(store, doc, sig, todo, config, texts, sigs)
        for _ in range(_FALLBACK_ROUNDS):
            if edges or not fallback:
                break
            todo, fallback = fallback[: config.hot_candidates], fallback[config.hot_candidates :]
            sigs = cache.signatures(c.doc_id for c in todo)
            edges, docs, more = _verify_all(store, doc, sig, todo, config, texts, sigs)
            rejected += more
    else:
        sigs = store.get_signatures([c.doc_id for c in cands])
        edges, docs, rejected = _verify_all(store, doc, sig, cands, config, texts, sigs)
    if bounded and len(edges) > config.max_edges:
        if links is None:
            ends = [e.source_id if e.copy_id == doc.id else e.copy_id for e in edges]
            links = candidate_links(store, ends)
        similar = len(cands) if hot else len(edges)
        edges = list(choose_edges(doc, edges, docs, links, config.max_edges, similar))
    ordered = tuple(sorted(edges, key=lambda e: (e.copy_id, e.source_id)))
    return DocMatch(doc.id, ordered), len(cands), rejected


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
) -> None:
    """Match one document, store its edges and findings, and add its counts to ``totals``."""
    if doc.status != "ok":
        res, n_cand, rejected = DocMatch(doc.id, ()), 0, 0
        totals["failed"] += 1
    else:
        res, n_cand, rejected = _match_one(store, index, doc, config, cache, boiler)
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
    done = 0
    while ids := store.unmatched_ids(config.batch_size):
        docs = store.get_documents(ids)
        with store.transaction():
            for doc_id in ids:
                _match_and_record(store, index, docs[doc_id], config, totals, cache, boiler)
                done += 1
                if progress is not None:
                    progress("match", done)
    log.info("matched %(documents)d documents: %(edges)d edges", totals)
    return MatchResult(**totals)


# findings_for now lives in provenance.link.findings; it stays importable from here.
__all__ = ["MatchConfig", "MatchResult", "findings_for", "match"]
