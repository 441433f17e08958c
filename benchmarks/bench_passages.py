"""Finding texts that share only one short verbatim passage: bands alone vs bands + passage keys.

Usage::

    python benchmarks/bench_passages.py [--pairs 300] [--seed 11]

For each passage length L (8 to 60 words) it builds ``--pairs`` pairs of otherwise
unrelated synthetic articles (``synth.py``, 300 to 700 words each) that share one
passage of L words at a random place, stores them, and asks the index for each
pair's newer document.  It reports how often the partner is a candidate through
the LSH bands alone and through bands + passage keys (what ``match()`` asks), and
how often the matcher then links the pair.  ``unrelated`` is the same for pairs
sharing nothing: its candidate rate is the passage index's false-candidate rate.
The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus

from provenance.fingerprint.minhash import FingerprintParams
from provenance.link.candidates import LSHIndex
from provenance.link.match import MatchConfig
from provenance.model import Article
from provenance.tracker import Tracker

LENGTHS = (0, 8, 10, 12, 16, 20, 30, 50, 60)


def run(
    length: int, pairs: int, seed: int, params: FingerprintParams, min_keys: int
) -> dict[str, float]:
    rng = np.random.default_rng(seed + length)
    corpus = Corpus(seed + length, {"original": 1.0}).docs(4 * pairs)
    bodies = [w for d in corpus if len(w := d.text.split()) >= 300]
    if len(bodies) < 3 * pairs:
        raise SystemExit(f"only {len(bodies)} synthetic texts of 300+ words; lower --pairs")
    articles: list[Article] = []
    for i in range(pairs):
        # two unrelated texts, and a third that lends them one passage (each pair its own)
        a, b, lender = bodies[3 * i][:700], bodies[3 * i + 1][:700], bodies[3 * i + 2]
        if length:
            start = int(rng.integers(0, len(lender) - length))
            passage = lender[start : start + length]
            cut_a, cut_b = (int(rng.integers(20, len(x) - 20)) for x in (a, b))
            a = a[:cut_a] + passage + a[cut_a:]
            b = b[:cut_b] + passage + b[cut_b:]
        articles.append(Article(url=f"https://a{i}.example/{length}", text=" ".join(a)))
        articles.append(Article(url=f"https://b{i}.example/{length}", text=" ".join(b)))
    config = MatchConfig(passage_min_keys=min_keys)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Tracker(Path(tmp) / "p.db", params=params, config=config) as t,
    ):
        ids = list(t.ingest(articles).doc_ids)
        index = LSHIndex(t.store, t.params, min_passage_keys=min_keys)
        sigs = t.store.get_signatures(ids)
        docs_by_id = t.store.get_documents(ids, with_text=True)
        by_band = by_any = 0
        t0 = time.perf_counter()
        for i in range(pairs):
            first, second = ids[2 * i], ids[2 * i + 1]
            fp, body = sigs[second], docs_by_id[second].text
            by_band += any(c.doc_id == first for c in index.candidates(second, fp))
            by_any += any(c.doc_id == first for c in index.candidates(second, fp, body))
        query_ms = (time.perf_counter() - t0) / pairs * 1000 / 2
        t.match()
        linked = {frozenset((e.copy_url, e.source_url)) for e in t.report().edges}
    links = sum(
        frozenset((f"https://a{i}.example/{length}", f"https://b{i}.example/{length}")) in linked
        for i in range(pairs)
    )
    return {
        "passage_words": length,
        "pairs": pairs,
        "candidate_bands": round(by_band / pairs, 3),
        "candidate_bands_or_passages": round(by_any / pairs, 3),
        "linked": round(links / pairs, 3),
        "query_ms": round(query_ms, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--window", type=int, default=FingerprintParams().passage_window)
    ap.add_argument("--min-keys", type=int, default=MatchConfig().passage_min_keys)
    args = ap.parse_args(argv)
    params = FingerprintParams(passage_window=args.window)
    rows = [run(n, args.pairs, args.seed, params, args.min_keys) for n in LENGTHS]
    print(f"passage_window={args.window} passage_min_keys={args.min_keys}")
    print(f"{'words':>6} {'bands':>7} {'+passages':>10} {'linked':>7}")
    for r in rows:
        name = "unrelated" if r["passage_words"] == 0 else str(r["passage_words"])
        print(
            f"{name:>6} {r['candidate_bands']:>7} {r['candidate_bands_or_passages']:>10}"
            f" {r['linked']:>7}"
        )
    print(
        json.dumps(
            {"bench": "passages", "window": args.window, "min_keys": args.min_keys, "rows": rows}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
