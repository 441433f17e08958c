"""Verbatim passages two texts share, told apart from quotations they both carry.

Two independent reports of one event often quote the same statement word for
word: the quotation is shared, the reporters' own sentences are not.  A copy
shares the reporter's own sentences (its *narrative*).  So the overlap that
counts as evidence of copying is the shared text **outside quotation marks**.

* Words are the words of :func:`provenance.fingerprint.shingling.normalise` (characters for
  texts in scripts written without spaces), each flagged as quoted or not.
  Double quotation marks of every common style open and close a quotation
  (``"…"``, ``“…”``, ``„…“``, ``«…»``, ``「…」``); a quotation left open ends with
  its paragraph, as multi-paragraph quotes reopen each paragraph.  Single quotes
  are not used: they double as apostrophes.
* A *shared run* is a maximal stretch of one text whose every shingle occurs in
  the other; runs shorter than ``min_run`` words are common phrases and ignored.
* Runs closer than ``max_gap`` words apart (a copy-edit, an inserted date) are
  reported as one passage, so "went up in flames on Monday (April 15) in a roaring
  blaze" still counts as one passage against the undated wording.

A *headline* is a third signal: scrapers and listing pages keep the original's
headline word for word, independent reports write their own.  A document's
headline is its title, else the words of its URL slug (``/zimbabwes-crocodile-
industry-rises-tide-1802181.html``); a text carries it when one of its lines, or
its title, holds those words in order with few others.

Over the normaliser, with numpy to compare shingle hashes; no other library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np

from provenance.fingerprint.minhash import FingerprintParams
from provenance.fingerprint.shingling import (
    normal_words,
    normalise,
    unit_shingle_hashes,
    unspaced_share,
)

#: Marks that open or close a quotation depending on the state (English “…”, German
#: „…“ closes with “, French «…», Swedish ”…”, ASCII "…").
_TOGGLE = frozenset('"\u201c\u201d\u201f\u00ab\u00bb')
_OPEN = frozenset("\u201e\u300c\u300e\u301d")
_CLOSE = frozenset("\u300d\u300f\u301e")
_SPLIT = re.compile("([\n" + re.escape("".join(sorted(_TOGGLE | _OPEN | _CLOSE))) + "])")


@dataclass(frozen=True, slots=True)
class Units:
    """A text as matching units (words, or characters for unspaced scripts)."""

    units: tuple[str, ...]
    #: Per unit: is it inside a quotation?
    quoted: tuple[bool, ...]
    #: Shingle size in units.
    k: int
    #: 64-bit hash of every shingle: ``k`` units from each position, or one of all the
    #: units when there are fewer (:func:`provenance.fingerprint.shingling.windows`).
    shingles: np.ndarray[Any, np.dtype[np.uint64]] = field(compare=False, repr=False)
    #: "words", or "characters" for scripts written without spaces.
    name: str = "words"


@dataclass(frozen=True, slots=True)
class Passage:
    """One shared passage, as a span of units of the smaller text."""

    start: int
    end: int
    #: Units of the span found in the other text (the span less its gaps).
    shared: int
    #: Shared units inside quotation marks (in either text's marking).
    quoted: int

    @property
    def length(self) -> int:
        return self.shared

    @property
    def narrative(self) -> int:
        return self.shared - self.quoted


@dataclass(frozen=True, slots=True)
class Overlap:
    """What two texts share verbatim, seen from the smaller one."""

    passages: tuple[Passage, ...]
    #: Units of the smaller text.
    smaller_units: int
    #: What a unit is: "words", or "characters" for scripts written without spaces.
    unit: str = "words"

    @property
    def longest(self) -> int:
        return max((p.length for p in self.passages), default=0)

    @property
    def longest_narrative(self) -> int:
        return max((p.narrative for p in self.passages), default=0)

    @property
    def narrative(self) -> int:
        """Shared units outside quotation marks."""
        return sum(p.narrative for p in self.passages)

    @property
    def quoted(self) -> int:
        return sum(p.quoted for p in self.passages)

    @property
    def narrative_share(self) -> float:
        """Share of the smaller text that is shared narrative."""
        return self.narrative / self.smaller_units if self.smaller_units else 0.0


#: ASCII separators become spaces, except the two marks :func:`_ascii_units` puts in.
_ASCII_MARKED = bytes(
    i if i in (1, 2) else (32 if unicodedata.category(chr(i))[0] in "PSZC" else i)
    for i in range(128)
) + bytes(range(128, 256))


def _ascii_units(text: str) -> tuple[list[str], list[bool]]:
    """Words and quotation flags of an ASCII text without the characters \x01 and
    \x02: the text is normalised whole, its quotation marks and line breaks turned
    into those two (both are separators, so the words are those of
    :func:`normal_words` on each stretch between them)."""
    marked = (
        text.lower()
        .replace("'", "")
        .replace("`", "")
        .replace('"', "\x01")
        .replace("\n", "\x02")
        .encode("ascii")
        .translate(_ASCII_MARKED)
        .decode("ascii")
    )
    words: list[str] = []
    flags: list[bool] = []
    for line in marked.split("\x02"):  # a quotation left open ends with its line
        inside = False
        for stretch in line.split("\x01"):
            found = stretch.split()
            words.extend(found)
            flags.extend([inside] * len(found))
            inside = not inside
    return words, flags


def _marked_units(text: str) -> tuple[list[str], list[bool]]:
    """Words and quotation flags of any text: each stretch between quotation marks and
    line breaks normalised on its own."""
    words: list[str] = []
    flags: list[bool] = []
    inside = False
    for part in _SPLIT.split(text):
        if part == "\n":
            inside = False
        elif len(part) == 1 and part in _TOGGLE:
            inside = not inside
        elif len(part) == 1 and part in _OPEN:
            inside = True
        elif len(part) == 1 and part in _CLOSE:
            inside = False
        elif part:
            found = normal_words(part)
            words.extend(found)
            flags.extend([inside] * len(found))
    return words, flags


def units(text: str, params: FingerprintParams | None = None) -> Units:
    """``text`` as normalised units with quotation flags."""
    params = params or FingerprintParams()
    ascii_only = text.isascii() and "\x01" not in text and "\x02" not in text
    words, flags = _ascii_units(text) if ascii_only else _marked_units(text)
    # no script written without spaces is ASCII
    if not ascii_only and words and unspaced_share(" ".join(words)) >= params.unspaced_ratio:
        chars: list[str] = []
        char_flags: list[bool] = []
        for word, flag in zip(words, flags, strict=True):
            chars.extend(word)
            char_flags.extend([flag] * len(word))
        k = params.char_shingle_size
        hashes = unit_shingle_hashes(chars, k, characters=True)
        return Units(tuple(chars), tuple(char_flags), k, hashes, "characters")
    hashes = unit_shingle_hashes(words, params.shingle_size)
    return Units(tuple(words), tuple(flags), params.shingle_size, hashes)


def _spans(found: np.ndarray[Any, np.dtype[np.intp]], size: int) -> list[tuple[int, int]]:
    """Maximal spans covered by the shingles at positions ``found`` (sorted), each
    covering ``size`` units; spans that touch or overlap are one."""
    if len(found) == 0:
        return []
    breaks = np.flatnonzero(found[1:] > found[:-1] + size) + 1
    starts = found[np.concatenate(([0], breaks))]
    ends = found[np.concatenate((breaks - 1, [len(found) - 1]))] + size
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _quoted(
    a: Units,
    start: int,
    end: int,
    a_quoted: np.ndarray[Any, np.dtype[np.bool_]],
    b_quoted: np.ndarray[Any, np.dtype[np.bool_]],
    first_in_b: np.ndarray[Any, np.dtype[np.intp]],
) -> int:
    """Units of ``a``'s span ``[start, end)`` quoted in ``a``, or in ``b`` where each of
    its shingles is first found there (``first_in_b``: -1 where it is not)."""
    mark = a_quoted[start:end].copy()
    at = np.arange(start, max(start + 1, end - a.k + 1))
    j = first_in_b[at]
    found = j >= 0
    at, j = at[found], j[found]
    if len(at):
        step = np.arange(a.k)
        ia = at[:, None] + step
        jb = j[:, None] + step
        inside = (ia < end) & (jb < len(b_quoted))
        hit = inside & b_quoted[np.minimum(jb, len(b_quoted) - 1)]
        mark[ia[hit] - start] = True
    return int(mark.sum())


def overlap(
    text_a: str | Units,
    text_b: str | Units,
    params: FingerprintParams | None = None,
    *,
    min_run: int = 8,
    max_gap: int = 3,
) -> Overlap:
    """Passages of at least ``min_run`` units shared by two texts, seen from the smaller.

    A unit counts as quoted when it is inside quotation marks in either text, so a
    copy that dropped the marks does not turn a quotation into narrative.  A text
    compared with many others can be passed as its :func:`units`, computed once.
    Shingles are compared by their 64-bit hashes, looked up in the larger text's
    sorted hashes.
    """
    params = params or FingerprintParams()
    ua = text_a if isinstance(text_a, Units) else units(text_a, params)
    ub = text_b if isinstance(text_b, Units) else units(text_b, params)
    if len(ub.units) < len(ua.units):
        ua, ub = ub, ua
    if len(ua.shingles) == 0 or len(ub.shingles) == 0:
        return Overlap((), len(ua.units), ua.name)
    order = np.argsort(ub.shingles, kind="stable")  # equal hashes keep text order
    in_b = ub.shingles[order]
    at = np.searchsorted(in_b, ua.shingles)
    at[at == len(in_b)] = 0
    hit = in_b[at] == ua.shingles
    groups: list[list[tuple[int, int]]] = []
    for start, end in _spans(np.flatnonzero(hit), min(ua.k, len(ua.units))):
        if groups and start - groups[-1][-1][1] <= max_gap:
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    passages: list[Passage] = []
    arrays = None  # built for the first passage long enough
    for runs in groups:
        shared = sum(end - start for start, end in runs)
        if shared < min_run:
            continue
        if arrays is None:
            first_in_b = np.where(hit, order[at], -1)
            arrays = (np.array(ua.quoted, dtype=bool), np.array(ub.quoted, dtype=bool), first_in_b)
        quoted = sum(_quoted(ua, start, end, *arrays) for start, end in runs)
        passages.append(Passage(runs[0][0], runs[-1][1], shared, quoted))
    return Overlap(tuple(passages), len(ua.units), ua.name)


_SLUG_EXT = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms)$", re.IGNORECASE)
#: Slug tokens that are ids, not words: digits, or letters and digits mixed (``p51eh7``).
_ID_TOKEN = re.compile(r"^(?=.*\d)[a-z0-9]+$")
#: A headline needs this many words; shorter slugs (``/news``, ``/index``) are not one.
MIN_HEADLINE_WORDS = 4


def headline_of(title: str | None, url: str | None) -> tuple[str, ...] | None:
    """The words of a document's headline: its title, else its URL slug."""
    words = normalise(title).split() if title else []
    if len(words) < MIN_HEADLINE_WORDS and url:
        path = unquote(urlsplit(url).path).rstrip("/")
        slug = _SLUG_EXT.sub("", path.rsplit("/", 1)[-1])
        words = [w for w in normalise(slug).split() if not _ID_TOKEN.match(w)]
    return tuple(words) if len(words) >= MIN_HEADLINE_WORDS else None


def _holds(line: list[str], headline: tuple[str, ...]) -> bool:
    if not line or len(line) > 2 * len(headline) + 2:
        return False
    rest = iter(line)
    return all(word in rest for word in headline)


def carries_headline(text: str, title: str | None, headline: tuple[str, ...] | None) -> bool:
    """Does a text (or its title) carry ``headline``: a line holding its words in order,
    with at most ``len + 2`` others (a slug drops small words; a line may add a site)?"""
    if not headline:
        return False
    if title and _holds(normalise(title).split(), headline):
        return True
    return any(_holds(normalise(line).split(), headline) for line in text.splitlines())


__all__ = [
    "MIN_HEADLINE_WORDS",
    "Overlap",
    "Passage",
    "Units",
    "carries_headline",
    "headline_of",
    "overlap",
    "units",
]
