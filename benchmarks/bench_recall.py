"""Recall and precision of the LSH index against exact shingle sets.

Usage::

    python benchmarks/bench_recall.py [--docs 10000] [--seed 5]

Fingerprints ``--docs`` synthetic articles (``synth.py``), builds the band-key
index in a temporary store, and takes as truth every pair whose exact
containment of the smaller shingle set in the larger is >= 0.5 (exact sets,
all pairs sharing at least one shingle, found through an inverted index).
Recall: share of true pairs that are LSH candidates; precision: share of
candidate pairs that are true pairs.  The same recall is then given for what
``match()`` asks: bands plus passage keys computed from each text.  The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import Corpus

from provenance.fingerprint.minhash import FingerprintParams, shingle_hash_array
from provenance.link.candidates import LSHIndex
from provenance.model import Article
from provenance.tracker import Tracker


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args(argv)
    docs = list(Corpus(args.seed).docs(args.docs))
    params = FingerprintParams()
    sets = [set(np.unique(shingle_hash_array(d.text, params)).tolist()) for d in docs]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            postings[h].append(i)
    truth: set[tuple[int, int]] = set()
    for i, s in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for h in s:
            for j in postings[h]:
                if j < i:
                    shared[j] += 1
        for j, inter in shared.items():
            if inter / min(len(s), len(sets[j])) >= args.threshold:
                truth.add((j, i))
    with tempfile.TemporaryDirectory() as tmp, Tracker(Path(tmp) / "r.db") as t:
        res = t.ingest(
            Article(url=f"https://s{i}.example/{i}", text=d.text) for i, d in enumerate(docs)
        )
        ids = list(res.doc_ids)
        t.store.flush_index()  # what match() does first: the index rows wait until then
        index = LSHIndex(t.store, t.params)
        sigs = t.store.get_signatures(ids)
        cands: set[tuple[int, int]] = set()
        with_passages: set[tuple[int, int]] = set()
        for i, doc_id in enumerate(ids):
            fp = sigs.get(doc_id)
            if fp is None:
                continue
            for c in index.candidates(doc_id, fp):
                cands.add((c.doc_id - 1, i))  # ids are 1..n in input order
            for c in index.candidates(doc_id, fp, docs[i].text):
                with_passages.add((c.doc_id - 1, i))
    found = truth & cands
    found_any = truth & with_passages
    short = sum(1 for s in sets if len(s) < params.min_shingles)
    recall = len(found) / len(truth) if truth else 1.0
    precision = len(found) / len(cands) if cands else 1.0
    missed = sorted(truth - cands)[:5]
    print(f"documents {len(docs)}  true pairs (containment >= {args.threshold}) {len(truth)}")
    print(f"candidate pairs {len(cands)}  found {len(found)}")
    print(f"recall {recall:.4f}  precision {precision:.4f}  too-short docs {short}")
    recall_any = len(found_any) / len(truth) if truth else 1.0
    print(
        f"with passage keys: candidate pairs {len(with_passages)}  found {len(found_any)}"
        f"  recall {recall_any:.4f}"
    )
    print(
        json.dumps(
            {
                "bench": "recall",
                "docs": len(docs),
                "true_pairs": len(truth),
                "candidate_pairs": len(cands),
                "found": len(found),
                "recall": round(recall, 4),
                "precision": round(precision, 4),
                "candidate_pairs_with_passages": len(with_passages),
                "recall_with_passages": round(recall_any, 4),
                "missed_examples": missed,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
