"""End to end at 10,000 and 100,000 documents: ingest + match + report, against plain datasketch.

Usage::

    python benchmarks/bench_e2e.py [--sizes 10000,100000] [--jobs 1] [--workdir DIR] [--seed 7]

For each N the corpus is the first N articles of ``synth.py`` (seed 7 by default: the
10,000 are a prefix of the 100,000), written once to ``WORKDIR/synth-s7-N.jsonl`` by
``synth.write_jsonl`` (text, title, site, date, and the generator's truth, which
``provenance ingest`` ignores).  On it:

* provenance: ``provenance ingest CORPUS --db NEW.db --jobs J``, ``provenance match``
  and ``provenance report --format json -o REPORT``, each a subprocess into one fresh
  SQLite store.  Per stage: wall time, CPU time (user + sys of the process and its
  workers, from ``os.wait4``), bytes written (``write_bytes`` of /proc/self/io, which
  takes in the I/O of reaped children) and peak RSS; the store's size after matching
  (the .db file with its -wal and -shm).
* plain datasketch, in one subprocess (``--datasketch``): read the same JSON Lines, word
  5-grams of the normalised text (``bench_fingerprint._shingles``), ``MinHash.bulk``
  per 1,000 documents (num_perm 128, ``bench_fingerprint._fast64``, affine64, as in
  bench_fingerprint's bulk baseline; ``PYTHONHASHSEED=0``), then each document queries an in-memory
  ``MinHashLSH(threshold=0.5)`` (``MatchConfig.min_containment``, as a Jaccard
  threshold: datasketch has no containment) and is inserted; candidate pairs are written
  to a file.  No verification: every candidate counts as a link.

Recall is ``bench_boilerplate``'s: the share of the planted (copy, source) pairs (kinds
copy, excerpt, edited, footer) that are linked (a report edge other than credit-only, or
a datasketch candidate pair).  "unrelated" counts links between two documents with no
planted relation (not a planted pair, not copies of one origin), and how many of them
join two pages of one site (``footer`` copies carry their site's footer); "quote" counts those
where one document quotes 25-45 words of the other (the generator's ``quote`` kind,
which must not be linked).

Printed: a table per N, then the issue's targets as ratios (no thresholds asserted):
CPU per document at the largest N over the smallest (target <= 1.2), bytes written per
document over the stored size per document (<= 2), provenance over datasketch at each N
(<= 2), and both recalls.  The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_boilerplate import COPYING, origin
from bench_fingerprint import _fast64, _shingles
from bench_growth import written
from bench_index import store_bytes
from synth import Corpus, SynthDoc, write_jsonl

import provenance
from provenance.fingerprint.minhash import FingerprintParams
from provenance.link.config import MatchConfig

#: Documents per ``MinHash.bulk`` call in the datasketch run.
DS_CHUNK = 1_000


# -- one measured subprocess -------------------------------------------------------
def run_stage(argv: list[str], log: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``argv`` to completion; wall, CPU (with its reaped workers), bytes written, RSS."""
    w0 = written()
    t0 = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=log.parent)
        _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    return {
        "wall_s": wall,
        "cpu_s": ru.ru_utime + ru.ru_stime,
        "written": written() - w0,
        "peak_rss_mb": ru.ru_maxrss / 1024,
    }


def provenance_stages(
    corpus: Path, db: Path, report: Path, jobs: int, logs: Path
) -> dict[str, dict[str, Any]]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    report.unlink(missing_ok=True)
    cli = [sys.executable, "-m", "provenance"]
    commands = {
        "ingest": [*cli, "ingest", str(corpus), "--db", str(db), "--jobs", str(jobs)],
        "match": [*cli, "match", "--db", str(db)],
        "report": [*cli, "report", "--db", str(db), "--format", "json", "-o", str(report)],
    }
    stages = {}
    for name, argv in commands.items():
        stages[name] = run_stage(argv, logs / f"{name}.log")
        stages[name]["store_bytes"] = store_bytes(str(db))
    return stages


