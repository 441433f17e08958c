"""No page writes into a terminal or a spreadsheet (hardening issue)."""

from __future__ import annotations

import csv
import io

from provenance.evidence import Evidence
from provenance.link.chain import Hop, Trace
from provenance.report import EdgeRow, Report, csv_cell, printable, write_csv, write_trace

HOSTILE = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\r\x1b[2J"


def test_printable_replaces_escapes_bel_and_bare_cr() -> None:
    out = printable(HOSTILE + "\nnext line")
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert out.endswith("\nnext line")
    assert "\n" not in printable("a\nb", lines=False)


def test_csv_cells_that_start_a_formula_are_neutralised_numbers_stay() -> None:
    for cell in ('=HYPERLINK("x")', "+1+2", "-cmd", "@SUM(A1)", "\tx", "\rx"):
        assert str(csv_cell(cell)).startswith("'"), cell
    assert csv_cell("-3.5") == "-3.5" and csv_cell(-3.5) == -3.5 and csv_cell("plain") == "plain"


def _row(site: str) -> EdgeRow:
    return EdgeRow(
        copy_url="https://copy.example/a", source_url="https://src.example/a",
        copy_site=site, source_site="Source", relation="copy", jaccard=0.9,
        containment=0.9, attributed=False, lag_seconds=-60.0,
        direction_evidence=(Evidence("published", HOSTILE, 1.0),), confidence=0.8,
    )  # fmt: skip


def test_report_csv_has_no_formula_cells() -> None:
    out = io.StringIO()
    write_csv(Report((_row("=cmd|' /C calc'!A0"),), (), ()), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["copy_site"].startswith("'=")
    assert rows[0]["lag_seconds"] == "-60.0"


def test_trace_text_has_no_escape_sequences() -> None:
    hop = Hop("https://copy.example/a", HOSTILE, None, None, "origin", (Evidence("x", HOSTILE, 0),))
    out = io.StringIO()
    write_trace(Trace("https://copy.example/a", (hop,), (), ()), out)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()


def test_undated_pairs_have_no_lag(tmp_path: object) -> None:
    """Neither page dated nor captured: the lag is unknown (null), not the difference
    of the times the two happened to be ingested."""
    from pathlib import Path

    from provenance.model import Article
    from provenance.tracker import Tracker
    from tests.helpers.matchkit import text

    body = text(31, 400)
    pages = [
        Article(url="https://a.example/x", source="a", text=body),
        Article(url="https://b.example/x", source="b", text=body + " One more line here."),
    ]
    with Tracker(Path(str(tmp_path)) / "u.db") as tracker:
        tracker.ingest(pages)
        tracker.match()
        rows = tracker.report().edges
    assert rows and all(r.lag_seconds is None for r in rows)
