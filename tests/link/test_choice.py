"""Which source a document matching many stored texts keeps: the three rules and the bound."""

from __future__ import annotations

from pathlib import Path

from provenance.evidence import Evidence
from provenance.link.candidates import CandidateLinks
from provenance.link.choice import ALTERNATE, CHOSEN, choose_edges
from provenance.model import Article, Relation
from provenance.store.base import EdgeRecord, StoredDocument
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, text
from tests.helpers.stored import stored_doc


def _edge(
    copy: int,
    source: int,
    *,
    relation: Relation = "copy",
    containment: float = 0.9,
    confidence: float = 0.75,
    attributed: bool = False,
    tie: bool = False,
) -> EdgeRecord:
    ev = Evidence("tie", "no signal", 0.0) if tie else Evidence("published", "later", 1.0)
    return EdgeRecord(
        copy_id=copy,
        source_id=source,
        relation=relation,
        jaccard=0.8,
        containment=containment,
        containment_source=0.9,
        attributed=attributed,
        lag_seconds=None,
        direction_evidence=(ev,),
        confidence=confidence,
    )


def _links(copies: set[int]) -> CandidateLinks:
    """Candidates 1-19 as one story (one group), ``copies`` copying another of them."""
    return CandidateLinks(
        group=dict.fromkeys(range(1, 20), 1), copies=frozenset(copies), pairs=frozenset()
    )


def _docs() -> dict[int, StoredDocument]:
    return {
        1: stored_doc("https://origin.example/a", id=1, site="Origin", published=0),
        2: stored_doc("https://second.example/a", id=2, site="Second", published=1),
        3: stored_doc("https://relay.example/a", id=3, site="Relay", published=2),
        4: stored_doc("https://mirror.example/a", id=4, site="Mirror", published=3),
        5: stored_doc("https://early.example/a", id=5, site="Early", published=-5),
        6: stored_doc("https://wire.example/a", id=6, site="Wire", published=-6),
    }


def _chosen(edges: tuple[EdgeRecord, ...]) -> EdgeRecord:
    (e,) = [e for e in edges if any(x.kind == CHOSEN for x in e.evidence)]
    return e


def test_credited_page_wins_over_originals_and_containment() -> None:
    doc = stored_doc("https://late.example/a", id=10, published=9, attributions=(credit("Relay"),))
    edges = [
        _edge(10, 1, containment=0.8),  # the earliest original
        _edge(10, 3, containment=0.6, attributed=True),  # the credited relay
        _edge(10, 4, containment=1.0),  # the best contained
        _edge(10, 2, containment=0.7),
    ]
    kept = choose_edges(doc, edges, _docs(), _links(copies={2, 3, 4}), max_edges=3)
    assert len(kept) == 3
    chosen = _chosen(kept)
    assert chosen.source_id == 3
    assert [x.detail for x in chosen.evidence if x.kind == CHOSEN] == [
        "source chosen among 4 similar texts: the page it credits"
    ]
    assert all(any(x.kind == ALTERNATE for x in e.evidence) for e in kept if e is not chosen)


def test_else_the_earliest_confirmed_original() -> None:
    doc = stored_doc("https://late.example/a", id=10, published=9)
    edges = [
        _edge(10, 2, containment=0.95),  # an original, but later than 1
        _edge(10, 1, containment=0.7),  # the earliest original
        _edge(10, 4, containment=1.0),  # best contained, but a copy itself
        _edge(10, 5, containment=0.9, tie=True),  # earlier, but no direction evidence
        _edge(10, 6, containment=0.9, relation="sibling"),  # earlier, a wire sibling
    ]
    kept = choose_edges(doc, edges, _docs(), _links(copies={3, 4}), max_edges=3)
    chosen = _chosen(kept)
    assert chosen.source_id == 1
    assert "the earliest original among them" in chosen.evidence[-1].detail
    assert len(kept) == 3


def test_else_the_best_contained() -> None:
    doc = stored_doc("https://late.example/a", id=10, published=9)
    edges = [
        _edge(10, 1, containment=0.7, tie=True),
        _edge(10, 2, containment=0.8, relation="sibling"),
        _edge(10, 4, containment=0.97, confidence=0.6),
        _edge(10, 3, containment=0.97, confidence=0.7),  # as contained, more confident
    ]
    kept = choose_edges(doc, edges, _docs(), _links(copies={3, 4}), max_edges=3)
    assert _chosen(kept).source_id == 3
    assert "the text it lies most inside" in _chosen(kept).evidence[-1].detail


def test_few_matches_are_kept_as_they_are() -> None:
    doc = stored_doc("https://late.example/a", id=10, published=9)
    edges = [_edge(10, 1), _edge(10, 2), _edge(10, 3)]
    assert choose_edges(doc, edges, _docs(), _links(copies=set()), max_edges=3) == tuple(edges)
    kept = choose_edges(doc, [*edges, _edge(10, 4)], _docs(), _links(copies=set()), max_edges=0)
    assert len(kept) == 4