# -- plain datasketch (run in its own process by --datasketch) -------------------------
def texts_of(corpus: Path) -> Iterator[str]:
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)["text"]


def datasketch_run(corpus: Path, out: Path, threshold: float) -> dict[str, Any]:
    """MinHash.bulk + MinHashLSH over the corpus; candidate pairs (earlier, later) to ``out``."""
    from datasketch import MinHash, MinHashLSH

    num_perm = FingerprintParams().num_perm
    t0 = time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: list[tuple[int, int]] = []
    timing = {"read_shingle_s": 0.0, "bulk_s": 0.0, "lsh_s": 0.0}
    texts = texts_of(corpus)
    done = 0
    while True:
        c0 = time.process_time()
        chunk = [list(set(_shingles(t))) for _, t in zip(range(DS_CHUNK), texts, strict=False)]
        if not chunk:
            break
        c1 = time.process_time()
        sigs = MinHash.bulk(chunk, num_perm=num_perm, hashfunc=_fast64, scheme="affine64")
        c2 = time.process_time()
        for i, m in enumerate(sigs, start=done):
            pairs.extend((j, i) for j in lsh.query(m))
            lsh.insert(i, m)
        c3 = time.process_time()
        timing["read_shingle_s"] += c1 - c0
        timing["bulk_s"] += c2 - c1
        timing["lsh_s"] += c3 - c2
        done += len(chunk)
    with out.open("w") as fh:
        fh.writelines(f"{a} {b}\n" for a, b in pairs)
    return {
        "docs": done,
        "pairs": len(pairs),
        "cpu_in_process_s": round(time.process_time() - t0, 2),
        **{k: round(v, 2) for k, v in timing.items()},
    }


# -- truth and recall -------------------------------------------------------------
def load_truth(corpus: Path) -> dict[int, SynthDoc]:
    docs = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            row["text"] = ""
            docs[row["index"]] = SynthDoc(**row)
    return docs


def score(docs: dict[int, SynthDoc], links: set[frozenset[int]]) -> dict[str, Any]:
    planted = {
        frozenset((d.index, d.source_index))
        for d in docs.values()
        if d.kind in COPYING and d.source_index >= 0
    }
    quotes = {
        frozenset((d.index, d.source_index))
        for d in docs.values()
        if d.kind == "quote" and d.source_index >= 0
    }
    unrelated = same_site = 0
    for pair in links:
        a, b = tuple(pair)
        if pair not in planted and origin(docs, a) != origin(docs, b):
            unrelated += 1
            same_site += docs[a].site_name == docs[b].site_name
    found = len(planted & links)
    return {
        "links": len(links),
        "planted": len(planted),
        "found": found,
        "recall": found / len(planted) if planted else 1.0,
        "unrelated": unrelated,
        "unrelated_same_site": same_site,
        "quote_pairs_linked": len(quotes & links),
    }


def provenance_links(report: Path, docs: dict[int, SynthDoc]) -> set[frozenset[int]]:
    by_url = {d.url: d.index for d in docs.values()}
    data = json.loads(report.read_text(encoding="utf-8"))
    links = set()
    for e in data["edges"]:
        if e["relation"] == "credit-only":
            continue
        a, b = by_url.get(e["copy_url"]), by_url.get(e["source_url"])
        if a is not None and b is not None and a != b:
            links.add(frozenset((a, b)))
    return links


def datasketch_links(pairs: Path) -> set[frozenset[int]]:
    links = set()
    with pairs.open() as fh:
        for line in fh:
            a, b = line.split()
            links.add(frozenset((int(a), int(b))))
    return links


