"""Shared passages, quotations, headlines and the passage index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from provenance.fingerprint.keys import passage_key_array
from provenance.fingerprint.minhash import FingerprintParams, shingle_hash_array
from provenance.fingerprint.passages import carries_headline, headline_of, overlap, units
from provenance.link.candidates import LSHIndex
from provenance.link.match import MatchConfig
from provenance.store import SQLiteStore
from provenance.tracker import Tracker
from tests.matchkit import article, text

LEDE = (
    "The old lighthouse at Carrow Point went dark on Sunday night for the first time in "
    "ninety years after a storm tore through the cliffs above the harbour"
)
STATEMENT = (
    "We will rebuild the lamp before the winter fishing season and every keeper who "
    "served here will be invited to light it again"
)


def test_quotation_marks_of_every_style_flag_their_words() -> None:
    for opening, closing in (('"', '"'), ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("«", "»")):
        u = units(f"The mayor said {opening}we will rebuild it{closing} on Monday.")
        flagged = [w for w, q in zip(u.units, u.quoted, strict=True) if q]
        assert flagged == ["we", "will", "rebuild", "it"], opening


def test_an_unclosed_quotation_ends_with_its_paragraph() -> None:
    u = units('She said: "the ferry will run\nThe council met on Tuesday.')
    assert u.quoted[u.units.index("ferry")]
    assert not u.quoted[u.units.index("council")]


def test_unspaced_scripts_count_characters() -> None:
    u = units("港口的灯塔昨晚熄灭了。「我们会重建」市长说。")
    assert u.k == FingerprintParams().char_shingle_size
    assert "".join(c for c, q in zip(u.units, u.quoted, strict=True) if q) == "我们会重建"


def test_shared_quotation_is_not_narrative() -> None:
    a = f'{text(1, 120)} The harbour master said: "{STATEMENT}." {text(2, 80)}'
    b = f"{text(3, 90)} \u201c{STATEMENT},\u201d the harbour master told us. {text(4, 100)}"
    found = overlap(a, b)
    assert found.longest >= 20
    assert found.narrative == 0
    assert found.quoted >= 20


def test_a_quote_whose_marks_the_copy_dropped_still_counts_as_quoted() -> None:
    a = f'{text(5, 100)} "{STATEMENT}" {text(6, 100)}'
    b = f"{text(7, 100)} {STATEMENT} {text(8, 100)}"
    assert overlap(a, b).narrative == 0 and overlap(b, a).narrative == 0


def test_a_small_edit_inside_a_shared_passage_keeps_it_one_passage() -> None:
    edited = LEDE.replace("on Sunday night", "on Sunday night (March 3)")
    found = overlap(f"{text(9, 60)} {LEDE}. {text(10, 60)}", f"{edited}. {text(11, 90)}")
    assert len(found.passages) == 1
    assert found.narrative == len(LEDE.split())


def test_short_common_phrases_are_not_passages() -> None:
    a = f"{text(12, 100)} according to the latest figures {text(13, 100)}"
    b = f"{text(14, 100)} according to the latest figures {text(15, 100)}"
    assert overlap(a, b).passages == ()


def test_headline_from_title_or_slug() -> None:
    assert headline_of("Lighthouse goes dark after ninety years", None) == (
        "lighthouse",
        "goes",
        "dark",
        "after",
        "ninety",
        "years",
    )
    slug = "https://news.example/2024/03/lighthouse-goes-dark-ninety-years-240304113.html"
    assert headline_of(None, slug) == ("lighthouse", "goes", "dark", "ninety", "years")
    assert headline_of(None, "https://news.example/index-1335.html") is None
    assert headline_of("Home", "https://news.example/?p=1") is None


def test_a_listing_line_carries_a_slug_headline() -> None:
    headline = headline_of(None, "https://news.example/lighthouse-goes-dark-ninety-years-1802.html")
    listing = "Harbour news\n\n12 posts\n\nLighthouse goes dark after ninety years\n\nThe old..."
    assert carries_headline(listing, None, headline)
    other = "Lighthouse keepers gather to remember ninety years"
    assert not carries_headline(other, None, headline)
    long_line = "Lighthouse " + text(16, 40) + " goes dark ninety years"
    assert not carries_headline(long_line, None, headline)


def test_winnowing_finds_every_passage_of_window_plus_shingle_words() -> None:
    p = FingerprintParams()
    need = p.passage_window + p.shingle_size - 1
    for seed in range(40):
        shared = text(100 + seed, need)
        a = f"{text(200 + seed, 150)} {shared} {text(300 + seed, 150)}"
        b = f"{text(400 + seed, 90)} {shared} {text(500 + seed, 200)}"
        ka = passage_key_array(shingle_hash_array(a, p), p.passage_window)
        kb = passage_key_array(shingle_hash_array(b, p), p.passage_window)
        assert np.intersect1d(ka, kb).size >= 1, seed
    # about 2 / (w + 1) of the shingles are selected
    hashes = shingle_hash_array(text(1, 5000), p)
    density = passage_key_array(hashes, p.passage_window).size / hashes.size
    w = p.passage_window
    assert 1.5 / (w + 1) < density < 2.5 / (w + 1)


def test_passage_window_zero_turns_the_index_off() -> None:
    assert passage_key_array(shingle_hash_array(text(1), FingerprintParams()), 0).size == 0
    with pytest.raises(Exception, match="passage_window"):
        FingerprintParams(passage_window=-1)


def test_a_store_written_before_the_passage_index_reads_as_off(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    SQLiteStore(db, FingerprintParams(passage_window=0)).close()
    # what an older version wrote: params without the field
    con = sqlite3.connect(db)
    stored = json.loads(con.execute("SELECT value FROM meta WHERE key='params'").fetchone()[0])
    del stored["passage_window"]
    con.execute("UPDATE meta SET value = ? WHERE key = 'params'", (json.dumps(stored),))
    con.commit()
    con.close()
    store = SQLiteStore(db)
    assert store.params.passage_window == 0
    store.close()


def test_boilerplate_keys_are_ignored_and_same_url_excluded(tmp_path: Path) -> None:
    boiler = text(900, 40)
    with Tracker(tmp_path / "b.db") as t:
        t.ingest(
            [article(f"https://s{i}.example/x", f"{text(600 + i, 200)} {boiler}") for i in range(6)]
        )
        t.ingest([article("https://s0.example/x", f"{text(700, 200)} {boiler}")])
        store = t.store
        newest = max(store.iter_document_ids())
        keys = LSHIndex(store, store.params).passage_keys(f"{text(700, 200)} {boiler}")
        every = store.passage_candidates(newest, keys, max_postings=50)
        assert set(every) == {2, 3, 4, 5, 6}  # not 1, its own URL's older revision
        # the boilerplate's keys are held by all seven: only keys that winnowing chose
        # differently at its edges remain
        capped = store.passage_candidates(newest, keys, max_postings=5)
        assert sum(capped.values()) * 3 < sum(every.values())


def _pairs(t: Tracker) -> set[frozenset[str]]:
    return {frozenset((e.copy_url, e.source_url)) for e in t.report().edges}


def test_two_trims_of_one_wire_lede_link_but_reports_sharing_a_statement_do_not(
    tmp_path: Path,
) -> None:
    second = (
        "Crews worked through the night to shore up the cliff path and the coastguard "
        "closed the beach below until further notice"
    )
    wire_a = f"{LEDE}. {second}. {text(20, 40)}"
    wire_b = f"Carrow Point: {LEDE.replace('on Sunday night', 'late on Sunday')}. {second}."
    # a 64-word statement: longer than min_passage_words, but all of it quoted
    statement = f"{STATEMENT} {text(27, 40)}"
    report_a = f'{text(21, 60)} "{statement}," the mayor said. {text(22, 60)}'
    report_b = f"{text(23, 70)} \u201c{statement}\u201d, she told reporters. {text(24, 50)}"
    with Tracker(tmp_path / "w.db") as t:
        t.ingest(
            [
                article("https://coast.example/a", wire_a + " " + text(25, 30), hours=0),
                article("https://bay.example/b", wire_b + " " + text(26, 30), hours=1),
                article("https://one.example/r", report_a, hours=0),
                article("https://two.example/r", report_b, hours=1),
            ]
        )
        t.match()
        pairs = _pairs(t)
    assert frozenset(("https://coast.example/a", "https://bay.example/b")) in pairs
    assert frozenset(("https://one.example/r", "https://two.example/r")) not in pairs


def test_a_listing_page_excerpt_links_to_its_original_through_the_headline(
    tmp_path: Path,
) -> None:
    original = f"{LEDE}. {text(30, 300)}"
    listing = (
        "Harbour Desk\n\n40 posts\n\nLighthouse goes dark after ninety years\n\n"
        f"{LEDE} [...]\n\nFerry timetable changes for spring\n\n{text(31, 90)}"
    )
    with Tracker(tmp_path / "l.db") as t:
        t.ingest(
            [
                article(
                    "https://harbour.example/news/lighthouse-goes-dark-ninety-years-2403.html",
                    original,
                    title="Lighthouse goes dark after ninety years",
                    hours=0,
                ),
                article(
                    "https://desk.example/category/harbour/", listing, title="Harbour", hours=5
                ),
            ]
        )
        t.match()
        edges = t.report().edges
        stored = list(t.store.iter_edges())
    assert [(e.copy_url, e.source_url) for e in edges] == [
        (
            "https://desk.example/category/harbour/",
            "https://harbour.example/news/lighthouse-goes-dark-ninety-years-2403.html",
        )
    ]
    assert {"passage", "headline"} <= {ev.kind for ev in stored[0].evidence}


def test_a_short_quote_inside_a_long_text_is_not_linked_on_noisy_containment(
    tmp_path: Path,
) -> None:
    statement = f'"{STATEMENT}. {text(40, 20)}."'
    brief = f"{statement} said the mayor of the harbour town on Monday, as {text(41, 8)}"
    long_report = f"{text(42, 250)} The mayor said: {statement} {text(43, 250)}"
    with Tracker(tmp_path / "q.db") as t:
        t.ingest(
            [
                article("https://long.example/r", long_report, hours=0),
                article("https://brief.example/b", brief, hours=1),
            ]
        )
        t.match()
        assert _pairs(t) == set()


def test_a_short_excerpt_links_with_passage_checks_on_or_off(tmp_path: Path) -> None:
    long_report = f"{text(50, 250)} {LEDE}. {text(51, 40)} {text(52, 250)}"
    brief = f"{LEDE}. {text(51, 40)}"
    for name, config in (("on", MatchConfig()), ("off", MatchConfig(min_passage_words=0))):
        with Tracker(tmp_path / f"{name}.db", config=config) as t:
            t.ingest(
                [
                    article("https://long.example/r", long_report, hours=0),
                    article("https://brief.example/b", brief, hours=1),
                ]
            )
            t.match()
            assert _pairs(t) == {frozenset(("https://long.example/r", "https://brief.example/b"))}
