"""Worker processes die with their parent; SIGTERM ends a run cleanly (hardening issue)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.matchkit import text

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="parent-death signals are Linux-only"
)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split()
        found |= {int(c) for c in children}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


def _start_big_ingest(tmp_path: Path) -> subprocess.Popen[bytes]:
    rows = tmp_path / "big.jsonl"
    with rows.open("w") as f:
        for i in range(6_000):
            f.write(json.dumps({"url": f"https://w.example/{i}", "text": text(i, 300)}) + "\n")
    cmd = [sys.executable, "-m", "provenance", "-q", "ingest", str(rows), "--jobs", "2",
           "--db", str(tmp_path / "w.db")]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_workers(proc: subprocess.Popen[bytes]) -> set[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            return workers
        time.sleep(0.1)
    raise AssertionError("the ingest never started its worker processes")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_the_parent(tmp_path: Path, sig: signal.Signals) -> None:
    proc = _start_big_ingest(tmp_path)
    try:
        workers = _wait_for_workers(proc)
        os.kill(proc.pid, sig)
        proc.wait(60)
        deadline = time.monotonic() + 20
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)]
        _, err = proc.communicate(timeout=10)
        if sig == signal.SIGTERM:
            assert proc.returncode == 128 + signal.SIGTERM
            assert b"Traceback" not in err
    finally:
        proc.kill()
        proc.communicate(timeout=10)
