"""Index keys of a fingerprint: LSH band keys and winnowed passage keys.

Pure functions of a signature or of a text's shingle hashes; the store keeps
the postings and :mod:`provenance.link.candidates` queries them.

LSH candidate index whose band keys live in the store.

Banding
-------
A signature of ``num_perm`` MinHash values is cut into ``b`` bands of ``r``
rows; two texts become candidates when at least one band is identical.  For
texts with Jaccard index ``J`` the probability of that is the S-curve::

    P(J) = 1 - (1 - J**r) ** b

We must find pairs whose smaller-in-larger containment is >= 0.5, including a
35 % excerpt of a longer text (J ≈ 0.35) and a 20 % excerpt (J ≈ 0.2).  With
128 permutations the candidates are::

    b x r      J=0.05  J=0.10  J=0.20  J=0.30  J=0.35  J=0.50
    64 x 2     0.148   0.474   0.927   0.998   >0.999  1.000
    42 x 3     0.005   0.041   0.286   0.683   0.841   0.996
    32 x 4     0.000   0.003   0.050   0.229   0.384   0.873

Only ``r = 2`` puts the S-curve's knee low enough: 64 bands of 2 rows find a
35 % excerpt with probability > 0.999 and a 20 % excerpt with 0.93, while a
pair of unrelated texts (J ≈ 0) practically never collides and two
independent reports sharing a 40-word quote (J ≈ 0.05) collide 15 % of the
time.  Every candidate is then verified with the Jaccard/containment
estimates (:mod:`provenance.link.match`), so false candidates cost one signature
comparison each, never a wrong link.  ``r = 1`` would make every pair with a
single shared shingle-minimum a candidate.

Measured (4,000 synthetic 400-word texts, 1,996 original/excerpt pairs): every
excerpt of 30 % or more was found; 207 of 223 (93 %) of the 20 % excerpts,
as the curve predicts.

Hot buckets (a band shared by thousands of documents, e.g. one wire story
copied everywhere) make candidate lists long; they are still exact
verifications, but the number of edges in such a cluster grows quadratically.

Passage index
-------------
Bands find texts that are similar *as wholes*.  Two excerpts of one article that
cover different paragraphs, a listing page holding a few lines of a story among
other stories, or two outlets' edits of one wire lede share one or two short
verbatim passages and have a Jaccard index of 0.03 to 0.15: 64 x 2 bands find
them 9 % to 75 % of the time.  So each text also contributes *passage keys*,
chosen by winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003, the MOSS
algorithm): the smallest shingle hash of every window of ``w = passage_window``
consecutive shingles.  Any passage of ``w + k - 1`` words (16 with the defaults,
``w = 12``, ``k = 5``) that two texts share yields a key both selected; shorter
passages often do (``benchmarks/bench_passages.py``: 42 % of 8-word, 61 % of
10-word and 79 % of 12-word passages).  About ``2 / (w + 1)`` of a text's shingles
are selected (~120 keys for 800 words, against 64 band keys).  ``w = 8`` would
catch 85 % of 10-word passages for 45 % more keys to store and query; ``w = 16``
44 % for 24 % fewer.

Keys are 48 bits (6 bytes in SQLite), so one shared key is enough to make a
candidate: at 10**8 postings a query key meets a chance posting once in ~3
million.  A key held by more than ``max_postings`` documents (boilerplate, a
famous quote) is ignored when querying.  The keys of the document being matched
are recomputed from its text, so the store keeps only the postings.  A passage
candidate is verified on the texts themselves (:mod:`provenance.fingerprint.passages`), never
linked on the keys alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from provenance.fingerprint.minhash import Fingerprint

_FOLD = np.uint64(0x9E3779B97F4A7C15)


def candidate_probability(jaccard: float, bands: int, rows: int) -> float:
    """Probability that two texts with this Jaccard index share at least one band."""
    return 1.0 - (1.0 - jaccard**rows) ** bands


def band_key_array(fp: Fingerprint) -> np.ndarray[Any, np.dtype[np.int64]]:
    """One 31-bit key per band: the band's ``r`` values folded (SQLite stores it in 4 bytes)."""
    p = fp.params
    hv = fp.hashvalues[: p.lsh_bands * p.lsh_rows].reshape(p.lsh_bands, p.lsh_rows)
    hv = hv.astype(np.uint64)
    with np.errstate(over="ignore"):
        key = hv[:, 0].copy()
        for j in range(1, p.lsh_rows):
            key = key * _FOLD + hv[:, j]
        key ^= key >> np.uint64(32)
        key *= _FOLD
        key >>= np.uint64(33)
    return key.astype(np.int64)


