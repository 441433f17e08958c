"""Run the hostile-input property test long (CI runs it with a few examples).

    python benchmarks/fuzz_hostile.py --examples 2000

Prints the number of examples run and pytest's verdict; any failing example is
shrunk and printed by hypothesis.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=500)
    args = parser.parse_args()
    env = {**os.environ, "PROVENANCE_FUZZ_EXAMPLES": str(args.examples)}
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz"]
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    print(f"{args.examples} examples in {time.perf_counter() - start:.0f} s: exit {code}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
