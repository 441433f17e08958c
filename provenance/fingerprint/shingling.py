"""Text to shingles: normalisation, and shingle hashes computed for a whole text at once.

Normalisation: Unicode NFKC, casefold, apostrophes dropped, punctuation, symbols,
separators and controls turned into spaces, whitespace folded.  Shingles are runs of
``shingle_size`` words, or of ``char_shingle_size`` characters for texts mostly in
scripts written without spaces (CJK, Thai ...).

Shingle hashes are vectorised with numpy, never a Python call per word:
each word gets a 64-bit polynomial hash of its UTF-8 bytes from one prefix sum,
finalised with MurmurHash3's 64-bit mixer; a shingle hash folds its ``k`` word
hashes and is finalised again.  :mod:`provenance.fingerprint.minhash` turns them into
MinHash signatures.  This module is pure (no datasketch); its caches only speed
things up and never change a result.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

_APOSTROPHES = re.compile(r"['\u2019\u02bc\u2018`]")

#: Per code point: what :func:`normalise` turns it into (filled lazily, so a text
#: costs one dict lookup per *distinct* character, and ``str.translate`` does the rest).
_CHAR_MAP: dict[int, str | None] = {}
#: The same for ASCII, as a bytes table: separators (P, S, Z, C) become spaces.
_ASCII_TABLE = bytes(
    32 if unicodedata.category(chr(i))[0] in "PSZC" else i for i in range(128)
) + bytes(range(128, 256))


def _char_rule(ch: str) -> str | None:
    cat = unicodedata.category(ch)
    if cat == "Cf":  # soft hyphen, zero-width joiners: invisible inside words
        return None
    return " " if cat[0] in "PSZC" else ch


def _separated(text: str) -> str:
    """NFKC, casefold, apostrophes dropped, separators as spaces (not folded)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    table = _CHAR_MAP
    for ch in set(text):
        if ord(ch) not in table:
            table[ord(ch)] = _char_rule(ch)
    return text.translate(table)


def _ascii_separated(text: str) -> bytes:
    """:func:`_separated` for an ASCII text, as bytes (the same bytes, faster)."""
    return text.lower().replace("'", "").replace("`", "").encode("ascii").translate(_ASCII_TABLE)


def normal_words(text: str) -> list[str]:
    """The words of :func:`normalise` (NFKC, casefold, punctuation and symbols dropped)."""
    if text.isascii():
        return _ascii_separated(text).decode("ascii").split()
    return _separated(text).split()


def normalise(text: str) -> str:
    """NFKC, casefold, drop punctuation and symbols, fold whitespace."""
    return " ".join(normal_words(text))


_UNSPACED_RE = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff]"
)
_SPACE_RE = re.compile(r"\s")


def unspaced_share(normalised: str) -> float:
    """Share of non-space characters that belong to scripts written without spaces."""
    if normalised.isascii():
        return 0.0
    letters = len(normalised) - len(_SPACE_RE.findall(normalised))
    if letters <= 0:
        return 0.0
    return len(_UNSPACED_RE.findall(normalised)) / letters


def windows(units: Sequence[T], k: int) -> list[Sequence[T]]:
    """The ``k``-unit windows of ``units`` in order (repeats kept): the one way text is
    cut into shingles.  A non-empty sequence shorter than ``k`` is one window."""
    n = len(units)
    if n <= k:
        return [units] if n else []
    return [units[i : i + k] for i in range(n - k + 1)]


def grams(
    text: str, shingle_size: int, char_shingle_size: int, unspaced_ratio: float
) -> tuple[list[str], int]:
    """Every shingle of ``text`` as a string in text order (repeats kept), and the size."""
    norm = normalise(text)
    if not norm:
        return [], shingle_size
    if unspaced_share(norm) >= unspaced_ratio:
        stream = norm.replace(" ", "")
        return ["".join(w) for w in windows(stream, char_shingle_size)], char_shingle_size
    return [" ".join(w) for w in windows(norm.split(" "), shingle_size)], shingle_size


