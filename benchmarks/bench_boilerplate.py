"""Site boilerplate is not copying: edges on a corpus where every page of a site ends
with that site's own block of 30-80 words (a footer, a bio, a disclaimer).

Usage::

    python benchmarks/bench_boilerplate.py [--docs 6000] [--seed 13]

The corpus is ``synth.py``'s (copies, excerpts, edited copies and quote-sharing
independent articles among originals, 400 sites), with each page's site block
appended as its last paragraph.  After ingest and match it counts:

* true pairs found: a copy and its source, or two copies of one source (siblings),
  over the copy/source pairs the corpus planted (recall);
* unrelated edges: edges between documents with no planted relation, split into
  same-site (what site boilerplate causes) and cross-site.

Target (issue 12): no same-site unrelated edge, and recall unchanged.  The last line
is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import SITES, Corpus, SynthDoc

from provenance.model import Article
from provenance.read.items import parse_datetime
from provenance.tracker import Tracker

COPYING = ("copy", "excerpt", "edited", "footer")


def site_blocks(seed: int, vocabulary: list[str]) -> list[str]:
    rng = random.Random(seed)
    blocks = []
    for _ in range(SITES):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(30, 80))]
        blocks.append(" ".join(words).capitalize() + ".")
    return blocks


def origin(docs: dict[int, SynthDoc], i: int) -> int:
    while docs[i].kind in COPYING and docs[i].source_index >= 0:
        i = docs[i].source_index
    return i


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=6_000)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    corpus = Corpus(args.seed)
    docs = {d.index: d for d in corpus.docs(args.docs)}
    vocabulary = sorted({w for d in list(docs.values())[:200] for w in d.text.split()})
    blocks = site_blocks(args.seed, vocabulary)
    names = sorted({d.site_name for d in docs.values()})
    site_of = {name: n for n, name in enumerate(names)}
    articles = [
        Article(
            url=d.url,
            text=f"{d.text}\n\n{blocks[site_of[d.site_name] % SITES]}",
            title=d.title,
            site_name=d.site_name,
            published=parse_datetime(d.published),
        )
        for d in docs.values()
    ]
    by_url = {d.url: d.index for d in docs.values()}
    planted = {
        frozenset((d.index, d.source_index))
        for d in docs.values()
        if d.kind in COPYING and d.source_index >= 0
    }
    with tempfile.TemporaryDirectory() as tmp, Tracker(Path(tmp) / "b.db") as t:
        t0 = time.perf_counter()
        t.ingest(articles)
        t.match()
        seconds = time.perf_counter() - t0
        edges = [
            (e.copy_url, e.source_url) for e in t.report().edges if e.relation != "credit-only"
        ]
    found, same_site, cross_site = set(), 0, 0
    for a_url, b_url in edges:
        a, b = by_url.get(a_url), by_url.get(b_url)
        if a is None or b is None:
            continue
        pair = frozenset((a, b))
        if pair in planted or origin(docs, a) == origin(docs, b):
            found.add(pair)
        elif docs[a].site_name == docs[b].site_name:
            same_site += 1
        else:
            cross_site += 1
    result = {
        "bench": "boilerplate",
        "docs": args.docs,
        "edges": len(edges),
        "planted_pairs": len(planted),
        "recall": round(len(planted & found) / max(1, len(planted)), 4),
        "unrelated_same_site_edges": same_site,
        "unrelated_cross_site_edges": cross_site,
        "seconds": round(seconds, 1),
    }
    for k, v in result.items():
        print(f"{k:28} {v}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
