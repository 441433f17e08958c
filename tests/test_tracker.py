from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.link.match import MatchConfig
from provenance.model import Article
from provenance.tracker import Tracker
from tests.helpers.matchkit import article, credit, text


def test_facade_round_trip(tmp_path: Path) -> None:
    body = text(801)
    arts = [
        article("https://first.example/x", body, site="First", hours=0),
        article("https://second.example/x", body, site="Second", hours=1,
                credits=(credit("First"),)),
        Article.failed("broken.html", None, "not HTML"),
        article("https://tiny.example/x", "Too short to match."),
    ]  # fmt: skip
    with Tracker(tmp_path / "t.db", config=MatchConfig(batch_size=2)) as t:
        ing = t.ingest(iter(arts))
        assert (ing.added, ing.failed, ing.too_short) == (3, 1, 1)
        m = t.match()
        assert m.edges == 1
        tr = t.trace("https://second.example/x")
        assert tr.origin.url == "https://first.example/x"
        rep = t.report()
        for result in (ing, m, tr, rep):
            json.dumps(result.to_dict())
        assert ing.to_dict()["errors"] == ["broken.html: not HTML"]
    # reopening sees the same data, nothing left to match
    with Tracker(tmp_path / "t.db") as t:
        assert t.match().documents == 0
        assert t.store.counts()["documents"] == 4


def test_small_batches_give_same_edges(tmp_path: Path) -> None:
    bodies = [text(900 + i) for i in range(4)]
    arts = [article(f"https://s{j}.example/{i}", b, hours=j) for i, b in enumerate(bodies)
            for j in range(3)]  # fmt: skip
    edges = []
    for n, bs in enumerate((1, 3, 200)):
        with Tracker(tmp_path / f"{n}.db", config=MatchConfig(batch_size=bs), batch_size=bs) as t:
            t.ingest(arts)
            t.match()
            edges.append([(e.copy_id, e.source_id, e.jaccard) for e in t.store.iter_edges()])
    assert edges[0] == edges[1] == edges[2]
    assert len(edges[0]) == 4 * 3


def test_tracker_takes_any_store(tmp_path: Path) -> None:
    """A store object passed in is used as it is (the PostgreSQL store plugs in here)."""
    from provenance.errors import ParameterMismatch
    from provenance.fingerprint.minhash import FingerprintParams
    from provenance.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "s.db")
    with Tracker(store) as t:
        assert t.store is store
        t.ingest([article("https://a.example/x", text(500))])
        assert t.knows("https://a.example/x")
    with pytest.raises(ParameterMismatch):
        Tracker(SQLiteStore(tmp_path / "s.db"), FingerprintParams(seed=3))


@pytest.mark.parametrize("jobs", [1, 2])
def test_page_limit_reaches_extraction(tmp_path: Path, jobs: int) -> None:
    """ReadOptions.max_bytes is threaded through the pipeline to extraction, on every path."""
    from provenance.model import Page
    from provenance.read.items import ReadOptions

    html = b"<html><body><article><p>" + b"word " * 400 + b"</p></article></body></html>"
    page = Page(content=html, url="https://big.example/a", source="big.html")
    with Tracker(tmp_path / "t.db", read_options=ReadOptions(max_bytes=1024)) as t:
        result = t.ingest([page], jobs=jobs)
    assert result.failed_inputs == 1
    assert "over the 1 KiB page limit" in result.errors[0]


def test_missing_document_is_document_not_found(tmp_path: Path) -> None:
    from provenance.errors import DocumentNotFound, StoreError

    with Tracker(tmp_path / "t.db") as t, pytest.raises(DocumentNotFound) as info:
        t.trace("https://missing.example/story")
    assert isinstance(info.value, StoreError)
    assert "https://missing.example/story" in str(info.value)


def test_a_batch_is_written_once_its_first_document_has_waited(tmp_path: Path) -> None:
    """Batches end at batch_size documents or batch_seconds, whichever comes first: a
    slow source's pages are stored while it is still being read."""
    from provenance.fingerprint.prepare import NewDocument, prepare
    from provenance.pipeline import store_prepared

    with Tracker(tmp_path / "t.db") as t:
        seen: list[int] = []

        def source(host: str) -> Iterator[NewDocument]:
            for i in range(3):
                seen.append(t.store.counts()["documents"])  # stored before this one comes
                yield prepare(article(f"http://{host}{i}.test/a", text(i, 200)), t.params)

        store_prepared(t.store, source("s"), batch_size=1000, batch_seconds=0.0)
        assert seen == [0, 1, 2]
        seen.clear()
        held = store_prepared(t.store, source("u"), batch_size=1000, batch_seconds=3600.0)
        assert seen == [3, 3, 3] and held.added == 3
        assert t.store.counts()["documents"] == 6
