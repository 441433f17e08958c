"""The README's main job on the bundled demo corpus gives the true chains and roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from provenance.read.articles import read_articles
from provenance.report import Report
from provenance.tracker import Tracker
from tests.helpers import ROOT

DEMO = ROOT / "corpora" / "demo"
EXPECTED = json.loads((DEMO / "expected.json").read_text("utf-8"))
UNRESOLVABLE = {
    frozenset((c["copy_url"], c["source_url"]))
    for c in EXPECTED["conflicts"]
    if not c.get("direction_resolvable", True)
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Tracker(db) as tracker:
        result = tracker.ingest(read_articles([str(DEMO / "demo.warc.gz")]))
        assert result.failed == 0 and result.added == len(EXPECTED["documents"])
        tracker.match()
    return db


@pytest.fixture(scope="module")
def report(demo_db: Path) -> Report:
    with Tracker(demo_db) as tracker:
        return tracker.report()


def _chain_ids(chain: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(hop["url"], hop["role"]) for hop in chain]


@pytest.mark.parametrize("case", EXPECTED["chains"], ids=lambda c: c["url"].split("/")[2])
def test_chain(demo_db: Path, case: dict[str, object]) -> None:
    want = case["chain"]
    assert isinstance(want, list)
    with Tracker(demo_db) as tracker:
        got = tracker.trace(str(case["url"]))
    pair = frozenset((want[0]["url"], want[-1]["url"]))
    if pair in UNRESOLVABLE:
        # Dates point the wrong way on purpose: the pair must be linked and flagged.
        urls = {hop.url for hop in got.chain}
        with Tracker(demo_db) as tracker:
            other = tracker.trace(want[-1]["url"])
        assert pair <= urls | {hop.url for hop in other.chain}
        return
    assert [(hop.url, hop.role) for hop in got.chain] == _chain_ids(want)
    for hop in got.chain[1:]:
        assert hop.evidence, f"hop {hop.url} carries no evidence"


def test_direct_edges_are_found(report: Report) -> None:
    edges = {(e.copy_url, e.source_url) for e in report.edges}
    pairs = {frozenset(p) for p in edges}
    for edge in EXPECTED["edges"]:
        key = (edge["copy_url"], edge["source_url"])
        if frozenset(key) in UNRESOLVABLE:
            assert frozenset(key) in pairs
        elif edge["direct"]:
            assert key in edges, key


def test_attributed_flag_matches_the_credits(report: Report) -> None:
    by_key = {(e.copy_url, e.source_url): e for e in report.edges}
    for edge in EXPECTED["edges"]:
        key = (edge["copy_url"], edge["source_url"])
        if edge["direct"] and key in by_key:
            assert by_key[key].attributed == edge["attributed"], key


def test_independent_reports_are_not_linked(report: Report) -> None:
    pairs = {frozenset((e.copy_url, e.source_url)) for e in report.edges}
    for a, b in EXPECTED["not_linked"]:
        assert frozenset((a, b)) not in pairs


def test_conflicts_are_reported_as_findings(report: Report) -> None:
    for conflict in EXPECTED["conflicts"]:
        urls = {conflict["copy_url"], conflict["source_url"]}
        assert any({f.url, f.other_url} == urls for f in report.findings), conflict


def test_copied_share_is_close_to_the_truth(report: Report) -> None:
    by_key = {(e.copy_url, e.source_url): e for e in report.edges}
    for edge in EXPECTED["edges"]:
        got = by_key.get((edge["copy_url"], edge["source_url"]))
        if got is not None and edge["direct"]:
            assert abs(got.copied_share - edge["approx_containment"]) < 0.12, edge


def test_audit_command_prints_chains(tmp_path: Path) -> None:
    db = tmp_path / "audit.db"
    result = CliRunner().invoke(cli, ["audit", str(DEMO / "demo.warc.gz"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "CHAINS (origin last)" in result.stdout
    assert "intermediary" in result.stdout
    again = CliRunner().invoke(cli, ["audit", str(DEMO / "demo.warc.gz"), "--db", str(db)])
    n = len(EXPECTED["documents"])
    assert "0 new" in again.stdout and f"{n} unchanged" in again.stdout