# -- one size -------------------------------------------------------------------
def corpus_file(workdir: Path, seed: int, n: int) -> Path:
    path = workdir / f"synth-s{seed}-{n}.jsonl"
    if not path.exists():
        t0 = time.perf_counter()
        tmp = path.with_suffix(".part")
        write_jsonl(Corpus(seed).docs(n), tmp)
        tmp.rename(path)
        print(f"wrote {path} in {time.perf_counter() - t0:.0f}s", file=sys.stderr, flush=True)
    return path


def one_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    corpus = corpus_file(args.workdir, args.seed, n)
    run_dir = args.workdir / f"run-{n}"
    run_dir.mkdir(exist_ok=True)
    load_before = os.getloadavg()[0]
    db, report = run_dir / "e2e.db", run_dir / "report.json"
    stages = provenance_stages(corpus, db, report, args.jobs, run_dir)
    stored = stages["match"]["store_bytes"]
    total = {key: sum(s[key] for s in stages.values()) for key in ("wall_s", "cpu_s", "written")}
    total["peak_rss_mb"] = max(s["peak_rss_mb"] for s in stages.values())
    total["store_bytes"] = stored
    stages["total"] = total
    pairs = run_dir / "datasketch-pairs.txt"
    ds_argv = [sys.executable, str(Path(__file__).resolve()), "--datasketch", str(corpus)]
    ds_argv += ["--pairs", str(pairs), "--threshold", str(args.ds_threshold)]
    # _fast64 is Python's hash(): a fixed seed makes the candidate pairs the same each run
    ds = run_stage(ds_argv, run_dir / "datasketch.log", {**os.environ, "PYTHONHASHSEED": "0"})
    ds["detail"] = json.loads((run_dir / "datasketch.log").read_text().strip().splitlines()[-1])
    load_after = os.getloadavg()[0]
    docs = load_truth(corpus)
    prov_score = score(docs, provenance_links(report, docs))
    ds_score = score(docs, datasketch_links(pairs))
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return {
        "docs": n,
        "stages": stages,
        "datasketch": ds,
        "provenance_score": prov_score,
        "datasketch_score": ds_score,
        "load_avg_1min": [round(load_before, 2), round(load_after, 2)],
    }


# -- printing ------------------------------------------------------------------
def print_size(r: dict[str, Any]) -> None:
    n = r["docs"]
    print(
        f"\nN = {n:,}  (1-min load average {r['load_avg_1min'][0]} before, "
        f"{r['load_avg_1min'][1]} after)"
    )
    head = (
        f"{'':12}{'wall s':>9}{'CPU s':>9}{'CPU ms/doc':>11}{'written MB':>11}"
        f"{'written/doc':>12}{'peak RSS MB':>12}"
    )
    print(head)
    rows = [*r["stages"].items(), ("datasketch", r["datasketch"])]
    for name, s in rows:
        print(
            f"{name:12}{s['wall_s']:9.1f}{s['cpu_s']:9.1f}{s['cpu_s'] / n * 1000:11.2f}"
            f"{s['written'] / 1e6:11.1f}{s['written'] / n:12,.0f}{s['peak_rss_mb']:12.0f}"
        )
    stored = r["stages"]["total"]["store_bytes"]
    print(f"store after match: {stored / 1e6:,.1f} MB, {stored / n:,.0f} bytes/doc")
    d = r["datasketch"]["detail"]
    print(
        f"datasketch CPU inside: read+shingle {d['read_shingle_s']} s, MinHash.bulk "
        f"{d['bulk_s']} s, LSH query+insert {d['lsh_s']} s"
    )
    print(
        f"{'':12}{'links':>9}{'planted':>9}{'found':>9}{'recall':>9}{'unrelated':>10}"
        f"{'same site':>10}{'quote':>7}"
    )
    for name, sc in (("provenance", r["provenance_score"]), ("datasketch", r["datasketch_score"])):
        print(
            f"{name:12}{sc['links']:9,}{sc['planted']:9,}{sc['found']:9,}{sc['recall']:9.4f}"
            f"{sc['unrelated']:10,}{sc['unrelated_same_site']:10,}{sc['quote_pairs_linked']:7,}"
        )


