"""A text's shingle hashes and passage keys paragraph by paragraph, computed in one pass,
are exactly those of a call per paragraph (site boilerplate is judged on them)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from provenance.fingerprint.keys import passage_key_array, passage_keys_by_part
from provenance.fingerprint.minhash import FingerprintParams
from provenance.fingerprint.shingling import shingle_hashes_by_part, shingle_hashes_of

#: Words in several scripts, some written without spaces, and bits of punctuation: a
#: part may be ASCII, spaced non-ASCII, unspaced (character shingles), or no words.
_WORDS = st.sampled_from(
    ["the", "port", "ferry", "Ölhafen", "straße", "港口的灯塔", "市长说", "ท่าเรือ", "порт",
     "—", "...", "it's", "«", "»", "12", "ÉTÉ", "\u00ad", "a", "b", "c"]
)  # fmt: skip
_PART = st.lists(_WORDS, max_size=30).map(" ".join)
_PARAMS = FingerprintParams()


def _per_part(parts: list[str], p: FingerprintParams) -> list[np.ndarray]:
    return [
        shingle_hashes_of(t, p.shingle_size, p.char_shingle_size, p.unspaced_ratio) for t in parts
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, max_size=8), st.integers(1, 14))
def test_one_pass_equals_a_call_per_part(parts: list[str], window: int) -> None:
    p = _PARAMS
    hashes, counts = shingle_hashes_by_part(
        parts, p.shingle_size, p.char_shingle_size, p.unspaced_ratio
    )
    expected = _per_part(parts, p)
    assert counts.tolist() == [len(h) for h in expected]
    assert hashes.tolist() == [int(x) for h in expected for x in h]

    owner, keys = passage_keys_by_part(hashes, counts, window)
    pairs = [(i, int(k)) for i, h in enumerate(expected) for k in passage_key_array(h, window)]
    assert list(zip(owner.tolist(), keys.tolist(), strict=True)) == pairs


def test_parts_of_every_shape_in_one_text() -> None:
    parts = [
        "The ferry to the island will run again from Monday, the council said.",
        "港口的灯塔昨晚熄灭了。「我们会重建」市长说。",
        "Short line",
        "",
        "— … —",
        "Der Ölhafen öffnet am Montag wieder, sagte die Stadtverwaltung am Dienstag.",
    ]
    p = _PARAMS
    hashes, counts = shingle_hashes_by_part(
        parts, p.shingle_size, p.char_shingle_size, p.unspaced_ratio
    )
    expected = _per_part(parts, p)
    assert counts.tolist() == [len(h) for h in expected]
    assert counts[2] == 1 and counts[3] == 0 and counts[4] == 0  # short: one shingle
    assert np.array_equal(hashes, np.concatenate(expected))
    owner, keys = passage_keys_by_part(hashes, counts, p.passage_window)
    for i, h in enumerate(expected):
        assert keys[owner == i].tolist() == passage_key_array(h, p.passage_window).tolist()


def test_no_parts_and_no_window_give_no_keys() -> None:
    p = _PARAMS
    hashes, counts = shingle_hashes_by_part([], p.shingle_size, p.char_shingle_size, 0.5)
    assert hashes.size == 0 and counts.size == 0
    owner, keys = passage_keys_by_part(hashes, counts, 12)
    assert owner.size == keys.size == 0
    hashes, counts = shingle_hashes_by_part(["one two three four five six"], 5, 2, 0.5)
    assert passage_keys_by_part(hashes, counts, 0)[1].size == 0
