"""The persistent LSH index at scale: build a store, then query latency, RSS and a cron increment.

Usage::

    python benchmarks/bench_index.py --docs 1000000 --db /tmp/prov-1m.db   # builds once
    python benchmarks/bench_index.py --docs 1000000 --db /tmp/prov-1m.db   # reuses it
    python benchmarks/bench_index.py --docs 100000 --db postgresql://me@127.0.0.1/bench

Build: ``--docs`` synthetic articles (``synth.py``, seed 21) fingerprinted on
``--jobs`` processes and written through ``pipeline.store_prepared`` in batches
of 2,000; the base documents are then marked matched *without* computing their
edges (matching a million documents is not what is measured here).  Measure, in
a fresh process: candidate queries (``LSHIndex.candidates``) for 2,000 stored
documents, p50/p95, both as ``match()`` asks (bands, and passage keys computed from
the document's text) and for the bands alone; then the cron increment: ingest
1,000 new articles (a third of them copies of stored ones) and ``Tracker.match()``
them, timed end to end from opening the store.  Peak resident memory is VmHWM
from /proc/self/status.  For a SQLite store, the bytes each table and index takes
per document (SQLite's ``dbstat``) and the file's free pages are printed after the
build and at the end.  The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus

from provenance.link.candidates import LSHIndex
from provenance.model import Article
from provenance.pipeline import prepare_all, store_prepared
from provenance.read.items import parse_datetime
from provenance.store import is_store_url
from provenance.store.sql import SQLStore
from provenance.tracker import Tracker


def vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def articles(seed: int, n: int, offset: int = 0) -> list[Article]:
    return [
        Article(
            url=d.url.replace("/news/", f"/news/s{seed}-"),
            text=d.text,
            title=d.title,
            site_name=d.site_name,
            published=parse_datetime(d.published),
        )
        for d in Corpus(seed).docs(n)
    ][offset:]


def build(db: str, n: int, jobs: int) -> tuple[float, float]:
    """Build the store; returns the seconds of the whole build and of its flush."""
    t0 = time.perf_counter()
    with Tracker(db, batch_size=2_000) as t:
        done = t.store.counts()["documents"]
        corpus = Corpus(21).docs(n)
        todo = (
            Article(
                url=d.url,
                text=d.text,
                title=d.title,
                site_name=d.site_name,
                published=parse_datetime(d.published),
            )
            for d in corpus
            if d.index >= done
        )
        store_prepared(t.store, prepare_all(todo, t.params, jobs, chunk=256), batch_size=2_000)
        f0 = time.perf_counter()
        t.store.flush_index()
        flushed = time.perf_counter() - f0
        store = cast(SQLStore, t.store)
        with store.transaction():
            store.execute("DELETE FROM unmatched")
    return time.perf_counter() - t0, flushed


def table_bytes(db: str) -> dict[str, float]:
    """A SQLite store's bytes per document, table by table and index by index
    (``dbstat``), with ``free`` for the file's free pages and ``file`` for the whole."""
    conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
    try:
        [(n,)] = conn.execute("SELECT COUNT(*) FROM documents").fetchall()
        [(page,)] = conn.execute("PRAGMA page_size").fetchall()
        [(pages,)] = conn.execute("PRAGMA page_count").fetchall()
        [(free,)] = conn.execute("PRAGMA freelist_count").fetchall()
        rows = conn.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    finally:
        conn.close()
    n = max(int(n), 1)
    out = {str(name): round(size / n) for name, size in rows if size >= n}
    out.update(free=round(free * page / n), file=round(pages * page / n))
    return out


def measure(db: str, n_new: int, new_seed: int = 99) -> dict[str, float]:
    t_open = time.perf_counter()
    with Tracker(db) as t:
        index = LSHIndex(t.store, t.params)
        n = t.store.counts()["documents"]
        step = max(1, n // 2000)
        ids = list(range(1, n + 1, step))[:2000]
        sigs = t.store.get_signatures(ids)
        docs = t.store.get_documents(ids, with_text=True)
        lat, band_lat = [], []
        cands = 0
        for doc_id in ids:
            fp, body = sigs[doc_id], docs[doc_id].text
            q0 = time.perf_counter()
            index.candidates(doc_id, fp)
            q1 = time.perf_counter()
            # what match() asks: bands, and passage keys computed from the text
            cands += len(index.candidates(doc_id, fp, body))
            lat.append(time.perf_counter() - q1)
            band_lat.append(q1 - q0)
        rss_query = vm_hwm_mb()
        # cron increment: 1,000 new articles, a third copies of stored ones
        new = articles(new_seed, n_new)
        c0 = time.perf_counter()
        res = t.ingest(new)
        m = t.match()
        cron = time.perf_counter() - c0
    lat.sort()
    band_lat.sort()
    return {
        "documents": n,
        "query_p50_ms": round(statistics.median(lat) * 1000, 3),
        "query_p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 3),
        "band_query_p50_ms": round(statistics.median(band_lat) * 1000, 3),
        "band_query_p95_ms": round(band_lat[int(len(band_lat) * 0.95)] * 1000, 3),
        "candidates_per_query": round(cands / len(ids), 2),
        "rss_after_queries_mb": round(rss_query),
        "cron_added": res.added,
        "cron_edges": m.edges,
        "cron_seconds": round(cron, 2),
        "cron_seconds_with_open": round(time.perf_counter() - t_open, 2),
        "peak_rss_mb": round(vm_hwm_mb()),
    }


def store_bytes(db: str) -> int:
    """The store's size on disk: the SQLite file with its WAL, or the PostgreSQL database."""
    if is_store_url(db):
        with Tracker(db, read_only=True) as t:
            store = cast(SQLStore, t.store)
            return int(store.execute("SELECT pg_database_size(current_database())")[0][0])
    path = Path(db)
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="a SQLite path or a postgresql:// URL")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--new", type=int, default=1_000)
    ap.add_argument(
        "--new-seed",
        type=int,
        default=99,
        help="seed of the increment's articles: another seed measures a store again",
    )
    ap.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    db = args.db or f"/tmp/prov-index-{args.docs}.db"
    if args.measure_only:
        print(json.dumps(measure(db, args.new, args.new_seed)))
        return 0
    built = flushed = None
    with Tracker(db) as t:
        have = t.store.counts()["documents"]
    if have < args.docs:
        built, flushed = (round(x, 1) for x in build(db, args.docs, args.jobs))
    sqlite = not is_store_url(db)
    if sqlite:
        print("bytes per document after the build:", json.dumps(table_bytes(db)), flush=True)
    # measure in a fresh process: nothing of the build stays in memory
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--db",
            str(db),
            "--new",
            str(args.new),
            "--new-seed",
            str(args.new_seed),
            "--measure-only",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    size = store_bytes(db)
    r.update({"bench": "index", "build_seconds": built, "flush_seconds": flushed})
    r["db_bytes"] = size
    if sqlite:
        r["bytes_per_doc"] = table_bytes(db)
    for k, v in r.items():
        print(f"{k:28} {v}")
    print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
