"""Fingerprint: article text in, signatures and index keys out.

In: an :class:`~provenance.model.Article`.  Out: a
:class:`~provenance.fingerprint.prepare.NewDocument` holding its
:class:`Fingerprint` (MinHash signature with the parameters it was made with),
its LSH band keys and its winnowed passage keys.

- :mod:`~provenance.fingerprint.shingling`: normalise text and cut it into shingle hashes;
- :mod:`~provenance.fingerprint.minhash`: signatures, parameters and estimates;
- :mod:`~provenance.fingerprint.keys`: band keys and passage keys of a signature or text;
- :mod:`~provenance.fingerprint.passages`: what two texts share verbatim, quotations told apart;
- :mod:`~provenance.fingerprint.prepare`: the step that readies an article for the store.
"""

from __future__ import annotations

from provenance.fingerprint.minhash import (
    Fingerprint as Fingerprint,
    FingerprintParams as FingerprintParams,
    content_hash as content_hash,
    estimate_containment as estimate_containment,
    estimate_jaccard as estimate_jaccard,
    fingerprint as fingerprint,
)
from provenance.fingerprint.prepare import NewDocument as NewDocument, prepare as prepare

__all__ = [
    "Fingerprint",
    "FingerprintParams",
    "NewDocument",
    "content_hash",
    "estimate_containment",
    "estimate_jaccard",
    "fingerprint",
    "prepare",
]
