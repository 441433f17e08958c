"""Yoast / All in One SEO "The post %1$s appeared first on %2$s." footers, in every locale.

Each template is split around its placeholders into a lead-in ``P``, a middle ``M`` and a
suffix ``S``.  The scan looks for the most distinctive piece (``M``, or ``S`` for locales such as
Japanese where ``M`` is one particle), then reads the site after ``M`` (or before ``S``) and the
title back to the nearest lead-in.  Work is bounded: a fixed number of anchor hits per window,
each examined within ``title_window``/``site_window`` characters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from provenance.attribution.hits import Hit
from provenance.attribution.names import absorb, case_ok, first_link_href, sentence_end
from provenance.attribution.patterns import Compiled, Template
from provenance.attribution.text import Norm, clean

_WORDS_BARE = 6
_CHARS_BARE = 60
_WORDS_MAX = 20


def scan_templates(data: Compiled, norm: Norm) -> list[Hit]:
    """Every template footer in ``norm``, in text order."""
    text = norm.text
    lowered = text.lower()
    found: list[tuple[int, Template, re.Match[str]]] = []
    for tpl in data.templates:
        rx = tpl.middle if tpl.anchor == "middle" else tpl.suffixes[0]
        if not data.anchor_of(rx).may_match(lowered):
            continue  # none of the literals every match holds: not compiled, not run
        matches = list(rx.finditer(text))[-data.max_anchor_hits :]
        found.extend((m.start(), tpl, m) for m in matches)
    found.sort(key=lambda item: item[0])
    hits: list[Hit] = []
    floor = 0
    for start, tpl, m in found[-data.max_anchor_hits :]:
        if start < floor:
            continue
        hit = _footer_at(data, norm, tpl, m, floor)
        if hit is not None:
            hits.append(hit)
            floor = hit.end
    return hits


def _last_prefix(tpl: Template, text: str, lo: int, hi: int) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for rx in tpl.prefixes:
        for m in rx.finditer(text, lo, hi):
            if m.end() <= hi and (best is None or m.start() > best.start()):
                best = m
    return best


_SENTENCE_END = ".!?。！？…»”\"')]"


def _next_lead(data: Compiled, tpl: Template, text: str, lo: int, hi: int) -> int | None:
    """Start of the next footer's lead-in ("The post ...") between ``lo`` and ``hi``.

    A lead-in word inside a site name ("Origin Post" against the Polish lead-in
    "Post") is not one: it must follow the end of a sentence, or be followed by
    the template's middle (a chained footer).
    """
    first: int | None = None
    for rx in tpl.prefixes:
        pos = lo
        while pos < hi:
            m = rx.search(text, pos, hi)
            if m is None:
                break
            before = text[lo : m.start()].rstrip()
            opens = not before or before[-1] in _SENTENCE_END
            chained = tpl.middle.search(text, m.end(), m.end() + data.title_window) is not None
            if opens or chained:
                if first is None or m.start() < first:
                    first = m.start()
                break
            pos = m.start() + 1
    return first


def _read_site_punct(
    data: Compiled, norm: Norm, lo: int, hi: int
) -> tuple[str, int, str | None, bool]:
    """Site after the middle when the template ends in plain punctuation."""
    text = norm.text
    link = norm.link_at(lo)
    if link is not None and link.end <= hi + 3:
        return clean(link.text, data.strip_chars), link.end, link.href or None, True
    end = sentence_end(data, text, lo, hi - lo)
    cut = end - 1 if end is not None else lo + len(text[lo:hi].rstrip())
    candidate = text[lo:cut]
    clause = data.site_clause.search(candidate)
    if clause:  # "… appeared first on X and is republished here with permission."
        candidate = candidate[: clause.start()]
    if len(candidate.split()) > 8:
        hard = data.site_stop_hard.search(candidate)
        if hard:
            candidate = candidate[: hard.start()]
    return clean(candidate, data.strip_chars), lo + len(candidate.rstrip()), None, False


class _Site(NamedTuple):
    """The site a footer names, where its middle piece starts and where the footer ends."""

    mid_start: int
    site: str
    site_end: int
    site_href: str | None
    from_link: bool
    end: int


def _footer_at(
    data: Compiled, norm: Norm, tpl: Template, m: re.Match[str], floor: int
) -> Hit | None:
    """The footer around one anchor match ``m`` of ``tpl``, or None if it does not read as one."""
    text = norm.text
    if tpl.anchor == "middle":
        found = _site_after_middle(data, norm, tpl, m)
    else:
        found = _site_before_suffix(data, norm, tpl, m, floor)
    if found is None:
        return None
    mid_s, site, site_end, site_href, from_link, end = found
    title_start = _title_start(data, tpl, text, floor, mid_s)
    if title_start is None:
        return None
    start, title_lo, bare = title_start
    title = clean(text[title_lo:mid_s], data.strip_chars)
    if not _site_ok(site, from_link):
        return None
    if bare and not _bare_ok(data, tpl, text, site, title, from_link, end):
        return None
    url = first_link_href(norm.links_in(title_lo, mid_s))
    end = absorb(data, norm, end)
    if url is None:
        url = first_link_href(norm.links_in(site_end, end))
    return Hit(
        start=start,
        end=end,
        kind="appeared-first-on",
        pattern=tpl.name,
        confidence=0.8 if bare else 0.95,
        cuts=((start, end),),
        site=site,
        url=url,
        site_url=site_href,
        title=title or None,
        chain=True,
    )


def _site_after_middle(data: Compiled, norm: Norm, tpl: Template, m: re.Match[str]) -> _Site | None:
    """Site read forward from a middle-piece match, up to the suffix or the next lead-in."""
    text = norm.text
    mid_s, mid_e = m.start(), m.end()
    hi = min(len(text), mid_e + data.site_window)
    nxt = _next_lead(data, tpl, text, mid_e, hi)
    hi = nxt if nxt is not None else hi
    if tpl.suffix_is_punct:
        site, site_end, site_href, from_link = _read_site_punct(data, norm, mid_e, hi)
        end = site_end
        for rx in tpl.suffixes:
            sm = rx.match(text, site_end)
            if sm:
                end = sm.end()
                break
    else:
        sm = min(
            (s for s in (rx.search(text, mid_e, hi) for rx in tpl.suffixes) if s),
            key=lambda s: s.start(),
            default=None,
        )
        if sm is None:
            return None
        site, site_end, site_href, from_link = _inner_site(data, norm, mid_e, sm.start())
        end = sm.end()
    return _Site(mid_s, site, site_end, site_href, from_link, end)


def _site_before_suffix(
    data: Compiled, norm: Norm, tpl: Template, m: re.Match[str], floor: int
) -> _Site | None:
    """Site read back from a suffix match to the last middle piece before it."""
    suf_s, end = m.start(), m.end()
    lo = max(floor, suf_s - data.site_window)
    mid = _last_middle(tpl, norm.text, lo, suf_s)
    if mid is None:
        return None
    site, site_end, site_href, from_link = _inner_site(data, norm, mid.end(), suf_s)
    return _Site(mid.start(), site, site_end, site_href, from_link, end)


def _title_start(
    data: Compiled, tpl: Template, text: str, floor: int, mid_s: int
) -> tuple[int, int, bool] | None:
    """Footer start, title start and whether it lacks a lead-in, read back from the middle."""
    lo = max(floor, mid_s - data.title_window)
    pm = _last_prefix(tpl, text, lo, mid_s)
    if pm is not None:
        return pm.start(), pm.end(), False
    boundary = _boundary(data, text, lo, mid_s)
    if boundary is None and lo > floor:
        return None
    start = boundary if boundary is not None else lo
    return start, start, True


def _last_middle(tpl: Template, text: str, lo: int, hi: int) -> re.Match[str] | None:
    last: re.Match[str] | None = None
    for mm in tpl.middle.finditer(text, lo, hi):
        last = mm
    return last


def _inner_site(data: Compiled, norm: Norm, lo: int, hi: int) -> tuple[str, int, str | None, bool]:
    """Site between two template pieces."""
    for span in norm.links_in(lo, hi + 1):
        return clean(span.text, data.strip_chars), hi, span.href or None, True
    return clean(norm.text[lo:hi], data.strip_chars), hi, None, False


def _boundary(data: Compiled, text: str, lo: int, hi: int) -> int | None:
    """Where a lead-in-less title starts: after a sentence break or an excerpt mark."""
    best: int | None = lo if lo == 0 else None
    for rx in (data.sentence_break, data.excerpt_marks):
        for m in rx.finditer(text, lo, hi):
            if m.end() <= hi and (best is None or m.end() > best):
                best = m.end()
    return best


def _site_ok(site: str, from_link: bool) -> bool:
    if not site or len(site.split()) > _WORDS_MAX:
        return False
    return from_link or case_ok(site)


def _bare_ok(
    data: Compiled, tpl: Template, text: str, site: str, title: str, from_link: bool, end: int
) -> bool:
    if tpl.bare == "no" or (tpl.bare == "link" and not from_link):
        return False
    if from_link:
        return True
    if not title or len(title) > 300:
        return False
    first = next((ch for ch in site if ch.isalpha()), "")
    if not first or not first.isupper():
        return False
    if len(site.split()) > _WORDS_BARE or len(site) > _CHARS_BARE:
        return False
    rest = text[end : end + 300]
    if not rest.strip(data.strip_chars + " \n\t"):
        return True
    return _next_lead(data, tpl, text, end, end + 5) is not None or bool(tpl.middle.search(rest))


__all__ = ["scan_templates"]
