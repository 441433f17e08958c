"""Readability-style candidate scoring over the :mod:`.content_model` tree.

Paragraph-like units give points (one, plus commas, plus length) to their
ancestors; containers start from a tag- and class-based weight and are scaled by
their link density.  The best container is widened to its parent when the
competition is spread among siblings, and related siblings are merged in;
:mod:`.content_clean` then drops boilerplate inside the result.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from provenance.extract.content_clean import clean, dismissible, tally
from provenance.extract.content_model import (
    El,
    Flags,
    Unit,
    class_weight,
    link_density,
    unit_link_density,
)

_SENTENCE_END: Final = re.compile(r"\.( |$)")
#: A class this many one-paragraph divs of one parent share wraps the story's paragraphs.
_WRAPPER_REPEATS: Final = 3

_TAG_BASE: Final = {
    "div": 5,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
#: Owners whose inline text is a scored paragraph.
_P_TAGS: Final = frozenset(("p", "pre", "td", "h2", "h3", "h4", "h5", "h6", "section"))
#: Containers whose inline text becomes a paragraph (Readability turns them into <p>).
_DIV_LIKE: Final = frozenset(("div", "article", "main", "center", "body", "header", "form"))
_NOT_P: Final = frozenset(
    ("li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "pre")
)
N_TOP = 5


def aggregate(el: El, strip_unlikely: bool, excluded: bool = False) -> None:
    """Fill the text totals of ``el``'s subtree, mark ``excluded`` subtrees, reset scores.

    The structural totals only cleaning reads are left to :func:`.content_clean.tally`.
    """
    el.excluded = excluded = excluded or (strip_unlikely and el.unlikely)
    el.removed = False
    el.score = 0.0
    el.scored = False
    text = link = 0.0
    commas = paras = credit = 0
    not_p = el.tag in _NOT_P or el.tag == "blockquote"
    for item in el.items:
        if isinstance(item, Unit):
            text += len(item.text)
            link += item.link_len
            commas += item.commas
            if not not_p:
                paras += 1
            if item.credit:
                credit += 1
            continue
        aggregate(item, strip_unlikely, excluded)
        if item.excluded and not excluded:
            continue
        text += item.t_text
        link += item.t_link
        commas += item.t_commas
        paras += item.t_p
        credit += item.t_credit
    el.t_text, el.t_link, el.t_commas, el.t_p, el.t_credit = text, link, commas, paras, credit


def _wraps_single_p(el: El) -> bool:
    """A ``<div>`` holding nothing but one ``<p>``: Readability replaces it by the ``<p>``."""
    items = el.items
    return (
        el.tag == "div"
        and len(items) == 1
        and isinstance(items[0], El)
        and items[0].tag == "p"
        and link_density(el) < 0.25
    )


def _score_units(units: list[Unit], flags: Flags) -> list[El]:
    candidates: list[El] = []
    for unit in units:
        owner = unit.owner
        if owner.excluded or len(unit.text) < 25:
            continue
        tag = owner.tag
        if tag in _P_TAGS or ((tag in _DIV_LIKE or "-" in tag) and not owner.has_block):
            start = owner.parent
        elif tag in _DIV_LIKE or "-" in tag:
            start = owner
        else:
            continue
        if start is not None and _wraps_single_p(start):
            start = start.parent
        text = unit.text
        points = 1 + unit.commas + min(len(text) // 100, 3)
        level = 0
        anc = start
        while anc is not None and level < 5:
            if not anc.scored:
                anc.scored = True
                anc.score = _TAG_BASE.get(anc.tag, 0) + (
                    class_weight(anc) if flags.weight_classes else 0
                )
                candidates.append(anc)
            anc.score += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            anc = anc.parent
            level += 1
    for cand in candidates:
        cand.score *= 1 - link_density(cand)
    return candidates


def _ancestors(el: El) -> list[El]:
    out: list[El] = []
    p = el.parent
    while p is not None:
        out.append(p)
        p = p.parent
    return out


def _only_child(el: El) -> bool:
    """Whether ``el`` has exactly one element child (after unlikely and empty ones go)."""
    if el.n_other:
        return False
    kids = 0
    for item in el.items:
        if isinstance(item, Unit):
            return False
        if item.excluded or (not item.items and not item.n_other):
            continue
        kids += 1
        if kids > 1:
            return False
    return kids == 1


def _choose_top(root: El, candidates: list[El]) -> El:
    if not candidates:
        return root
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)[:N_TOP]
    top = ranked[0]
    if top is root or top.score <= 0:
        return root
    alternatives = [_ancestors(c) for c in ranked[1:] if c.score / top.score >= 0.75]
    if len(alternatives) >= 3:
        parent = top.parent
        while parent is not None and parent is not root:
            if sum(1 for anc in alternatives if parent in anc) >= 3:
                top = parent
                break
            parent = parent.parent
    if not top.scored:
        top.scored = True
        top.score = float(_TAG_BASE.get(top.tag, 0))
    parent = top.parent
    last = top.score
    threshold = last / 3
    while parent is not None and parent is not root:
        if not parent.scored:
            parent = parent.parent
            continue
        if parent.score < threshold:
            break
        if parent.score > last:
            top = parent
            break
        last = parent.score
        parent = parent.parent
    parent = top.parent
    while parent is not None and parent is not root and _only_child(parent):
        top = parent
        parent = top.parent
    return top


def _same_class(a: str, b: str) -> bool:
    """Readability's "same class as the top candidate", allowing modifier classes on
    one of them: "chunk" and "chunk chunk--last" (a BEM modifier: one of the shared
    classes, then "--" or "_") are one kind of block.  "container" and "container
    _options", or "col col-main" and "col col-side", are not."""
    if a == b:
        return True
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return False
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not small <= large:
        return False
    marks = tuple(f"{c}{sep}" for c in small for sep in ("--", "_"))
    return all(extra.startswith(marks) for extra in large - small)


