"""Text normalisation, shingling and MinHash signatures.

A :class:`Fingerprint` is a fixed-size summary of one article text: a MinHash
signature over its shingles (word 5-grams, or character 4-grams for scripts
written without spaces) plus the number of distinct shingles, which lets
containment be estimated from the Jaccard estimate.

Only this module and :mod:`provenance.index` import datasketch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from typing import Any

import datasketch
import numpy as np
from datasketch import MinHash

from provenance.errors import FingerprintError, ParameterMismatch

#: Identifier of how shingles are hashed and permuted.  Change it whenever the
#: hashing changes so that stores written with the old scheme are refused.
HASH_SCHEME = "blake2b64+datasketch-affine64"
_DATASKETCH_MAJOR = int(datasketch.__version__.split(".")[0])

_APOSTROPHES = re.compile(r"['\u2019\u02bc\u2018`]")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    """Everything that decides what a signature looks like.

    Two signatures are comparable only when every field is equal; a store keeps
    the params it was written with and refuses others.
    """

    num_perm: int = 128
    seed: int = 1
    #: Words per shingle for space-separated scripts.
    shingle_size: int = 5
    #: Characters per shingle for scripts written without spaces (CJK, Thai ...).
    char_shingle_size: int = 4
    #: Fraction of letters from unspaced scripts above which character shingles are used.
    unspaced_ratio: float = 0.3
    #: Texts with fewer distinct shingles are flagged ``too_short`` and not matched blindly.
    min_shingles: int = 30
    normaliser_version: int = 1
    #: LSH banding (see :mod:`provenance.index` for why 64 x 2).
    lsh_bands: int = 64
    lsh_rows: int = 2
    datasketch_major: int = _DATASKETCH_MAJOR
    hash_scheme: str = HASH_SCHEME

    def __post_init__(self) -> None:
        problems = []
        if self.num_perm < 1:
            problems.append(f"num_perm={self.num_perm} must be positive")
        if self.shingle_size < 1 or self.char_shingle_size < 1:
            problems.append("shingle sizes must be at least 1")
        if self.lsh_bands < 1 or self.lsh_rows < 1:
            problems.append("lsh_bands and lsh_rows must be at least 1")
        elif self.lsh_bands * self.lsh_rows > self.num_perm:
            problems.append(
                f"lsh_bands*lsh_rows={self.lsh_bands * self.lsh_rows}"
                f" exceeds num_perm={self.num_perm}"
            )
        if problems:
            raise FingerprintError("invalid FingerprintParams: " + "; ".join(problems))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FingerprintParams:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ParameterMismatch(
                f"unknown fingerprint parameters {unknown}: the data was written by another "
                "version of provenance; use that version or start a new database"
            )
        return cls(**data)

    def differences(self, other: FingerprintParams) -> list[str]:
        """Human-readable ``name: mine != theirs`` for every differing field."""
        out = []
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if mine != theirs:
                out.append(f"{f.name}: {mine!r} != {theirs!r}")
        return out

    def require_same(self, other: FingerprintParams, what: str = "fingerprints") -> None:
        if self != other:
            raise ParameterMismatch(
                f"cannot compare {what} made with different parameters ("
                + "; ".join(self.differences(other))
                + "): fingerprint both texts with the same FingerprintParams"
            )


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """MinHash signature of one text (``num_perm`` little-endian uint64 values)."""

    params: FingerprintParams
    signature: bytes
    shingle_count: int
    too_short: bool

    @property
    def hashvalues(self) -> np.ndarray[Any, np.dtype[np.uint64]]:
        return np.frombuffer(self.signature, dtype="<u8")

    def jaccard(self, other: Fingerprint) -> float:
        return estimate_jaccard(self, other)

    def containment_in(self, other: Fingerprint) -> float:
        """Estimated share of this text's shingles found in ``other``."""
        return estimate_containment(self, other)


