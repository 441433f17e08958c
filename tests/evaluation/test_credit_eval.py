"""The credit reader's evaluations run on data of our own (the real data is optional)."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.evaluation.chains import evaluate_chains
from provenance.evaluation.credit_model import fit, generality, training_set
from tests.helpers import DATA
from tests.link.test_seed_chain import COPY, ORIGIN, TITLE, _page, _paragraphs


def test_leave_one_family_out_on_our_own_lines() -> None:
    ts = training_set(DATA / "credits_general.jsonl", None)
    report = generality(ts, threshold=0.4)
    data = report.to_dict()
    families = data["leave_one_family_out"]["by_family"]
    assert {"yoast-appeared-first", "source-line", "press-clipping"} <= set(families)
    assert data["negatives_flagged"]["total"] >= 54
    assert 0.0 <= report.recall <= 1.0 and 0.0 <= report.flagged <= 1.0
    # held out, families still found: the reader does not depend on any one family
    assert report.recall >= 0.6, report.recall


def test_fit_is_deterministic() -> None:
    ts = training_set(None, None)
    a = fit(ts.examples + ts.articles)
    b = fit(ts.examples + ts.articles)
    assert a == b and len(a.weights) == len(ts.examples[0].x)


def test_chains_evaluation_on_our_own_pages(tmp_path: Path) -> None:
    origin = _page(ORIGIN, "Al Jazeera", "2024-05-01T08:00:00+00:00", _paragraphs(), "")
    copy = _page(
        COPY, "DNyuz", "2024-05-01T11:30:00+00:00", _paragraphs(),
        f"The post {TITLE} appeared first on Al Jazeera.",
    )  # fmt: skip
    index = []
    for name, page in (("origin.html", origin), ("copy.html", copy)):
        (tmp_path / name).write_bytes(page.content)
        index.append(json.dumps({"file": name, "url": page.url}))
    (tmp_path / "INDEX.jsonl").write_text("\n".join(index) + "\n")
    expect = tmp_path / "expect.json"
    expect.write_text(
        json.dumps({"origin.html": {"origin": None}, "copy.html": {"origin": "Al Jazeera"}})
    )
    report = evaluate_chains(tmp_path, expect)
    assert report.right == 2, report.to_dict()