def test_an_older_document_keeps_the_pages_crediting_it_and_reroots_the_story() -> None:
    """Matched after its copies: every page crediting it keeps its edge (beyond the bound),
    the stored original of the story becomes its copy, the other copies stay as they were."""
    doc = stored_doc("https://first.example/a", id=10, site="First", published=-9)
    edges = [
        _edge(1, 10),  # the stored story's original (copies no other candidate)
        _edge(2, 10),
        _edge(3, 10),
        _edge(4, 10, attributed=True),
        _edge(5, 10, attributed=True),
        _edge(6, 10, attributed=True),
    ]
    kept = choose_edges(doc, edges, _docs(), _links(copies={2, 3, 4, 5, 6}), max_edges=3)
    assert {(e.copy_id, e.source_id) for e in kept} == {(1, 10), (4, 10), (5, 10), (6, 10)}


def test_alternates_of_another_story_come_first() -> None:
    """A page matching two stories keeps an edge into each, so the finding rules still see
    the two competing originals."""
    doc = stored_doc("https://mash.example/a", id=10, published=9)
    links = CandidateLinks(
        group={1: 1, 2: 1, 3: 1, 4: 1, 5: 5},
        copies=frozenset({2, 3, 4}),
        pairs=frozenset({(1, 2), (1, 3), (1, 4)}),
    )
    edges = [_edge(10, i, containment=0.9 - i / 100) for i in (1, 2, 3, 4, 5)]
    kept = choose_edges(doc, edges, _docs(), links, max_edges=3)
    assert {e.source_id for e in kept} == {1, 2, 5}


SENTENCE = " ".join(text(9410, 40).split())


def _story_store(path: Path, *, dated: bool = True, wire: bool = False) -> Path:
    """An origin and five copies of it on five sites; the fifth adds a 40-word
    passage of its own (so a later copy carrying it lies most inside that one)."""
    story = text(9400, 400)
    hours = (lambda h: h) if dated else (lambda h: None)
    credits = (credit("Associated Press", kind="wire-credit"),) if wire else ()
    arts = [article("https://origin.example/s", story, site="Origin", hours=hours(0))]
    for i in range(1, 6):
        body = story + " " + SENTENCE if i == 5 else story
        arts.append(
            article(f"https://c{i}.example/s", body, site=f"C{i}", hours=hours(i), credits=credits)
        )
    if wire:
        arts = arts[1:]
    with Tracker(path) as t:
        t.ingest(arts)
        t.match()
    return path


def _match_late(path: Path, late: Article) -> Tracker:
    t = Tracker(path)
    t.ingest([late])
    t.match()
    return t


def _chosen_of(t: Tracker, url: str) -> tuple[str, str]:
    doc = t.store.latest_revision(url)
    assert doc is not None
    edges = [e for e in t.store.edges_of(doc.id) if e.copy_id == doc.id]
    assert len(edges) <= 3
    e = _chosen(tuple(edges))
    src = t.store.get_documents([e.source_id])[e.source_id]
    return src.url, next(x.detail for x in e.evidence if x.kind == CHOSEN)


def test_matching_credited_page_wins(tmp_path: Path) -> None:
    db = _story_store(tmp_path / "s.db")
    late = article(
        "https://late.example/s",
        text(9400, 400),
        site="Late",
        hours=10,
        credits=(credit("C3", "https://c3.example/s"),),
    )
    with _match_late(db, late) as t:
        url, why = _chosen_of(t, "https://late.example/s")
        assert (url, why.split(": ")[-1]) == ("https://c3.example/s", "the page it credits")
        chain = [h.url for h in t.trace("https://late.example/s").chain]
    assert chain[:2] == ["https://late.example/s", "https://c3.example/s"]
    assert chain[-1] == "https://origin.example/s"


def test_matching_earliest_confirmed_original(tmp_path: Path) -> None:
    db = _story_store(tmp_path / "s.db")
    # carries C5's own passage, so it lies most inside C5, yet the original wins
    late = article(
        "https://late.example/s", text(9400, 400) + " " + SENTENCE, site="Late", hours=10
    )
    with _match_late(db, late) as t:
        url, why = _chosen_of(t, "https://late.example/s")
        assert (url, why.split(": ")[-1]) == (
            "https://origin.example/s",
            "the earliest original among them",
        )
        assert [h.url for h in t.trace("https://late.example/s").chain] == [
            "https://late.example/s",
            "https://origin.example/s",
        ]


def test_matching_best_contained_without_an_original(tmp_path: Path) -> None:
    """Undated copies give no direction (ties): no original is confirmed, so the late
    page keeps the text it lies most inside."""
    db = _story_store(tmp_path / "s.db", dated=False)
    late = article(
        "https://late.example/s", text(9400, 400) + " " + SENTENCE, site="Late", hours=None
    )
    with _match_late(db, late) as t:
        url, why = _chosen_of(t, "https://late.example/s")
        assert url == "https://c5.example/s"
        assert why.endswith(": the text it lies most inside")
        assert t.trace("https://late.example/s").chain[1].url == "https://c5.example/s"
