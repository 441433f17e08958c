"""The library facade: ingest articles, match them, trace chains, build reports.

::

    with Tracker("runs/news.db") as t:
        t.ingest(articles)
        t.match()
        print(t.trace("https://example.org/story").origin.url)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from provenance._closing import Closing
from provenance.errors import ProvenanceError, StoreError
from provenance.evidence import Evidence
from provenance.fingerprint.minhash import FingerprintParams
from provenance.fingerprint.prepare import NewDocument
from provenance.link.chain import Trace, resolve, trace
from provenance.link.match import MatchConfig, MatchResult, match
from provenance.model import Article
from provenance.pipeline import prepare_all
from provenance.read.sources import SourceItem
from provenance.report import Report, build_report
from provenance.store.base import ProgressHook
from provenance.store.sqlite import SQLiteStore

log = logging.getLogger(__name__)

Fetch = Callable[[str], Article | None]


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


class Tracker(Closing):
    """A store plus the stages that work on it; use as a context manager."""

    def __init__(
        self,
        db_path: str | Path,
        params: FingerprintParams | None = None,
        config: MatchConfig | None = None,
        *,
        batch_size: int = 200,
    ) -> None:
        self.store = SQLiteStore(db_path, params)
        self.params = self.store.params
        self.config = config or MatchConfig()
        self.batch_size = batch_size

    def close(self) -> None:
        self.store.close()

    def ingest(
        self,
        articles: Iterable[Article | SourceItem],
        progress: ProgressHook | None = None,
        *,
        jobs: int = 1,
    ) -> IngestResult:
        """Store articles (idempotent: same URL and text is a no-op; new text is a revision).

        ``articles`` may also hold raw source items (pages, JSON Lines documents,
        failures from :func:`provenance.read.sources.iter_sources`): they are extracted
        on the way.  With ``jobs`` > 1, extraction and fingerprinting run on that
        many processes; the store is still written here, in input order, one
        transaction per ``batch_size`` documents, so the result is the same.
        """
        return self.ingest_prepared(prepare_all(articles, self.params, jobs), progress)

    def ingest_prepared(
        self, docs: Iterable[NewDocument], progress: ProgressHook | None = None
    ) -> IngestResult:
        """Store already fingerprinted documents (see :func:`provenance.pipeline.prepare`)."""
        counts = {"added": 0, "revision": 0, "unchanged": 0, "failed": 0}
        too_short = failed_inputs = 0
        errors: list[str] = []
        ids: list[int] = []
        batch: list[NewDocument] = []

        def flush() -> None:
            nonlocal too_short
            if not batch:
                return
            for (doc_id, outcome), doc in zip(
                self.store.add_documents(batch, progress), batch, strict=True
            ):
                counts[outcome] += 1
                ids.append(doc_id)
                fp = doc.fingerprint
                if outcome in ("added", "revision") and fp is not None and fp.too_short:
                    too_short += 1
                if outcome == "failed" and doc.article.error:
                    errors.append(f"{doc.article.url or doc.article.source}: {doc.article.error}")
            batch.clear()

        for doc in docs:
            failed_inputs += doc.article.error is not None
            batch.append(doc)
            if len(batch) >= self.batch_size:
                flush()
        flush()
        return IngestResult(
            added=counts["added"],
            revisions=counts["revision"],
            unchanged=counts["unchanged"],
            failed=counts["failed"],
            too_short=too_short,
            errors=tuple(errors),
            doc_ids=tuple(ids),
            failed_inputs=failed_inputs,
        )

    def match(self, progress: ProgressHook | None = None) -> MatchResult:
        return match(self.store, config=self.config, progress=progress)

    def report(self) -> Report:
        return build_report(self.store)

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
        except StoreError:
            if fetch is None or not isinstance(url_or_id, str) or url_or_id.isdigit():
                raise
            self._fetch_in(fetch, url_or_id)
        result = trace(self.store, url_or_id)
        tried: set[str] = set()
        while fetch is not None and len(tried) < max_fetches:
            last = result.origin
            if last.verified or not last.url.startswith(("http://", "https://")):
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
            article = fetch(url)
        except ProvenanceError as exc:
            log.warning("fetching %s failed: %s", url, exc)
            return False
        if article is None:
            return False
        self.ingest([article])
        self.match()
        return article.ok


__all__ = ["Fetch", "IngestResult", "Tracker"]
