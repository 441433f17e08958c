"""MinHash signatures of article texts, and the parameters that travel with them.

A :class:`Fingerprint` is a fixed-size summary of one article text: a MinHash
signature over its shingles (word 5-grams, or character 4-grams for scripts
written without spaces) plus the number of distinct shingles, which lets
containment be estimated from the Jaccard estimate.

Normalising and shingle hashing live in :mod:`provenance.fingerprint.shingling`.  The
whole scheme (``HASH_SCHEME``) is vectorised with numpy, never a Python call
per word or shingle:

1. the normalised text is encoded as UTF-8 (ASCII texts take a byte-table fast
   path that gives the same bytes as :func:`normalise`);
2. each word gets a 64-bit polynomial hash of its bytes, computed for all words
   at once from one prefix sum (``sum b_j * P**-j`` mod 2**64, scaled back by a
   power of ``P``), then the MurmurHash3 64-bit finaliser;
3. a shingle hash folds its ``k`` word hashes (``x = x * C + w``) and is
   finalised again; the distinct shingle hashes are counted after a sort;
4. the MinHash is datasketch's ``affine32`` scheme, reproduced exactly: the top
   32 bits of each shingle hash, MurmurHash3's 32-bit finaliser, then
   ``min(a_k * h + b_k mod 2**32)`` with datasketch's own permutations
   ``(a_k, b_k)`` for ``(num_perm, seed)``.  ``fingerprint`` gives bit for bit
   the signature ``datasketch.MinHash(scheme="affine32").update_batch`` gives on
   the same shingle hashes (a test checks it); the 32-bit values are stored as
   ``num_perm`` little-endian uint32 (512 bytes for 128 permutations).

Character shingles (unspaced scripts) use the same steps with each code point
as a "word".  Only this module and :mod:`provenance.link.candidates` import datasketch.
"""

from __future__ import annotations

import hashlib
import math
import threading
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from importlib.metadata import version
from typing import Any

import numpy as np

from provenance.errors import FingerprintError, ParameterMismatch
from provenance.fingerprint.shingling import grams, normalise, shingle_hashes_of, unspaced_share

#: Identifier of how shingles are hashed and permuted.  Change it whenever the
#: hashing changes so that stores written with the old scheme are refused.
HASH_SCHEME = "utf8poly64-fold64+datasketch-affine32"
#: Read from the installed package's metadata: importing datasketch (and scipy with
#: it) costs half a second that a command which never fingerprints should not pay.
_DATASKETCH_MAJOR = int(version("datasketch").split(".")[0])


#: Fields added after the first stores were written, with the value that describes
#: such a store (it holds no data for them).
_ADDED_LATER: dict[str, Any] = {"passage_window": 0}


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    """Everything that decides what a signature looks like.

    Two signatures are comparable only when every field is equal; a store keeps
    the params it was written with and refuses others.
    """

    num_perm: int = 128
    seed: int = 7
    #: Words per shingle for space-separated scripts.
    shingle_size: int = 5
    #: Characters per shingle for scripts written without spaces (CJK, Thai ...).
    char_shingle_size: int = 4
    #: Fraction of letters from unspaced scripts above which character shingles are used.
    unspaced_ratio: float = 0.3
    #: Texts with fewer distinct shingles are flagged ``too_short`` and not matched blindly.
    min_shingles: int = 30
    normaliser_version: int = 1
    #: LSH banding (see :mod:`provenance.link.candidates` for why 64 x 2).
    lsh_bands: int = 64
    lsh_rows: int = 2
    #: Winnowing window of the passage index (see :mod:`provenance.link.candidates`): any
    #: verbatim passage of ``passage_window + shingle_size - 1`` words shared by two
    #: texts makes them candidates, whatever their overall similarity.  0 turns the
    #: passage index off (a store written before it existed reads as 0).
    passage_window: int = 12
    datasketch_major: int = _DATASKETCH_MAJOR
    hash_scheme: str = HASH_SCHEME

    def __post_init__(self) -> None:
        problems = []
        if self.num_perm < 1:
            problems.append(f"num_perm={self.num_perm} must be positive")
        if self.shingle_size < 1 or self.char_shingle_size < 1:
            problems.append("shingle sizes must be at least 1")
        if self.passage_window < 0:
            problems.append(f"passage_window={self.passage_window} must be 0 (off) or positive")
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
        """Params as stored; a field added after the store was written reads as off."""
        data = {**_ADDED_LATER, **data}
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
    """MinHash signature of one text (``num_perm`` little-endian uint32 values)."""

    params: FingerprintParams
    signature: bytes
    shingle_count: int
    too_short: bool

    @property
    def hashvalues(self) -> np.ndarray[Any, np.dtype[np.uint32]]:
        return np.frombuffer(self.signature, dtype="<u4")

    def containment_in(self, other: Fingerprint) -> float:
        """Estimated share of this text's shingles found in ``other``."""
        return estimate_containment(self, other)


def _grams(text: str, params: FingerprintParams) -> tuple[list[str], int]:
    return grams(text, params.shingle_size, params.char_shingle_size, params.unspaced_ratio)


