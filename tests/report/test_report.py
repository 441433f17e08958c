from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from provenance.report import Report, build_report, write_csv, write_jsonl, write_table
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
