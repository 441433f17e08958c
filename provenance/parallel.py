"""Extract and fingerprint in a process pool, in input order, for ``ingest``.

Reading the sources (files, WARC records, JSON Lines) stays in the calling
process; chunks of raw items go to ``jobs`` worker processes that extract the
article (HTML pages) or parse its credits (JSON Lines text) and fingerprint it.
Results come back in input order, so the store, written by the caller only,
receives exactly what a one-process run would give it, batch by batch.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from provenance.api import to_article
from provenance.errors import FingerprintError
from provenance.extract import DEFAULT_MAX_BYTES
from provenance.fingerprint import (
    FingerprintParams,
    content_hash,
    fingerprint_hashes,
    shingle_hash_array,
)
from provenance.index import band_keys, passage_key_array
from provenance.model import Article
from provenance.sources import SourceItem
from provenance.store.base import NewDocument

#: Items per task sent to a worker (amortises pickling and scheduling).
CHUNK = 64


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


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


def _work(
    items: list[SourceItem | Article], params: FingerprintParams, max_bytes: int
) -> list[NewDocument]:
    return [prepare(to_article(item, max_bytes), params) for item in items]


def prepare_all(
    items: Iterable[SourceItem | Article],
    params: FingerprintParams,
    jobs: int = 1,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk: int = CHUNK,
) -> Iterator[NewDocument]:
    """``prepare(to_article(item))`` for every item, in order, on ``jobs`` processes."""
    it = iter(items)
    if jobs <= 1:
        for item in it:
            yield prepare(to_article(item, max_bytes), params)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[NewDocument]]] = deque()
        ahead = 2 * jobs  # chunks in flight: keeps workers busy, bounds memory
        while True:
            while len(pending) < ahead:
                batch = list(islice(it, chunk))
                if not batch:
                    break
                pending.append(pool.submit(_work, batch, params, max_bytes))
            if not pending:
                return
            yield from pending.popleft().result()


__all__ = ["CHUNK", "default_jobs", "prepare", "prepare_all"]
