"""``evaluate_footers`` on a small labelled file written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.errors import EvaluationError
from provenance.evaluation.footers import evaluate_footers, site_key, wrap_row
from tests.helpers import FIXTURES

SAMPLE = FIXTURES / "attribution" / "footers_sample.jsonl"


def test_sample_report() -> None:
    report = evaluate_footers(SAMPLE)
    assert (report.rows, report.positives, report.negatives) == (9, 6, 3)
    assert (report.recall.hits, report.recall.total) == (5, 6)
    assert report.negatives_flagged.hits == 0
    assert (report.site_accuracy.hits, report.site_accuracy.total) == (5, 6)
    assert report.hop_accuracy.hits == 8  # the missed credit-line row expects one hop
    assert report.precision.value == 1.0
    fam = {g.name: g for g in report.by_family}
    assert fam["yoast-appeared-first"].recall.value == 1.0
    assert fam["credit-line"].recall.value == 0.0
    langs = {g.name: g for g in report.by_language}
    assert langs["de"].recall.value == 1.0
    assert [(f.row, f.reason) for f in report.failures] == [(5, "missed")]
    data = report.to_dict()
    json.dumps(data)
    assert data["by_family"]["aioseo-first-appeared"]["recall"]["value"] == 1.0


def test_site_key() -> None:
    assert site_key("  Example  Gazette. ") == site_key("example gazette")
    assert site_key(None) == ""


def test_wrap_row_escapes_context_only() -> None:
    page = wrap_row({"text": "<a href='x'>A</a>", "context_before": "<b>&", "pattern": "p"})
    assert b"<p>&lt;b&gt;&amp;</p><p><a href='x'>A</a></p>" in page


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no such file"):
        evaluate_footers(tmp_path / "absent.jsonl")


def test_garbled_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "pattern": "negative"}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=":2: not valid JSON"):
        evaluate_footers(bad)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no rows"):
        evaluate_footers(empty)
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"pattern": "x"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="'text'"):
        evaluate_footers(wrong)
