"""Candidate credit lines at the edges of an article, and the features the model reads.

A credit sits at an edge: the last blocks, the first block, a line under the
headline.  :func:`candidate_lines` takes bounded windows from there (a hostile
page of 20,000 paragraphs yields at most :data:`MAX_LINES` lines of at most
:data:`MAX_LINE` characters), and :func:`features` describes one line with
signals that hold in any language: cues from the multilingual lexicon, a link
to another site, the page's own headline inside the line, a publication name
after the cue, a date after the cue, where the line sits, how long it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from provenance.attribution.lexicon import NEGATIVE, POSITIVE, fold, lexicon
from provenance.attribution.naming import CAP_RUN, DOMAIN, QUOTED
from provenance.attribution.negatives import PAREN_TAIL, anchored, colon_after
from provenance.attribution.text import Norm, Span, normalize
from provenance.model import Block
from provenance.sites import registrable_domain

#: Longest line read (characters of block text).
MAX_LINE: Final = 320
#: Most lines read per page.
MAX_LINES: Final = 12
#: How many blocks from the end count as the article's end.
END_BLOCKS: Final = 4

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")
_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
#: "in 1902", "en 1967", "im Jahr 2004": a cue about history, not about this copy.
_IN_YEAR = re.compile(
    r"\b(?:in|en|im|nel|em|w|v|в|di|på|i)\s+(?:(?:the\s+)?(?:year|jahr|año|anno|ano)\s+)?"
    r"(?:1[5-9]\d\d|20\d\d)s?\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[[^\[\]]{0,40}\]|<[^<>]{2,30}>|\{[^{}]{2,30}\}")
_CONNECTOR = re.compile(
    r"^[\s:：,]*(?:(?:on|at|in|by|from|to|via|the|a|an|his|her|its|their|en|em|no|na|su|sul|"
    r"sulla|auf|im|am|op|på|w|v|ve|в|на|di|dari|tại|trên|dans|à|au|aux|sur|de|da|do|dos|della|"
    r"dello|dei|degli|delle|del|el|la|le|les|du|des|der|die|das|dem|den|von)\s+)*(\S)"
)
_QUOTE_MARKS = "\"“”«»„「」『』'‘’"
_LETTER = re.compile(r"[^\W\d_]")

#: Cue kinds from the most to the least telling of where a name follows.
_STRENGTH: Final = ("appeared", "first", "republished", "read_more", "published", "source")

FEATURES: Final = (
    *(f"cue:{name}" for name in (*POSITIVE, "article", *NEGATIVE)),
    "cues>=2",
    "published+first",
    "link:foreign",
    "link:any",
    "domain-in-text",
    "title-in-line",
    "name-after-cue",
    "date-after-cue",
    "in-year",
    "colon-after-cue",
    "cue-at-start",
    "source-at-start",
    "source-in-prose",
    "article-before-cue",
    "words-before-cue>6",
    "lowercase-after-cue",
    "narrative",
    "anchored",
    "placeholder",
    "words-after-cue>12",
    "cue-quoted",
    "paren-tail",
    "words<=6",
    "words<=15",
    "words>40",
    "block:last",
    "block:end",
    "block:first",
    "line:whole-block",
    "line:no-letters",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One candidate line: its normalised text (links kept) and where it sits."""

    norm: Norm
    block: int
    #: "end" (one of the last blocks) or "start" (the first block).
    edge: str
    #: Blocks between this one and the end (0 for the last block).
    from_end: int
    whole_block: bool

    @property
    def text(self) -> str:
        return self.norm.text


@dataclass(frozen=True, slots=True)
class Cues:
    """Where each lexicon category matched in a line."""

    spans: dict[str, list[tuple[int, int]]]

    @property
    def positive(self) -> list[tuple[int, int]]:
        return sorted(s for name in POSITIVE for s in self.spans.get(name, []))

    def by_strength(self, text: str) -> list[tuple[int, int]]:
        """Positive cue spans, the strongest kinds first, each kind in text order.

        A "source" word ("from", "via", "Quelle") counts only where it introduces
        a name: at the line's start or before a colon, not mid-sentence.
        """
        out = []
        for name in _STRENGTH:
            for s in sorted(self.spans.get(name, [])):
                if name == "source" and not _introduces(text, s):
                    continue
                out.append(s)
        return out

    def has(self, name: str) -> bool:
        return bool(self.spans.get(name))


