"""One crawl run: sources → new items → fetch → ingest → match → follow credits.

:func:`run_crawl` is the library entry point; the ``crawl`` command is a thin
shell over it.  The run holds the store's crawl lock throughout, ingests each
item before marking it done, and is safe to kill at any point.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from provenance.crawl.config import CrawlConfig, SourceConfig
from provenance.crawl.feeds import FeedItem, parse_listing
from provenance.crawl.lock import CrawlLock, Lockable, StoreLock, lock_path
from provenance.crawl.state import CrawlState, NewItem, QueuedItem, Validators, state_path
from provenance.crawl.summary import CrawlSummary, CreditFollowed, EdgeFound, Tally
from provenance.errors import ProvenanceError, SourceError
from provenance.fetch import Accept, Clock, HttpClient, RefusedURL, RobotsDisallowed, WarcArchive
from provenance.fetch.guard import Resolver, system_resolver
from provenance.model import Article, Page
from provenance.read.articles import to_article
from provenance.sites import is_http_url
from provenance.store import is_store_url
from provenance.store.base import EdgeRecord
from provenance.tracker import Tracker

log = logging.getLogger(__name__)

#: progress(stage, done, total): stage is "sources" or "items".
Progress = Callable[[str, int, int], None]

#: A failing item is tried on this many runs before it is given up.
MAX_ATTEMPTS = 3
#: Child sitemaps read from one sitemap index.
MAX_CHILD_SITEMAPS = 50
#: Credits that name a feed or the page itself are not followed.
_NOT_FOLLOWED = {"feed-source"}


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    archive_dir: Path | None = None
    allow_private: bool = False
    clock: Clock | None = None
    resolver: Resolver = system_resolver
    progress: Progress | None = None


def run_crawl(
    config: CrawlConfig,
    db_path: str | Path,
    archive_dir: str | Path | None = None,
    allow_private: bool = False,
    *,
    clock: Clock | None = None,
    resolver: Resolver = system_resolver,
    progress: Progress | None = None,
) -> CrawlSummary:
    """Crawl every source once.  Raises :class:`~provenance.errors.LockHeld`
    when another run holds the store, and :class:`StoreError` when the store is unusable."""
    opts = CrawlOptions(
        archive_dir=Path(archive_dir) if archive_dir is not None else None,
        allow_private=allow_private,
        clock=clock,
        resolver=resolver,
        progress=progress,
    )
    if allow_private:
        config = config.with_allow_private(True)
    started = datetime.now(UTC)
    sources = [s.url for s in config.sources]
    with ExitStack() as held:
        if is_store_url(db_path):  # the server holds the lock; the queue stays on this host
            tracker = held.enter_context(Tracker(db_path))
            lockable = cast(Lockable, tracker.store)
            held.enter_context(StoreLock(lockable, "crawl:" + "\n".join(sorted(sources))))
        else:
            held.enter_context(CrawlLock(lock_path(db_path)))
            tracker = held.enter_context(Tracker(db_path))
        archive = WarcArchive.for_run(opts.archive_dir, started) if opts.archive_dir else None
        try:
            with (
                CrawlState(state_path(db_path, sources)) as state,
                HttpClient(
                    config.fetch, clock=opts.clock, archive=archive, resolver=opts.resolver
                ) as fetcher,
            ):
                run = _Run(config, state, tracker, fetcher, opts)
                run.read_sources()
                run.process_queue()
                return run.summary(started, archive)
        finally:
            if archive is not None:
                archive.close()


class _Run:
    def __init__(
        self,
        config: CrawlConfig,
        state: CrawlState,
        tracker: Tracker,
        fetcher: HttpClient,
        opts: CrawlOptions,
    ) -> None:
        self.config = config
        self.state = state
        self.tracker = tracker
        self.fetcher = fetcher
        self.opts = opts
        self.tally = Tally()

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.opts.progress is not None:
            self.opts.progress(stage, done, total)

    # -- 1. sources ----------------------------------------------------------
    def read_sources(self) -> None:
        total = len(self.config.sources)
        for n, source in enumerate(self.config.sources, 1):
            self.tally.sources += 1
            try:
                self._read_source(source)
            except RefusedURL as exc:
                log.warning("%s", exc)
                self.tally.refused.append(source.url)
                self.tally.sources_failed += 1
            except RobotsDisallowed as exc:
                log.warning("%s", exc)
                self.tally.skipped_robots += 1
                self.tally.sources_failed += 1
            except ProvenanceError as exc:
                log.error("%s", exc)
                self.tally.fail(source.url, str(exc))
                self.tally.sources_failed += 1
            self._progress("sources", n, total)

    def _read_source(self, source: SourceConfig, depth: int = 0) -> None:
        url = source.url
        known = self.state.validators(url)
        result = self.fetcher.fetch(
            url, accept=Accept.FEED, etag=known.etag, last_modified=known.last_modified
        )
        if result.page is None:
            log.info("%s: not modified since the last run", url)
            self.tally.not_modified += 1
            return
        page = result.page
        listing = parse_listing(page.content, page.url or url, source.kind)
        self._count_bad_links(listing.bad_links)
        fresh = Validators(result.etag, result.last_modified)
        if listing.kind == "page":
            # A single-page source: the fetch already is the item.
            item = QueuedItem(0, page.url or url, url, 0, None, None, None, 0)
            self._ingest(item, page, validators=(url, fresh))
            return
        if listing.kind == "sitemapindex":
            # An index can stay the same while its children change: always re-read it,
            # and let each child sitemap answer its own conditional GET.
            fresh = Validators()
        if listing.kind == "sitemapindex" and depth == 0:
            for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]:
                try:
                    self._read_source(replace(source, url=child, kind="sitemap"), depth + 1)
                except ProvenanceError as exc:
                    log.error("%s", exc)
                    self.tally.fail(child, str(exc))
        with self.state.transaction():
            queued, seen = self.state.enqueue(self._new_item(url, i) for i in listing.items)
            self.state.set_validators(url, fresh)
        self.tally.skipped_seen += seen
        log.info("%s: %d items, %d new", url, len(listing.items), queued)

    def _count_bad_links(self, bad: tuple[tuple[str, str], ...]) -> None:
        """A link no parser accepts fails once, by name; later runs skip it as seen."""
        fresh = [(link, reason) for link, reason in bad if not self.state.is_seen(link)]
        self.tally.skipped_seen += len(bad) - len(fresh)
        if not fresh:
            return
        with self.state.transaction():
            for link, reason in fresh:
                log.error("%s", reason)
                self.tally.fail(link, reason)
                self.state.mark_seen(link, "invalid")

    @staticmethod
    def _new_item(source: str, item: FeedItem) -> NewItem:
        return NewItem(url=item.url, source=source, guid=item.guid, credit=item.credit)

    # -- 2. items ------------------------------------------------------------
    def process_queue(self) -> None:
        max_hop = self.config.follow_credits
        budget = self.config.max_pages
        done = 0
        hop: int | None = None
        deferred: list[int] = []
        while budget > 0:
            item = self.state.next_item(max_hop, deferred)
            if item is None:
                break
            if hop is not None and item.hop != hop:
                self._match()  # originals of the next hop are judged against matched copies
            hop = item.hop
            budget -= 1
            if not self._process(item):
                deferred.append(item.id)  # failed this run: left queued for the next
            done += 1
            self._progress("items", done, done + min(budget, self.state.pending(max_hop)))
        self._match()

    def _process(self, item: QueuedItem) -> bool:
        """Fetch, extract, ingest and mark one item; False when it stays queued."""
        try:
            result = self.fetcher.fetch(item.url, accept=Accept.PAGE)
        except RobotsDisallowed as exc:
            log.info("%s", exc)
            self.tally.skipped_robots += 1
            with self.state.transaction():
                self.state.finish(item, "robots")
            return True
        except RefusedURL as exc:
            log.warning("%s", exc)
            self.tally.refused.append(item.url)
            with self.state.transaction():
                self.state.finish(item, "refused")
            return True
        except SourceError as exc:
            log.error("%s", exc)
            self.tally.fail(item.url, str(exc))
            with self.state.transaction():
                gave_up = self.state.fail(item, str(exc), MAX_ATTEMPTS)
            if gave_up:
                log.error("%s: failed %d runs in a row; giving up on it", item.url, MAX_ATTEMPTS)
            return gave_up
        assert result.page is not None  # no validators were sent
        return self._ingest(item, result.page)

    def _ingest(
        self,
        item: QueuedItem,
        page: Page,
        validators: tuple[str, Validators] | None = None,
    ) -> bool:
        """Store one fetched page; False when it failed and stays queued for a retry.

        A page that cannot be read (a non-text charset, a bad URL, a page too deep
        to walk) counts toward giving up on its item like a fetch failure does.
        """
        article = to_article(page, self.tracker.read_options)
        if item.credit is not None and article.ok:
            article = replace(article, attributions=(*article.attributions, item.credit))
        result = self.tracker.ingest([article])
        self.tally.fetched += 1
        self.tally.new += result.added
        self.tally.revisions += result.revisions
        self.tally.unchanged += result.unchanged
        if not article.ok:
            self.tally.fail(item.url, article.error or "extraction failed")
        if result.added or result.revisions:
            self.tally.new_ids.extend(result.doc_ids)
        if item.hop > 0 and item.parent:
            doc_id = result.doc_ids[0] if result.doc_ids and article.ok else None
            self.tally.followed.append((item.url, item.parent, item.hop, doc_id))
        credits = self._credits_to_follow(item, page, article)
        done = True
        with self.state.transaction():
            if credits:
                self.state.enqueue(credits)
            if item.id and article.ok:
                self.state.finish(item, "ingested")
            elif item.id:
                done = self.state.fail(item, article.error or "extraction failed", MAX_ATTEMPTS)
            else:
                self.state.mark_seen(item.url, "ingested" if article.ok else "failed")
            if validators is not None:
                self.state.set_validators(*validators)
        if item.id and not article.ok and done:
            log.error("%s: failed %d runs in a row; giving up on it", item.url, MAX_ATTEMPTS)
        return done

    def _credits_to_follow(self, item: QueuedItem, page: Page, article: Article) -> list[NewItem]:
        if item.hop >= self.config.follow_credits or not article.ok:
            return []
        own = {item.url, page.url, *page.redirects, article.canonical_url, article.og_url}
        out: list[NewItem] = []
        for credit in article.attributions:
            url = credit.url
            if not url or credit.kind in _NOT_FOLLOWED or url in own:
                continue
            if not is_http_url(url):
                continue
            if self.tracker.knows(url) or self.state.is_queued(url):
                continue
            parent = page.url or item.url
            out.append(NewItem(url=url, source=parent, hop=item.hop + 1, parent=parent))
        return out

    # -- 3. matching -----------------------------------------------------------
    def _match(self) -> None:
        # Every run matches every unmatched document, not only this run's: a run
        # killed during its final match leaves documents a later run must finish.
        self.tracker.match()

    def _edges(self) -> tuple[list[EdgeFound], int]:
        records: dict[tuple[int, int], EdgeRecord] = {}
        matched = 0
        for doc_id in sorted(set(self.tally.new_ids)):
            found = self.tracker.edges_of(doc_id)
            matched += bool(found)
            for e in found:
                records[(e.copy_id, e.source_id)] = e
        docs = self.tracker.documents(sorted({i for pair in records for i in pair}))
        edges = [
            EdgeFound(
                docs[e.copy_id].url, docs[e.source_id].url, e.relation, e.confidence, e.attributed
            )
            for _, e in sorted(records.items())
        ]
        return edges, matched

    def _credits(self) -> list[CreditFollowed]:
        out: list[CreditFollowed] = []
        for url, parent, hop, doc_id in self.tally.followed:
            linked: set[int] = set()
            if doc_id is not None:
                for e in self.tracker.edges_of(doc_id):
                    linked |= {e.copy_id, e.source_id}
            urls = {d.url for d in self.tracker.documents(sorted(linked)).values()}
            out.append(CreditFollowed(url, parent, hop, verified=parent in urls))
        return out

    def summary(self, started: datetime, archive: WarcArchive | None) -> CrawlSummary:
        edges, matched = self._edges()
        t = self.tally
        return CrawlSummary(
            started=started.isoformat(timespec="seconds"),
            finished=datetime.now(UTC).isoformat(timespec="seconds"),
            sources=t.sources,
            sources_failed=t.sources_failed,
            fetched=t.fetched,
            new=t.new,
            revisions=t.revisions,
            unchanged=t.unchanged,
            matched=matched,
            failed=t.failed,
            skipped_robots=t.skipped_robots,
            skipped_seen=t.skipped_seen,
            not_modified=t.not_modified,
            refused=tuple(t.refused),
            left_in_queue=self.state.pending(self.config.follow_credits),
            edges=tuple(edges),
            credits=tuple(self._credits()),
            failures=tuple(t.failures),
            archive=str(archive.path) if archive is not None else None,
        )


__all__ = ["CrawlOptions", "Progress", "run_crawl"]
