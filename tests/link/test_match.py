from __future__ import annotations

from pathlib import Path

import pytest

from provenance.errors import ParameterMismatch
from provenance.fingerprint.minhash import FingerprintParams
from provenance.link.match import MatchConfig, match
from provenance.store.base import EdgeRecord
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, excerpt, text, words


def _edges(t: Tracker) -> list[EdgeRecord]:
    return list(t.store.iter_edges())


def _url(t: Tracker, doc_id: int) -> str:
    return t.store.get_documents([doc_id])[doc_id].url


def _pairs(t: Tracker) -> set[tuple[str, str]]:
    return {(_url(t, e.copy_id), _url(t, e.source_id)) for e in _edges(t)}


@pytest.mark.parametrize("share", [0.6, 0.35])
def test_excerpt_copies_match(tmp_path: Path, share: float) -> None:
    full = text(100, 500)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                article("https://orig.example/a", full, site="Orig"),
                article("https://copy.example/b", excerpt(full, share), site="Copy", hours=3),
            ]
        )
        res = t.match()
        assert res.edges == 1
        (e,) = _edges(t)
        assert (_url(t, e.copy_id), _url(t, e.source_id)) == (
            "https://copy.example/b",
            "https://orig.example/a",
        )
        assert e.containment > 0.85
        assert e.lag_seconds == 3 * 3600
        assert not e.attributed
        kinds = {x.kind for x in e.direction_evidence}
        assert {"published", "contained-in"} <= kinds


def test_independent_reports_sharing_a_quote_do_not_link(tmp_path: Path) -> None:
    quote = " ".join(words(4242, 40))
    arts = []
    for i in range(12):
        body = text(1000 + i, 180) + ' "' + quote + '" ' + text(2000 + i, 180)
        arts.append(article(f"https://paper{i}.example/event", body, site=f"Paper {i}"))
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(arts)
        res = t.match()
        assert res.edges == 0
        # candidates were proposed (J ≈ 0.05) but rejected by the containment check
        assert res.candidates == res.rejected


def test_recall_of_excerpts(tmp_path: Path) -> None:
    """Candidate recall over many pairs: every excerpt of >= 35 % is found."""
    arts = []
    for i in range(30):
        full = text(3000 + i, 400)
        share = 0.35 + 0.65 * (i % 10) / 9
        arts.append(article(f"https://orig{i}.example/s", full, site=f"O{i}"))
        arts.append(article(f"https://copy{i}.example/s", excerpt(full, share), hours=1))
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(arts)
        t.match()
        found = {(c, s) for c, s in _pairs(t)}
    expected = {(f"https://copy{i}.example/s", f"https://orig{i}.example/s") for i in range(30)}
    assert expected <= found
    assert len(found) == 30


def test_direction_by_credit_beats_dates(tmp_path: Path) -> None:
    body = text(7)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                # the copy claims an earlier date but credits the original by URL
                article("https://orig.example/a", body, site="Orig", hours=5),
                article(
                    "https://copy.example/b",
                    body,
                    site="Copy",
                    hours=1,
                    credits=(credit("Orig", "https://orig.example/a"),),
                ),
            ]
        )
        t.match()
        (e,) = _edges(t)
        assert _url(t, e.copy_id) == "https://copy.example/b"
        assert e.attributed
        assert e.lag_seconds == -4 * 3600
        credit_ev = [x for x in e.direction_evidence if x.kind == "credit"]
        assert credit_ev and credit_ev[0].score == 3.0
        assert any(x.kind == "published" and x.score < 0 for x in e.direction_evidence)


def test_direction_by_canonical(tmp_path: Path) -> None:
    body = text(8)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                article("https://copy.example/b", body, hours=None, seen_hours=0),
                article("https://orig.example/a", body, hours=None, seen_hours=0),
            ]
        )
        t.ingest(
            [
                article(
                    "https://copy.example/b2",
                    body,
                    hours=None,
                    canonical="https://orig.example/a",
                )
            ]
        )
        t.match()
        pairs = _pairs(t)
        assert ("https://copy.example/b2", "https://orig.example/a") in pairs
        e = next(
            e
            for e in _edges(t)
            if (_url(t, e.copy_id), _url(t, e.source_id))
            == ("https://copy.example/b2", "https://orig.example/a")
        )
        assert e.attributed
        assert any(x.kind == "canonical" for x in e.direction_evidence)
        # two identical texts without any signal: a tie, low confidence
        tie = next(e for e in _edges(t) if _url(t, e.copy_id) == "https://orig.example/a")
        assert tie.confidence == 0.5
        assert any(x.kind == "tie" for x in tie.direction_evidence)


