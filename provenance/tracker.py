"""The library facade: ingest articles, match them, trace chains, build reports.

::

    with Tracker("runs/news.db") as t:
        t.ingest(articles)
        t.match()
        print(t.trace("https://example.org/story").origin.url)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from provenance._closing import Closing
from provenance.errors import DocumentNotFound, ProvenanceError
from provenance.evidence import Evidence
from provenance.fingerprint.minhash import FingerprintParams
from provenance.link.chain import Trace, resolve, trace
from provenance.link.match import MatchConfig, MatchResult, match
from provenance.model import Page
from provenance.pipeline import BATCH_SIZE, IngestResult, ingest
from provenance.read.items import ReadOptions, SourceItem
from provenance.report import Report, build_report
from provenance.sites import is_http_url
from provenance.store import open_store
from provenance.store.base import EdgeRecord, ProgressHook, Store, StoredDocument

log = logging.getLogger(__name__)

#: Get the page at a URL for ``trace``; None when there is none to be had.
Fetch = Callable[[str], Page | None]


class Tracker(Closing):
    """A store plus the stages that work on it; use as a context manager."""

    def __init__(
        self,
        store: Store | str | Path,
        params: FingerprintParams | None = None,
        config: MatchConfig | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        read_options: ReadOptions | None = None,
        read_only: bool = False,
    ) -> None:
        """``store`` is any :class:`~provenance.store.base.Store`, or a ``postgresql://``
        URL or a path that opens (or creates) a store (``read_only`` opens an existing one without
        writing, for reports and traces); a store passed in is closed with the tracker."""
        if isinstance(store, str | Path):
            self.store: Store = open_store(store, params, read_only=read_only)
        else:
            self.store = store
            if params is not None:
                params.require_same(store.params, "the tracker's params and its store")
        self.params = self.store.params
        self.config = config or MatchConfig()
        self.batch_size = batch_size
        self.read_options = read_options or ReadOptions()

    def close(self) -> None:
        self.store.close()

    def ingest(
        self,
        items: Iterable[SourceItem],
        progress: ProgressHook | None = None,
        *,
        jobs: int = 1,
    ) -> IngestResult:
        """Store documents (idempotent: same URL and text is a no-op; new text is a revision).

        ``items`` may be articles or raw source items (pages, JSON Lines documents,
        failures from :func:`provenance.read.read_items`): pages are extracted on
        the way, on ``jobs`` processes (see :func:`provenance.pipeline.ingest`).
        """
        return ingest(
            self.store,
            items,
            options=self.read_options,
            jobs=jobs,
            batch_size=self.batch_size,
            progress=progress,
        )

    def match(self, progress: ProgressHook | None = None) -> MatchResult:
        return match(self.store, config=self.config, progress=progress)

    def report(self) -> Report:
        return build_report(self.store)

    def chains(self, report: Report | None = None, limit: int | None = None) -> list[Trace]:
        """The chain of every copy in ``report`` (built when not given): each page that
        copies a text or credits a source, by URL, origin last; the first ``limit``."""
        report = report if report is not None else self.report()
        return [trace(self.store, url) for url in report.copy_urls()[:limit]]

    def trace(
        self, url_or_id: str | int, fetch: Fetch | None = None, max_fetches: int = 3
    ) -> Trace:
        """Trace a document; with ``fetch``, get missing pages and credited originals first.

        A credited original missing from the store is fetched, ingested and
        matched; if its text matches, the chain runs through it, otherwise
        the credit-only hop says the fetched page did not match.
        """
        try:
            resolve(self.store, url_or_id)
        except DocumentNotFound:
            if fetch is None or not isinstance(url_or_id, str) or url_or_id.isdigit():
                raise
            self._fetch_in(fetch, url_or_id)
        result = trace(self.store, url_or_id)
        tried: set[str] = set()
        while fetch is not None and len(tried) < max_fetches:
            last = result.origin
            if last.verified or not is_http_url(last.url):
                break
            if last.url in tried:
                break
            tried.add(last.url)
            fetched = self._fetch_in(fetch, last.url)
            result = trace(self.store, url_or_id)
            if fetched and not result.origin.verified and result.origin.url == last.url:
                note = Evidence(
                    "fetched-no-match", f"fetched {last.url}; its text does not match", 0.0
                )
                hop = result.origin
                result = replace(
                    result, chain=(*result.chain[:-1], replace(hop, evidence=(*hop.evidence, note)))
                )
        return result

    def _fetch_in(self, fetch: Fetch, url: str) -> bool:
        try:
            page = fetch(url)
        except ProvenanceError as exc:
            log.warning("fetching %s failed: %s", url, exc)
            return False
        if page is None:
            return False
        result = self.ingest([page])
        for error in result.errors:
            log.warning("%s", error)
        self.match()
        return result.failed_inputs == 0

    # -- lookups the crawler and notebooks use ----------------------------------
    def knows(self, url: str) -> bool:
        """Is a document at ``url`` (or claiming it as canonical) in the store?"""
        return bool(self.store.find_by_url(url))

    def documents(self, ids: Sequence[int]) -> dict[int, StoredDocument]:
        return self.store.get_documents(ids)

    def edges_of(self, doc_id: int) -> list[EdgeRecord]:
        return self.store.edges_of(doc_id)


__all__ = ["Fetch", "IngestResult", "Tracker"]
