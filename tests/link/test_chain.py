from __future__ import annotations

from pathlib import Path

import pytest

from provenance.errors import StoreError
from provenance.link.chain import trace
from provenance.model import Article
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, excerpt, text

ISRAEL21C = "https://www.israel21c.example/desert-solar-farm"
ZENGER = "https://www.zenger.news/2024/05/01/desert-solar-farm"
REPOST = "https://dnyuz.example/2024/05/01/desert-solar-farm"


def test_zenger_israel21c_three_hop_chain(tmp_path: Path) -> None:
    body = text(501, 450)
    with Tracker(tmp_path / "c.db") as t:
        # ingest newest first so that ids say nothing about direction
        t.ingest(
            [
                article(
                    REPOST,
                    body + " The post Desert solar farm appeared first on Israel21C."
                    " The post Desert solar farm appeared first on Zenger News.",
                    site="DNyuz",
                    hours=9,
                    credits=(
                        credit("Zenger News", hop=1, role="intermediary"),
                        credit("Israel21C", hop=2, role="origin"),
                    ),
                ),
                article(
                    ZENGER,
                    body + " The post Desert solar farm appeared first on Israel21C.",
                    site="Zenger News",
                    hours=5,
                    credits=(credit("Israel21C"),),
                ),
                article(ISRAEL21C, body, site="ISRAEL21c", hours=0),
            ]
        )
        t.match()
        tr = t.trace(REPOST)
    assert [h.url for h in tr.chain] == [REPOST, ZENGER, ISRAEL21C]
    assert [h.role for h in tr.chain] == ["copy", "intermediary", "origin"]
    assert tr.chain[0].evidence == ()
    assert any(e.kind == "credit" and "Zenger News" in e.detail for e in tr.chain[1].evidence)
    assert any(e.kind == "credit" and "Israel21C" in e.detail for e in tr.chain[2].evidence)
    assert tr.origin.site == "ISRAEL21c" and tr.origin.verified
    assert tr.cycles == ()
    assert tr.to_dict()["chain"][2]["role"] == "origin"


def test_plain_text_credit_reaches_site_by_domain(tmp_path: Path) -> None:
    body = text(502, 400)
    original = "https://www.aljazeera.example/news/2024/5/1/storm-floods-coastal-towns"
    with Tracker(tmp_path / "c.db") as t:
        t.ingest(
            [
                article(original, body, site=None, hours=0),  # no site name: domain only
                article("https://scraper.example/storm", body, hours=1),
                article(
                    "https://dnyuz.example/storm",
                    body + " The post Storm floods coastal towns appeared first on Al Jazeera.",
                    site="DNyuz",
                    hours=2,
                    credits=(credit("Al Jazeera"),),
                ),
            ]
        )
        t.match()
        tr = t.trace("https://dnyuz.example/storm")
    assert [h.url for h in tr.chain] == ["https://dnyuz.example/storm", original]
    assert tr.origin.site == "aljazeera.example"
    assert any(e.kind == "credit" and "Al Jazeera" in e.detail for e in tr.origin.evidence)


def test_cycle_is_reported_not_followed(tmp_path: Path) -> None:
    body = text(503)
    with Tracker(tmp_path / "c.db") as t:
        t.ingest(
            [
                article("https://ay.example/s", body, site="Ay Herald", hours=None,
                        credits=(credit("Bee Times"),)),
                article("https://bee.example/s", body, site="Bee Times", hours=None,
                        credits=(credit("Sea Post"),)),
                article("https://sea.example/s", body, site="Sea Post", hours=None,
                        credits=(credit("Ay Herald"),)),
            ]
        )  # fmt: skip
        t.match()
        tr = trace(t.store, "https://ay.example/s")
    assert [h.url for h in tr.chain] == [
        "https://ay.example/s",
        "https://bee.example/s",
        "https://sea.example/s",
    ]
    assert tr.cycles == (
        ("https://ay.example/s", "https://bee.example/s", "https://sea.example/s",
         "https://ay.example/s"),
    )  # fmt: skip
    assert any(f.kind == "cycle" for f in tr.findings)


