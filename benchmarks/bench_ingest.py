"""End-to-end ingest of a WARC of synthetic pages: extract, credits, fingerprint, store, index.

Usage::

    python benchmarks/bench_ingest.py [--pages 10000] [--jobs 1 2] [--warc PATH]

Writes (or reuses) a WARC of ``--pages`` synthetic HTML pages (``synth.py``,
seed 7) and times ``provenance ingest WARC --db NEW.db --jobs N`` for each N as
a subprocess (interpreter start included), then checks that every run stored the
same documents, signatures, band keys and passage keys.  The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus, write_warc


def digest(db: Path) -> str:
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    for q in (
        "SELECT id, url, content_hash, status, title, site, published, attributions, text"
        " FROM documents ORDER BY id",
        "SELECT doc_id, sig, shingle_count FROM signatures ORDER BY doc_id",
        "SELECT band, key, doc_id FROM bands ORDER BY band, key, doc_id",
        "SELECT key, doc_id FROM passages ORDER BY key, doc_id",
    ):
        for row in con.execute(q):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--warc", type=Path, default=None)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "prov-bench")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    warc = args.warc or args.workdir / f"synth-{args.pages}.warc.gz"
    if not warc.exists():
        t0 = time.perf_counter()
        write_warc(Corpus(7).docs(args.pages), warc)
        print(f"wrote {warc} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    results = []
    for jobs in args.jobs:
        db = args.workdir / f"ingest-j{jobs}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        t0 = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "provenance",
                "ingest",
                str(warc),
                "--db",
                str(db),
                "--jobs",
                str(jobs),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        dt = time.perf_counter() - t0
        summary = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else {}
        results.append(
            {
                "jobs": jobs,
                "seconds": round(dt, 1),
                "pages_per_s": round(args.pages / dt),
                "added": summary.get("added"),
                "failed": summary.get("failed"),
                "digest": digest(db),
            }
        )
    base = results[0]["pages_per_s"]
    print(f"{'jobs':>4} {'seconds':>8} {'pages/s':>8} {'speed-up':>8} {'added':>7}  store digest")
    for r in results:
        print(
            f"{r['jobs']:>4} {r['seconds']:>8} {r['pages_per_s']:>8} "
            f"{r['pages_per_s'] / base:>8.2f} {r['added']!s:>7}  {r['digest']}"
        )
    same = len({r["digest"] for r in results}) == 1
    print(
        json.dumps(
            {"bench": "ingest", "pages": args.pages, "runs": results, "same_store_content": same}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
