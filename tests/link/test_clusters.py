"""Hot stories: one story carried by many sites stays a tree, and its cluster view."""

from __future__ import annotations

import csv
import io
import json
import statistics
from pathlib import Path

from provenance.link.candidates import CandidateCache, LSHIndex, candidate_links, shortlist
from provenance.link.clusters import story_clusters
from provenance.link.match import MatchConfig
from provenance.model import Article
from provenance.report import write_clusters_csv, write_jsonl, write_table
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, excerpt, text

K = 60
ORIGIN = "https://origin-times.example/2024/05/01/harbour-story"
STORY = text(9100, 400)


def carrier(i: int) -> str:
    return f"https://carrier{i:02d}.example/news/harbour-story"


def _credits(i: int) -> bool:
    return i % 3 == 0


def _hours(i: int) -> float:
    return 0.5 + 0.25 * i


def _carriers() -> list[Article]:
    out = []
    for i in range(K):
        body = excerpt(STORY, 0.7) if i % 4 == 1 else STORY
        out.append(
            article(
                carrier(i),
                body,
                site=f"Carrier {i:02d}",
                hours=_hours(i),
                credits=(credit("Origin Times", ORIGIN),) if _credits(i) else (),
            )
        )
    return out


def _hot_store(path: Path) -> Path:
    """The origin and K carriers on K sites: five carriers are stored (and matched)
    before the origin arrives, the rest after it."""
    carriers = _carriers()
    origin = article(ORIGIN, STORY, site="Origin Times", hours=0)
    with Tracker(path) as t:
        t.ingest(carriers[:5])
        t.match()
        t.ingest([origin])
        t.ingest(carriers[5:])
        t.match()
    return path


def test_hot_story_is_a_tree_that_every_carrier_traces_to_the_origin(tmp_path: Path) -> None:
    db = _hot_store(tmp_path / "hot.db")
    with Tracker(db, read_only=True) as t:
        edges = list(t.store.iter_edges())
        # linear, not K(K+1)/2 = 1830
        assert len(edges) <= 3 * K
        per_copy: dict[int, int] = {}
        for e in edges:
            per_copy[e.copy_id] = per_copy.get(e.copy_id, 0) + 1
        origin = t.store.latest_revision(ORIGIN)
        assert origin is not None
        for i in range(K):
            tr = t.trace(carrier(i))
            assert tr.origin.url == ORIGIN, (i, [h.url for h in tr.chain])
            assert tr.origin.verified
            if _credits(i):  # a credited page is the next hop, whatever else matched
                assert tr.chain[1].url == ORIGIN
        # the edges say which source was chosen, and the chain shows it
        chosen = [x for e in edges for x in e.evidence if x.kind == "chosen"]
        assert chosen and all("similar texts" in x.detail for x in chosen)
        # copies of one story are one story: no competing originals among them
        assert not [f for f in t.store.findings() if f.kind == "two-candidate-originals"]


def test_cluster_view_of_the_hot_story(tmp_path: Path) -> None:
    db = _hot_store(tmp_path / "hot.db")
    with Tracker(db, read_only=True) as t:
        (cluster,) = story_clusters(t.store)
        report = t.report()
    origin_id = cluster.origin_id
    assert cluster.origin_url == ORIGIN and cluster.origin_verified
    assert cluster.title == f"Story at {ORIGIN}"
    assert cluster.size == K + 1 and origin_id in cluster.member_ids
    assert len(cluster.sites) == K + 1 and "Origin Times" in cluster.sites
    assert cluster.credited_share == round(sum(map(_credits, range(K))) / K, 4) == 0.3333
    lags = [_hours(i) * 3600 for i in range(K)]
    assert cluster.median_lag_seconds == statistics.median(lags)
    assert cluster.max_lag_seconds == max(lags) == _hours(K - 1) * 3600

    (row,) = report.clusters
    assert (row.origin_url, row.documents, row.sites) == (ORIGIN, K + 1, K + 1)
    assert row.credited_share == cluster.credited_share
    assert (row.median_lag_seconds, row.max_lag_seconds) == (
        cluster.median_lag_seconds,
        cluster.max_lag_seconds,
    )
    data = json.loads(report.to_json())
    assert data["clusters"][0]["origin_url"] == ORIGIN and data["clusters"][0]["sites"] == K + 1
    table = io.StringIO()
    write_table(report, table)
    story_lines = table.getvalue().split("\nSTORY")[1].splitlines()
    assert "CREDITED" in story_lines[0] and "MAX LAG" in story_lines[0]
    assert story_lines[1].split()[-4:] == ["61", "33%", "7.9h", "15.2h"]
    buf = io.StringIO()
    write_clusters_csv(report, buf)
    (csv_row,) = csv.DictReader(io.StringIO(buf.getvalue()))
    assert (csv_row["origin_url"], csv_row["sites"], csv_row["credited_share"]) == (
        ORIGIN,
        str(K + 1),
        "0.3333",
    )
    lines = io.StringIO()
    write_jsonl(report, lines)
    kinds = [json.loads(x)["type"] for x in lines.getvalue().splitlines()]
    assert kinds.count("cluster") == 1 and kinds[0] == "edge"


