"""The progress line: on a real terminal (a pseudo-terminal) ingest, match, audit and
crawl show counts and a rate on stderr, cleared at the end; under cron (stderr not a
terminal), with -q or with --log-format json nothing extra is written."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.cli._common import ProgressLine
from tests.crawl.test_run import CLI as CRAWL_CLI, _toml
from tests.helpers import ROOT
from tests.helpers.crawlweb import CrawlWeb
from tests.helpers.matchkit import text

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def _docs(path: Path, n: int = 40) -> Path:
    rows = [
        {"url": f"https://site{i % 4}.example/{i}", "text": text(7000 + i // 4, 300)}
        for i in range(n)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return path


def _in_pty(argv: list[str], timeout: float = 90) -> tuple[int, str, str]:
    """Run ``argv`` with stderr on a pseudo-terminal: (status, stdout, what the terminal got)."""
    master, slave = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    proc = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, env=env
    )
    os.close(slave)
    got = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not chunk:
                break
            got += chunk
        assert proc.stdout is not None
        out = proc.stdout.read().decode()
        status = proc.wait(timeout=30)
    finally:
        proc.kill()
        os.close(master)
        if proc.stdout is not None:
            proc.stdout.close()
    # the terminal turns "\n" into "\r\n"; a progress line is "\r" + text
    return status, out, got.decode().replace("\r\n", "\n")


def _provenance(*args: str) -> list[str]:
    return [sys.executable, "-m", "provenance", *args]


def _drawn(terminal: str, label: str) -> list[str]:
    """The progress lines drawn (each after a carriage return) that start with ``label``."""
    drawn = [line for line in terminal.split("\r") if line.startswith(label)]
    assert drawn, terminal
    return drawn


def _assert_cleared(terminal: str) -> None:
    """The last thing on the terminal is the cleared progress line: blanks, then \\r."""
    assert terminal.endswith("\r")
    assert terminal.rsplit("\r", 2)[-2].strip() == ""


def test_ingest_and_match_show_progress_on_a_terminal(tmp_path: Path) -> None:
    docs, db = _docs(tmp_path / "docs.jsonl"), str(tmp_path / "p.db")
    status, out, terminal = _in_pty(_provenance("ingest", str(docs), "--db", db, "-j", "1"))
    assert status == 0, terminal
    assert json.loads(out)["added"] == 40
    # the first document is shown at once; a later line (if the run lasts past the
    # redraw interval: timing, so not asserted) adds the rate
    drawn = _drawn(terminal, "ingest: ")
    assert drawn[0].startswith("ingest: 1 docs")
    assert all(", " in line and " docs/s" in line for line in drawn[1:]), drawn
    _assert_cleared(terminal)

    status, out, terminal = _in_pty(_provenance("match", "--db", db))
    assert status == 0, terminal
    assert json.loads(out)["documents"] == 40
    drawn = _drawn(terminal, "match: ")
    assert drawn[0].startswith("match: [--------------------] 1/40 docs (2%)")
    assert all(", " in line and " docs/s" in line for line in drawn[1:]), drawn
    _assert_cleared(terminal)


def test_audit_shows_both_stages(tmp_path: Path) -> None:
    docs, db = _docs(tmp_path / "docs.jsonl", 12), str(tmp_path / "a.db")
    status, out, terminal = _in_pty(_provenance("audit", str(docs), "--db", db, "-j", "1"))
    assert status == 0, terminal
    assert out.startswith("ingested 12 new")
    assert "\raudit: ingest 1 docs" in terminal
    assert "\raudit: match [##------------------] 1/12 docs (8%)" in terminal
    _assert_cleared(terminal)


@pytest.mark.parametrize("flags", [["-q"], ["--log-format", "json"]])
def test_quiet_or_json_logs_show_no_progress(tmp_path: Path, flags: list[str]) -> None:
    docs, db = _docs(tmp_path / "docs.jsonl", 12), str(tmp_path / "q.db")
    for command in (["ingest", str(docs), "-j", "1"], ["match"]):
        status, out, terminal = _in_pty(_provenance(*flags, *command, "--db", db))
        assert status == 0, terminal
        assert json.loads(out)
        assert terminal == ""


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """Under cron (here CliRunner's captured stderr) stderr gets nothing extra."""
    docs, db = _docs(tmp_path / "docs.jsonl", 12), str(tmp_path / "c.db")
    runner = CliRunner()
    for args in (["ingest", str(docs), "-j", "1"], ["match"], ["audit", str(docs), "-j", "1"]):
        result = runner.invoke(cli, [*args, "--db", db])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""


def test_crawl_shows_progress_on_a_terminal(web: CrawlWeb, tmp_path: Path) -> None:
    config = _toml(web, tmp_path / "crawl.toml")
    args = ["--config", str(config), "--db", str(tmp_path / "n.db")]
    status, out, terminal = _in_pty([sys.executable, "-c", CRAWL_CLI, *args])
    assert status == 0, terminal
    assert json.loads(out)["fetched"] > 0
    assert "\rcrawl: [#######-------------] 1/3 sources (33%)" in terminal
    _assert_cleared(terminal)


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_line_is_throttled_and_cleared() -> None:
    out, clock = io.StringIO(), _Clock()
    line = ProgressLine("match", out, interval=0.1, clock=clock)
    line.expect("match", 200)
    line("match", 1)
    for n in range(2, 50):  # all within 0.1 s of the first: not drawn
        clock.now += 0.001
        line("match", n)
    clock.now = 100.25  # 100 documents in a quarter of a second
    line("match", 100)
    assert out.getvalue().count("\r") == 2
    done = "match: [##########----------] 100/200 docs (50%), 400 docs/s"
    assert out.getvalue().endswith("\r" + done)
    line.close()
    assert out.getvalue().endswith("\r" + " " * len(done) + "\r")
    crawl = ProgressLine("crawl", io.StringIO(), clock=clock)
    assert crawl.render("items", 3, 12, 2.0) == (
        "crawl: [#####---------------] 3/12 items (25%), 1.5 items/s"
    )
    assert ProgressLine("audit").render("ingest", 1200, None, 4.0) == (
        "audit: ingest 1,200 docs, 300 docs/s"
    )