def test_direction_by_dates_and_first_seen(tmp_path: Path) -> None:
    body = text(9)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                article("https://late.example/x", body, hours=6),
                article("https://early.example/x", body, hours=2),
                article("https://seen-late.example/y", text(10), hours=None, seen_hours=9),
                article("https://seen-early.example/y", text(10), hours=None, seen_hours=1),
            ]
        )
        t.match()
        assert _pairs(t) == {
            ("https://late.example/x", "https://early.example/x"),
            ("https://seen-late.example/y", "https://seen-early.example/y"),
        }
        lags = sorted(e.lag_seconds or 0 for e in _edges(t))
        assert lags == [4 * 3600, 8 * 3600]


def test_direction_by_containment_alone(tmp_path: Path) -> None:
    full = text(12, 500)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest([article("https://part.example/p", excerpt(full, 0.5), hours=None)])
        t.ingest([article("https://full.example/f", full, hours=None)])
        t.match()
        (e,) = _edges(t)
        assert _url(t, e.copy_id) == "https://part.example/p"
        assert [x.kind for x in e.direction_evidence] == ["contained-in"]


def test_wire_siblings(tmp_path: Path) -> None:
    body = text(13)
    wire = credit("Associated Press", kind="wire-credit")
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                article("https://one.example/w", body, site="One", hours=1, credits=(wire,)),
                article("https://two.example/w", body, site="Two", hours=2, credits=(wire,)),
            ]
        )
        t.match()
        (e,) = _edges(t)
        assert e.relation == "sibling"
        assert any(x.kind == "wire-sibling" for x in e.direction_evidence)
        assert e.confidence < 0.6


def test_incremental_and_params_check(tmp_path: Path) -> None:
    full = text(14)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest([article("https://a.example/1", full, hours=0)])
        assert t.match().documents == 1
        assert t.match().documents == 0
        t.ingest([article("https://b.example/1", full, hours=1)])
        res = t.match()
        assert res.documents == 1 and res.edges == 1
        with pytest.raises(ParameterMismatch):
            match(t.store, FingerprintParams(seed=3))
    no_passage = MatchConfig(min_containment=0.95, min_passage_words=0)
    with Tracker(tmp_path / "n.db", config=no_passage) as t:
        t.ingest(
            [
                article("https://a.example/1", full),
                article("https://b.example/1", excerpt(full, 0.5) + " " + text(15, 200)),
            ]
        )
        assert t.match().edges == 0


def test_findings_credit_mismatch_and_two_originals(tmp_path: Path) -> None:
    a, b = text(20), text(21)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                article("https://gotham.example/g", a, site="Gotham Gazette", hours=0),
                article("https://metro.example/m", b, site="Metro Mirror", hours=0),
                article(
                    "https://scraper.example/s",
                    a,
                    site="Scraper",
                    hours=2,
                    credits=(credit("Daily Planet"),),
                ),
                article(
                    "https://mash.example/x",
                    excerpt(a, 0.6) + " " + excerpt(b, 0.6),
                    site="Mash",
                    hours=3,
                ),
            ]
        )
        t.match()
        kinds = {(f.kind, f.url) for f in t.store.findings()}
        assert ("credit-mismatch", "https://scraper.example/s") in kinds
        assert ("two-candidate-originals", "https://mash.example/x") in kinds


def test_finding_copy_claims_original(tmp_path: Path) -> None:
    body = text(22)
    with Tracker(tmp_path / "m.db") as t:
        t.ingest(
            [
                article("https://orig.example/o", body, site="Orig", hours=0),
                article(
                    "https://thief.example/t",
                    body,
                    site="Thief",
                    hours=5,
                    canonical="https://thief.example/t",
                ),
            ]
        )
        t.ingest(
            [
                article(
                    "https://third.example/c",
                    body,
                    site="Third",
                    hours=6,
                    credits=(credit("Orig", "https://orig.example/o"),),
                )
            ]
        )
        t.match()
        found = [f for f in t.store.findings() if f.kind == "copy-claims-original"]
        assert [f.url for f in found] == ["https://thief.example/t"]


def test_excerpts_sharing_a_long_passage_link_but_a_shared_quote_does_not(tmp_path: Path) -> None:
    story = text(40, 600).split()
    # Two excerpts of one story covering different paragraphs, overlapping in 70 words.
    first = " ".join(story[:200]) + " " + text(41, 200)
    second = " ".join(story[130:330]) + " " + text(42, 200)
    # Two independent reports quoting the same 42-word statement.
    quote = " ".join(text(43, 42).split())
    report_a = text(44, 200) + " " + quote + " " + text(45, 150)
    report_b = text(46, 180) + " " + quote + " " + text(47, 170)
    with Tracker(tmp_path / "p.db") as t:
        t.ingest(
            [
                article("https://one.example/a", first, hours=0),
                article("https://two.example/b", second, hours=1),
                article("https://three.example/c", report_a, hours=0),
                article("https://four.example/d", report_b, hours=1),
            ]
        )
        t.match()
        pairs = {frozenset((e.copy_url, e.source_url)) for e in t.report().edges}
    assert frozenset(("https://one.example/a", "https://two.example/b")) in pairs
    assert frozenset(("https://three.example/c", "https://four.example/d")) not in pairs