def test_credit_only_final_hop(tmp_path: Path) -> None:
    with Tracker(tmp_path / "c.db") as t:
        t.ingest(
            [
                article(
                    "https://local.example/s",
                    text(504),
                    site="Local",
                    credits=(credit("Planet Wire", "https://planetwire.example/story-1"),),
                )
            ]
        )
        t.match()
        tr = t.trace("https://local.example/s")
    assert len(tr.chain) == 2
    last = tr.origin
    assert last.role == "origin" and not last.verified
    assert last.url == "https://planetwire.example/story-1" and last.site == "Planet Wire"
    assert [e.kind for e in last.evidence] == ["credit-only"]
    assert tr.chain[0].role == "copy"


def test_single_document_is_its_own_origin(tmp_path: Path) -> None:
    with Tracker(tmp_path / "c.db") as t:
        (doc_id,) = t.ingest([article("https://solo.example/s", text(505))]).doc_ids
        t.match()
        tr = t.trace(doc_id)
        assert [h.role for h in tr.chain] == ["origin"]
        assert t.trace(str(doc_id)).url == "https://solo.example/s"
        with pytest.raises(StoreError, match="ingest it first"):
            t.trace("https://missing.example/x")


def test_trace_fetches_and_verifies_credited_original(tmp_path: Path) -> None:
    body = text(506)
    wire_url = "https://planetwire.example/story-2"
    fetched: list[str] = []

    def fetch(url: str) -> Article | None:
        fetched.append(url)
        if url == wire_url:
            return article(wire_url, body, site="Planet Wire", hours=-2)
        if url == "https://late.example/new":
            return article(url, excerpt(body, 0.7), site="Late", hours=4,
                           credits=(credit("Planet Wire", wire_url),))  # fmt: skip
        return None

    with Tracker(tmp_path / "c.db") as t:
        t.ingest(
            [
                article("https://local.example/s2", body, site="Local",
                        credits=(credit("Planet Wire", wire_url),)),
                article("https://other.example/s3", text(507), site="Other",
                        credits=(credit("Ghost Wire", "https://ghost.example/g"),)),
            ]
        )  # fmt: skip
        t.match()
        tr = t.trace("https://local.example/s2", fetch=fetch)
        assert fetched == [wire_url]
        assert [h.url for h in tr.chain] == ["https://local.example/s2", wire_url]
        assert tr.origin.verified
        assert any(e.kind == "credit" for e in tr.origin.evidence)
        # a page not yet in the store is fetched first, then traced
        tr2 = t.trace("https://late.example/new", fetch=fetch)
        assert tr2.origin.url == wire_url and tr2.origin.verified
        # a credited page that cannot be fetched stays credit-only
        tr3 = t.trace("https://other.example/s3", fetch=fetch)
        assert [e.kind for e in tr3.origin.evidence] == ["credit-only"]


def test_fetched_original_that_does_not_match(tmp_path: Path) -> None:
    url = "https://planetwire.example/story-3"

    def fetch(u: str) -> Article | None:
        return article(u, text(599), site="Planet Wire", hours=-1)

    with Tracker(tmp_path / "c.db") as t:
        t.ingest([article("https://local.example/s4", text(508), site="Local",
                          credits=(credit("Planet Wire", url),))])  # fmt: skip
        t.match()
        tr = t.trace("https://local.example/s4", fetch=fetch)
    kinds = [e.kind for e in tr.origin.evidence]
    assert kinds == ["credit-only", "fetched-no-match"]
    assert "none matches the text" in tr.origin.evidence[0].detail


def test_wire_siblings_end_at_the_wire_credit(tmp_path: Path) -> None:
    body = text(509)
    wire = credit("Associated Press", kind="wire-credit")
    with Tracker(tmp_path / "c.db") as t:
        t.ingest(
            [
                article("https://one.example/w", body, site="One", hours=1, credits=(wire,)),
                article("https://two.example/w", body, site="Two", hours=2, credits=(wire,)),
            ]
        )
        t.match()
        tr = t.trace("https://two.example/w")
    # the sibling is not taken for the source: the shared wire credit is the better story
    assert [h.url for h in tr.chain] == ["https://two.example/w", "site:Associated Press"]
    assert [e.kind for e in tr.origin.evidence] == ["credit-only"]
