"""Crawling the little local web end to end, in process and as a cron job would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from provenance.crawl import CrawlConfig, parse_config, run_crawl
from provenance.tracker import Tracker
from tests.helpers.crawlweb import CrawlWeb, FakeClock

ARTICLES = (
    "aggregator.test/story/lighthouse",
    "aggregator.test/story/ferry",
    "publisher.test/news/late-ferry.html",
    "publisher.test/news/mill-bread.html",
    "blog.test/posts/mill",
    "origin.test/news/carrow-point.html",
)
EXPECTED_EDGES = {
    ("http://aggregator.test/story/lighthouse", "http://origin.test/news/carrow-point.html"),
    ("http://aggregator.test/story/ferry", "http://publisher.test/news/late-ferry.html"),
    ("http://blog.test/posts/mill", "http://publisher.test/news/mill-bread.html"),
}
CLI = "from provenance.cli.crawl import crawl; crawl(prog_name='provenance crawl')"


def _sources() -> list[dict[str, str]]:
    return [
        {"url": "http://aggregator.test/feed.xml", "role": "aggregator"},
        {"url": "http://publisher.test/sitemap_index.xml", "role": "publisher"},
        {"url": "http://blog.test/atom.xml"},
    ]


def _config(web: CrawlWeb, **crawl: Any) -> CrawlConfig:
    return parse_config({"crawl": {"resolve": web.resolve, **crawl}, "source": _sources()})


def _toml(web: CrawlWeb, path: Path) -> Path:
    lines = ["[crawl]", "min_delay = 0", "[crawl.resolve]"]
    lines += [f'"{host}" = "{target}"' for host, target in web.resolve.items()]
    for source in _sources():
        lines += ["[[source]]", *(f'{k} = "{v}"' for k, v in source.items())]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_crawl_finds_copies_follows_credits_and_refuses_internal_hosts(
    web: CrawlWeb, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    clock = FakeClock()
    summary = run_crawl(_config(web), db, archive_dir=tmp_path / "warc", clock=clock)
    assert {(e.copy_url, e.source_url) for e in summary.edges} == EXPECTED_EDGES
    assert all(e.relation == "copy" for e in summary.edges)
    [credit] = summary.credits
    assert credit.url == "http://origin.test/news/carrow-point.html"
    assert credit.credited_by == "http://aggregator.test/story/lighthouse"
    assert credit.hop == 1 and credit.verified
    assert summary.refused == (f"{web.base}/admin",)
    assert web.requests["127.0.0.1/admin"] == 0
    assert summary.skipped_robots == 2  # /private/ and /drafts/
    assert web.requests["aggregator.test/private/members"] == 0
    assert (summary.fetched, summary.new, summary.failed) == (6, 6, 0)
    assert all(web.hits[a] == 1 for a in ARTICLES)
    # min_delay (default 1 s) is kept per host, through the injected clock
    assert clock.sleeps and all(s <= 1.0 for s in clock.sleeps)
    # every exchange is archived, and the article pages replay from the WARC
    assert summary.archive is not None
    with open(summary.archive, "rb") as stream:
        responses = {
            r.rec_headers.get_header("WARC-Target-URI"): r.content_stream().read()
            for r in ArchiveIterator(stream)
            if r.rec_type == "response"
        }
    assert all(f"http://{a}" in responses for a in ARTICLES)
    assert b"Carrow Point" in responses["http://origin.test/news/carrow-point.html"]
    json.dumps(summary.to_dict())

    again = run_crawl(_config(web), db, clock=FakeClock())
    assert again.not_modified == 1  # the aggregator feed answered 304 to its ETag
    assert (again.fetched, again.new, again.failed) == (0, 0, 0)
    assert again.skipped_seen == 4  # the sitemap's 3 items and the Atom entry
    assert all(web.hits[a] == 1 for a in ARTICLES)


def test_allow_private_lifts_the_guard(web: CrawlWeb, tmp_path: Path) -> None:
    summary = run_crawl(_config(web), tmp_path / "n.db", allow_private=True, clock=FakeClock())
    assert summary.refused == ()
    assert web.hits["127.0.0.1/admin"] == 1


def test_failed_items_are_retried_next_run_and_exit_1(web: CrawlWeb, tmp_path: Path) -> None:
    from tests.helpers.crawlweb import Reply

    web.overrides["aggregator.test/story/ferry"] = Reply(404, b"gone", "text/plain")
    config = _toml(web, tmp_path / "crawl.toml")
    db = tmp_path / "news.db"
    first = subprocess.run(
        [sys.executable, "-c", CLI, "--config", str(config), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert first.returncode == 1, first.stderr
    summary = json.loads(first.stdout)
    assert summary["failed"] == 1 and "404" in summary["failures"][0]["error"]
    assert summary["left_in_queue"] == 1
    del web.overrides["aggregator.test/story/ferry"]
    second = run_crawl(
        parse_config({"crawl": {"resolve": web.resolve, "min_delay": 0}, "source": _sources()}), db
    )
    assert second.fetched == 1 and second.failed == 0 and second.left_in_queue == 0
    assert web.requests["aggregator.test/story/ferry"] == 2
    assert web.requests["aggregator.test/story/lighthouse"] == 1


def _start(config: Path, db: Path, summary: Path) -> subprocess.Popen[str]:
    args = ["--config", str(config), "--db", str(db), "--summary", str(summary)]
    return subprocess.Popen(
        [sys.executable, "-c", CLI, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_killed_crawl_resumes_without_losing_or_refetching(web: CrawlWeb, tmp_path: Path) -> None:
    config = _toml(web, tmp_path / "crawl.toml")
    db = tmp_path / "news.db"
    # The third article blocks: the crawler has ingested two and is waiting on it.
    release, reached = web.gate("publisher.test/news/late-ferry.html")
    proc = _start(config, db, tmp_path / "s1.json")
    try:
        assert reached.wait(30), "the crawler never reached the third article"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.communicate()
        release.set()
    assert proc.returncode == -signal.SIGKILL
    done_before = {a for a in ARTICLES if web.requests[a]}
    assert done_before == {ARTICLES[0], ARTICLES[1], ARTICLES[2]}

    rerun = _start(config, db, tmp_path / "s2.json")
    _out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    summary = json.loads((tmp_path / "s2.json").read_text())
    assert summary["fetched"] == 4  # late-ferry again, then the three not reached
    # nothing fetched twice except the one the kill interrupted
    for article in ARTICLES:
        expected = 2 if article == "publisher.test/news/late-ferry.html" else 1
        assert web.requests[article] == expected, article
    with Tracker(db) as tracker:
        for article in ARTICLES:
            assert tracker.store.find_by_url(f"http://{article}"), article


def test_second_crawl_on_the_same_store_exits_3_and_harms_nothing(
    web: CrawlWeb, tmp_path: Path
) -> None:
    config = _toml(web, tmp_path / "crawl.toml")
    db = tmp_path / "news.db"
    release, reached = web.gate("aggregator.test/story/lighthouse")
    first = _start(config, db, tmp_path / "s1.json")
    try:
        assert reached.wait(30)
        started = time.monotonic()
        second = _start(config, db, tmp_path / "s2.json")
        _out, err = second.communicate(timeout=30)
        assert second.returncode == 3
        assert time.monotonic() - started < 15
        assert len(err.strip().splitlines()) == 1 and "another crawl" in err
        assert not (tmp_path / "s2.json").exists()
    finally:
        release.set()
    first.communicate(timeout=60)
    assert first.returncode == 0
    summary = json.loads((tmp_path / "s1.json").read_text())
    assert summary["fetched"] == 6 and len(summary["edges"]) == 3
    assert all(web.hits[a] == 1 for a in ARTICLES)


def test_stale_lock_file_from_a_dead_run_is_recovered(web: CrawlWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Path(f"{db}.lock").write_text("999999\n")  # left behind; nobody holds the flock
    summary = run_crawl(_config(web, min_delay=0), db)
    assert summary.fetched == 6


def test_each_run_matches_documents_a_killed_run_left_unmatched(
    web: CrawlWeb, tmp_path: Path
) -> None:
    from tests.helpers.matchkit import article, text

    db = tmp_path / "news.db"
    run_crawl(_config(web), db, clock=FakeClock())
    body = text(77, 400)
    with Tracker(db) as tracker:  # as if a crawl died after ingesting, before matching
        tracker.ingest([article("http://left.test/a", body), article("http://left.test/b", body)])
        assert tracker.store.counts()["unmatched"] == 2
    run_crawl(_config(web), db, clock=FakeClock())  # nothing new to fetch this time
    with Tracker(db) as tracker:
        assert tracker.store.counts()["unmatched"] == 0
        assert tracker.edges_of(tracker.store.find_by_url("http://left.test/b")[0].id)


def test_a_crawl_whose_every_source_is_refused_is_not_ok(web: CrawlWeb, tmp_path: Path) -> None:
    config = parse_config(
        {"crawl": {"resolve": web.resolve}, "source": [{"url": f"{web.base}/feed.xml"}]}
    )
    summary = run_crawl(config, tmp_path / "dead.db", clock=FakeClock())
    assert summary.sources == summary.sources_failed == 1
    assert summary.dead and not summary.ok
    assert summary.to_dict()["sources_failed"] == 1


def test_hostile_items_are_counted_failures_given_up_after_max_attempts(
    web: CrawlWeb, tmp_path: Path
) -> None:
    """A feed link httpx or IDNA rejects, and a page that is not text, are each one
    failure: the run goes on, the good items are stored, and the item is retried
    until it has failed MAX_ATTEMPTS runs, then given up.  (A page whose charset
    label names a non-text codec is read as text: the label is ignored.)"""
    from provenance.crawl.runner import MAX_ATTEMPTS
    from tests.helpers.crawlweb import Reply

    hostile_links = ["http://127.000.000.001/x", "http://xn--/x", "http://[bad/x"]
    items = "".join(f"<item><title>bad</title><link>{u}</link></item>" for u in hostile_links)
    feed = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Bad</title>"
        f"{items}<item><title>noise</title><link>http://edge.test/noise</link></item>"
        "<item><title>hex</title><link>http://edge.test/hex</link></item>"
        "</channel></rss>"
    ).encode()
    web.overrides["edge.test/feed.xml"] = Reply(body=feed, ctype="application/rss+xml")
    web.overrides["edge.test/hex"] = Reply(
        body=b"<html><head><meta charset='hex'><title>x</title></head><body><p>"
        + b"words " * 200
        + b"</p></body></html>",
        ctype="text/html; charset=hex",
    )
    noise = bytes((i * 7919 + 13) % 251 + 1 for i in range(6000))  # no NUL, not text
    web.overrides["edge.test/noise"] = Reply(body=noise, ctype="text/html")
    sources = [*_sources(), {"url": "http://edge.test/feed.xml"}]
    config = parse_config({"crawl": {"resolve": web.resolve, "min_delay": 0}, "source": sources})
    db = tmp_path / "news.db"
    runs = [run_crawl(config, db, clock=FakeClock()) for _ in range(MAX_ATTEMPTS)]
    first, last = runs[0], runs[-1]
    assert first.fetched >= len(ARTICLES)  # every good item is stored despite the bad ones
    assert not first.ok and first.failed >= 1
    failed_urls = {f.url for f in first.failures}
    assert {"http://edge.test/noise", *hostile_links} <= failed_urls
    assert "not text" in next(f.error for f in first.failures if f.url.endswith("/noise"))
    assert web.requests["edge.test/noise"] == MAX_ATTEMPTS  # retried, then given up
    assert last.left_in_queue == 0
    after = run_crawl(config, db, clock=FakeClock())
    assert web.requests["edge.test/noise"] == MAX_ATTEMPTS  # not fetched again once given up
    assert after.failed == 0  # the feed's invalid link failed once, and is seen now
    with Tracker(db) as tracker:
        for path in (*ARTICLES, "edge.test/hex"):
            assert tracker.knows(f"http://{path}"), path
