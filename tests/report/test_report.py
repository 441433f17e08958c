from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from provenance.evidence import Evidence
from provenance.report import (
    EdgeRow,
    Report,
    build_report,
    evidence_value,
    shorten_url,
    write_csv,
    write_jsonl,
    write_table,
)
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, excerpt, text


def _report(tmp_path: Path) -> Report:
    a, b = text(701, 500), text(702, 500)
    with Tracker(tmp_path / "r.db") as t:
        t.ingest(
            [
                article("https://origin.example/a", a, site="Origin Daily", hours=0),
                article("https://origin.example/b", b, site="Origin Daily", hours=0),
                article("https://copycat.example/a", excerpt(a, 0.5), site="Copycat", hours=2,
                        credits=(credit("Origin Daily"),)),
                article("https://copycat.example/b", b, site="Copycat", hours=6),
                article("https://lonely.example/z", text(703), site="Lonely", hours=1),
            ]
        )  # fmt: skip
        t.match()
        return build_report(t.store)


def test_report_rows_and_site_summary(tmp_path: Path) -> None:
    rep = _report(tmp_path)
    rows = {(r.copy_url, r.source_url): r for r in rep.edges}
    assert set(rows) == {
        ("https://copycat.example/a", "https://origin.example/a"),
        ("https://copycat.example/b", "https://origin.example/b"),
    }
    ra = rows[("https://copycat.example/a", "https://origin.example/a")]
    assert ra.attributed and ra.lag_seconds == 7200 and ra.containment > 0.85
    assert 0.4 < ra.jaccard < 0.65
    rb = rows[("https://copycat.example/b", "https://origin.example/b")]
    assert not rb.attributed and rb.lag_seconds == 6 * 3600
    sites = {s.site: s for s in rep.sites}
    cc = sites["Copycat"]
    assert (cc.reposts, cc.sources_copied, cc.share_attributed) == (2, 1, 0.5)
    assert cc.median_lag_seconds == 4 * 3600
    assert sites["Origin Daily"].copied_by == 2 and sites["Origin Daily"].reposts == 0
    assert "Lonely" not in sites
    data = json.loads(rep.to_json())
    assert len(data["edges"]) == 2 and data["sites"][0]["site"] == "Copycat"


def test_writers(tmp_path: Path) -> None:
    rep = _report(tmp_path)
    buf = io.StringIO()
    write_csv(rep, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 2 and rows[0]["copy_url"].startswith("https://copycat.example/")
    assert isinstance(json.loads(rows[0]["direction_evidence"]), list)
    buf = io.StringIO()
    write_jsonl(rep, buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [x["type"] for x in lines].count("edge") == 2
    assert {x["type"] for x in lines} >= {"edge", "site"}
    buf = io.StringIO()
    write_table(rep, buf)
    out = buf.getvalue()
    assert "COPY" in out and "Copycat" in out and "2.0h" in out
    widths = {len(line) for line in out.splitlines()[1:3]}
    assert len(widths) == 1  # fixed-width edge rows
    legend = out.split("\nLEGEND\n")[1]
    for term in ("J ", "CONT", "CRED", "LAG", "CONF", "~ SOURCE", "? SOURCE", "REPOSTS"):
        assert term in legend, term


LONG = "https://www.example.com/2026/03/04/section/story-slug-of-a-fair-length"


@pytest.mark.parametrize(
    ("url", "width", "expected"),
    [
        ("https://a.example/x", 48, "https://a.example/x"),
        (LONG, 60, "https://www.example.com/2026/…/story-slug-of-a-fair-length"),
        (LONG, 56, "https://www.example.com/…/story-slug-of-a-fair-length"),
        (LONG, 50, "https://www.example.com/…/story-slug-of…air-length"),
        (LONG, 40, "https://www.example.com/…/story-s…length"),
        ("https://a.example/" + "x" * 60, 30, "https://a.example/xxxxxx…xxxxx"),
        ("site:" + "Publisher " * 8, 20, "site:Publi…ublisher "),
    ],
)
def test_urls_are_shortened_in_the_middle(url: str, width: int, expected: str) -> None:
    assert shorten_url(url, width) == expected
    assert len(shorten_url(url, width)) <= width


def test_table_shows_shares_and_shortened_urls() -> None:
    row = EdgeRow(
        copy_url=LONG.replace("www.example.com", "copy.example"), source_url=LONG,
        copy_site="Copy", source_site="Example", relation="sibling", jaccard=0.79,
        containment=0.875, attributed=False, lag_seconds=7200.0, direction_evidence=(),
        confidence=0.4512,
    )  # fmt: skip
    out = io.StringIO()
    write_table(Report((row,), (), ()), out)
    line = out.getvalue().splitlines()[1]
    assert line.split()[-5:] == ["79%", "88%", "no", "2.0h", "45%"]
    assert " ~https://www.example.com/…/story-slug" in line
    assert line.startswith("https://copy.example/…/story-slug")


@pytest.mark.parametrize(
    ("evidence", "shown"),
    [
        (Evidence("credit", "x credits y", 3.0), "weight +3.0"),
        (Evidence("published", "x published 60s after y", -1.0), "weight -1.0"),
        (Evidence("containment", "smaller text inside the larger (estimated)", 0.874), "87%"),
        (Evidence("contained-in", "https://a/ lies inside https://b/ (0.90 vs 0.40)", 1.0),
         "weight +1.0"),
        (Evidence("contained-in", "https://b/ lies inside https://a/", -1.0), "weight -1.0"),
        (Evidence("jaccard", "estimated from MinHash signatures", 0.5), "50%"),
        (Evidence("passage", "80 words shared verbatim, the longest 62", 62), "longest 62 words"),
        (Evidence("passage-chars", "90 characters shared verbatim ...", 40),
         "longest 40 characters"),
        (Evidence("passage-keys", "12 passage keys shared", 12), "12 keys"),
        (Evidence("bands", "5 of 20 LSH bands shared", 5), "5 bands"),
        (Evidence("site-boilerplate", "3 paragraph(s) left out", 3.0), "3 paragraphs"),
        (Evidence("chosen", "source chosen among 4 similar texts", 0.0), ""),
        (Evidence("headline", "one text carries the other's headline", 1.0), ""),
    ],
)  # fmt: skip
def test_evidence_is_shown_as_what_it_measures(evidence: Evidence, shown: str) -> None:
    assert evidence_value(evidence) == shown


def test_the_kind_alone_says_the_measure_whatever_the_detail_reads() -> None:
    """Before schema 4 the unit was read from the detail; now a detail says nothing."""
    assert (
        evidence_value(Evidence("containment", "https://a/ lies inside https://b/", 0.9)) == "90%"
    )
    assert evidence_value(Evidence("passage", "90 characters shared", 40)) == "longest 40 words"
    assert evidence_value(Evidence("passage-chars", "", 40)) == "longest 40 characters"
    assert evidence_value(Evidence("contained-in", "", -1.0)) == "weight -1.0"
