"""How far MinHash estimates are from exact values, on the demo corpus (or any sources).

For every pair of documents that the matcher linked, and for every other pair
sharing at least one shingle, compare the estimated Jaccard and containment
(from signatures and shingle counts, as the matcher sees them) with the exact
values computed on the shingle sets.  Prints a table and a JSON summary line.

    python benchmarks/estimates.py corpora/demo/demo.warc.gz
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
from pathlib import Path

from provenance import ReadOptions, Tracker, read_articles
from provenance.fingerprint.minhash import (
    containment_from_jaccard,
    estimate_jaccard,
    exact_scores,
    fingerprint,
    shingles,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", help="anything `provenance ingest` takes")
    args = parser.parse_args(argv)
    options = ReadOptions()
    articles = [a for a in read_articles(args.sources, options) if a.ok and a.text]
    with tempfile.TemporaryDirectory() as tmp, Tracker(Path(tmp) / "est.db") as tracker:
        params = tracker.params
        tracker.ingest(articles)
        tracker.match()
        linked = {frozenset((e.copy_url, e.source_url)) for e in tracker.report().edges}
    fps = {a.url: fingerprint(a.text, params) for a in articles}
    sets = {a.url: set(shingles(a.text, params)) for a in articles}
    rows = []
    for a, b in itertools.combinations(articles, 2):
        if not (sets[a.url] & sets[b.url]):
            continue
        fa, fb = fps[a.url], fps[b.url]
        j_est = estimate_jaccard(fa, fb)
        c_est = containment_from_jaccard(j_est, fa.shingle_count, fb.shingle_count)
        j, c_ab, _ = exact_scores(a.text, b.text, params)
        rows.append((frozenset((a.url, b.url)) in linked, j, j_est, c_ab, c_est))
    head = ("pairs", "n", "J mean err", "J max err", "C mean err", "C max err")
    print(f"{head[0]:<14}{head[1]:>5}{head[2]:>12}{head[3]:>11}{head[4]:>12}{head[5]:>11}")
    summary: dict[str, object] = {"documents": len(articles), "num_perm": params.num_perm}
    for label, subset in (
        ("linked", [r for r in rows if r[0]]),
        ("other", [r for r in rows if not r[0]]),
    ):
        if not subset:
            continue
        j_err = [abs(r[2] - r[1]) for r in subset]
        c_err = [abs(r[4] - r[3]) for r in subset]
        print(
            f"{label:<14}{len(subset):>5}{statistics.fmean(j_err):>12.3f}{max(j_err):>11.3f}"
            f"{statistics.fmean(c_err):>12.3f}{max(c_err):>11.3f}"
        )
        summary[label] = {
            "pairs": len(subset),
            "jaccard_mean_abs_error": round(statistics.fmean(j_err), 4),
            "jaccard_max_abs_error": round(max(j_err), 4),
            "containment_mean_abs_error": round(statistics.fmean(c_err), 4),
            "containment_max_abs_error": round(max(c_err), 4),
        }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