def normalise(text: str) -> str:
    """NFKC, casefold, drop punctuation and symbols, fold whitespace."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":  # soft hyphen, zero-width joiners: invisible inside words
            continue
        out.append(" " if cat[0] in "PSZC" else ch)
    return _WS.sub(" ", "".join(out)).strip()


def _is_unspaced(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= o <= 0x4DBF  # CJK extension A
        or 0x4E00 <= o <= 0x9FFF  # CJK unified
        or 0xF900 <= o <= 0xFAFF  # CJK compatibility
        or 0x20000 <= o <= 0x2FA1F  # CJK extensions B+
        or 0x0E00 <= o <= 0x0EFF  # Thai, Lao
        or 0x1000 <= o <= 0x109F  # Myanmar
        or 0x1780 <= o <= 0x17FF  # Khmer
        or 0x0F00 <= o <= 0x0FFF  # Tibetan
    )


def unspaced_share(normalised: str) -> float:
    """Share of non-space characters that belong to scripts written without spaces."""
    letters = [ch for ch in normalised if not ch.isspace()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _is_unspaced(ch)) / len(letters)


def _grams(text: str, params: FingerprintParams) -> tuple[list[str], int]:
    """Every shingle of ``text`` in text order (repeats kept), and the shingle size."""
    norm = normalise(text)
    if not norm:
        return [], params.shingle_size
    if unspaced_share(norm) >= params.unspaced_ratio:
        stream = norm.replace(" ", "")
        k = params.char_shingle_size
        if len(stream) <= k:
            return [stream], k
        return [stream[i : i + k] for i in range(len(stream) - k + 1)], k
    words = norm.split(" ")
    k = params.shingle_size
    if len(words) <= k:
        return [" ".join(words)], k
    return [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)], k


def shingles(text: str, params: FingerprintParams | None = None) -> list[str]:
    """Distinct shingles of ``text`` in first-seen order.

    Word n-grams of ``shingle_size``; character n-grams of ``char_shingle_size``
    (whitespace removed) when most letters come from unspaced scripts.  A text
    shorter than one shingle yields itself as the only shingle.
    """
    grams, _ = _grams(text, params or FingerprintParams())
    return list(dict.fromkeys(grams))


def longest_shared_run(text_a: str, text_b: str, params: FingerprintParams | None = None) -> int:
    """Length, in words (characters for unspaced scripts), of the longest passage of
    ``text_a`` whose every shingle also occurs in ``text_b``: a verbatim shared run."""
    params = params or FingerprintParams()
    grams_a, k = _grams(text_a, params)
    other = set(_grams(text_b, params)[0])
    best = run = 0
    for gram in grams_a:
        run = run + 1 if gram in other else 0
        best = max(best, run)
    return best + k - 1 if best else 0


def _hash64(shingle: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little"
    )


def _identity(value: int) -> int:
    return value


def fingerprint(text: str, params: FingerprintParams | None = None) -> Fingerprint:
    """MinHash ``text`` with ``params`` (64-bit blake2b shingle hashes, one batch update)."""
    params = params or FingerprintParams()
    if not isinstance(text, str):
        raise FingerprintError(f"cannot fingerprint {type(text).__name__}: pass the article text")
    grams = shingles(text, params)
    mh = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=_identity, scheme="affine64")
    if grams:
        mh.update_batch([_hash64(g) for g in grams])
    values = np.asarray(mh.hashvalues, dtype="<u8")
    return Fingerprint(
        params=params,
        signature=values.tobytes(),
        shingle_count=len(grams),
        too_short=len(grams) < params.min_shingles,
    )


def estimate_jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Share of equal MinHash values: an unbiased estimate of the Jaccard index."""
    a.params.require_same(b.params)
    if a.shingle_count == 0 or b.shingle_count == 0:
        return 0.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / a.params.num_perm


def containment_from_jaccard(jaccard: float, size_a: int, size_b: int) -> float:
    """Containment of A in B, ``|A∩B|/|A| = J(|A|+|B|)/((1+J)|A|)``, clamped to [0, 1]."""
    if size_a <= 0:
        return 0.0
    value = jaccard * (size_a + size_b) / ((1.0 + jaccard) * size_a)
    return min(1.0, max(0.0, value))


def estimate_containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated containment of ``a``'s shingles in ``b``."""
    return containment_from_jaccard(estimate_jaccard(a, b), a.shingle_count, b.shingle_count)


def exact_scores(
    text_a: str, text_b: str, params: FingerprintParams | None = None
) -> tuple[float, float, float]:
    """Exact ``(jaccard, containment of a in b, containment of b in a)`` on the shingle sets."""
    sa, sb = set(shingles(text_a, params)), set(shingles(text_b, params))
    if not sa or not sb:
        return 0.0, 0.0, 0.0
    inter = len(sa & sb)
    return inter / len(sa | sb), inter / len(sa), inter / len(sb)


def content_hash(text: str) -> str:
    """Hash of the text with whitespace folded: equal hashes mean the same revision."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


__all__ = [
    "HASH_SCHEME",
    "Fingerprint",
    "FingerprintParams",
    "containment_from_jaccard",
    "content_hash",
    "estimate_containment",
    "estimate_jaccard",
    "exact_scores",
    "fingerprint",
    "longest_shared_run",
    "normalise",
    "shingles",
    "unspaced_share",
]
