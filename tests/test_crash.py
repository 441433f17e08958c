"""Crash safety: SIGKILL mid-ingest and mid-match, rerun, and nothing is lost or doubled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT

N_DOCS = 30

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from provenance.link.match import MatchConfig
    from provenance.tracker import Tracker
    from tests.helpers.matchkit import article, excerpt, text

    db, delay = sys.argv[1], float(sys.argv[2])
    count = {"ingest": 0, "match": 0}

    def hook(stage, n):
        # called inside the open transaction, after each document is written
        count[stage] += 1
        print(stage, count[stage], flush=True)
        time.sleep(delay)

    def articles():
        for i in range(N_DOCS):
            body = text(6000 + i // 3, 300)
            if i % 3 == 1:
                body = excerpt(body, 0.6)
            yield article(f"https://site{i % 3}.example/{i}", body, hours=i % 3)

    with Tracker(db, config=MatchConfig(batch_size=4), batch_size=5) as t:
        t.ingest(articles(), progress=hook)
        t.match(progress=hook)
    print("done", flush=True)
    """
).replace("N_DOCS", str(N_DOCS))


def _run_until(script: Path, db: Path, stage: str, at: int) -> None:
    """Run the script slowly and SIGKILL it right after ``stage`` reaches ``at``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), "0.03"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdout is not None
    try:
        while True:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"script ended before {stage} {at}")
            if line.split() == [stage, str(at)]:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


def _run(script: Path, db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, str(script), str(db), "0"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60, check=True,
    )  # fmt: skip
    assert out.stdout.rstrip().endswith("done")


def _q(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _edges(db: Path) -> set[tuple[object, ...]]:
    return set(
        _q(
            db,
            "SELECT c.url, s.url, e.relation FROM edges e JOIN documents c ON c.id = e.copy_id"
            " JOIN documents s ON s.id = e.source_id",
        )
    )


def test_sigkill_mid_ingest_and_mid_match_then_resume(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    db = tmp_path / "crash.db"

    # 1. killed inside the third ingest transaction (docs 11-13 written, not committed)
    _run_until(script, db, "ingest", 13)
    assert _q(db, "PRAGMA integrity_check") == [("ok",)]
    (n_docs,) = _q(db, "SELECT COUNT(*) FROM documents")[0]
    assert n_docs == 10  # two whole batches of five, nothing of the third
    assert _q(db, "SELECT COUNT(*) FROM signatures")[0][0] == 10
    # their index rows wait, committed with them, for match to file them
    assert _q(db, "SELECT COUNT(DISTINCT doc_id) FROM pending_keys")[0][0] == 10

    # 2. killed inside the second match transaction
    _run_until(script, db, "match", 6)
    assert _q(db, "PRAGMA integrity_check") == [("ok",)]
    assert _q(db, "SELECT COUNT(*) FROM documents")[0][0] == N_DOCS
    assert _q(db, "SELECT COUNT(*) FROM unmatched")[0][0] == N_DOCS - 4
    matched_edges = _q(
        db,
        "SELECT COUNT(*) FROM edges e JOIN unmatched u ON u.doc_id = MAX(e.copy_id, e.source_id)",
    )[0][0]
    assert matched_edges == 0  # no edge written for a document not marked matched

    # 3. rerun to the end
    _run(script, db)
    assert _q(db, "PRAGMA integrity_check") == [("ok",)]
    assert _q(db, "SELECT COUNT(*), COUNT(DISTINCT url) FROM documents")[0] == (N_DOCS, N_DOCS)
    assert _q(db, "SELECT COUNT(*) FROM unmatched")[0][0] == 0
    assert _q(db, "SELECT COUNT(*) FROM signatures")[0][0] == N_DOCS
    assert _q(db, "SELECT COUNT(*) FROM bands")[0][0] == N_DOCS * 64
    assert _q(db, "SELECT COUNT(*) FROM pending_keys")[0][0] == 0

    # same edges as an uninterrupted run
    clean = tmp_path / "clean.db"
    _run(script, clean)
    assert _edges(db) == _edges(clean)
    assert len(_edges(db)) == (N_DOCS // 3) * 3