def _introduces(text: str, span: tuple[int, int]) -> bool:
    return len(text[: span[0]].split()) <= 1 or colon_after(text, span)


def _sentences(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(o, s) for o, s in out if s.strip()]


def worth_reading(raw: str) -> bool:
    """Could this slice hold a credit the reader would return?  It needs a credit cue, or
    a name in parentheses closing it; the test runs on the raw text, before normalising."""
    if PAREN_TAIL.search(raw):
        return True
    spans = lexicon().categories(fold(raw))
    if any(spans.get(name) for name in POSITIVE if name != "source"):
        return True
    return any(_introduces(raw, s) for s in spans.get("source", []))


def _lines_of(
    block: Block, base: str | None, at_end: bool, prefilter: bool
) -> list[tuple[Norm, bool]]:
    text = block.text
    if len(text) <= MAX_LINE:
        picked, whole = [(0, text)], True
    else:
        sentences = _sentences(text)
        picked = [(o, s[:MAX_LINE]) for o, s in (sentences[-2:] if at_end else sentences[:1])]
        picked = [(o, s) for o, s in picked if len(s) <= 2 * MAX_LINE]
        whole = False
    return [
        (normalize(s, block.links, base, offset=o), whole)
        for o, s in picked
        if not prefilter or worth_reading(s)
    ]


def candidate_lines(
    blocks: Sequence[Block],
    base: str | None,
    skip: frozenset[int] = frozenset(),
    *,
    prefilter: bool = False,
) -> list[Line]:
    """Lines at the article's edges (captions and blocks in ``skip`` left out).

    With ``prefilter``, lines that cannot give a credit (:func:`worth_reading`) are
    not normalised nor returned; training wants them all.
    """
    n = len(blocks)
    order = [*range(n - 1, max(-1, n - 1 - END_BLOCKS), -1)]
    if n > END_BLOCKS:
        order.append(0)
    out: list[Line] = []
    for index in order:
        block = blocks[index]
        if index in skip or block.kind == "caption" or not block.text.strip():
            continue
        at_end = index >= n - END_BLOCKS
        for norm, whole in _lines_of(block, base, at_end, prefilter):
            edge = "end" if at_end else "start"
            out.append(Line(norm, index, edge, n - 1 - index, whole))
            if len(out) >= MAX_LINES:
                return out
    return out


def cues_of(line: Line) -> Cues:
    return Cues(lexicon().categories(fold(line.text)))


def foreign_links(line: Line, page_url: str | None) -> list[Span]:
    page = registrable_domain(page_url)
    return [s for s in line.norm.links if registrable_domain(s.href) not in (None, page)]


def title_in(text: str, title: str | None) -> bool:
    if not title:
        return False
    key = " ".join(fold(title).split())
    return len(key.split()) >= 3 and key in " ".join(fold(text).split())


#: The length of the English "courtesy of": longer source cues are not counted as prose.
_SHORT_CUE_CHARS = 11
_SHORT_CUE_WORDS = 2


def _source_in_prose(text: str, cues: Cues, words: int) -> bool:
    """Only a "source"/"from" word, no colon after it, in a sentence of some length:
    "the source of the river", not "Source: X"."""
    if any(cues.has(name) for name in POSITIVE if name != "source") or not cues.has("source"):
        return False
    spans = cues.spans["source"]
    colon = any(colon_after(text, s) for s in spans)
    # a cue longer than English's "courtesy of" does not make the line longer:
    # "Mit freundlicher Genehmigung der X" is as short a line as "Courtesy of X"
    extra_chars = sum(max(0, e - s - _SHORT_CUE_CHARS) for s, e in spans)
    extra_words = sum(max(0, len(text[s:e].split()) - _SHORT_CUE_WORDS) for s, e in spans)
    return not colon and (words - extra_words > 6 or len(text) - extra_chars > 40)


def _narrative(text: str, cues: Cues, first_start: int) -> bool:
    """The cue sits mid-sentence with no article subject before it ("X, which first
    appeared in Y"): prose about something else, not a credit line."""
    if first_start >= len(text) or any(s[1] <= first_start for s in cues.spans.get("article", [])):
        return False
    return len(text[:first_start].split()) > 4


