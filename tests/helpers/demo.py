"""The demo corpus as a store, for tests that need a realistic one."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from provenance import read_articles
from provenance.model import Article
from provenance.tracker import Tracker
from tests.helpers import ROOT

#: The demo corpus: a WARC of 28 pages from fictional news sites.
DEMO_WARC = ROOT / "corpora" / "demo" / "demo.warc.gz"

#: A copy in the demo whose chain runs through an intermediary to its origin.
MIRROR = "https://newsmirror.example/news/gullrock-ferry-to-add-night-sailings-this-summer-2/"
RELAY = "https://dailyrelay.example/2026/03/02/gullrock-ferry-to-add-night-sailings-this-summer/"
ORIGIN = "https://harbourtimes.example/2026/03/02/gullrock-ferry-to-add-night-sailings-this-summer/"


def build_demo_store(path: Path, extra: Iterable[Article] = ()) -> Path:
    """Ingest and match the demo corpus (and ``extra`` articles) into a new store."""
    with Tracker(path) as tracker:
        tracker.ingest(read_articles([str(DEMO_WARC)]))
        extra = list(extra)
        if extra:
            tracker.ingest(extra)
        tracker.match()
    return path


__all__ = ["DEMO_WARC", "MIRROR", "ORIGIN", "RELAY", "build_demo_store"]