def ratios(results: list[dict[str, Any]]) -> dict[str, Any]:
    def per_doc(r: dict[str, Any], key: str) -> float:
        return float(r["stages"]["total"][key]) / int(r["docs"])

    small, large = results[0], results[-1]
    out: dict[str, Any] = {
        "cpu_per_doc_largest_over_smallest": per_doc(large, "cpu_s") / per_doc(small, "cpu_s"),
        "by_stage_cpu_per_doc_largest_over_smallest": {
            name: (large["stages"][name]["cpu_s"] / large["docs"])
            / (small["stages"][name]["cpu_s"] / small["docs"])
            for name in ("ingest", "match", "report")
        },
        "sizes": {},
    }
    for r in results:
        tot, ds = r["stages"]["total"], r["datasketch"]
        out["sizes"][r["docs"]] = {
            "written_over_stored": tot["written"] / tot["store_bytes"],
            "store_written_over_stored": (
                r["stages"]["ingest"]["written"] + r["stages"]["match"]["written"]
            )
            / tot["store_bytes"],
            "cpu_over_datasketch": tot["cpu_s"] / ds["cpu_s"],
            "wall_over_datasketch": tot["wall_s"] / ds["wall_s"],
            "recall_provenance": r["provenance_score"]["recall"],
            "recall_datasketch": r["datasketch_score"]["recall"],
        }
    return out


def print_ratios(results: list[dict[str, Any]], rat: dict[str, Any]) -> None:
    small, large = results[0]["docs"], results[-1]["docs"]
    print("\nTargets (measured / target)")
    st = rat["by_stage_cpu_per_doc_largest_over_smallest"]
    print(
        f"CPU/doc at {large:,} / at {small:,}: {rat['cpu_per_doc_largest_over_smallest']:.2f}"
        f"  (target <= 1.2; ingest {st['ingest']:.2f}, match {st['match']:.2f}, "
        f"report {st['report']:.2f})"
    )
    for n, s in rat["sizes"].items():
        print(
            f"N = {n:,}: written/doc / stored/doc {s['written_over_stored']:.2f} (target <= 2; "
            f"ingest + match alone {s['store_written_over_stored']:.2f}); "
            f"provenance / datasketch CPU {s['cpu_over_datasketch']:.2f}, wall "
            f"{s['wall_over_datasketch']:.2f} (target <= 2); recall provenance "
            f"{s['recall_provenance']:.4f}, datasketch {s['recall_datasketch']:.4f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated document counts")
    ap.add_argument("--jobs", type=int, default=1, help="`provenance ingest --jobs`")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/prov-bench-e2e"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ds-threshold", type=float, default=MatchConfig().min_containment)
    ap.add_argument("--keep", action="store_true", help="keep the SQLite stores")
    ap.add_argument("--datasketch", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--pairs", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--threshold", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.datasketch is not None:
        print(json.dumps(datasketch_run(args.datasketch, args.pairs, args.threshold)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(
        f"sizes {sizes}, ingest --jobs {args.jobs}, seed {args.seed}, datasketch threshold "
        f"{args.ds_threshold}, {os.cpu_count()} CPUs, workdir {args.workdir}, provenance "
        f"from {Path(provenance.__file__).parent}",
        flush=True,
    )
    results = []
    for n in sizes:
        results.append(one_size(n, args))
        print_size(results[-1])
        sys.stdout.flush()
    rat = ratios(results)
    print_ratios(results, rat)

    def rounded(x: Any) -> Any:
        if isinstance(x, float):
            return round(x, 4)
        if isinstance(x, dict):
            return {k: rounded(v) for k, v in x.items()}
        if isinstance(x, list):
            return [rounded(v) for v in x]
        return x

    print(json.dumps(rounded({"bench": "e2e", "results": results, "ratios": rat})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
