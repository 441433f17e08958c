"""Prepare a document for the store: fingerprint its text and compute its index keys.

In: an :class:`~provenance.model.Article` (extracted, or failed).  Out: a
:class:`NewDocument`, the only thing the store is given to write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from provenance.errors import FingerprintError
from provenance.fingerprint.keys import band_key_array, passage_key_array
from provenance.fingerprint.minhash import (
    Fingerprint,
    FingerprintParams,
    content_hash,
    fingerprint_hashes,
    shingle_hash_array,
)
from provenance.model import Article

#: How index keys are packed in a :class:`NewDocument`.
_PACKED = np.dtype("<i8")


@dataclass(frozen=True, slots=True)
class NewDocument:
    """One article to add, already fingerprinted (``fingerprint`` None for failures)."""

    article: Article
    content_hash: str
    fingerprint: Fingerprint | None
    #: The band keys in band order (:func:`provenance.fingerprint.keys.band_key_array`)
    #: and the winnowed passage keys (:func:`~provenance.fingerprint.keys.passage_key_array`),
    #: each packed as little-endian int64: a batch of prepared documents waiting to be
    #: stored holds 1.5 KB of keys a document, not 13 KB of Python tuples, and a worker
    #: process sends them as two byte strings.
    band_key_data: bytes = b""
    passage_key_data: bytes = b""

    @property
    def band_key_array(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        return np.frombuffer(self.band_key_data, dtype=_PACKED)

    @property
    def passage_key_array(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        return np.frombuffer(self.passage_key_data, dtype=_PACKED)


def prepare(article: Article, params: FingerprintParams) -> NewDocument:
    """Fingerprint an article for the store (failed extractions are stored unfingerprinted)."""
    if article.error is not None:
        digest = hashlib.sha256(article.error.encode("utf-8")).hexdigest()
        return NewDocument(article, "error:" + digest, None)
    try:
        hashes = shingle_hash_array(article.text or "", params)
        fp = fingerprint_hashes(hashes, params)
    except FingerprintError as exc:
        return prepare(Article.failed(article.source, article.url, str(exc)), params)
    if fp.too_short:
        return NewDocument(article, content_hash(article.text or ""), fp)
    passages = passage_key_array(hashes, params.passage_window)
    return NewDocument(
        article,
        content_hash(article.text or ""),
        fp,
        band_key_array(fp).astype(_PACKED).tobytes(),
        passages.astype(_PACKED).tobytes(),
    )


__all__ = ["NewDocument", "prepare"]
