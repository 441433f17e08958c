"""One bad input is one failure, never the end of the run (hardening issue).

Each hostile input sits beside good ones; the good ones must be stored, every
bad one counted as a failure that names it, and the exit status must be 1.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.model import Article
from provenance.read.items import TextDocument
from provenance.read.jsonl import iter_jsonl
from provenance.tracker import Tracker
from tests.helpers.matchkit import text

GOOD_HTML = (
    "<html><head><title>Ferry</title></head><body><article>"
    + "".join(f"<p>{text(5 + i, 40)}</p>" for i in range(6))
    + "</article></body></html>"
)


def _charset_page(codec: str) -> str:
    return GOOD_HTML.replace("<head>", f'<head><meta charset="{codec}">')


@pytest.mark.parametrize("codec", ["hex", "base64", "rot13", "zlib"])
def test_a_non_text_codec_label_is_ignored(tmp_path: Path, codec: str) -> None:
    page = tmp_path / f"{codec}.html"
    page.write_text(_charset_page(codec))
    result = CliRunner().invoke(cli, ["extract", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["error"] is None


def _jsonl(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def test_hostile_rows_fail_one_by_one(tmp_path: Path) -> None:
    good = json.dumps({"url": "https://ok.example/1", "text": text(1, 200)})
    rows = [
        json.dumps({"url": "http://[bad/x", "text": "words"}),
        json.dumps({"url": "http://example.com:99999999/x", "text": "words"}),
        '{"url": "https://ok.example/2", "text": "lone \\ud800 surrogate ' + text(2, 60) + '"}',
        json.dumps({"url": "https://ok.example/3", "text": "x" * 5000}),
        good,
    ]
    items = list(iter_jsonl(_jsonl(tmp_path / "rows.jsonl", rows), max_bytes=4000))
    failed = [isinstance(i, Article) for i in items]
    assert failed == [True, True, False, True, False]
    assert "rows.jsonl:1" in items[0].error and "not usable" in items[0].error  # type: ignore[union-attr]
    assert "rows.jsonl:4" in items[3].error and "page limit" in items[3].error  # type: ignore[union-attr]
    doc = items[2]
    assert isinstance(doc, TextDocument) and "\ufffd" in doc.text and "\ud800" not in doc.text


def test_cc_news_and_media_cloud_fields(tmp_path: Path) -> None:
    rows = [
        json.dumps({"url": "https://cc.example/a", "maintext": text(3, 80), "title": "A",
                    "date_publish": "2024-05-01 08:00:00", "source_domain": "cc.example"}),
        json.dumps({"url": "https://mc.example/b", "text": text(4, 80), "title": "B",
                    "publish_date": "2024-05-02 09:30:00.123456", "media_name": "MC Daily"}),
    ]  # fmt: skip
    a, b = iter_jsonl(_jsonl(tmp_path / "x.jsonl", rows))
    assert isinstance(a, TextDocument) and isinstance(b, TextDocument)
    assert (a.site_name, a.published and a.published.day) == ("cc.example", 1)
    assert (b.site_name, b.published and b.published.hour) == ("MC Daily", 9)


@pytest.mark.parametrize("cut", [0.5, None])
def test_corrupt_gzip_is_a_failure_naming_the_file(tmp_path: Path, cut: float | None) -> None:
    data = gzip.compress(b"".join(
        (json.dumps({"url": f"https://ok.example/{i}", "text": text(i, 300)}) + "\n").encode()
        for i in range(200)
    ))  # fmt: skip
    bad = tmp_path / "export.jsonl.gz"
    bad.write_bytes(data[: int(len(data) * cut)] if cut else b"\x1f\x8b\x08\x00" + b"junk" * 50)
    items = list(iter_jsonl(bad))
    failures = [i for i in items if isinstance(i, Article)]
    assert len(failures) == 1 and "export.jsonl.gz" in failures[0].error
    assert "corrupt or truncated" in failures[0].error


def test_good_inputs_are_stored_beside_bad_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(GOOD_HTML)
    hexed = tmp_path / "hex.html"
    hexed.write_text(_charset_page("hex").replace("Ferry", "Other"))
    rows = _jsonl(
        tmp_path / "rows.jsonl",
        [json.dumps({"url": "http://[bad/x", "text": "w"}),
         json.dumps({"url": "https://ok.example/9", "text": text(9, 200)})],
    )  # fmt: skip
    gz = tmp_path / "broken.jsonl.gz"
    gz.write_bytes(b"\x1f\x8b\x08\x00" + b"junk" * 50)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    db = tmp_path / "t.db"
    sources = [str(p) for p in (good, hexed, rows, gz, fifo)]
    result = CliRunner().invoke(cli, ["ingest", *sources, "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 3  # good.html, hex.html, the good row
    assert summary["failed_inputs"] == 3  # the bad url, the broken gzip, the FIFO
    for name in ("rows.jsonl:1", "broken.jsonl.gz", "pipe"):
        assert name in result.stderr, name
    with Tracker(db) as t:
        assert t.knows("https://ok.example/9")


def test_random_bytes_are_not_stored_as_an_article(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    noise = tmp_path / "noise.html"
    noise.write_bytes(bytes(b for b in rng.randbytes(20_000) if b))  # no NUL byte
    result = CliRunner().invoke(cli, ["extract", str(noise), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "not text" in json.loads(result.stdout)["error"]
