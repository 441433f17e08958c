"""The quality gate: floors and ceilings checked, bad baselines named, `provenance eval`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import EvaluationError
from provenance.evaluation.gate import check, load_baseline


def test_gate_reports_a_metric_below_its_floor() -> None:
    baseline = {"x": {"floors": {"a.b": 0.9}, "ceilings": {"c": 0}, "corpus_digest": "d1"}}
    ok = check("x", {"a": {"b": 0.95}, "c": 0}, baseline, digest="d1")
    assert ok.passed and not ok.digest_changed
    bad = check("x", {"a": {"b": 0.5}, "c": 2}, baseline, digest="d2")
    assert not bad.passed and bad.digest_changed
    assert any("a.b" in f and "below" in f for f in bad.failures)
    assert any("c" in f and "above" in f for f in bad.failures)
    missing = check("x", {}, baseline)
    assert any("missing" in f for f in missing.failures)
    with pytest.raises(EvaluationError, match="no entry"):
        check("y", {}, baseline)


def test_bad_baseline_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("{oops")
    with pytest.raises(EvaluationError, match=r"baseline\.json"):
        load_baseline(path)


def _suite(root: Path) -> None:
    case = root / "case-1"
    case.mkdir(parents=True)
    body = "<p>The ferry timetable changes on Monday, the operator said in a short notice.</p>"
    (case / "source.html").write_text(
        f"<html lang='en'><head><title>Ferry times</title></head><body><article>{body}"
        "</article><footer>Copyright</footer></body></html>"
    )
    (case / "expected.html").write_text(f"<div>{body}</div>")
    (case / "expected-metadata.json").write_text(json.dumps({"title": "Ferry times", "lang": "en"}))


def test_eval_extraction_command_and_its_gate(tmp_path: Path) -> None:
    _suite(tmp_path / "suite")
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "extraction", str(tmp_path / "suite")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mean_f1"] == pytest.approx(1.0)

    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"extraction": {"floors": {"mean_f1": 0.99}}}))
    args = ["eval", "extraction", str(tmp_path / "suite"), "--baseline", str(baseline)]
    assert runner.invoke(cli, args).exit_code == 0
    baseline.write_text(json.dumps({"extraction": {"floors": {"mean_f1": 1.01}}}))
    failed = runner.invoke(cli, args)
    assert failed.exit_code == 1
    assert "below its floor" in failed.stderr


def test_eval_of_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "extraction", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr
