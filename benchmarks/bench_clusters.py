"""Hot stories: one story carried by K sites, in a synthetic corpus.

Usage::

    python benchmarks/bench_clusters.py                       # 10,000 docs, K = 50, 200, 1000
    python benchmarks/bench_clusters.py --docs 2000 --k 50 --k 200   # a quick run

``--docs`` documents in all: a synthetic background stream (``synth.py``, seed 11,
itself holding copies, excerpts and edits of its own originals) with one story
planted in it: its origin (``wire-desk.example``), then K carriers on K sites,
published 2 minutes to 2 days later and ingested in about that order among the
background documents.  Of the carriers, 40 % credit the origin by URL, 10 % by
site name, the rest credit nobody; a quarter carry an excerpt (50-95 %), a quarter
an edited copy (about 3 % of the words replaced), the rest the full text.

Each K runs in three fresh processes, so each phase's peak resident memory
(VmHWM) is its own: ingest, ``match`` and ``report`` (``Tracker.report()``, story
clusters included when the code has them).  Printed per K: edges, edges per
carrier, match and report seconds and peak RSS; then the ratios (edges <= 3K;
match time at the largest K against the smallest).  A sample of carriers is
traced to check that their chain ends at the origin.  The last line is JSON.
``--unbounded`` matches as the code did before the bound (``MatchConfig(max_edges=0,
hot_candidates=0)``: every verified pair is an edge), for comparison.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus

from provenance.link.match import MatchConfig
from provenance.model import Article, Attribution
from provenance.read.items import parse_datetime
from provenance.tracker import Tracker

ORIGIN_URL = "https://wire-desk.example/2024/01/20/harbour-story"
ORIGIN_SITE = "Wire Desk"
SAMPLE_TRACES = 60


def vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def carrier_url(i: int) -> str:
    return f"https://carrier{i:04d}.example/news/harbour-story"


def planted(k: int, when: datetime, seed: int = 3) -> list[Article]:
    """The origin and its ``k`` carriers, in the order they are ingested."""
    rng = random.Random(seed)
    story = next(iter(Corpus(seed + 1000).docs(1)))
    origin = Article(
        url=ORIGIN_URL,
        source=ORIGIN_URL,
        title="Harbour council votes to extend the night ferry",
        site_name=ORIGIN_SITE,
        published=when,
        text=story.text,
    )
    words = story.text.split(" ")
    carriers: list[tuple[float, Article]] = []
    for i in range(k):
        lag = 120 * (1440 ** rng.random())  # 2 minutes to 2 days, log-uniform
        body = story.text
        if i % 4 == 1:
            share = rng.uniform(0.5, 0.95)
            body = " ".join(words[: max(1, int(len(words) * share))])
        elif i % 4 == 2:
            body = " ".join(
                w if rng.random() > 0.03 else f"edit{rng.randint(0, 99)}" for w in words
            )
        credits: tuple[Attribution, ...] = ()
        if i % 10 < 4:
            credits = (
                Attribution(
                    kind="appeared-first-on",
                    text=f"The post appeared first on {ORIGIN_SITE}.",
                    site=ORIGIN_SITE,
                    url=ORIGIN_URL,
                    position="footer",
                ),
            )
        elif i % 10 == 4:
            credits = (
                Attribution(
                    kind="appeared-first-on",
                    text=f"The post appeared first on {ORIGIN_SITE}.",
                    site=ORIGIN_SITE,
                    position="footer",
                ),
            )
        url = carrier_url(i)
        carriers.append(
            (
                lag + rng.uniform(-600, 600),  # crawled roughly, not exactly, in date order
                Article(
                    url=url,
                    source=url,
                    title=origin.title,
                    site_name=f"Carrier {i:04d}",
                    published=when + timedelta(seconds=lag),
                    text=body,
                    attributions=credits,
                ),
            )
        )
    carriers.sort(key=lambda c: c[0])
    return [origin, *(a for _, a in carriers)]


def corpus(docs: int, k: int) -> list[Article]:
    """``docs`` articles: the background stream with the story planted in it."""
    n_background = max(0, docs - k - 1)
    background = [
        Article(
            url=d.url,
            source=d.url,
            text=d.text,
            title=d.title,
            site_name=d.site_name,
            published=parse_datetime(d.published),
        )
        for d in Corpus(11).docs(n_background)
    ]
    at = len(background) // 10
    when = background[at].published if background else None
    story = planted(k, when or datetime.fromisoformat("2024-01-20T08:00:00+00:00"))
    out = [*background[:at], story[0]]
    rest, carriers = background[at:], story[1:]
    # the carriers spread over the rest of the stream, in their order
    for j, art in enumerate(rest):
        out.append(art)
        lo, hi = (
            j * len(carriers) // max(1, len(rest)),
            (j + 1) * len(carriers) // max(1, len(rest)),
        )
        out.extend(carriers[lo:hi])
    if not rest:
        out.extend(carriers)
    return out


def phase_ingest(db: Path, docs: int, k: int, jobs: int) -> dict[str, Any]:
    arts = corpus(docs, k)
    t0 = time.perf_counter()
    with Tracker(db) as t:
        res = t.ingest(arts, jobs=jobs)
    return {"ingested": res.added, "ingest_s": round(time.perf_counter() - t0, 2)}


def story_ids(t: Tracker, k: int) -> set[int]:
    """The stored ids of the origin and its carriers."""
    out = set()
    for url in (ORIGIN_URL, *(carrier_url(i) for i in range(k))):
        doc = t.store.latest_revision(url)
        if doc is not None:
            out.add(doc.id)
    return out


def phase_match(db: Path, k: int, unbounded: bool = False) -> dict[str, Any]:
    config = MatchConfig(max_edges=0, hot_candidates=0) if unbounded else MatchConfig()
    t0 = time.perf_counter()
    with Tracker(db, config=config) as t:
        res = t.match()
        seconds = time.perf_counter() - t0
        rss = vm_hwm_mb()
        ids = story_ids(t, k)
        story = sum(e.copy_id in ids or e.source_id in ids for e in t.store.iter_edges())
        edges = t.store.counts()["edges"]
    return {
        "match_s": round(seconds, 2),
        "match_rss_mb": round(rss),
        "edges": edges,
        "story_edges": story,
        "new_edges": res.edges,
    }


def phase_report(db: Path, k: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    with Tracker(db, read_only=True) as t:
        report = t.report()
        seconds = time.perf_counter() - t0
        rss = vm_hwm_mb()
        out: dict[str, Any] = {
            "report_s": round(seconds, 2),
            "report_rss_mb": round(rss),
            "report_edges": len(report.edges),
        }
        clusters = getattr(report, "clusters", None)
        if clusters is not None:
            story = next((c for c in clusters if c.origin_url == ORIGIN_URL), None)
            out["clusters"] = len(clusters)
            out["story_sites"] = story.sites if story else None
            out["story_credited_share"] = story.credited_share if story else None
        step = max(1, k // SAMPLE_TRACES)
        sample = [carrier_url(i) for i in range(0, k, step)]
        t1 = time.perf_counter()
        reached = sum(t.trace(url).origin.url == ORIGIN_URL for url in sample)
        out["traces_to_origin"] = f"{reached}/{len(sample)}"
        out["trace_ms"] = round((time.perf_counter() - t1) * 1000 / max(1, len(sample)), 1)
    return out


def child(args: argparse.Namespace) -> dict[str, Any]:
    if args.phase == "ingest":
        return phase_ingest(args.db, args.docs, args.one, args.jobs)
    if args.phase == "match":
        return phase_match(args.db, args.one, args.unbounded)
    return phase_report(args.db, args.one)


def run_k(k: int, docs: int, jobs: int, tmp: Path, unbounded: bool) -> dict[str, Any]:
    db = tmp / f"clusters-{k}.db"
    row: dict[str, Any] = {"k": k, "docs": docs, "unbounded": unbounded}
    for phase in ("ingest", "match", "report"):
        cmd = [sys.executable, __file__, "--one", str(k), "--phase", phase]
        cmd += ["--docs", str(docs), "--db", str(db), "--jobs", str(jobs)]
        cmd += ["--unbounded"] if unbounded else []
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            raise SystemExit(f"K={k}: the {phase} phase failed (after {row})")
        row.update(json.loads(out.stdout.strip().splitlines()[-1]))
    row["story_edges_per_carrier"] = round(row["story_edges"] / k, 2)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--k", type=int, action="append", help="carriers (repeatable)")
    ap.add_argument("--jobs", type=int, default=1, help="ingest processes")
    ap.add_argument(
        "--unbounded",
        action="store_true",
        help="match as before the bound: every verified pair an edge (max_edges=0)",
    )
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--phase", choices=["ingest", "match", "report"], help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one is not None:
        print(json.dumps(child(args)))
        return 0
    ks = sorted(set(args.k or [50, 200, 1000]))
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-clusters-") as tmp:
        for k in ks:
            row = run_k(k, args.docs, args.jobs, Path(tmp), args.unbounded)
            rows.append(row)
            print(
                f"K={k:<5} edges {row['edges']:>7}, story {row['story_edges']:>7} "
                f"({row['story_edges_per_carrier']}/carrier)  match {row['match_s']:>7.2f}s "
                f"{row['match_rss_mb']:>5} MB  report {row['report_s']:>6.2f}s "
                f"{row['report_rss_mb']:>5} MB  traces to origin {row['traces_to_origin']}",
                flush=True,
            )
    small, big = rows[0], rows[-1]
    summary = {
        "bench": "clusters",
        "rows": rows,
        "story_edges_le_3k": all(r["story_edges"] <= 3 * r["k"] for r in rows),
        "match_ratio": round(big["match_s"] / small["match_s"], 2) if small["match_s"] else None,
        "report_ratio": round(big["report_s"] / small["report_s"], 2)
        if small["report_s"]
        else None,
    }
    print(
        f"match time K={big['k']} / K={small['k']}: {summary['match_ratio']}x; "
        f"report: {summary['report_ratio']}x; story edges <= 3K: {summary['story_edges_le_3k']}"
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
