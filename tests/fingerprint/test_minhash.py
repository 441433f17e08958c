from __future__ import annotations

import re
from hashlib import sha256

import pytest
from hypothesis import given, settings, strategies as st

from provenance.errors import FingerprintError, ParameterMismatch
from provenance.fingerprint.keys import band_keys, candidate_probability
from provenance.fingerprint.minhash import (
    Fingerprint,
    FingerprintParams,
    containment_from_jaccard,
    content_hash,
    estimate_containment,
    estimate_jaccard,
    exact_scores,
    fingerprint,
    normalise,
    shingles,
    unspaced_share,
)
from tests.helpers.matchkit import excerpt, text


def test_normalise_nfkc_casefold_punctuation_whitespace() -> None:
    assert normalise("  Héllo,\tWORLD!!  ﬁne\u00a0day — “quoted” ") == "héllo world fine day quoted"
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert normalise("Don’t STOP") == "dont stop"
    assert normalise("Straße") == "strasse"
    assert normalise("...!!!") == ""
    assert normalise("infor\u00admation zero\u200bwidth") == "information zerowidth"


def test_word_shingles() -> None:
    sh = shingles("one two three four five six seven")
    assert sh == ["one two three four five", "two three four five six", "three four five six seven"]
    assert shingles("a b") == ["a b"]
    assert shingles("") == []
    assert shingles("Same, same. SAME same same same") == ["same same same same same"]


def test_cjk_and_thai_use_character_shingles() -> None:
    zh = "北京市政府今天宣布，新的地铁线路将于明年春天开通，预计每天运送乘客十万人次。"
    assert unspaced_share(normalise(zh)) > 0.9
    sh = shingles(zh)
    assert all(len(s) == 4 and " " not in s for s in sh)
    assert "北京市政" in sh
    th = "กรุงเทพมหานครประกาศเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยา"
    assert all(len(s) == 4 for s in shingles(th))
    assert unspaced_share(normalise("plain english words")) == 0.0
    long_zh = zh * 3
    assert fingerprint(long_zh).shingle_count >= 30
    assert not fingerprint(long_zh).too_short


def test_fingerprint_is_deterministic_and_compact() -> None:
    body = text(11)
    a, b = fingerprint(body), fingerprint(body)
    assert a == b
    assert isinstance(a, Fingerprint)
    assert len(a.signature) == 128 * 4  # uint32 values
    assert a.shingle_count == len(set(shingles(body)))
    assert not a.too_short
    assert estimate_jaccard(a, b) == 1.0


def test_too_short() -> None:
    assert fingerprint(" ".join(text(3, 30).split()[:30])).too_short
    assert not fingerprint(text(3, 60)).too_short
    empty = fingerprint("")
    assert empty.too_short and empty.shingle_count == 0
    assert estimate_jaccard(empty, empty) == 0.0


def test_params_mismatch_refused() -> None:
    a = fingerprint(text(1))
    b = fingerprint(text(1), FingerprintParams(seed=2))
    with pytest.raises(ParameterMismatch, match="seed"):
        estimate_jaccard(a, b)
    with pytest.raises(ParameterMismatch):
        a.containment_in(b)


def test_invalid_params() -> None:
    with pytest.raises(FingerprintError, match="num_perm"):
        FingerprintParams(num_perm=64)  # 64 bands x 2 rows need 128
    with pytest.raises(FingerprintError):
        FingerprintParams(shingle_size=0)
    p = FingerprintParams(num_perm=64, lsh_bands=32)
    assert FingerprintParams.from_dict(p.to_dict()) == p
    assert "num_perm: 64 != 128" in p.differences(FingerprintParams())


def test_estimates_close_to_exact() -> None:
    full = text(21, 600)
    for share in (0.35, 0.6, 1.0):
        part = excerpt(full, share)
        j, c_ab, c_ba = exact_scores(part, full)
        fa, fb = fingerprint(part), fingerprint(full)
        assert abs(estimate_jaccard(fa, fb) - j) < 0.12
        assert abs(estimate_containment(fa, fb) - c_ab) < 0.15
        assert abs(estimate_containment(fb, fa) - c_ba) < 0.15
        assert c_ab == pytest.approx(1.0)


def test_exact_scores_and_containment_formula() -> None:
    assert exact_scores("a b c d e f", "a b c d e f") == (1.0, 1.0, 1.0)
    assert exact_scores("", "a b c") == (0.0, 0.0, 0.0)
    # |A|=10, |B|=40, A inside B: J = 10/40 = 0.25
    assert containment_from_jaccard(0.25, 10, 40) == pytest.approx(1.0)
    assert containment_from_jaccard(0.9, 10, 40) == 1.0  # clamped
    assert containment_from_jaccard(0.0, 10, 40) == 0.0
    assert containment_from_jaccard(0.5, 0, 40) == 0.0


def test_content_hash_folds_whitespace() -> None:
    assert content_hash("a  b\n c") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")
    # the hash stored with schema 1-6 documents: sha256 of the text with every run of
    # regex whitespace folded to one space, then stripped
    folded = re.sub(r"\s+", " ", " a\u00a0\u2003b\x1c\x1fc\u3000d\u200be ").strip()
    assert folded == "a b c d\u200be"
    assert (
        content_hash(" a\u00a0\u2003b\x1c\x1fc\u3000d\u200be ")
        == sha256(folded.encode()).hexdigest()
    )


_SPACES = "".join(chr(c) for c in range(0x3100) if chr(c).isspace()) + "\u200b\ufeffx"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(_SPACES) | st.characters(blacklist_categories=("Cs",)), max_size=60
    )
)
def test_content_hash_is_unchanged_from_the_regex_fold(value: str) -> None:
    """Stores keep the hash: it must equal the regex fold it was first computed with."""
    expected = sha256(re.sub(r"\s+", " ", value).strip().encode("utf-8"))
    assert content_hash(value) == expected.hexdigest()


def test_band_keys_and_s_curve() -> None:
    fp = fingerprint(text(5))
    keys = band_keys(fp)
    assert len(keys) == 64 and [b for b, _ in keys] == list(range(64))
    assert all(0 <= k < 2**63 for _, k in keys)
    assert candidate_probability(0.35, 64, 2) > 0.999
    assert candidate_probability(0.2, 64, 2) > 0.9
    assert candidate_probability(0.01, 64, 2) < 0.01
