"""The extraction evaluation harness, on a tiny synthetic suite."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from provenance.errors import EvaluationError
from provenance.evaluation.extraction import (
    check_snippets,
    evaluate_extraction,
    expected_text,
    field_matches,
    score_tokens,
)
from provenance.evaluation.suites import suite_cases
from provenance.extract import html_to_text
from provenance.model import Article

GOOD_BODY = (
    "<p>The ferry company added a late crossing on Fridays after a petition signed by "
    "nine hundred islanders, the harbour office said on Monday.</p>"
    "<p>The extra sailing leaves the mainland at half past ten and returns before midnight, "
    "so that workers on late shifts no longer need to stay overnight in town.</p>"
    "<p>A review of passenger numbers is planned for the end of the summer season.</p>"
)


def page(title: str, body: str) -> str:
    return (
        f"<html lang='en'><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article>{body}</article>"
        "<footer>Copyright The Island Post</footer></body></html>"
    )


def make_case(root: Path, name: str, source: str, expected: str, meta: dict[str, object]) -> None:
    case = root / name
    case.mkdir()
    (case / "source.html").write_text(source, "utf-8")
    (case / "expected.html").write_text(expected, "utf-8")
    if meta:
        (case / "expected-metadata.json").write_text(json.dumps(meta), "utf-8")


@pytest.fixture()
def suite(tmp_path: Path) -> Path:
    make_case(
        tmp_path,
        "good",
        page("Late Ferry Added", GOOD_BODY),
        f'<div id="readability-page-1" class="page">{GOOD_BODY}</div>',
        {"title": "A Title The Extractor Will Not Find", "byline": None, "lang": "en"},
    )
    make_case(
        tmp_path,
        "bad",
        page("Something Else", GOOD_BODY),
        "<div><p>Completely different words about mountain goats grazing on a steep "
        "hillside far away.</p></div>",
        {},
    )
    (tmp_path / "not-a-case").mkdir()
    (tmp_path / "README.txt").write_text("ignored", "utf-8")
    return tmp_path


def test_report_scores_and_sorts_worst_first(suite: Path) -> None:
    report = evaluate_extraction(suite)
    assert [p.case for p in report.pages] == ["bad", "good"]
    good = report.pages[1]
    assert good.f1 == pytest.approx(1.0)
    assert good.precision == pytest.approx(1.0) and good.recall == pytest.approx(1.0)
    assert report.pages[0].f1 < 0.2
    assert report.mean_f1 == pytest.approx((report.pages[0].f1 + 1.0) / 2)
    assert [p.case for p in report.below_half] == ["bad"]


def test_report_metadata_accuracy_and_mismatches(suite: Path) -> None:
    report = evaluate_extraction(suite)
    fields = {m.field: m for m in report.metadata}
    assert fields["title"].compared == 1 and fields["title"].correct == 0
    assert fields["byline"].compared == 0  # null expected values are not compared
    assert fields["lang"].compared == 1
    titles = [m for m in report.mismatches if m.field == "title"]
    assert len(titles) == 1
    assert titles[0].case == "good"
    assert titles[0].expected == "A Title The Extractor Will Not Find"


def test_report_is_json_ready(suite: Path) -> None:
    data = json.loads(json.dumps(evaluate_extraction(suite).to_dict()))
    assert data["cases"] == 2
    assert data["pages"][0]["case"] == "bad"
    assert {"mean_precision", "mean_recall", "mean_f1", "metadata", "mismatches"} <= set(data)


def test_empty_or_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no cases found"):
        evaluate_extraction(tmp_path)
    with pytest.raises(EvaluationError, match="not a directory"):
        evaluate_extraction(tmp_path / "missing")


def test_score_tokens() -> None:
    assert score_tokens("a b c", "a b c") == (1.0, 1.0, 1.0)
    p, r, f = score_tokens("Alpha beta beta", "alpha BETA gamma delta")
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 4)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert score_tokens("", "words") == (0.0, 0.0, 0.0)
    assert score_tokens("", "") == (1.0, 1.0, 1.0)


def test_expected_text_separates_blocks_but_not_inline() -> None:
    html = "<div><p>One<b>two</b></p><p>three</p><ul><li>four</li><li>five<br>six</li></ul></div>"
    assert expected_text(html) == "Onetwo three four five six"


def _article(**kw: Any) -> Article:
    return replace(Article(url=None), **kw)


def test_field_rules() -> None:
    art = _article(
        title="  Late  Ferry ADDED ",
        authors=("Ann Lee", "Bo Chan"),
        site_name="The Island Post",
        lang="en-GB",
        published=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
    )
    assert field_matches("title", "late ferry added", art)
    assert field_matches("byline", "By Ann Lee, Bo Chan", art)
    assert not field_matches("byline", "Ann Lee", art)
    # the byline word is dropped from both sides, in the languages extraction knows
    assert field_matches("byline", "Par Ann Lee, Bo Chan", art)
    assert field_matches("byline", "Autor: Ann Lee, Bo Chan", art)
    assert field_matches("siteName", "the island post", art)
    assert field_matches("publishedTime", "2024-05-01T12:00:00+02:00", art)
    assert field_matches("publishedTime", "2024-05-01T10:00:00", art)  # naive: wall clock
    assert not field_matches("publishedTime", "2024-05-02T10:00:00Z", art)
    assert not field_matches("publishedTime", "not a date", art)
    assert not field_matches("lang", "en", art)  # exact after normalisation
    assert field_matches("lang", "EN-gb", art)
    tz = timezone(timedelta(hours=-5))
    naive = _article(published=datetime(2024, 5, 1, 10, 0))
    assert field_matches("publishedTime", datetime(2024, 5, 1, 10, 0, tzinfo=tz).isoformat(), naive)
    assert not field_matches("title", "x", _article())


def test_check_snippets(tmp_path: Path) -> None:
    (tmp_path / "one.html").write_text(page("Late Ferry Added", GOOD_BODY), "utf-8")
    (tmp_path / "one.expected.json").write_text(
        json.dumps(
            {
                "with": ["added a late crossing on Fridays", "mountain goats"],
                "without": ["Copyright The Island Post", "nine  hundred islanders"],
            }
        ),
        "utf-8",
    )
    (tmp_path / "two.html").write_text(page("Late Ferry Added", GOOD_BODY), "utf-8")
    (tmp_path / "two.expected.html").write_text(GOOD_BODY, "utf-8")
    report = check_snippets(tmp_path)
    assert report.passed == 0
    (res,) = report.pages
    assert res.missing == ("mountain goats",)
    assert res.unwanted == ("nine  hundred islanders",)  # compared after whitespace folding
    assert [s.case for s in report.scored] == ["two"]
    assert report.scored[0].f1 == pytest.approx(1.0)
    assert json.loads(json.dumps(report.to_dict()))["snippet_pages"] == 1


def test_check_snippets_errors(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        check_snippets(tmp_path)
    (tmp_path / "orphan.expected.json").write_text("{}", "utf-8")
    with pytest.raises(EvaluationError, match="no matching page"):
        check_snippets(tmp_path)


def _good_text() -> str:
    return html_to_text(GOOD_BODY)


def test_page_and_text_layouts(tmp_path: Path) -> None:
    """newspaper's layout (html/ beside txt/) and a flat folder of page + text pairs."""
    nested = tmp_path / "nested"
    (nested / "html").mkdir(parents=True)
    (nested / "txt").mkdir()
    (nested / "html" / "story.html").write_text(page("Story", GOOD_BODY), "utf-8")
    (nested / "txt" / "story.txt").write_text(_good_text(), "utf-8")
    (nested / "html" / "unlabelled.html").write_text(page("Other", GOOD_BODY), "utf-8")
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "story.html").write_text(page("Story", GOOD_BODY), "utf-8")
    (flat / "story.txt").write_text(_good_text(), "utf-8")
    for root in (nested, flat):
        report = evaluate_extraction(root)
        assert [p.case for p in report.pages] == ["story"]
        assert report.mean_f1 == pytest.approx(1.0)


def test_ground_truth_layout_reads_gzipped_pages_and_their_urls(tmp_path: Path) -> None:
    """Zyte's article-extraction-benchmark: ground-truth.json and html/<id>.html.gz."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a1.html.gz").write_bytes(gzip.compress(page("Story", GOOD_BODY).encode()))
    truth = {"a1": {"articleBody": _good_text(), "url": "https://news.example/a1"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), "utf-8")
    cases = suite_cases(tmp_path)
    assert [(c.name, c.url) for c in cases] == [("a1", "https://news.example/a1")]
    assert evaluate_extraction(tmp_path).mean_f1 == pytest.approx(1.0)
    (tmp_path / "html" / "a1.html.gz").unlink()
    with pytest.raises(EvaluationError, match=r"no page html/a1\.html"):
        suite_cases(tmp_path)
