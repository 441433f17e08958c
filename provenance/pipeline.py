"""Extract and fingerprint in a process pool, in input order, for ``ingest``.

Reading the sources (files, WARC records, JSON Lines) stays in the calling
process; chunks of raw items go to ``jobs`` worker processes that extract the
article (HTML pages) or parse its credits (JSON Lines text) and fingerprint it.
Results come back in input order, so the store, written by the caller only,
receives exactly what a one-process run would give it, batch by batch.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from provenance.extract import DEFAULT_MAX_BYTES
from provenance.fingerprint.minhash import (
    FingerprintParams,
)
from provenance.fingerprint.prepare import NewDocument, prepare
from provenance.model import Article
from provenance.read.articles import to_article
from provenance.read.sources import SourceItem

#: Items per task sent to a worker (amortises pickling and scheduling).
CHUNK = 64


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


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
