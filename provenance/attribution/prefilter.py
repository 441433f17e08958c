"""A cheap prefilter for the anchor regexes: the literals every match must contain.

Most blocks of an article hold no credit.  Running every anchor regex on every block
costs more than the rest of extraction, so each anchor is analysed once (with the
standard library's regex parser) for a set of literal strings of which any match must
contain at least one.  A block that contains none of them, case-insensitively, cannot
match the anchor, and the regex is not run.  The sets come from the pattern data
itself, so adding a pattern needs no extra bookkeeping.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from provenance.lazyre import LazyPattern

# The standard library's regex parser (private, but stable across 3.11+).  Imported by
# name so that typing treats it as Any, and the deprecated sre_parse alias is avoided.
_sre_parse: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

#: Literals shorter than this are too common to filter on ...
_MIN_LITERAL = 3
#: ... except these marks, which most paragraphs lack (an agency tag "(AP)" needs one).
_RARE_MARKS = frozenset("(©")


@dataclass(frozen=True, slots=True)
class Anchor:
    """An anchor regex and the literals (lower-case) one of which any match contains."""

    regex: LazyPattern
    #: None when no useful literal could be derived: the regex is always run.
    literals: frozenset[str] | None

    def may_match(self, lowered: str) -> bool:
        return self.literals is None or any(lit in lowered for lit in self.literals)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals (lower-cased) of which every match of ``pattern`` contains one, or None."""
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    return _sequence(list(parsed))


def _useful(literal: str) -> bool:
    """Long enough to filter on, or a punctuation mark rare in prose, such as ``(``."""
    return len(literal) >= _MIN_LITERAL or literal in _RARE_MARKS


def _best(candidates: Iterable[frozenset[str]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    best_len = 0
    for cand in candidates:
        shortest = min((len(s) for s in cand), default=0)
        if all(_useful(s) for s in cand) and (
            shortest > best_len
            or (shortest == best_len and best is not None and len(cand) < len(best))
        ):
            best, best_len = cand, shortest
    return best


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        literal = "".join(run).lower()
        if literal and _useful(literal):
            candidates.append(frozenset({literal}))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        sub = _item(op, av)
        if sub is not None:
            candidates.append(sub)
    close_run()
    return _best(candidates)


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            sub = _sequence(list(branch))
            if sub is None:
                return None
            union |= sub
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return None


@dataclass(frozen=True, slots=True)
class AnchorSet:
    """All anchors, indexed by literal so each literal is looked for once per block."""

    anchors: tuple[Anchor, ...]
    #: (literal, indexes of the anchors that need it), longest literals first.
    by_literal: tuple[tuple[str, tuple[int, ...]], ...]
    #: Anchors with no usable literal: always run.
    always: tuple[int, ...]
    #: literal -> indexes of the anchors that need it (the same as ``by_literal``)
    index: Mapping[str, tuple[int, ...]]
    #: regex source -> its anchor
    by_pattern: Mapping[str, Anchor]

    def candidates(self, lowered: str) -> list[Anchor]:
        """The anchors that may match a block, given the block lower-cased."""
        hit = set(self.always)
        for literal, indexes in self.by_literal:
            if literal in lowered:
                hit.update(indexes)
        return [self.anchors[i] for i in sorted(hit)]

    def literals(self) -> frozenset[str]:
        """Every literal some anchor of the set needs."""
        return frozenset(literal for literal, _ in self.by_literal)

    def candidates_given(self, present: frozenset[str]) -> list[Anchor]:
        """Like :meth:`candidates`, from the literals already found in the block."""
        if not present:
            return [self.anchors[i] for i in self.always]
        hit = set(self.always)
        for literal in present:
            hit.update(self.index.get(literal, ()))
        return [self.anchors[i] for i in sorted(hit)]

    def __iter__(self) -> Iterator[Anchor]:
        return iter(self.anchors)

    def __len__(self) -> int:
        return len(self.anchors)


def build_anchors(
    regexes: Iterable[LazyPattern], known: Mapping[str, Anchor] | None = None
) -> AnchorSet:
    """The anchor set of ``regexes``; ``known`` anchors are reused, not analysed again."""
    seen: dict[str, Anchor] = {}
    for rx in regexes:
        if rx.pattern not in seen:
            old = known.get(rx.pattern) if known else None
            seen[rx.pattern] = old or Anchor(rx, required_literals(rx.pattern))
    anchors = tuple(seen.values())
    index: dict[str, list[int]] = {}
    always: list[int] = []
    for i, anchor in enumerate(anchors):
        if anchor.literals is None:
            always.append(i)
            continue
        for literal in anchor.literals:
            index.setdefault(literal, []).append(i)
    by_literal = tuple(
        (lit, tuple(ids)) for lit, ids in sorted(index.items(), key=lambda kv: -len(kv[0]))
    )
    return AnchorSet(
        anchors,
        by_literal,
        tuple(always),
        MappingProxyType(dict(by_literal)),
        MappingProxyType(seen),
    )


__all__ = ["Anchor", "AnchorSet", "build_anchors", "required_literals"]