def _single_p(div: El) -> bool:
    """Does ``div`` hold one paragraph and nothing else?"""
    return len(div.items) == 1 and isinstance(div.items[0], El) and div.items[0].tag == "p"


def _reads_as_paragraph(div: El, before_top: bool, wrappers: Counter[str]) -> bool:
    """A div with no block inside; or one whose one child is a paragraph and nothing
    else (Readability puts that paragraph in the div's place) before the top candidate,
    or after it when its class wraps other paragraphs too (a component per paragraph:
    after the story, a lone such div is more often a side column's blurb)."""
    if not div.has_block:
        return True
    return _single_p(div) and (before_top or wrappers[div.class_name] >= _WRAPPER_REPEATS)


def _siblings(top: El) -> list[El | Unit]:
    parent = top.parent
    if parent is None:
        return [top]
    threshold = max(10.0, top.score * 0.2)
    out: list[El | Unit] = []
    before = True
    wrappers = Counter(
        item.class_name
        for item in parent.items
        if isinstance(item, El) and item.tag == "div" and item.class_name and _single_p(item)
    )
    for item in parent.items:
        if item is top:
            before = False
            out.append(item)
        elif isinstance(item, Unit):
            if item.credit:
                out.append(item)
                continue
            n, ld = len(item.text), unit_link_density(item)
            if (n > 80 and ld < 0.25) or (
                0 < n < 80 and ld == 0 and _SENTENCE_END.search(item.text)
            ):
                out.append(item)
        elif item.excluded or dismissible(item):
            continue
        else:
            same = bool(top.class_name) and _same_class(item.class_name, top.class_name)
            bonus = top.score * 0.2 if same else 0.0
            if item.scored and item.score + bonus >= threshold:
                out.append(item)
            elif bonus and item.t_text > 0 and link_density(item) < 0.25:
                # same class as the top candidate but its paragraphs sit too deep to score
                out.append(item)
            elif item.tag == "p" or (
                item.tag == "div" and _reads_as_paragraph(item, before, wrappers)
            ):
                # Readability reads a div holding no block as a paragraph, and one holding
                # only a paragraph too (a lead or standfirst before the body is such a div)
                n, ld = int(item.t_text), link_density(item)
                if n > 80 and ld < 0.25:
                    out.append(item)
                elif 0 < n < 80 and ld == 0:
                    text = " ".join(u.text for u in item.items if isinstance(u, Unit))
                    if _SENTENCE_END.search(text):
                        out.append(item)
            elif item.t_credit:
                out.append(item)
    return out


def select(root: El, units: list[Unit], flags: Flags) -> list[El | Unit]:
    """Run one Readability pass; return the chosen top-level items in order."""
    aggregate(root, flags.strip_unlikely)
    candidates = _score_units(units, flags)
    top = _choose_top(root, candidates)
    chosen: list[El | Unit] = [top] if top is root else _siblings(top)
    for item in chosen:
        if isinstance(item, El):
            tally(item)
            clean(item, flags)
    return chosen


__all__ = ["N_TOP", "aggregate", "select"]
