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
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:  # the thread (or the process) ended meanwhile
            continue
        found |= {int(c) for c in children}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


def _write_rows(path: Path, n: int) -> Path:
    with path.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"url": f"https://w.example/{i}", "text": text(i, 300)}) + "\n")
    return path


def _start_big_ingest(tmp_path: Path, *, own_group: bool = False) -> subprocess.Popen[bytes]:
    """``provenance ingest`` of 6,000 rows on two workers (in a process group of its
    own with ``own_group``, as a terminal's foreground job is)."""
    rows = _write_rows(tmp_path / "big.jsonl", 6_000)
    cmd = [sys.executable, "-m", "provenance", "-q", "ingest", str(rows), "--jobs", "2",
           "--db", str(tmp_path / "w.db")]  # fmt: skip
    return subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=own_group
    )


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


#: Runs ``provenance ingest`` with SIGTERM sent at one of the worst moments of the
#: worker pool's start-up: as the pool's manager thread is about to start (the handler
#: raising there left the thread unstarted: exit 1 with a RuntimeError, or a hang at
#: exit joining the workers), or in the at-fork hook that runs in the parent after
#: each worker is forked (an exception there is ignored: the run went on, exit 0).
_SIGTERM_AT = """
import os, signal, sys, threading
from provenance.cli import main

def sigterm():
    os.kill(os.getpid(), signal.SIGTERM)

if sys.argv[1] == "manager-thread":
    start = threading.Thread.start
    def start_after_sigterm(self):
        if type(self).__name__ == "_ExecutorManagerThread":
            sigterm()
        start(self)
    threading.Thread.start = start_after_sigterm
else:
    os.register_at_fork(after_in_parent=sigterm)
sys.argv = ["provenance", "-q", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("moment", ["manager-thread", "after-fork"])
def test_sigterm_during_pool_start_up_stops_the_run(tmp_path: Path, moment: str) -> None:
    rows = _write_rows(tmp_path / "rows.jsonl", 400)
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-c", _SIGTERM_AT, moment, "ingest", str(rows), "--jobs", "2",
           "--db", str(db)]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    # The store is whole, and the next run finishes the job.
    again = subprocess.run(
        [sys.executable, "-m", "provenance", "-q", "ingest", str(rows), "--db", str(db)],
        capture_output=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr.decode()
    summary = json.loads(again.stdout)
    assert summary["added"] + summary["unchanged"] == 400


def test_ctrl_c_stops_the_run_with_status_130(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers ignore it, the parent stops."""
    proc = _start_big_ingest(tmp_path, own_group=True)
    try:
        workers = _wait_for_workers(proc)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 128 + signal.SIGINT, err.decode()
        assert b"Traceback" not in err
        deadline = time.monotonic() + 20
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)]
    finally:
        proc.kill()
        proc.communicate(timeout=10)
