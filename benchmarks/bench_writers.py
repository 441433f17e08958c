"""Several writers on one store: the ingest rate of two concurrent ``provenance ingest``
processes against one, on PostgreSQL (and on SQLite, for comparison).

Usage::

    python benchmarks/bench_writers.py --db postgresql://me@127.0.0.1/postgres [--docs 4000]

``--db`` names a server's maintenance database (for PostgreSQL a fresh database is made
for each run and dropped after) or a folder for SQLite files.  The corpus (``synth.py``,
seed 31) is split into two JSON Lines halves.  One writer ingests both halves in one
process; then two writers ingest one half each at the same time, as two crawler hosts
would.  Each process runs with ``--jobs 1``, so the comparison is one core against two.
Target (issue 12): two writers reach ≥ 1.6× one writer's rate on PostgreSQL.  The last
line is a JSON summary.

``--into URL`` writes into an existing store instead (the 1,000,000-document one of
``bench_index.py``): the one-writer run ingests the corpus of ``--seed``, the two-writer
run that of ``--seed`` + 1, so both add new documents; give new seeds for every run into
the same store.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus

CLI = [sys.executable, "-m", "provenance", "-q"]


def write_halves(folder: Path, n: int, seed: int = 31) -> tuple[Path, Path]:
    halves = (folder / f"a{seed}.jsonl", folder / f"b{seed}.jsonl")
    with halves[0].open("w") as a, halves[1].open("w") as b:
        for d in Corpus(seed).docs(n):
            row = {"url": d.url, "title": d.title, "text": d.text, "published": d.published}
            (a if d.index % 2 == 0 else b).write(json.dumps(row) + "\n")
    return halves


@contextmanager
def fresh_store(base: str, folder: Path, into: str | None = None) -> Iterator[str]:
    if into is not None:  # an existing store, written into as it is
        yield into
        return
    if not base.startswith("postgresql://"):
        yield str(folder / f"{uuid.uuid4().hex[:8]}.db")
        return
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ingest(db: str, groups: list[list[Path]]) -> float:
    """Run one ``ingest`` process per group at once; seconds until the last ends."""
    subprocess.run([*CLI, "match", "--db", db], check=True)  # create the store first
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen([*CLI, "ingest", *map(str, g), "--db", db, "--jobs", "1"]) for g in groups
    ]
    for p in procs:
        if p.wait() != 0:
            raise SystemExit(f"ingest exited {p.returncode}")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="postgresql://…/postgres, or a folder")
    ap.add_argument("--docs", type=int, default=4_000)
    ap.add_argument(
        "--into",
        default=None,
        help="write into this existing store (a large one) instead of fresh ones; the two"
        " runs then ingest different corpora (seeds SEED and SEED + 1), so both add every"
        " document: give a new --seed each time a store is written into again",
    )
    ap.add_argument("--seed", type=int, default=31, help="corpus seed (default 31)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b = write_halves(folder, args.docs, args.seed)
        with fresh_store(args.db, folder, args.into) as db:
            one = ingest(db, [[a, b]])
        if args.into is not None:
            a, b = write_halves(folder, args.docs, args.seed + 1)
        with fresh_store(args.db, folder, args.into) as db:
            two = ingest(db, [[a], [b]])
    result = {
        "bench": "writers",
        "backend": "postgresql" if args.db.startswith("postgresql://") else "sqlite",
        "docs": args.docs,
        "into_existing_store": args.into is not None,
        "seed": args.seed,
        "one_writer_docs_per_s": round(args.docs / one, 1),
        "two_writers_docs_per_s": round(args.docs / two, 1),
        "speedup": round(one / two, 2),
        "target_speedup": 1.6,
    }
    for k, v in result.items():
        print(f"{k:24} {v}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
