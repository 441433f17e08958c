"""The crawler's HTTP client against a real local web: politeness, retries,
redirects, caps, content types, conditional GET and the WARC archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from provenance.errors import FetchError
from provenance.fetch import (
    Accept,
    BodyTooLarge,
    FetchSettings,
    HttpClient,
    HTTPStatusError,
    RefusedURL,
    RobotsDisallowed,
    UnexpectedContentType,
    WarcArchive,
)
from provenance.model import Page
from provenance.read.warc import iter_warc
from tests.helpers.crawlweb import CrawlWeb, FakeClock


def _fetcher(web: CrawlWeb, clock: FakeClock, **kw: object) -> HttpClient:
    settings = FetchSettings(resolve=web.resolve, timeout=2.0, **kw)  # type: ignore[arg-type]
    return HttpClient(settings, clock=clock)


def test_min_delay_spaces_requests_to_one_host(web: CrawlWeb) -> None:
    clock = FakeClock()
    with _fetcher(web, clock, min_delay=1.5) as f:
        for _ in range(3):
            f.fetch("http://edge.test/page.html")
        f.fetch("http://publisher.test/news/late-ferry.html")
    # robots.txt then 3 pages on edge.test: three waits of 1.5 s; publisher.test's first
    # request (its robots.txt) does not wait for edge.test.
    assert clock.sleeps == [1.5, 1.5, 1.5, 1.5]
    assert web.hits["edge.test/page.html"] == 3


def test_503_retry_after_seconds_is_honoured(web: CrawlWeb) -> None:
    clock = FakeClock()
    with _fetcher(web, clock, min_delay=0.0) as f:
        result = f.fetch("http://edge.test/flaky")
    assert result.page is not None and b"Flaky" in result.page.content
    assert clock.sleeps == [2.0, 2.0]
    assert web.hits["edge.test/flaky"] == 3


def test_429_retry_after_http_date_is_honoured(web: CrawlWeb) -> None:
    clock = FakeClock()
    with _fetcher(web, clock, min_delay=0.0) as f:
        result = f.fetch("http://edge.test/busy")
    assert result.status == 200
    assert len(clock.sleeps) == 1 and 1.0 <= clock.sleeps[0] <= 3.5


def test_retry_after_over_the_cap_fails_without_waiting(web: CrawlWeb) -> None:
    clock = FakeClock()
    fetcher = _fetcher(web, clock, min_delay=0.0, max_retry_after=60.0)
    with fetcher as f, pytest.raises(HTTPStatusError, match="7200s") as info:
        f.fetch("http://edge.test/hours")
    assert info.value.status == 503
    assert clock.sleeps == [] and web.hits["edge.test/hours"] == 1


def test_5xx_backs_off_exponentially_then_gives_up(web: CrawlWeb) -> None:
    clock = FakeClock()
    fetcher = _fetcher(web, clock, min_delay=0.0, retries=3, backoff_base=1.0)
    with fetcher as f, pytest.raises(HTTPStatusError, match="HTTP 500"):
        f.fetch("http://edge.test/always-500")
    assert web.hits["edge.test/always-500"] == 4
    # full jitter in [base·2ⁿ/2, base·2ⁿ]
    assert len(clock.sleeps) == 3
    for n, slept in enumerate(clock.sleeps):
        assert 2**n / 2 <= slept <= 2**n


def test_connection_errors_are_retried(web: CrawlWeb) -> None:
    clock = FakeClock()
    settings = FetchSettings(resolve={"gone.test": "127.0.0.1:9"}, retries=2, min_delay=0.0)
    fetcher = HttpClient(settings, clock=clock)
    with fetcher as f, pytest.raises(FetchError, match=r"robots\.txt unreachable.*after 3 tries"):
        f.fetch("http://gone.test/x")
    assert len(clock.sleeps) == 2


def test_redirect_chain_is_recorded(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock()) as f:
        result = f.fetch("http://edge.test/r1")
    assert result.page is not None
    assert result.page.url == "http://edge.test/page.html"
    assert result.page.redirects == ("http://edge.test/r1", "http://edge.test/r2")


def test_redirect_loop_is_an_error(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock()) as f, pytest.raises(FetchError, match="redirect loop"):
        f.fetch("http://edge.test/loop-a")


def test_slow_response_times_out(web: CrawlWeb) -> None:
    settings = FetchSettings(resolve=web.resolve, timeout=0.3, min_delay=0.0)
    fetcher = HttpClient(settings, clock=FakeClock())
    with fetcher as f, pytest.raises(FetchError, match="timed out"):
        f.fetch("http://edge.test/slow")


def test_a_trickling_response_hits_the_total_deadline(web: CrawlWeb) -> None:
    settings = FetchSettings(resolve=web.resolve, timeout=1.0, total_timeout=1.0, min_delay=0.0)
    fetcher = HttpClient(settings, clock=FakeClock())
    with fetcher as f, pytest.raises(FetchError, match="over 1s in total"):
        f.fetch("http://edge.test/trickle")


def test_gzip_bomb_is_cut_off_at_the_cap(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock(), max_bytes=1_000_000) as f:
        with pytest.raises(BodyTooLarge, match="after decompression"):
            f.fetch("http://edge.test/bomb")
        ok = f.fetch("http://edge.test/gzipped.html")
    assert ok.page is not None and ok.page.content.startswith(b"<!doctype html>")


def test_content_type_is_checked(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock()) as f:
        with pytest.raises(UnexpectedContentType, match="image/png"):
            f.fetch("http://edge.test/image.png")
        assert f.fetch("http://publisher.test/sitemap-news.xml", accept=Accept.FEED).page


def test_robots_txt_is_read_once_per_host_and_obeyed(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock()) as f:
        f.fetch("http://publisher.test/news/late-ferry.html")
        with pytest.raises(RobotsDisallowed):
            f.fetch("http://publisher.test/drafts/unfinished.html")
        f.fetch("http://publisher.test/news/mill-bread.html")
    assert web.hits["publisher.test/robots.txt"] == 1
    assert web.requests["publisher.test/drafts/unfinished.html"] == 0


def test_conditional_get_gives_not_modified(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock()) as f:
        first = f.fetch("http://edge.test/etag")
        again = f.fetch("http://edge.test/etag", etag=first.etag)
    assert first.etag == '"v1"' and not first.not_modified
    assert again.not_modified and again.status == 304


def test_loopback_is_refused_unless_allowed(web: CrawlWeb) -> None:
    with _fetcher(web, FakeClock()) as f:
        with pytest.raises(RefusedURL, match="loopback"):
            f.fetch(f"{web.base}/admin", accept=Accept.ANY)
        with pytest.raises(RefusedURL, match="loopback"):
            f.fetch("http://edge.test/to-admin", accept=Accept.ANY)  # a redirect hop
        with pytest.raises(RefusedURL, match="http and https"):
            f.fetch("file:///etc/passwd")
    assert web.requests["127.0.0.1/admin"] == 0
    with _fetcher(web, FakeClock(), allow_private=True) as f:
        page = f.fetch(f"{web.base}/admin", accept=Accept.ANY).page
    assert page is not None and page.content == b"internal admin console"


def test_private_addresses_after_dns_are_refused() -> None:
    names = {"intranet.test": ["10.1.2.3"], "meta.test": ["169.254.169.254"], "v6.test": ["::1"]}
    settings = FetchSettings(min_delay=0.0, respect_robots=False)
    with HttpClient(settings, clock=FakeClock(), resolver=lambda h, p: names[h]) as f:
        for host, label in (("intranet", "private"), ("meta", "link-local"), ("v6", "loopback")):
            with pytest.raises(RefusedURL, match=label):
                f.fetch(f"http://{host}.test/")


def test_archive_records_every_exchange_and_replays(web: CrawlWeb, tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    with WarcArchive(path) as archive:
        settings = FetchSettings(resolve=web.resolve, min_delay=0.0)
        with HttpClient(settings, clock=FakeClock(), archive=archive) as f:
            f.fetch("http://edge.test/r1")
            f.fetch("http://edge.test/gzipped.html")
    pages = [p for p in iter_warc(path) if isinstance(p, Page)]
    assert [p.url for p in pages] == ["http://edge.test/page.html", "http://edge.test/gzipped.html"]
    assert archive.records == 2 * 5  # robots.txt, r1, r2, page.html, gzipped.html
    with path.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]
    kinds = [kind for kind, _, _ in records]
    assert kinds == ["request", "response"] * 5
    bodies = {uri: body for kind, uri, body in records if kind == "response"}
    # stored decoded: the gzipped page replays as HTML
    assert bodies["http://edge.test/gzipped.html"].startswith(b"<!doctype html>")
    assert bodies["http://edge.test/page.html"].startswith(b"<!doctype html>")