def shingles(text: str, params: FingerprintParams | None = None) -> list[str]:
    """Distinct shingles of ``text`` in first-seen order.

    Word n-grams of ``shingle_size``; character n-grams of ``char_shingle_size``
    (whitespace removed) when most letters come from unspaced scripts.  A text
    shorter than one shingle yields itself as the only shingle.
    """
    found, _ = _grams(text, params or FingerprintParams())
    return list(dict.fromkeys(found))


_U32 = np.uint32
_U64 = np.uint64
#: Shingles per MinHash block: keeps the (block x num_perm) scratch array in cache.
_BLOCK = 1024


def _fmix32(h: np.ndarray[Any, np.dtype[np.uint32]]) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """MurmurHash3's 32-bit finaliser, in place (datasketch's affine32 pre-mix)."""
    h ^= h >> _U32(16)
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


@lru_cache(maxsize=8)
def _permutations(
    num_perm: int, seed: int
) -> tuple[np.ndarray[Any, np.dtype[np.uint32]], np.ndarray[Any, np.dtype[np.uint32]]]:
    """datasketch's affine32 permutation parameters ``(a, b)`` for ``(num_perm, seed)``."""
    from datasketch import MinHash  # imported on first use only (see _DATASKETCH_MAJOR)

    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.ascontiguousarray(a, dtype=np.uint32), np.ascontiguousarray(b, dtype=np.uint32)


_scratch = threading.local()


def _minhash32(
    shingle_hashes: np.ndarray[Any, np.dtype[np.uint64]], num_perm: int, seed: int
) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """datasketch affine32 MinHash of the top 32 bits of each shingle hash."""
    a, b = _permutations(num_perm, seed)
    out = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if len(shingle_hashes) == 0:
        return out
    h = _fmix32((shingle_hashes >> _U64(32)).astype(np.uint32))
    buf = getattr(_scratch, "buf", None)
    if buf is None or len(buf) < num_perm * _BLOCK:
        buf = _scratch.buf = np.empty(num_perm * _BLOCK, dtype=np.uint32)
    for start in range(0, len(h), _BLOCK):
        block = h[start : start + _BLOCK]
        # a contiguous (num_perm x block) scratch: one affine permutation per row
        view = buf[: num_perm * len(block)].reshape(num_perm, len(block))
        np.multiply(a[:, None], block, out=view)
        np.add(view, b[:, None], out=view)
        np.minimum(out, view.min(axis=1), out=out)
    return out


def shingle_hash_array(
    text: str, params: FingerprintParams | None = None
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """64-bit hash of every shingle of ``text`` in text order (repeats kept)."""
    p = params or FingerprintParams()
    return shingle_hashes_of(text, p.shingle_size, p.char_shingle_size, p.unspaced_ratio)


def fingerprint(text: str, params: FingerprintParams | None = None) -> Fingerprint:
    """MinHash ``text`` with ``params`` (see the module docstring for the scheme)."""
    params = params or FingerprintParams()
    if not isinstance(text, str):
        raise FingerprintError(f"cannot fingerprint {type(text).__name__}: pass the article text")
    return fingerprint_hashes(shingle_hash_array(text, params), params)


def fingerprint_hashes(
    shingle_hashes: np.ndarray[Any, np.dtype[np.uint64]], params: FingerprintParams
) -> Fingerprint:
    """:func:`fingerprint` from the text's :func:`shingle_hash_array` (computed once
    when the passage index needs the hashes too)."""
    with np.errstate(over="ignore"):
        hashes = np.sort(shingle_hashes)
        count = int(np.count_nonzero(hashes[1:] != hashes[:-1])) + 1 if len(hashes) else 0
        values = _minhash32(hashes, params.num_perm, params.seed)
    return Fingerprint(
        params=params,
        signature=values.astype("<u4", copy=False).tobytes(),
        shingle_count=count,
        too_short=count < params.min_shingles,
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


def containment_stderr(jaccard: float, size_a: int, size_b: int, num_perm: int) -> float:
    """Standard error of :func:`containment_from_jaccard` from a ``num_perm`` MinHash.

    The Jaccard estimate has standard error ``sqrt(J(1-J)/num_perm)``; containment
    scales it by ``(|A|+|B|) / (|A|(1+J)**2)``, so a short text inside a much longer
    one is estimated far less precisely than two texts of similar length.
    """
    if size_a <= 0 or num_perm <= 0:
        return 0.0
    j = min(1.0, max(0.0, jaccard))
    # a Jaccard estimate of 0 or 1 still hides up to one permutation's worth of error
    j_se = max(math.sqrt(j * (1.0 - j) / num_perm), 1.0 / num_perm)
    return j_se * (size_a + size_b) / (size_a * (1.0 + j) ** 2)


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
    # str.split() and the regex \s both split on exactly the characters str.isspace()
    # accepts, so this is the text with whitespace runs folded, in one C pass
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


__all__ = [
    "HASH_SCHEME",
    "Fingerprint",
    "FingerprintParams",
    "containment_from_jaccard",
    "containment_stderr",
    "content_hash",
    "estimate_containment",
    "estimate_jaccard",
    "exact_scores",
    "fingerprint",
    "fingerprint_hashes",
    "normalise",
    "shingle_hash_array",
    "shingles",
    "unspaced_share",
]
