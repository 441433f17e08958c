"""Throughput of :func:`provenance.extract.extract` (decode, parse, metadata, content, credits).

Usage::

    python benchmarks/bench_extract.py DIR [--repeat N] [--profile] [--stages]

``DIR`` is a Readability-style suite (``<case>/source.html``) or a folder of
``*.html`` pages (``*.expected.html`` files are skipped).  Pages are read into
memory first and extracted once to warm up; then every page is timed ``--repeat``
times in one process.  ``--stages`` also times decode, parse, metadata, content
and attribution separately (mean ms per page).  The last line printed is a JSON
summary.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from provenance.attribution import find_attributions
from provenance.extract import extract_or_error
from provenance.extract.content import extract_blocks
from provenance.extract.decode import decode_html
from provenance.extract.metadata import extract_metadata
from provenance.model import Page

STAGES = ("decode", "parse", "metadata", "content", "attribution")


def find_pages(root: Path) -> list[Path]:
    suite = sorted(root.glob("*/source.html"))
    if suite:
        return suite
    return sorted(p for p in root.glob("*.html") if not p.name.endswith(".expected.html"))


def stage_times(pages: list[Page], repeat: int) -> dict[str, float]:
    """Mean milliseconds per page spent in each stage of ``extract``."""
    totals = dict.fromkeys(STAGES, 0.0)
    clock = time.perf_counter
    for _ in range(repeat):
        for page in pages:
            t0 = clock()
            html = decode_html(page.content, page.content_type, name=page.source)
            t1 = clock()
            tree = LexborHTMLParser(html)
            t2 = clock()
            meta = extract_metadata(tree, page.url)
            t3 = clock()
            blocks = extract_blocks(tree, page.url or meta.canonical_url or meta.og_url)
            t4 = clock()
            find_attributions(blocks, meta, page.url)
            t5 = clock()
            for name, dt in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
                totals[name] += dt
    n = len(pages) * repeat
    return {name: round(total / n * 1000, 3) for name, total in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="suite folder or folder of .html pages")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over all pages")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    parser.add_argument("--stages", action="store_true", help="time each stage separately")
    args = parser.parse_args(argv)

    paths = find_pages(args.dir)
    if not paths:
        print(f"{args.dir}: no <case>/source.html or *.html pages found", file=sys.stderr)
        return 2
    pages = [Page(content=p.read_bytes(), source=str(p)) for p in paths]
    failed = sum(1 for page in pages if not extract_or_error(page).ok)  # warm-up

    times: list[float] = []
    clock = time.perf_counter
    for _ in range(max(1, args.repeat)):
        for page in pages:
            start = clock()
            extract_or_error(page)
            times.append(clock() - start)
    total = sum(times)
    ordered = sorted(times)
    median_ms = statistics.median(ordered) * 1000
    p95_ms = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000
    pps = len(times) / total if total else float("inf")
    mb = sum(len(p.content) for p in pages) / 1e6

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for page in pages:
            extract_or_error(page)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)

    stages = stage_times(pages, max(1, args.repeat)) if args.stages else None
    print(f"{len(pages)} pages ({mb:.1f} MB), {args.repeat} passes, {failed} failed")
    print(f"{pps:.1f} pages/s, median {median_ms:.2f} ms/page, p95 {p95_ms:.2f} ms/page")
    summary: dict[str, object] = {
        "dir": str(args.dir),
        "pages": len(pages),
        "repeat": args.repeat,
        "failed": failed,
        "pages_per_s": round(pps, 1),
        "median_ms": round(median_ms, 3),
        "p95_ms": round(p95_ms, 3),
        "mb": round(mb, 2),
    }
    if stages is not None:
        print("mean ms/page by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
        summary["stage_ms"] = stages
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
