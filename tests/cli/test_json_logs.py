"""`--log-format json`: everything on stderr is a JSON object line, for log collectors:
library logs, the CLI's errors and summaries, and click's own usage errors."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from tests.helpers.matchkit import text


@pytest.fixture(autouse=True)
def _text_logs_after() -> Iterator[None]:
    yield
    logging.captureWarnings(False)
    logging.getLogger("py.warnings").handlers.clear()


def _json_lines(stderr: str) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in stderr.splitlines()]
    for line in lines:
        assert isinstance(line, dict) and {"level", "message"} <= set(line), line
    return lines


def _docs(path: Path) -> Path:
    rows = [
        {"url": "https://origin.example/a", "text": text(80, 400), "title": "A story"},
        {"url": "https://relay.example/a", "text": text(80, 400)},
        {"url": "https://broken.example/x"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", "utf-8")
    return path


def test_every_stderr_line_is_json(tmp_path: Path) -> None:
    runner = CliRunner()
    docs, db = _docs(tmp_path / "docs.jsonl"), str(tmp_path / "j.db")
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[crawl]\nmin_delay = 'soon'\n")
    page = tmp_path / "empty.html"
    page.write_text("<html><body></body></html>")
    runs = [
        (["ingest", str(docs), "--db", db, "-j", "1"], 1),
        (["-v", "match", "--db", db], 0),
        (["audit", str(docs), "--db", db, "-j", "1"], 1),
        (["report", "--db", str(tmp_path / "missing.db")], 2),
        (["trace", "https://nowhere.example/x", "--db", db], 2),
        (["extract", str(page), str(tmp_path / "absent.html")], 1),
        (["crawl", "--config", str(bad_config), "--db", db], 2),
        (["match", "--db", db, "--bogus"], 2),
        (["no-such-command"], 2),
        (["report", "--db", db, "--format", "yaml"], 2),
    ]
    for args, status in runs:
        result = runner.invoke(cli, ["--log-format", "json", *args])
        assert result.exit_code == status, (args, result.output)
        lines = _json_lines(result.stderr)
        if status:
            assert any(line["level"] in ("error", "warning") for line in lines), args
    failed = runner.invoke(cli, ["--log-format", "json", "ingest", str(docs), "--db", db])
    last = _json_lines(failed.stderr)[-1]
    assert (last["level"], last["message"]) == ("error", "2 input(s) failed")
    usage = runner.invoke(cli, ["--log-format", "json", "match", "--bogus"])
    assert "--bogus" in str(_json_lines(usage.stderr)[0]["message"])


def test_a_bad_global_option_is_json_too() -> None:
    result = CliRunner().invoke(cli, ["--log-format=json", "--bogus", "match"])
    assert result.exit_code == 2
    [line] = _json_lines(result.stderr)
    assert line["level"] == "error" and "--bogus" in str(line["message"])


def test_text_mode_keeps_its_messages(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["report", "--db", str(tmp_path / "missing.db")])
    assert missing.stderr.startswith("provenance: error: ")
    usage = runner.invoke(cli, ["match", "--bogus"])
    assert "Usage:" in usage.stderr and usage.exit_code == 2
    docs = _docs(tmp_path / "docs.jsonl")
    ingest = runner.invoke(cli, ["-q", "ingest", str(docs), "--db", str(tmp_path / "t.db")])
    assert ingest.stderr.splitlines()[-1] == "provenance: 2 input(s) failed"


_BUG = """
import sys
import provenance.cli.track as track
track.Tracker = None  # a bug: the command fails with an exception nobody catches
from provenance.cli import main
sys.argv = ["provenance", "--log-format", "json", "report", "--db", sys.argv[1]]
main()
"""


def test_an_uncaught_exception_is_one_json_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", _BUG, str(tmp_path / "x.db")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    [line] = _json_lines(done.stderr)
    assert line["level"] == "critical" and "TypeError" in str(line["message"])
    assert "Traceback" in str(line["traceback"])
