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
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from provenance.fingerprint.keys import band_keys, passage_key_array
from provenance.fingerprint.minhash import Fingerprint, FingerprintParams, shingle_hash_array
from provenance.store.base import Store

log = logging.getLogger(__name__)


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

    def candidates(self, doc_id: int, fp: Fingerprint, text: str | None = None) -> list[Candidate]:
        """Documents with a lower id sharing a band with ``fp``, or at least
        ``min_passage_keys`` passage keys with ``text`` (other URLs only).

        Looking only at lower ids makes every pair be considered exactly once,
        when its newer document is matched, whatever order or how many runs
        (a crash and rerun included) the matching takes.
        """
        if fp.too_short or fp.shingle_count == 0:
            return []
        hits = self._store.band_candidates(doc_id, self.keys(fp))
        passages: dict[int, int] = {}
        keys = self.passage_keys(text) if text else []
        if keys:
            passages = self._store.passage_candidates(doc_id, keys, self.max_postings)
        ids = set(hits) | {d for d, n in passages.items() if n >= self.min_passage_keys}
        return [Candidate(d, hits.get(d, 0), passages.get(d, 0)) for d in sorted(ids)]


__all__ = ["Candidate", "LSHIndex"]
