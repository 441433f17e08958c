"""The committed baseline never sits below the targets the issues set, and the gate works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.errors import EvaluationError
from provenance.evaluation.gate import check, load_baseline

BASELINE = Path(__file__).resolve().parents[1] / "benchmarks" / "baseline.json"

#: The targets stated in the issues; a floor may be stricter, never looser.
TARGET_FLOORS = {
    ("extraction", "mean_f1"): 0.935,
    ("extraction", "metadata_accuracy.title"): 0.85,
    ("extraction", "metadata_accuracy.byline"): 0.85,
    ("extraction", "metadata_accuracy.siteName"): 0.85,
    ("extraction", "metadata_accuracy.publishedTime"): 0.85,
    ("extraction", "metadata_accuracy.lang"): 0.85,
    ("footers", "recall.value"): 0.90,
    ("footers", "site_accuracy.value"): 0.92,
    ("footers", "footer_min_language_recall"): 0.97,
    ("pairs", "recall.verbatim.recall"): 0.95,
    # every page of the suite: ../shared/real/html has 10 with snippets
    ("snippets", "passed"): 10,
}
TARGET_CEILINGS = {
    ("extraction", "below_half_unexplained"): 0,
    ("footers", "negatives_flagged.value"): 0.03,
    ("pairs", "independent_linked"): 0,
}


def test_floors_meet_the_targets() -> None:
    baseline = load_baseline(BASELINE)
    for (evaluation, key), target in TARGET_FLOORS.items():
        assert baseline[evaluation]["floors"][key] >= target, (evaluation, key)
    for (evaluation, key), target in TARGET_CEILINGS.items():
        assert baseline[evaluation]["ceilings"][key] <= target, (evaluation, key)


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


def test_attributions_list_names_every_locale() -> None:
    result = CliRunner().invoke(cli, ["attributions", "--list", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    langs = {r["lang"] for r in rows if r["kind"] == "appeared-first-on"}
    assert {"en", "de", "fr", "es", "ru", "pl", "nl", "it", "pt"} <= langs
    assert CliRunner().invoke(cli, ["attributions"]).exit_code == 2
