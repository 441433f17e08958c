"""`provenance extract`: output keys, formats and exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from provenance.cli import cli
from tests.helpers.pages import ARTICLE_HTML

KEYS = {
    "url", "canonical_url", "og_url", "title", "site_name", "lang", "published",
    "modified", "authors", "description", "text", "attributions", "error",
}  # fmt: skip


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_has_the_documented_keys(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(ARTICLE_HTML)
    result = CliRunner().invoke(cli, ["extract", str(page), "--url", "https://h.example/cranes"])
    assert result.exit_code == 0, result.output
    [row] = _lines(result.stdout)
    assert row.keys() >= KEYS
    assert row["url"] == "https://h.example/cranes"
    assert row["error"] is None and "forty years" in str(row["text"])


def test_bare_file_has_null_url(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(ARTICLE_HTML)
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert _lines(result.stdout)[0]["url"] is None


def test_partial_failure_exits_1_and_still_extracts_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(ARTICLE_HTML)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(empty), str(good)])
    assert result.exit_code == 1
    rows = _lines(result.stdout)
    assert [r["error"] is None for r in rows] == [False, True]
    assert "empty.html" in result.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "--format", "yaml", "x.html"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["extract", "a.html", "b.html", "--url", "https://x.example/"])
    assert result.exit_code == 2


def test_json_and_text_formats(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(ARTICLE_HTML)
    result = CliRunner().invoke(cli, ["extract", "--format", "json", str(page), str(page)])
    assert len(json.loads(result.stdout)) == 2
    result = CliRunner().invoke(cli, ["extract", "--format", "text", str(page)])
    assert "forty years" in result.stdout


def test_stdin_and_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "provenance", "extract", "-", "--url", "https://h.example/x"],
        input=ARTICLE_HTML.encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    [row] = _lines(proc.stdout.decode())
    assert row["url"] == "https://h.example/x"


def test_url_source_fetches_and_reports_http_errors(local_server: str) -> None:
    result = CliRunner().invoke(
        cli,
        ["extract", "--allow-private", f"{local_server}/old-path", f"{local_server}/missing"],
    )
    assert result.exit_code == 1
    ok, missing = _lines(result.stdout)
    assert ok["url"] == f"{local_server}/article.html" and ok["error"] is None
    assert "404" in str(missing["error"])
