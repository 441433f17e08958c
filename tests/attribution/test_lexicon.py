"""The lexicon's cue finder against a plain word-by-word reading of the same text."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from provenance.attribution.lexicon import _WORD, CATEGORIES, fold, lexicon

_LEX = lexicon()
_CUES = sorted(
    " ".join(words) for cues in _LEX.by_word.values() for words, _name, _prefix in cues
) + sorted(" ".join(words) for cues in _LEX.by_prefix.values() for words, _name, _p in cues)


def reference(folded: str) -> dict[str, list[tuple[int, int]]]:
    """Every word in turn: the longest cue starting there wins and its words are used up."""
    found: dict[str, list[tuple[int, int]]] = {name: [] for name in CATEGORIES}
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
    i = 0
    while i < len(words):
        best: tuple[int, int, str] | None = None
        word = words[i][0]
        short = _LEX.by_prefix.get(word[:2], ()) if len(word) > 2 else ()  # Hangul keys
        for cue, name, prefix in (
            *_LEX.by_word.get(word, ()),
            *_LEX.by_prefix.get(word[:3], ()),
            *short,
        ):
            n = len(cue)
            ok = i + n <= len(words) and all(
                words[i + j][0] == part
                or (prefix and j == n - 1 and words[i + j][0].startswith(part))
                for j, part in enumerate(cue)
            )
            size = len("".join(cue))
            if ok and (best is None or (n, size) > best[:2]):
                best = (n, size, name)
        if best is None:
            i += 1
            continue
        n, _size, name = best
        found[name].append((words[i][1], words[i + n - 1][2]))
        i += n
    # substrings are read in a text holding a character of a script written without
    # spaces: Thai, kana, CJK ideographs and their compatibility forms
    unspaced = re.search(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]", folded)
    for literal, category in _LEX.substrings if unspaced else ():
        start = folded.find(literal)
        while start >= 0:
            found[category].append((start, start + len(literal)))
            start = folded.find(literal, start + len(literal))
    return found


_PIECES = st.sampled_from([*_CUES, "the", "news", "it's", "l'article", ",", ".", "—", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=14))
def test_categories_agree_with_a_word_by_word_reading(pieces: list[str]) -> None:
    folded = fold(" ".join(pieces))
    assert _LEX.categories(folded) == reference(folded)


def test_cues_found_in_a_footer_and_a_credit() -> None:
    text = fold("The post Rain falls appeared first on Example News. Originally published on X")
    spans = _LEX.categories(text)
    got = {name: [text[a:b] for a, b in found] for name, found in spans.items() if found}
    assert got == {
        "article": ["the post"],
        "appeared": ["appeared"],
        "first": ["first", "originally"],
        "published": ["published"],
    }