def window_minima(
    h: np.ndarray[Any, np.dtype[np.uint64]], window: int
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """The minimum of every run of ``window`` consecutive values (``len(h) - window + 1``
    of them; ``window <= len(h)``), by doubling: minima of runs of 2, 4, 8, … and then
    two overlapping runs of the largest power of two that fits.  About ``log2(window)``
    vector passes, against a pass over ``window`` values per position."""
    m, span = h, 1
    while 2 * span <= window:
        m = np.minimum(m[:-span], m[span:])
        span *= 2
    count = len(h) - window + 1
    if span == window:
        return m[:count]
    return np.minimum(m[:count], m[window - span : window - span + count])


def passage_key_array(
    shingle_hashes: np.ndarray[Any, np.dtype[np.uint64]], window: int
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Winnowed 48-bit keys of a text's shingle hashes (in text order), sorted, distinct.

    Each window of ``window`` shingles selects its smallest hash, so equal shingle runs
    of at least ``window`` shingles select at least one equal hash in both texts.  (Which
    of two equal minima a window picks does not change the set of hashes selected.)
    """
    h = np.asarray(shingle_hashes, dtype=np.uint64)
    if window <= 0 or len(h) == 0:
        return np.empty(0, dtype=np.int64)
    picked = window_minima(h, min(window, len(h)))
    return np.unique((picked >> np.uint64(16)).astype(np.int64))


def passage_keys_by_part(
    shingle_hashes: np.ndarray[Any, np.dtype[np.uint64]],
    counts: np.ndarray[Any, np.dtype[np.intp]],
    window: int,
) -> tuple[np.ndarray[Any, np.dtype[np.intp]], np.ndarray[Any, np.dtype[np.int64]]]:
    """:func:`passage_key_array` of each part of ``shingle_hashes`` (consecutive runs of
    ``counts`` hashes, as :func:`~provenance.fingerprint.shingling.shingle_hashes_by_part`
    gives them) in one pass: ``(part, key)`` pairs, sorted, distinct within a part.
    Windows never run across parts; a part shorter than ``window`` is one window."""
    h = np.asarray(shingle_hashes, dtype=np.uint64)
    counts = np.asarray(counts, dtype=np.intp)
    if window <= 0 or len(h) == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.int64)
    parts = np.arange(len(counts), dtype=np.intp)
    starts = np.cumsum(counts) - counts
    long = counts >= window
    picked: list[np.ndarray[Any, np.dtype[np.uint64]]] = []
    owners: list[np.ndarray[Any, np.dtype[np.intp]]] = []
    if long.any():
        per = np.where(long, counts - window + 1, 0)
        first = np.repeat(starts - np.cumsum(per) + per, per)
        minima = window_minima(h, window)
        picked.append(minima[np.arange(int(per.sum()), dtype=np.intp) + first])
        owners.append(np.repeat(parts, per))
    short = (counts > 0) & ~long
    if short.any():
        filled = counts > 0  # reduceat wants every segment non-empty
        least = np.minimum.reduceat(h, starts[filled])
        picked.append(least[short[filled]])
        owners.append(parts[short])
    owner = np.concatenate(owners)
    keys = (np.concatenate(picked) >> np.uint64(16)).astype(np.int64)
    order = np.lexsort((keys, owner))
    owner, keys = owner[order], keys[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (owner[1:] != owner[:-1]) | (keys[1:] != keys[:-1])
    return owner[fresh], keys[fresh]


def band_keys(fp: Fingerprint) -> list[tuple[int, int]]:
    """``(band, key)`` pairs for a signature, as stored in the band table."""
    return list(enumerate(band_key_array(fp).tolist()))


__all__ = [
    "band_key_array",
    "band_keys",
    "candidate_probability",
    "passage_key_array",
    "passage_keys_by_part",
    "window_minima",
]
