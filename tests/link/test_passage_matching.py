"""Linking on shared passages and headlines: the passage index in matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.fingerprint.passages import overlap
from provenance.link.candidates import Candidate, LSHIndex
from provenance.link.match import MatchConfig
from provenance.link.verify import passage_links
from provenance.tracker import Tracker
from tests.helpers.matchkit import LEDE, STATEMENT, article, text
from tests.helpers.stored import stored_doc


def test_boilerplate_keys_are_ignored_and_same_url_excluded(tmp_path: Path) -> None:
    boiler = text(900, 40)
    with Tracker(tmp_path / "b.db") as t:
        t.ingest(
            [article(f"https://s{i}.example/x", f"{text(600 + i, 200)} {boiler}") for i in range(6)]
        )
        t.ingest([article("https://s0.example/x", f"{text(700, 200)} {boiler}")])
        store = t.store
        store.flush_index()  # what match() does first: new documents become candidates
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


#: 60 characters of Chinese two reports share (an unspaced script: counted in characters).
_ZH = (
    "北京市政府今天宣布，新的地铁线路将于明年春天开通，预计每天运送乘客十万人次。"
    "沿线将设立二十个车站，连接城市东部和西部的主要商业区。"
)


@pytest.mark.parametrize(
    ("mine", "theirs", "kind", "unit"),
    [
        (f"{text(60, 30)} {LEDE}. {text(61, 40)}", f"{LEDE}. {text(61, 40)}", "passage", "words"),
        (
            f"上海港口今天发布消息，货运量创下新高。{_ZH}记者随后采访了几位市民。",
            f"据报道，{_ZH}专家认为这将缓解交通拥堵。",
            "passage-chars",
            "characters",
        ),
    ],
)
def test_the_passage_kind_says_whether_it_counts_words_or_characters(
    mine: str, theirs: str, kind: str, unit: str
) -> None:
    found = overlap(mine, theirs)
    assert found.unit == unit
    a, b = stored_doc("https://a.test/x", id=1), stored_doc("https://b.test/y", id=2)
    shared = passage_links(a, b, Candidate(2, 0, 3), found, mine, theirs, MatchConfig())
    assert [ev.kind for ev in shared] == [kind, "passage-keys"]
    assert f" {unit} shared verbatim" in shared[0].detail
