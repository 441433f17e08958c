"""Start-up time of the command line: ``python -c pass``, ``provenance --version`` and
``provenance extract`` on one demo page, each run in a fresh process.

Usage::

    python benchmarks/startup.py [--repeat N] [--page FILE] [--check]

Each command runs once to warm the file cache, then ``--repeat`` times (default 9); the
median wall time is printed with its ratio to ``python -c pass`` and the target it must
meet (``--version`` ≤ 0.3 s, ``extract`` ≤ 0.6 s).  The page is the first HTML response
in ``corpora/demo/demo.warc.gz`` unless ``--page`` names one.  ``--check`` exits 1 when a
target is missed.  The last line printed is a JSON summary.

Bytecode: ``pip install`` compiles a package's ``.pyc`` files, and Python writes them on
the first import of an editable install, so a user's second run never compiles source.
Where ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI machines) an editable install
would compile every module on every run (~0.1 s here).  The package is therefore
byte-compiled (``compileall``) before timing, as an install would leave it;
``--no-compile`` times it as it stands.  The child processes' CPU time is printed beside
the wall time: it is the steadier figure on a shared machine.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_WARC = ROOT / "corpora" / "demo" / "demo.warc.gz"

#: Median wall seconds each command must stay under (None: the baseline, no target).
TARGETS: dict[str, float | None] = {
    "python -c pass": None,
    "provenance --version": 0.3,
    "provenance extract PAGE": 0.6,
}


def provenance_command() -> list[str]:
    """The installed ``provenance`` script beside this Python, else ``python -m provenance``."""
    script = Path(sys.executable).with_name("provenance")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("provenance")
    return [found] if found else [sys.executable, "-m", "provenance"]


def demo_page(folder: Path) -> Path:
    """The first HTML page of the demo WARC, written to ``folder``."""
    from warcio.archiveiterator import ArchiveIterator

    with DEMO_WARC.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" in (record.http_headers.get_header("Content-Type") or ""):
                path = folder / "demo-page.html"
                path.write_bytes(record.content_stream().read())
                return path
    raise SystemExit(f"{DEMO_WARC}: no HTML response record found")


def byte_compile_package() -> Path | None:
    """Write the installed package's ``.pyc`` files, as ``pip install`` does."""
    spec = importlib.util.find_spec("provenance")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(folder, quiet=1)
    return folder


def timed_runs(command: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and child-CPU seconds of ``repeat`` runs of ``command`` (after one warm-up)."""
    walls: list[float] = []
    cpus: list[float] = []
    for i in range(repeat + 1):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = os.times()
        if i:
            walls.append(wall)
            cpus.append(
                after.children_user
                - before.children_user
                + after.children_system
                - before.children_system
            )
    return walls, cpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="timed runs of each command")
    parser.add_argument("--page", type=Path, help="HTML page for `provenance extract`")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--no-compile", action="store_true", help="do not byte-compile the package first"
    )
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    compiled_in = None if args.no_compile else byte_compile_package()

    with tempfile.TemporaryDirectory() as tmp:
        page = args.page or demo_page(Path(tmp))
        prov = provenance_command()
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "provenance --version": [*prov, "--version"],
            "provenance extract PAGE": [*prov, "extract", str(page)],
        }
        runs = {name: timed_runs(cmd, repeat) for name, cmd in commands.items()}
    medians = {name: statistics.median(walls) for name, (walls, _) in runs.items()}
    cpu_medians = {name: statistics.median(cpus) for name, (_, cpus) in runs.items()}

    base = medians["python -c pass"]
    print(f"{repeat} runs each, median wall time; page: {args.page or 'demo WARC, first page'}")
    dont_write = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "unset"
    print(
        f"bytecode: {'compiled first in ' + str(compiled_in) if compiled_in else 'as it stands'}"
        f"; PYTHONDONTWRITEBYTECODE={dont_write}"
    )
    results: dict[str, dict[str, object]] = {}
    missed = 0
    for name, median in medians.items():
        target = TARGETS[name]
        ratio = median / base if base else float("inf")
        cpu = cpu_medians[name]
        line = f"{name:26} {median:7.3f} s  {ratio:5.1f}x python -c pass  (CPU {cpu:.3f} s)"
        entry: dict[str, object] = {
            "median_s": round(median, 4),
            "ratio": round(ratio, 2),
            "cpu_median_s": round(cpu, 4),
        }
        if target is not None:
            ok = median <= target
            missed += not ok
            line += f"  target <= {target} s: {'pass' if ok else 'FAIL'}"
            entry.update(target_s=target, passed=ok)
        print(line)
        results[name] = entry
    print(json.dumps({"repeat": repeat, "byte_compiled": bool(compiled_in), "commands": results}))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
