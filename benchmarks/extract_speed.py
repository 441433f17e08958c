"""Extraction speed on one core: the whole ``extract`` pipeline over the Readability pages,
beside trafilatura on the same pages when it is installed.

Usage::

    python benchmarks/extract_speed.py [DIR] [--repeat N] [--check]

``DIR`` defaults to ``../shared/real/readability`` (or ``$PROVENANCE_REAL_DATA/readability``);
when it is missing the benchmark says so and exits 0.  The process is pinned to one CPU.
Pages are read into memory and extracted once to warm up (caches, lazily loaded data);
then every page is extracted ``--repeat`` times (default 3).  Printed: pages/s for
:func:`provenance.extract.extract_or_error` (decode, parse, metadata, content, credits),
for ``trafilatura.extract`` with metadata if it can be imported (it is not a dependency:
``pip install trafilatura`` to compare), their ratio, and the target (≥ 150 pages/s).
``--check`` exits 1 when the target is missed.  The last line printed is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from provenance.extract import extract_or_error
from provenance.model import Page

ROOT = Path(__file__).resolve().parents[1]
TARGET_PAGES_PER_S = 150.0


def default_dir() -> Path:
    real = os.environ.get("PROVENANCE_REAL_DATA")
    base = Path(real) if real else ROOT.parent / "shared" / "real"
    return base / "readability"


def pin_to_one_core() -> str:
    """Run on one CPU (where the OS allows it); says which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def pages_per_second(run: Callable[[bytes], object], pages: list[bytes], repeat: int) -> float:
    for page in pages:  # warm-up
        run(page)
    start = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            run(page)
    elapsed = time.perf_counter() - start
    return len(pages) * repeat / elapsed if elapsed else float("inf")


def _provenance(content: bytes) -> object:
    return extract_or_error(Page(content=content))


def _trafilatura() -> Callable[[bytes], object] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(content: bytes) -> object:
        return trafilatura.extract(content, with_metadata=True, output_format="json")

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, nargs="?", default=None, help="Readability suite")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over all pages")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)

    folder: Path = args.dir or default_dir()
    paths = sorted(folder.glob("*/source.html"))
    if not paths:
        print(f"skipped: no Readability pages (<case>/source.html) under {folder}")
        return 0
    pages = [p.read_bytes() for p in paths]
    repeat = max(1, args.repeat)
    pinned = pin_to_one_core()
    mb = sum(len(p) for p in pages) / 1e6
    print(f"{len(pages)} pages ({mb:.1f} MB) from {folder}, {repeat} passes, {pinned}")

    ours = pages_per_second(_provenance, pages, repeat)
    met = ours >= TARGET_PAGES_PER_S
    print(
        f"provenance extract   {ours:8.1f} pages/s  "
        f"target >= {TARGET_PAGES_PER_S:.0f} pages/s: {'pass' if met else 'FAIL'}"
    )
    summary: dict[str, object] = {
        "dir": str(folder),
        "pages": len(pages),
        "repeat": repeat,
        "provenance_pages_per_s": round(ours, 1),
        "target_pages_per_s": TARGET_PAGES_PER_S,
        "passed": met,
    }
    trafilatura = _trafilatura()
    if trafilatura is None:
        print("trafilatura          not installed (pip install trafilatura to compare)")
    else:
        theirs = pages_per_second(trafilatura, pages, repeat)
        ratio = ours / theirs if theirs else float("inf")
        print(f"trafilatura extract  {theirs:8.1f} pages/s  (provenance is {ratio:.2f}x)")
        summary.update(trafilatura_pages_per_s=round(theirs, 1), ratio=round(ratio, 2))
    print(json.dumps(summary))
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