_U64 = np.uint64
#: Odd multiplier of the per-word polynomial hash and its inverse mod 2**64.
_POLY = 0x100000001B3
_POLY_INV = pow(_POLY, -1, 1 << 64)
#: Multiplier folding the word hashes of one shingle.
_FOLD = _U64(0x9E3779B97F4A7C15)
_TABLE_LIMIT = 1 << 20


def _powers(base: int, n: int) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """``base**0 .. base**(n-1)`` mod 2**64."""
    out = np.full(n, base, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


_POW = _powers(_POLY, 1 << 14)
_IPOW = _powers(_POLY_INV, 1 << 14)
_pow_lock = threading.Lock()


def _power_tables(
    n: int,
) -> tuple[np.ndarray[Any, np.dtype[np.uint64]], np.ndarray[Any, np.dtype[np.uint64]]]:
    global _POW, _IPOW
    if n <= len(_POW):
        return _POW, _IPOW
    if n > _TABLE_LIMIT:
        return _powers(_POLY, n), _powers(_POLY_INV, n)
    with _pow_lock:
        size = max(n, 2 * len(_POW))
        size = min(size, _TABLE_LIMIT)
        _POW, _IPOW = _powers(_POLY, size), _powers(_POLY_INV, size)
        return _POW, _IPOW


def _fmix64(h: np.ndarray[Any, np.dtype[np.uint64]]) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """MurmurHash3's 64-bit finaliser, in place."""
    h ^= h >> _U64(33)
    h *= _U64(0xFF51AFD7ED558CCD)
    h ^= h >> _U64(33)
    h *= _U64(0xC4CEB9FE1A85EC53)
    h ^= h >> _U64(33)
    return h


def _word_hashes(data: bytes) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """A finalised 64-bit hash per space-separated word of ``data`` (UTF-8), in order."""
    b = np.frombuffer(data, dtype=np.uint8)
    n = len(b)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    pw, ipw = _power_tables(n)
    # word boundaries: a word starts after a space (or at 0) and ends before one
    sep = np.flatnonzero(b == 32)
    starts = np.empty(len(sep) + 1, dtype=np.intp)
    starts[0] = 0
    starts[1:] = sep + 1
    ends = np.empty(len(sep) + 1, dtype=np.intp)
    ends[:-1] = sep
    ends[-1] = n
    keep = ends > starts
    if not keep.all():
        starts, ends = starts[keep], ends[keep]
    if len(starts) == 0:
        return np.zeros(0, dtype=np.uint64)
    prefix = np.empty(n + 1, dtype=np.uint64)
    prefix[0] = 0
    np.multiply(b, ipw[:n], out=prefix[1:])
    np.cumsum(prefix, out=prefix)
    # sum over the word of b_j * P**(end-1-j): position-independent
    words = prefix[ends] - prefix[starts]
    words *= pw[ends - 1]
    return _fmix64(words)


def _codepoint_hashes(stream: str) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """A finalised 64-bit hash per character (character shingles)."""
    cps = np.frombuffer(stream.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    cps *= _U64(_POLY)
    return _fmix64(cps)


def _shingle_hashes(
    units: np.ndarray[Any, np.dtype[np.uint64]], k: int
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """Hash of every run of ``k`` consecutive units (one run of all when fewer)."""
    n = len(units)
    if n == 0:
        return units
    if n <= k:
        k, m = n, 1
    else:
        m = n - k + 1
    x = units[:m].copy()
    for j in range(1, k):
        x *= _FOLD
        x += units[j : j + m]
    return _fmix64(x)


def unit_shingle_hashes(
    units: Sequence[str], k: int, characters: bool = False
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """64-bit hash of every ``k``-unit shingle of already normalised ``units`` (words,
    or single characters when ``characters``), with :func:`windows`' rule: a
    non-empty sequence shorter than ``k`` is one shingle."""
    if characters:
        return _shingle_hashes(_codepoint_hashes("".join(units)), k)
    return _shingle_hashes(_word_hashes(" ".join(units).encode("utf-8")), k)


def _shingled_as(text: str, unspaced_ratio: float) -> bytes | str:
    """What ``text`` is shingled from: its separated words as UTF-8 bytes, or, for a
    text mostly in scripts written without spaces, its characters (a ``str``, spaces
    dropped) for character shingles."""
    if text.isascii():
        return _ascii_separated(text)
    separated = _separated(text)
    if unspaced_share(separated) >= unspaced_ratio:
        return "".join(separated.split())
    return separated.encode("utf-8")


def shingle_hashes_of(
    text: str, shingle_size: int, char_shingle_size: int, unspaced_ratio: float
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """64-bit hash of every shingle of ``text`` in text order (repeats kept)."""
    data = _shingled_as(text, unspaced_ratio)
    if isinstance(data, str):
        return _shingle_hashes(_codepoint_hashes(data), char_shingle_size)
    return _shingle_hashes(_word_hashes(data), shingle_size)


def _segment_shingles(
    units: np.ndarray[Any, np.dtype[np.uint64]], lengths: np.ndarray[Any, np.dtype[np.intp]], k: int
) -> tuple[np.ndarray[Any, np.dtype[np.uint64]], np.ndarray[Any, np.dtype[np.intp]]]:
    """:func:`_shingle_hashes` of each segment of ``units`` (consecutive runs of
    ``lengths`` units), concatenated, and how many each segment has."""
    n = len(units)
    starts = np.zeros(len(lengths), dtype=np.intp)
    if len(lengths) > 1:
        np.cumsum(lengths[:-1], out=starts[1:])
    counts = np.where(lengths >= k, lengths - k + 1, np.minimum(lengths, 1))
    if n == 0 or not counts.any():
        return np.zeros(0, dtype=np.uint64), counts
    # shingle i of a long segment starts at its start + i; a short one has one shingle
    first = np.repeat(starts - np.cumsum(counts) + counts, counts)
    at = np.arange(int(counts.sum()), dtype=np.intp) + first
    width = np.repeat(np.minimum(lengths, k), counts)
    x = units[at].copy()
    for j in range(1, k):
        more = width > j
        if not more.any():
            break
        if more.all():
            x *= _FOLD
            x += units[at + j]
        else:
            x[more] = x[more] * _FOLD + units[at[more] + j]
    return _fmix64(x), counts


def shingle_hashes_by_part(
    parts: Sequence[str], shingle_size: int, char_shingle_size: int, unspaced_ratio: float
) -> tuple[np.ndarray[Any, np.dtype[np.uint64]], np.ndarray[Any, np.dtype[np.intp]]]:
    """:func:`shingle_hashes_of` of every part (a paragraph), concatenated in order, and
    how many hashes each part has: the same hashes as a call per part, in a few vector
    passes for the whole text (each part is still shingled on its own, in its own
    mode: shingles never run across parts)."""
    word_streams: list[bytes] = []
    word_lengths: list[int] = []
    char_streams: list[str] = []
    char_lengths: list[int] = []
    spaced = np.ones(len(parts), dtype=bool)
    for i, text in enumerate(parts):
        data = _shingled_as(text, unspaced_ratio)
        if isinstance(data, str):
            spaced[i] = False
            char_streams.append(data)
            char_lengths.append(len(data))
            continue
        words = data.split()
        word_streams.append(b" ".join(words))
        word_lengths.append(len(words))
    words_h, words_n = _segment_shingles(
        _word_hashes(b" ".join(word_streams)), np.array(word_lengths, dtype=np.intp), shingle_size
    )
    if not char_streams:
        return words_h, words_n
    chars_h, chars_n = _segment_shingles(
        _codepoint_hashes("".join(char_streams)),
        np.array(char_lengths, dtype=np.intp),
        char_shingle_size,
    )
    if spaced.any():  # both modes: back into part order
        counts = np.zeros(len(parts), dtype=np.intp)
        counts[spaced], counts[~spaced] = words_n, chars_n
        w_parts = np.split(words_h, np.cumsum(words_n)[:-1])
        c_parts = np.split(chars_h, np.cumsum(chars_n)[:-1])
        w_iter, c_iter = iter(w_parts), iter(c_parts)
        ordered = [next(w_iter) if s else next(c_iter) for s in spaced]
        return np.concatenate(ordered), counts
    return chars_h, chars_n


__all__ = [
    "grams",
    "normal_words",
    "normalise",
    "shingle_hashes_by_part",
    "shingle_hashes_of",
    "unit_shingle_hashes",
    "unspaced_share",
    "windows",
]
