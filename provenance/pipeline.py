"""The one way a document reaches the store: read → extract → fingerprint → store.

In: source items (pages, extracted texts, failures) or articles.  Out: an
:class:`IngestResult` counting what the store took.  The CLI's ``ingest`` and
``audit``, the crawler, ``trace --fetch`` and :meth:`provenance.Tracker.ingest`
all call :func:`ingest`.

Reading the sources (files, WARC records, JSON Lines) stays in the calling
process; chunks of raw items go to ``jobs`` worker processes that extract the
article (HTML pages) or parse its credits (JSON Lines text) and fingerprint it.
Results come back in input order, so the store, written by the caller only,
receives exactly what a one-process run would give it, one transaction per
batch.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any

from provenance.fingerprint.minhash import FingerprintParams
from provenance.fingerprint.prepare import NewDocument, prepare
from provenance.read.articles import to_article
from provenance.read.items import ReadOptions, SourceItem
from provenance.store.base import ProgressHook, Store

_PR_SET_PDEATHSIG = 1
#: Documents written per store transaction, at most.  Each commit rewrites every page
#: it touched, and the documents' URL and site indexes take their keys at random
#: places, so the pages a commit rewrites grow with the store: 10,000 documents wrote
#: 3.1 times the store's size in batches of 200 and 2.1 times in batches of 2,000 (the
#: WAL alone makes it 2); 30,000 wrote 504 MB in batches of 2,000 and 447 MB in
#: batches of up to 8,000, for 10 % less CPU.  A prepared document waiting in a batch
#: holds its text and 1.5 KB of packed keys (about 80 MB for 8,000 news texts).
BATCH_SIZE = 8000
#: ... and a batch is written once its first document has waited this many seconds,
#: so a slow crawl does not hold its pages in memory, unstored, for long.
BATCH_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class IngestResult:
    added: int = 0
    revisions: int = 0
    unchanged: int = 0
    failed: int = 0
    too_short: int = 0
    errors: tuple[str, ...] = ()
    doc_ids: tuple[int, ...] = ()
    #: Inputs that failed in this call, whether or not their failure was already stored
    #: (``failed`` counts only failures stored for the first time).
    failed_inputs: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["errors"] = list(self.errors)
        d["doc_ids"] = list(self.doc_ids)
        return d


def ingest(
    store: Store,
    items: Iterable[SourceItem],
    *,
    options: ReadOptions | None = None,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: ProgressHook | None = None,
) -> IngestResult:
    """Extract, fingerprint and store every item (idempotent: same URL and text is a
    no-op; new text is a revision).  Extraction and fingerprinting run on ``jobs``
    processes; ``options.max_bytes`` bounds every page on the way."""
    docs = prepare_all(items, store.params, jobs, options=options)
    return store_prepared(store, docs, batch_size=batch_size, progress=progress)


def store_prepared(
    store: Store,
    docs: Iterable[NewDocument],
    *,
    batch_size: int = BATCH_SIZE,
    batch_seconds: float = BATCH_SECONDS,
    progress: ProgressHook | None = None,
) -> IngestResult:
    """Write already prepared documents, one transaction per ``batch_size`` or per
    ``batch_seconds`` since a batch's first document came, whichever is first;
    ``progress("ingest", n)`` counts the documents written so far in this call."""
    counts: Counter[str] = Counter()
    errors: list[str] = []
    ids: list[int] = []
    batch: list[NewDocument] = []
    started = 0.0

    def flush() -> None:
        hook = progress
        if progress is not None:  # the store counts within a batch; go on from the last
            before = len(ids)
            hook = lambda stage, n: progress(stage, before + n)  # noqa: E731
        for (doc_id, outcome), doc in zip(store.add_documents(batch, hook), batch, strict=True):
            counts[outcome] += 1
            ids.append(doc_id)
            fp = doc.fingerprint
            if outcome in ("added", "revision") and fp is not None and fp.too_short:
                counts["too_short"] += 1
            if outcome == "failed" and doc.article.error:
                errors.append(f"{doc.article.url or doc.article.source}: {doc.article.error}")
        batch.clear()

    for doc in docs:
        counts["failed_inputs"] += doc.article.error is not None
        if not batch:
            started = time.monotonic()
        batch.append(doc)
        if len(batch) >= batch_size or time.monotonic() - started >= batch_seconds:
            flush()
    if batch:
        flush()
    return IngestResult(
        added=counts["added"],
        revisions=counts["revision"],
        unchanged=counts["unchanged"],
        failed=counts["failed"],
        too_short=counts["too_short"],
        errors=tuple(errors),
        doc_ids=tuple(ids),
        failed_inputs=counts["failed_inputs"],
    )


#: Items per task sent to a worker (amortises pickling and scheduling).
CHUNK = 64


#: The signals that stop a run: Ctrl-C, and cron's or systemd's SIGTERM.
_STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
_CAN_MASK = hasattr(signal, "pthread_sigmask")
#: Seconds between the moments a held stop signal may act while waiting on a worker.
_WAIT_STEP = 0.2


@contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the worker pool's own bookkeeping runs (starting
    workers, submitting, waiting, shutting down); a held signal acts when the block ends.

    A handler that raises (KeyboardInterrupt, the CLI's SIGTERM exit) in the middle
    of ``concurrent.futures`` can leave the pool's manager thread created but not
    started: the run then dies of a RuntimeError instead of the signal's status, or
    hangs at exit joining workers nobody will stop; raised inside the at-fork hooks,
    it is ignored and the run goes on.  Held, it is raised here instead, between two
    pool calls, where the pool can be shut down."""
    if threading.current_thread() is not threading.main_thread() or not _CAN_MASK:
        yield  # Python runs signal handlers in the main thread only; Windows has no mask
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a held handler runs here


