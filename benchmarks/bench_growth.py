"""Does ingest + match cost per document grow with the store?  Bytes written and CPU
time per document, increment by increment, as a store grows from empty.

Usage::

    python benchmarks/bench_growth.py --docs 30000 --step 3000 [--db PATH|URL]

The corpus is ``synth.py`` seed 41 (copies, excerpts and footers among originals).
Each increment ingests ``--step`` documents (prepared on ``--jobs`` processes, stored
in this process) and matches them, the way a nightly cron run does.  Per increment it
prints: documents stored, seconds, CPU seconds per 1,000 documents (this process and
its workers), bytes written per document (``write_bytes`` of /proc/self/io, this
process: the SQLite file and its WAL), and the store's size per document.  Targets
(issue 12): CPU per document at the end within 1.2× of the first increments, and bytes
written per document within 2× of the stored size per document.  The last line is a
JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_index import store_bytes
from synth import Corpus

from provenance.model import Article
from provenance.pipeline import prepare_all, store_prepared
from provenance.read.items import parse_datetime
from provenance.tracker import Tracker


def written() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=30_000)
    ap.add_argument("--step", type=int, default=3_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db", default=None)
    args = ap.parse_args(argv)
    db = args.db or str(Path(tempfile.mkdtemp()) / "growth.db")
    corpus = Corpus(41).docs(args.docs)
    rows = []
    print(f"{'docs':>8} {'seconds':>8} {'cpu s/1k':>9} {'written/doc':>12} {'stored/doc':>11}")
    with Tracker(db) as t:
        done = 0
        while done < args.docs:
            batch = [
                Article(
                    url=d.url,
                    text=d.text,
                    title=d.title,
                    site_name=d.site_name,
                    published=parse_datetime(d.published),
                )
                for _, d in zip(range(args.step), corpus, strict=False)
            ]
            w0, c0, t0 = written(), cpu(), time.perf_counter()
            store_prepared(t.store, prepare_all(batch, t.params, args.jobs, chunk=256))
            t.match()
            seconds = time.perf_counter() - t0
            done += len(batch)
            per_doc = (written() - w0) / len(batch)
            size = store_bytes(db) / done
            row = {
                "docs": done,
                "seconds": round(seconds, 1),
                "cpu_s_per_1k": round((cpu() - c0) / len(batch) * 1000, 2),
                "written_per_doc": round(per_doc),
                "stored_per_doc": round(size),
            }
            rows.append(row)
            print(
                f"{done:8d} {row['seconds']:8.1f} {row['cpu_s_per_1k']:9.2f} "
                f"{row['written_per_doc']:12,d} {row['stored_per_doc']:11,d}"
            )
    first, last = rows[0], rows[-1]
    summary = {
        "bench": "growth",
        "docs": args.docs,
        "cpu_ratio_last_to_first": round(last["cpu_s_per_1k"] / first["cpu_s_per_1k"], 2),
        "written_to_stored_last": round(last["written_per_doc"] / last["stored_per_doc"], 2),
        "rows": rows,
    }
    print(json.dumps(summary))
    if args.db is None:
        for p in Path(db).parent.glob("growth.db*"):
            os.unlink(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
