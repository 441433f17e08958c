"""Prepare a document for the store: fingerprint its text and compute its index keys.

In: an :class:`~provenance.model.Article` (extracted, or failed).  Out: a
:class:`NewDocument`, the only thing the store is given to write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from provenance.errors import FingerprintError
from provenance.fingerprint.keys import band_keys, passage_key_array
from provenance.fingerprint.minhash import (
    Fingerprint,
    FingerprintParams,
    content_hash,
    fingerprint_hashes,
    shingle_hash_array,
)
from provenance.model import Article


@dataclass(frozen=True, slots=True)
class NewDocument:
    """One article to add, already fingerprinted (``fingerprint`` None for failures)."""

    article: Article
    content_hash: str
    fingerprint: Fingerprint | None
    band_keys: tuple[tuple[int, int], ...] = ()
    #: Winnowed passage keys (:func:`provenance.fingerprint.keys.passage_key_array`).
    passage_keys: tuple[int, ...] = ()


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
    passages = passage_key_array(hashes, params.passage_window).tolist()
    return NewDocument(
        article, content_hash(article.text or ""), fp, tuple(band_keys(fp)), tuple(passages)
    )


__all__ = ["NewDocument", "prepare"]
