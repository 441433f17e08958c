"""The light block model the content extractor scores, and the class-name weights.

:mod:`.content_walk` builds it from the parsed tree: a tree of :class:`El`
(block-level elements) whose ``items`` are child ``El`` and :class:`Unit` (runs of
inline text: a paragraph, a list item, a line of ``<div>``/``<br>`` text) in
document order.  :mod:`.content_score` and :mod:`.content_clean` read and annotate
it.  Objects live for one :func:`~provenance.extract.content.extract_blocks` call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, TypeAlias

POSITIVE: Final = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story"
)
NEGATIVE: Final = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|"
    r"footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|"
    r"skyscraper|sponsor|shopping|tags|tool|widget"
)
#: Commas in several scripts; each one adds a point to a paragraph.
COMMAS: Final = re.compile(r"[,\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c]")


_Trie: TypeAlias = dict[str, "_Trie"]


def any_of(*words: str) -> str:
    """Regex source matching any of ``words`` literally, factored into a prefix trie.

    ``re`` tries the branches of an alternation one by one at every position; with
    shared prefixes only one branch per distinct first character is left, which makes
    a search over dozens of words several times faster.  The language is unchanged.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(trie)


def _trie_source(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True, slots=True)
class Flags:
    """Which Readability heuristics are on; later passes relax them."""

    strip_unlikely: bool = True
    weight_classes: bool = True
    clean: bool = True


def count_commas(text: str) -> int:
    """Commas in ``text``, the ideographic and Arabic ones too."""
    return text.count(",") if text.isascii() else len(COMMAS.findall(text))


class Run:
    """Inline text being collected for the current block."""

    __slots__ = ("brs", "frags", "links")

    def __init__(self) -> None:
        self.frags: list[str] = []
        #: (anchor token, href, text fragments) per ``<a>`` met in this run
        self.links: list[tuple[int, str, list[str]]] = []
        #: consecutive ``<br>`` seen since the last text
        self.brs = 0


class Unit:
    """A run of inline text owned by one block element."""

    __slots__ = ("commas", "credit", "index", "link_len", "links", "owner", "text")

    def __init__(
        self,
        text: str,
        owner: El,
        links: list[tuple[str, str]],
        link_len: float,
        commas: int | None = None,
    ) -> None:
        self.text = text
        self.owner = owner
        #: (link text, raw href) pairs, resolved only for units that are kept
        self.links = links
        self.link_len = link_len
        #: commas of the prose in ``text`` (scoring points); all of them unless given
        self.commas = count_commas(text) if commas is None else commas
        #: position among all units of the page
        self.index = -1
        #: a credit line ("appeared first on ...") that must survive cleaning
        self.credit = False


class El:
    """A block-level element: its children in order plus the stats scoring needs."""

    __slots__ = (
        "attrs_s",
        "class_name",
        "closes",
        "excluded",
        "has_block",
        "ident",
        "items",
        "n_embed",
        "n_img",
        "n_input",
        "n_other",
        "parent",
        "removed",
        "run",
        "score",
        "scored",
        "t_cells",
        "t_commas",
        "t_credit",
        "t_embed",
        "t_heading",
        "t_img",
        "t_input",
        "t_li",
        "t_link",
        "t_list",
        "t_p",
        "t_rows",
        "t_tables",
        "t_text",
        "t_th",
        "tag",
        "unlikely",
        "weight",
    )

    # Set by content_score.aggregate() at the start of every pass, before any read:
    #: inside an unlikely subtree during the current pass
    excluded: bool
    #: dropped by cleaning during the current pass
    removed: bool
    score: float
    scored: bool
    # subtree text totals
    t_text: float
    t_link: float
    t_commas: int
    t_p: int
    t_credit: int
    # Structural subtree totals, set by content_clean.tally() for the chosen content only:
    t_img: int
    t_li: int
    t_input: int
    t_embed: int
    t_heading: int
    t_list: int
    t_rows: int
    t_cells: int
    t_th: int
    t_tables: int

    def __init__(self, tag: str, parent: El | None) -> None:
        self.tag = tag
        self.parent = parent
        self.items: list[El | Unit] = []
        self.class_name = ""
        self.ident = ""
        self.attrs_s = ""
        self.run: Run | None = None
        #: flagged by class/id/role/tag as likely boilerplate (skipped by the first pass)
        self.unlikely = False
        self.has_block = False
        #: holds a control that closes it (a dismissible banner, notice or overlay)
        self.closes = False
        # own counts (direct children)
        self.n_img = self.n_input = self.n_embed = 0
        #: element children that are not ``El`` (inline, media, form controls ...)
        self.n_other = 0
        self.weight: int | None = None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<El {self.tag} {self.attrs_s[:40]!r} score={getattr(self, 'score', 0.0):.1f}>"


def _weigh(name: str) -> int:
    low = name.lower()
    return (25 if POSITIVE.search(low) else 0) - (25 if NEGATIVE.search(low) else 0)


def class_weight(el: El) -> int:
    """Readability's class/id weight: +25 per positive, -25 per negative name (cached)."""
    w = el.weight
    if w is None:
        w = el.weight = (_weigh(el.class_name) if el.class_name else 0) + (
            _weigh(el.ident) if el.ident else 0
        )
    return w


def link_density(el: El) -> float:
    """Share of ``el``'s text inside links (``#`` links count 0.3)."""
    return el.t_link / el.t_text if el.t_text else 0.0


def unit_link_density(unit: Unit) -> float:
    return unit.link_len / len(unit.text) if unit.text else 0.0


__all__ = [
    "COMMAS",
    "NEGATIVE",
    "POSITIVE",
    "El",
    "Flags",
    "Run",
    "Unit",
    "any_of",
    "class_weight",
    "link_density",
    "unit_link_density",
]