def test_wire_story_cluster_ends_at_the_wire_credit(tmp_path: Path) -> None:
    """Carriers of a wire story whose agency is not stored: sibling edges, bounded too,
    and the cluster's origin is the credited agency, as each chain's is."""
    body = text(9200, 300)
    wire = credit("Associated Press", kind="wire-credit")
    arts = [
        article(f"https://paper{i}.example/w", body, site=f"Paper {i}", hours=i, credits=(wire,))
        for i in range(8)
    ]
    with Tracker(tmp_path / "w.db") as t:
        t.ingest(arts)
        t.match()
        edges = list(t.store.iter_edges())
        assert {e.relation for e in edges} == {"sibling"} and len(edges) <= 3 * len(arts)
        (cluster,) = story_clusters(t.store)
        assert t.trace("https://paper5.example/w").origin.url == "site:Associated Press"
    assert cluster.origin_url == "site:Associated Press" and not cluster.origin_verified
    assert cluster.origin_site == "Associated Press"
    assert cluster.size == 8 and cluster.credited_share == 1.0
    assert cluster.max_lag_seconds == 7 * 3600


def test_clusters_of_separate_stories(tmp_path: Path) -> None:
    a, b = text(9301, 300), text(9302, 300)
    with Tracker(tmp_path / "s.db") as t:
        t.ingest(
            [
                article("https://a.example/1", a, site="A", hours=0),
                article("https://b.example/1", b, site="B", hours=0),
                article("https://c.example/a", a, site="C", hours=2, credits=(credit("A"),)),
                article("https://d.example/a", a, site="D", hours=3),
                article("https://c.example/b", b, site="C", hours=1),
                article("https://lonely.example/z", text(9303), site="Lonely", hours=1),
            ]
        )
        t.match()
        clusters = story_clusters(t.store)
    assert [(c.origin_url, c.size) for c in clusters] == [
        ("https://a.example/1", 3),
        ("https://b.example/1", 2),
    ]
    first, second = clusters
    assert first.sites == ("A", "C", "D") and first.credited_share == 0.5
    assert (first.median_lag_seconds, first.max_lag_seconds) == (2.5 * 3600, 3 * 3600)
    assert second.credited_share == 0.0 and second.median_lag_seconds == 3600


def test_the_bound_can_be_turned_off(tmp_path: Path) -> None:
    """``MatchConfig(max_edges=0)`` keeps every verified pair, as matching did before."""
    arts = [
        article(f"https://site{i}.example/s", STORY, site=f"Site {i}", hours=i) for i in range(7)
    ]
    counts = []
    for name, config in (("bounded", MatchConfig()), ("all", MatchConfig(max_edges=0))):
        with Tracker(tmp_path / f"{name}.db", config=config) as t:
            t.ingest(arts)
            t.match()
            counts.append(t.store.counts()["edges"])
            assert t.trace("https://site6.example/s").origin.url == "https://site0.example/s"
    assert counts == [3 + 3 + 3 + 3 + 2 + 1, 7 * 6 // 2]


def test_shortlist_of_a_hot_story(tmp_path: Path) -> None:
    """Above ``hot_candidates`` only a few candidates are verified: the credited page,
    the earliest originals, the best contained, and one per further story."""
    db = _hot_store(tmp_path / "hot.db")
    other = text(9500, 400)
    with Tracker(db) as t:
        t.ingest([article("https://elsewhere.example/o", other, site="Elsewhere", hours=0)])
        t.match()
        late = article(
            "https://late.example/s",
            STORY + " " + other,
            site="Late",
            hours=30,
            credits=(credit("Carrier 07", carrier(7)),),
        )
        t.ingest([late])
        doc = t.store.latest_revision("https://late.example/s")
        assert doc is not None
        fp = t.store.get_signatures([doc.id])[doc.id]
        index = LSHIndex(t.store, t.params)
        cands = index.candidates(doc.id, fp, STORY + " " + other)
        assert len(cands) > MatchConfig().hot_candidates
        links = candidate_links(t.store, [c.doc_id for c in cands])
        assert len(set(links.group.values())) == 2  # the hot story and the other one
        short, rest = shortlist(doc, fp, cands, CandidateCache(t.store), links)
        assert len(short) <= 24 and len(short) + len(rest) == len(cands)
        urls = {d.url for d in t.store.get_documents([c.doc_id for c in short]).values()}
        assert {carrier(7), ORIGIN, "https://elsewhere.example/o"} <= urls
        t.match()
        tr = t.trace("https://late.example/s")
        assert [h.url for h in tr.chain][:2] == ["https://late.example/s", carrier(7)]
        assert tr.origin.url == ORIGIN
        kinds = {f.kind for f in t.store.findings([doc.id])}
        assert "two-candidate-originals" not in kinds  # it credits its source