def _lowercase_after(text: str, cues: list[tuple[int, int]]) -> bool:
    """Every cue is followed (past connectors) by a lower-case word: narrative, not a name."""
    for _, end in cues:
        m = _CONNECTOR.match(text[end : end + 40])
        if not m or not (m.group(1).islower() and m.group(1).isalpha()):
            return False
    return True


def name_after(line: Line, cue_end: int) -> bool:
    """A publication-like name soon after the cue: a link, a domain, a quoted or
    capitalised span, or (in scripts without case) any letters before the line ends."""
    tail = line.text[cue_end : cue_end + 60]
    if any(cue_end <= s.start <= cue_end + 60 for s in line.norm.links):
        return True
    if DOMAIN.search(tail) or QUOTED.search(tail):
        return True
    stripped = tail.lstrip(" :：-–—")
    if CAP_RUN.match(stripped) or CAP_RUN.search(tail[:40]):
        return True
    letters = _LETTER.findall(tail[:30])
    return bool(letters) and not any(ch.lower() != ch.upper() for ch in letters)


def features(line: Line, cues: Cues, page_url: str | None, title: str | None) -> list[float]:
    """The feature vector of :data:`FEATURES` for one line."""
    text = line.text
    positive = cues.positive
    last_end = positive[-1][1] if positive else 0
    first_start = positive[0][0] if positive else len(text)
    words = len(text.split())
    has = [1.0 if cues.has(name) else 0.0 for name in (*POSITIVE, "article", *NEGATIVE)]
    n_pos = sum(1 for name in POSITIVE if cues.has(name))
    links = foreign_links(line, page_url)
    quoted = bool(positive) and any(
        text[:first_start].count(q) % 2 == 1 for q in _QUOTE_MARKS if q in text[:first_start]
    )
    return [
        *has,
        1.0 if n_pos >= 2 else 0.0,
        1.0 if (cues.has("published") or cues.has("appeared")) and cues.has("first") else 0.0,
        1.0 if links else 0.0,
        1.0 if line.norm.links else 0.0,
        1.0 if DOMAIN.search(text) else 0.0,
        1.0 if title_in(text, title) else 0.0,
        1.0 if positive and name_after(line, last_end) else 0.0,
        1.0 if any(_YEAR.search(text[e : e + 25]) for _, e in positive) else 0.0,
        1.0 if positive and _IN_YEAR.search(text, positive[0][1]) else 0.0,
        1.0 if positive and colon_after(text, positive[-1]) else 0.0,
        1.0 if positive and len(text[:first_start].split()) <= 3 else 0.0,
        1.0 if any(len(text[: s[0]].split()) <= 1 for s in cues.spans.get("source", [])) else 0.0,
        1.0 if _source_in_prose(text, cues, words) else 0.0,
        1.0 if any(s[1] <= first_start for s in cues.spans.get("article", [])) else 0.0,
        1.0 if positive and len(text[:first_start].split()) > 6 else 0.0,
        1.0 if positive and _lowercase_after(text, positive) else 0.0,
        1.0 if _narrative(text, cues, first_start) else 0.0,
        1.0 if positive and anchored(text, cues.spans, first_start, bool(links)) else 0.0,
        1.0 if _PLACEHOLDER.search(text) else 0.0,
        1.0 if positive and len(text[last_end:].split()) > 12 else 0.0,
        1.0 if quoted else 0.0,
        1.0 if PAREN_TAIL.search(text) else 0.0,
        1.0 if words <= 6 else 0.0,
        1.0 if words <= 15 else 0.0,
        1.0 if words > 40 else 0.0,
        1.0 if line.from_end == 0 else 0.0,
        1.0 if line.edge == "end" else 0.0,
        1.0 if line.edge == "start" else 0.0,
        1.0 if line.whole_block else 0.0,
        0.0 if _LETTER.search(text) else 1.0,
    ]


__all__ = [
    "FEATURES",
    "MAX_LINE",
    "MAX_LINES",
    "Cues",
    "Line",
    "candidate_lines",
    "cues_of",
    "features",
    "foreign_links",
    "name_after",
    "title_in",
    "worth_reading",
]
