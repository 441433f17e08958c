"""Shared passages: quotations, headlines and the winnowed passage keys.

Matching on passages is tested in tests/link/test_passage_matching.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from provenance.fingerprint.keys import passage_key_array, window_minima
from provenance.fingerprint.minhash import FingerprintParams, shingle_hash_array
from provenance.fingerprint.passages import (
    Units,
    _ascii_units,
    _marked_units,
    carries_headline,
    headline_of,
    overlap,
    units,
)
from tests.helpers.matchkit import LEDE, STATEMENT, text


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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1) | st.integers(0, 40), max_size=80),
    st.integers(1, 24),
)
def test_window_minima_are_the_minimum_of_every_window(values: list[int], window: int) -> None:
    h = np.array(values, dtype=np.uint64)
    window = min(window, len(h)) or 1
    if len(h) == 0:
        return
    expected = [min(values[i : i + window]) for i in range(len(values) - window + 1)]
    assert window_minima(h, window).tolist() == expected
    keys = passage_key_array(h, window).tolist()
    assert keys == sorted({v >> 16 for v in expected})


def _reference_passages(a: Units, b: Units, run: int) -> list[tuple[int, int, int]]:
    """``(start, end, quoted)`` of the spans of ``a`` covered by its k-unit windows found
    in ``b``, by comparing tuples of units: a unit is quoted when it is quoted in ``a``,
    or in ``b`` where a window holding it is first found there."""
    k = a.k

    def grams(u: Units) -> list[tuple[str, ...]]:
        n = len(u.units)
        return [u.units] if 0 < n <= k else [u.units[i : i + k] for i in range(n - k + 1)]

    first: dict[tuple[str, ...], int] = {}
    for j, gram in enumerate(grams(b)):
        first.setdefault(gram, j)
    spans: list[tuple[int, int]] = []
    for i, gram in enumerate(grams(a)):
        if gram in first:
            if spans and i <= spans[-1][1]:
                spans[-1] = (spans[-1][0], i + len(gram))
            else:
                spans.append((i, i + len(gram)))
    out = []
    for start, end in spans:
        if end - start < run:
            continue
        quoted = {i for i in range(start, end) if a.quoted[i]}
        for i in range(start, max(start + 1, end - k + 1)):
            j = first.get(a.units[i : i + k])
            for d in range(min(k, end - i)):
                if j is not None and j + d < len(b.quoted) and b.quoted[j + d]:
                    quoted.add(i + d)
        out.append((start, end, len(quoted)))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", '"', "“", "”", "\n", "日本"]), max_size=60),
    st.lists(st.sampled_from(["a", "b", "c", '"', "“", "”", "\n", "日本"]), max_size=60),
    st.integers(1, 4),
)
def test_passages_are_the_spans_whose_shingles_the_other_text_has(
    left: list[str], right: list[str], run: int
) -> None:
    # overlap compares shingles by their hashes in numpy; a plain comparison of unit
    # tuples must find the same spans and quoted units, in words or in characters
    ua, ub = units(" ".join(left)), units(" ".join(right))
    if ua.name != ub.name:  # words against characters: nothing to compare
        assert overlap(ua, ub).passages == ()
        return
    if len(ub.units) < len(ua.units):
        ua, ub = ub, ua
    found = overlap(ua, ub, min_run=run, max_gap=0)
    assert [(p.start, p.end, p.quoted) for p in found.passages] == _reference_passages(ua, ub, run)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Word", "don't", "`x", '"', "\n", " ", ".", ",", "-", "\t", "\x7f", "A1"]),
        max_size=50,
    )
)
def test_ascii_texts_take_a_one_pass_way_to_the_same_units(parts: list[str]) -> None:
    text = "".join(parts)
    assert _ascii_units(text) == _marked_units(text)