def _result(future: Future[list[NewDocument]]) -> list[NewDocument]:
    """``future.result()``, letting a held stop signal act every ``_WAIT_STEP`` s."""
    while True:
        with _stop_signals_held():
            try:
                return future.result(timeout=_WAIT_STEP)
            except TimeoutError:
                pass


def _die_with_parent(parent: int) -> None:
    """In a worker: be sent SIGTERM when the parent dies, even by SIGKILL (Linux's
    parent-death signal), so that no worker outlives an ingest killed by cron."""
    # A forked worker inherits the CLI's SIGTERM handler, which raises SystemExit: the
    # pool would catch it as a task's error and keep the worker alive.  Die instead.
    # Ctrl-C reaches the whole process group: the parent alone decides to stop.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CAN_MASK:  # the worker was forked with the stop signals held (_stop_signals_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    if not sys.platform.startswith("linux"):  # pragma: no cover - Linux only
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _work(
    items: list[SourceItem], params: FingerprintParams, options: ReadOptions
) -> list[NewDocument]:
    return [prepare(to_article(item, options), params) for item in items]


def prepare_all(
    items: Iterable[SourceItem],
    params: FingerprintParams,
    jobs: int = 1,
    *,
    options: ReadOptions | None = None,
    chunk: int = CHUNK,
) -> Iterator[NewDocument]:
    """``prepare(to_article(item))`` for every item, in order, on ``jobs`` processes."""
    opts = options or ReadOptions()
    it = iter(items)
    if jobs <= 1:
        for item in it:
            yield prepare(to_article(item, opts), params)
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)
    )
    finished = False
    try:
        pending: deque[Future[list[NewDocument]]] = deque()
        ahead = 2 * jobs  # chunks in flight: keeps workers busy, bounds memory
        while True:
            while len(pending) < ahead:
                batch = list(islice(it, chunk))
                if not batch:
                    break
                with _stop_signals_held():
                    pending.append(pool.submit(_work, batch, params, opts))
            if not pending:
                finished = True
                return
            yield from _result(pending.popleft())
    finally:
        with _stop_signals_held():  # stopped early: drop the chunks not yet started
            pool.shutdown(wait=True, cancel_futures=not finished)


__all__ = ["BATCH_SIZE", "IngestResult", "default_jobs", "ingest", "prepare_all", "store_prepared"]
