"""Is a candidate a copy?  The checks on one pair of documents: the MinHash estimate of
how much of each text lies in the other, and, when the estimate cannot decide, the
texts themselves (shared passages outside quotations, a carried headline), with the
site's boilerplate left out when both pages are of one site."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

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
from provenance.link.boilerplate import (
    SiteBoilerplate,
    Stripped,
    same_site,
    strip_shared_edges,
)
from provenance.link.candidates import Candidate
from provenance.link.config import MatchConfig
from provenance.store.base import Store, StoredDocument


class UnitsCache:
    """Texts as passage units (:func:`~provenance.fingerprint.passages.units`), kept for
    the last :data:`SIZE` texts of a matching run: a stored text is a candidate of
    several new ones, and a page's text less its site's boilerplate is compared with
    each of its site's candidates."""

    #: Texts kept (a 1,000-word text's units take about 70 KB).
    SIZE = 512

    def __init__(self, params: FingerprintParams) -> None:
        self._params = params
        self._kept: OrderedDict[str, Units] = OrderedDict()

    def units(self, text: str) -> Units:
        found = self._kept.get(text)
        if found is not None:
            self._kept.move_to_end(text)
            return found
        found = self._kept[text] = units(text, self._params)
        if len(self._kept) > self.SIZE:
            self._kept.popitem(last=False)
        return found


class PairTexts:
    """Texts read for passage checks: the document's own is read once per document."""

    def __init__(
        self,
        store: Store,
        doc_id: int,
        boiler: SiteBoilerplate | None = None,
        kept: UnitsCache | None = None,
    ) -> None:
        self._store = store
        self._doc_id = doc_id
        self._cache: dict[int, str | None] = {}
        self._boiler = boiler
        self.params = store.params
        self._units = kept or UnitsCache(self.params)

    def units(self, text: str) -> Units:
        """``text`` as passage units (kept for the matching run)."""
        return self._units.units(text)

    def without_site_boilerplate(
        self, doc: StoredDocument, other: StoredDocument
    ) -> tuple[Stripped, Stripped] | None:
        """Both texts less the paragraphs their (shared) site repeats on its pages, and
        less a paragraph both open or close with; None when there is nothing to leave out."""
        if self._boiler is None:
            return None
        mine, theirs = self.pair(other.id)
        if not mine or not theirs:
            return None
        a, b = self._boiler.strip(doc, mine), self._boiler.strip(other, theirs)
        a, b = strip_shared_edges(a, b)
        return (a, b) if a.dropped or b.dropped else None

    def own(self) -> str | None:
        return self.pair(self._doc_id)[0]

    def own_units(self) -> Units:
        """The document's own text as passage units."""
        return self.units(self.own() or "")

    def pair(self, other_id: int) -> tuple[str | None, str | None]:
        missing = [i for i in dict.fromkeys((self._doc_id, other_id)) if i not in self._cache]
        if missing:
            found = self._store.get_documents(missing, with_text=True)
            for i in missing:
                self._cache[i] = found[i].text if i in found else None
        return self._cache[self._doc_id], self._cache[other_id]


def passage_evidence(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    containment: float,
    config: MatchConfig,
    texts: PairTexts,
) -> tuple[Evidence, ...]:
    """Evidence for linking two texts on shared passages, or ``()`` not to link them."""
    if not cand.passages and containment < config.passage_min_containment:
        return ()
    mine, theirs = texts.pair(other.id)
    if not mine or not theirs:
        return ()
    found = overlap(texts.own_units(), texts.units(theirs), texts.params)
    return passage_links(doc, other, cand, found, mine, theirs, config)


def passage_kind(unit: str) -> str:
    """The evidence kind of a shared passage, which says what its length counts:
    ``passage`` (words) or ``passage-chars`` (characters, for unspaced scripts)."""
    return "passage-chars" if unit == "characters" else "passage"


def passage_links(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    found: Overlap,
    mine: str,
    theirs: str,
    config: MatchConfig,
) -> tuple[Evidence, ...]:
    """Evidence that what two texts share verbatim (``found``) links them, or ``()``."""
    on_passages = found.longest_narrative >= config.min_passage_words or (
        found.narrative >= config.min_narrative_words
        and found.narrative_share >= config.min_narrative_share
    )
    if not on_passages and found.narrative < config.min_headline_words:
        return ()  # not even a carried headline would link them: no need to look for one
    headline = carries_headline(theirs, other.title, headline_of(doc.title, doc.url)) or (
        carries_headline(mine, doc.title, headline_of(other.title, other.url))
    )
    if not (on_passages or headline):
        return ()
    out = [
        Evidence(
            passage_kind(found.unit),
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
class Estimate:
    """What two signatures say of a pair: Jaccard, containment each way and its error."""

    jaccard: float
    #: Containment of the document's text in the candidate's, and the reverse.
    a_in_b: float
    b_in_a: float
    #: Containment of the smaller text in the larger, and its standard error.
    smaller_in_larger: float
    stderr: float


def estimate(sig: Fingerprint, other_sig: Fingerprint) -> Estimate:
    """Estimate from two MinHash signatures how much of each text lies in the other."""
    j = estimate_jaccard(sig, other_sig)
    c_ab = containment_from_jaccard(j, sig.shingle_count, other_sig.shingle_count)
    c_ba = containment_from_jaccard(j, other_sig.shingle_count, sig.shingle_count)
    small, large = sorted((sig.shingle_count, other_sig.shingle_count))
    smaller_in_larger = c_ab if sig.shingle_count <= other_sig.shingle_count else c_ba
    stderr = containment_stderr(j, small, large, sig.params.num_perm)
    return Estimate(j, c_ab, c_ba, smaller_in_larger, stderr)


def verify(
    doc: StoredDocument,
    other: StoredDocument,
    cand: Candidate,
    est: Estimate,
    config: MatchConfig,
    texts: PairTexts,
) -> tuple[Evidence, ...] | None:
    """Evidence to link a candidate on (``()``: the estimate suffices), or None to reject it."""
    if config.min_passage_words > 0 and same_site(doc, other):
        stripped = texts.without_site_boilerplate(doc, other)
        if stripped is not None:  # one site's pages: only what is not its boilerplate counts
            a, b = stripped
            found = overlap(texts.units(a.text), texts.units(b.text), texts.params)
            shared = passage_links(doc, other, cand, found, a.text, b.text, config)
            if not shared:
                return None
            left_out = a.dropped + b.dropped
            note = (
                f"{left_out} paragraph(s) left out as the site's own: repeated on its"
                " pages, or opening or closing both texts"
            )
            return (*shared, Evidence("site-boilerplate", note, float(left_out)))
    # below the threshold, near it, or too noisy to tell (a short text in a long
    # one): the texts themselves decide, unless passage checks are turned off
    unsure = (
        est.smaller_in_larger - 2 * est.stderr < config.min_containment
        or est.stderr > config.max_containment_stderr
    )
    if unsure and config.min_passage_words > 0:
        shared = passage_evidence(doc, other, cand, est.smaller_in_larger, config, texts)
        return shared or None
    if est.smaller_in_larger < config.min_containment:
        return None
    return ()


__all__ = [
    "Estimate",
    "PairTexts",
    "UnitsCache",
    "estimate",
    "passage_evidence",
    "passage_kind",
    "passage_links",
    "verify",
]
