"""Score whole-page provenance: does each page's chain end at its true origin?

The pages (``INDEX.jsonl`` names each file and its URL) are ingested with their
own URLs into a temporary store, matched, and traced, as ``audit`` does.  An
expectations file gives each page's true origin (a publisher's name), or null
for a page that credits nobody and must end at itself.  A page whose credit
names a publisher must also have a row in the report.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.errors import EvaluationError
from provenance.model import Page
from provenance.sites import keys_match, site_key
from provenance.tracker import Tracker


@dataclass(frozen=True, slots=True)
class ChainCase:
    file: str
    url: str
    expected: str | None
    got: str | None
    has_row: bool

    @property
    def right(self) -> bool:
        if self.expected is None:
            return self.got is None
        return self.has_row and _same(self.got, self.expected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "expected_origin": self.expected,
            "got_origin": self.got,
            "report_row": self.has_row,
            "right": self.right,
        }


@dataclass(frozen=True, slots=True)
class ChainsReport:
    cases: tuple[ChainCase, ...]

    @property
    def right(self) -> int:
        return sum(c.right for c in self.cases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluation": "chains",
            "pages": len(self.cases),
            "right": self.right,
            "wrong": len(self.cases) - self.right,
            "cases": [c.to_dict() for c in self.cases],
        }


def _same(got: str | None, expected: str) -> bool:
    a, b = site_key(got), site_key(expected)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return keys_match(a, b) or (len(short) >= 4 and long_.startswith(short))


def _load(folder: Path, expect: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    index = folder / "INDEX.jsonl"
    try:
        rows = [json.loads(line) for line in index.read_text("utf-8").splitlines() if line]
        expected = json.loads(expect.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read {index} or {expect}: {exc}") from exc
    return rows, expected


def evaluate_chains(folder: Path, expect: Path) -> ChainsReport:
    """Ingest every page of ``folder`` with its URL, match, trace, and compare origins."""
    rows, expected = _load(folder, expect)
    pages = [
        Page(content=(folder / r["file"]).read_bytes(), url=r["url"], source=r["file"])
        for r in rows
        if r["file"] in expected
    ]
    if not pages:
        raise EvaluationError(f"{expect}: names none of the pages in {folder}/INDEX.jsonl")
    cases: list[ChainCase] = []
    with tempfile.TemporaryDirectory() as tmp, Tracker(Path(tmp) / "chains.db") as tracker:
        tracker.ingest(pages)
        tracker.match()
        report = tracker.report()
        with_rows = {e.copy_url for e in report.edges}
        for page in pages:
            assert page.url is not None
            trace = tracker.trace(page.url)
            origin = trace.origin
            got = None if origin.url == page.url else origin.site
            want = expected[page.source].get("origin")
            cases.append(ChainCase(page.source, page.url, want, got, page.url in with_rows))
    return ChainsReport(tuple(cases))


__all__ = ["ChainCase", "ChainsReport", "evaluate_chains"]
