"""The thresholds matching works with (:class:`MatchConfig`), in one frozen record."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class MatchConfig:
    #: Link two texts when the smaller is at least this much inside the larger.
    min_containment: float = 0.5
    #: Documents read per round, and at most this many per transaction.  A transaction
    #: rewrites every page it touches (the documents' rows, the edge and finding tables
    #: and their indexes), so a few large ones write far less than many small ones.
    batch_size: int = 500
    #: ... and a transaction ends after this many seconds, whatever it has done: a
    #: writer waiting for a SQLite store's lock (an ingest) waits about this long.
    batch_seconds: float = 2.0
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


__all__ = ["MatchConfig"]
