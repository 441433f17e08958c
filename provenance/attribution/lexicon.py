"""The multilingual credit-cue lexicon (``lexicon.toml``), compiled for fast matching.

Each category (published, appeared, first, source, republished, read_more, article,
and the negative image and rights) becomes one regular expression over every
language at once: a line's language is not known, and credits are often written
in a language other than the page's.  Cues of spaced languages match on word
boundaries (as word prefixes for agglutinating ones); cues of ja, zh and th match
as substrings.  Text is lower-cased and has its apostrophes folded before matching
(:func:`fold`, which keeps offsets).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

#: Categories whose cues say "this line credits a source".
POSITIVE: Final = ("published", "appeared", "first", "source", "republished", "read_more")
#: Categories about the line's subject.
SUBJECT: Final = ("article",)
#: Categories that say "this line is about an image, a copyright or a licence".
NEGATIVE: Final = ("image", "rights")
CATEGORIES: Final = POSITIVE + SUBJECT + NEGATIVE

_UNSPACED: Final = frozenset({"ja", "zh", "th"})
_PREFIX_MATCH: Final = frozenset({"fi", "hu", "tr", "et", "ko", "ta", "kk", "az"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})


def fold(text: str) -> str:
    """The form cues are matched against: lower case, apostrophes folded.

    Length-preserving (a character whose lower case is longer is kept as it is), so
    offsets in the folded text are offsets in the text.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_APOSTROPHES)


_WORD = re.compile(r"\w+(?:'\w+)*")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
#: A character of a script written without spaces between words (Thai, kana, CJK).
UNSPACED_CHARS = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")

#: A cue as words: (words, category, match the last word as a prefix).
_Cue = tuple[tuple[str, ...], str, bool]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cues of every language, indexed by their first word (or as substrings)."""

    #: First word of a spaced-language cue → the cues starting with it.
    by_word: dict[str, tuple[_Cue, ...]]
    #: First three letters of a prefix-matched cue → those cues.
    by_prefix: dict[str, tuple[_Cue, ...]]
    #: Cues of unspaced scripts, matched as substrings: (cue, category).
    substrings: tuple[tuple[str, str], ...]
    languages: tuple[str, ...]

    def categories(self, folded: str) -> dict[str, list[tuple[int, int]]]:
        """For each category, the spans of its cues in ``folded`` text (longest match first)."""
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in CATEGORIES}
        words = _WORD.findall(folded)
        by_word, by_prefix = self.by_word, self.by_prefix
        # (first word, last word, category) of each cue found, left to right; a cue's
        # words are not read again as the start of another
        hits: list[tuple[int, int, str]] = []
        resume = 0
        for i, word in enumerate(words):
            if i < resume or (
                word not in by_word and word[:3] not in by_prefix and word[:2] not in by_prefix
            ):
                continue
            best: tuple[int, int, str] | None = None
            short = by_prefix.get(word[:2], ()) if len(word) > 2 else ()
            for cue, name, prefix in (
                *by_word.get(word, ()),
                *by_prefix.get(word[:3], ()),
                *short,
            ):
                # the most words, then the longest cue: "원문보기" (read the
                # original) over its prefix "원문" (original)
                n, size = len(cue), sum(map(len, cue))
                if _matches(cue, prefix, words, i) and (best is None or (n, size) > best[:2]):
                    best = (n, size, name)
            if best is not None:
                n, _size, name = best
                hits.append((i, i + n - 1, name))
                resume = i + n
        if hits:
            spans = [m.span() for m in _WORD.finditer(folded)]
            for first, last, name in hits:
                found[name].append((spans[first][0], spans[last][1]))
        if self.substrings and UNSPACED_CHARS.search(folded):
            for literal, category in self.substrings:
                start = folded.find(literal)
                while start >= 0:
                    found[category].append((start, start + len(literal)))
                    start = folded.find(literal, start + len(literal))
        return found


def _prefix_len(word: str) -> int:
    """How many letters of a prefix-matched cue's first word key it: three, or two for
    Hangul, where two syllables make a word ("게재" in "게재되었습니다")."""
    return 2 if _HANGUL.match(word) else 3


def _matches(cue: tuple[str, ...], prefix: bool, words: list[str], i: int) -> bool:
    if i + len(cue) > len(words):
        return False
    for j, part in enumerate(cue):
        word = words[i + j]
        if word == part or (prefix and j == len(cue) - 1 and word.startswith(part)):
            continue
        return False
    return True


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, compiled once per process."""
    raw = tomllib.loads(
        resources.files("provenance.attribution").joinpath("lexicon.toml").read_text("utf-8")
    )
    langs: dict[str, dict[str, object]] = raw["lang"]
    by_word: dict[str, set[_Cue]] = {}
    by_prefix: dict[str, set[_Cue]] = {}
    substrings: set[tuple[str, str]] = set()
    for code, table in langs.items():
        for name in CATEGORIES:
            cues = table.get(name, [])
            for cue in cues if isinstance(cues, list) else ():
                folded = fold(unicodedata.normalize("NFC", str(cue))).strip()
                parts = tuple(_WORD.findall(folded))
                if code in _UNSPACED or (UNSPACED_CHARS.search(folded) and len(parts) <= 1):
                    substrings.add((folded.replace(" ", ""), name))
                elif parts and code in _PREFIX_MATCH and len(parts[0]) >= _prefix_len(parts[0]):
                    key = parts[0][: _prefix_len(parts[0])]
                    by_prefix.setdefault(key, set()).add((parts, name, True))
                elif parts:
                    # a suffixing language's short first word ("이 기사", "a cikk") is
                    # matched whole, its last word still as a prefix ("이 기사는")
                    prefix = code in _PREFIX_MATCH and len(parts) > 1
                    by_word.setdefault(parts[0], set()).add((parts, name, prefix))
    return Lexicon(
        by_word={k: tuple(sorted(v)) for k, v in by_word.items()},
        by_prefix={k: tuple(sorted(v)) for k, v in by_prefix.items()},
        substrings=tuple(sorted(substrings, key=lambda c: (-len(c[0]), c))),
        languages=tuple(sorted(langs)),
    )


__all__ = ["CATEGORIES", "NEGATIVE", "POSITIVE", "SUBJECT", "Lexicon", "fold", "lexicon"]
