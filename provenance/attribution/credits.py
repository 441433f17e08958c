"""Regex credit families: "originally published on", "republished from", wire datelines ...

Each ``[[credit]]`` entry of the pattern data has an anchor regex; this module checks where the
anchor sits (sentence start, block start/end), whether the words before it are a plausible
subject ("This article was ..."), reads the credited site, and decides what leaves the text.
"""

from __future__ import annotations

import re

from provenance.attribution.hits import Hit
from provenance.attribution.names import (
    SiteRead,
    absorb,
    first_link_href,
    read_site,
    sentence_end,
    sentence_start,
    skip_labels,
)
from provenance.attribution.patterns import Compiled, Credit
from provenance.attribution.text import Norm, clean

_QUOTED = re.compile(r"[\"“”«„]([^\"“”«»„\n]{3,300}?)[\"“”»]")
_HEADLINE = re.compile(
    r"\s*with\s+the\s+(?:headline|title)\s+[\"“«]([^\"“”«»\n]{3,300})[\"”»]", re.I
)
_BLOCK_END_WINDOW = 600
#: What may follow the site a block-start line names, up to the block's end, as more of
#: its list ("Source: AP, Reuters", "Fuente: EFE y Europa Press"): a separator or an
#: "and", then a few words with no sentence end.
_SITE_STOP = re.compile(r"\s*[.;]\s*")
_MORE_NAMES = re.compile(
    r"\s*(?:[,;/&+]|(?i:and|und|et|y|e|i|og|och|ja|ve|dan|oraz|en|és|и|та|και)\s)"
    r"\s*[^.!?\n]{1,60}[.]?\s*"
)


def scan_credits(
    data: Compiled, norm: Norm, *, at_block_start: bool, at_block_end: bool
) -> list[Hit]:
    """Every credit-family hit in ``norm``."""
    text = norm.text
    lowered = text.lower()
    hits: list[Hit] = []
    for credit in data.credits:
        if not data.anchor_of(credit.anchor).may_match(lowered):
            continue  # none of the literals every match holds: not compiled, not run
        if credit.where == "block-start":
            if not at_block_start:
                continue
            m = credit.anchor.match(text, 0, min(len(text), data.head_window))
            matches = [m] if m else []
        elif credit.where == "block-end":
            if not at_block_end:
                continue
            lo = max(0, len(text) - _BLOCK_END_WINDOW)
            m = credit.anchor.search(text, lo)
            matches = [m] if m else []
        elif credit.where == "block":
            if not (at_block_start and at_block_end) or len(text) > 200:
                continue
            m = credit.anchor.match(text.strip())
            matches = [m] if m else []
        else:
            matches = list(credit.anchor.finditer(text))[-data.max_anchor_hits :]
        for match in matches:
            hit = _credit_at(data, norm, credit, match)
            if hit is not None:
                hits.append(hit)
    return hits


def _subject_ok(
    data: Compiled, credit: Credit, text: str, start: int, anchor: re.Match[str]
) -> bool:
    if credit.subject is None:
        return True
    subject = text[start : anchor.start()].strip()
    if not subject:
        first = next((ch for ch in anchor.group() if ch.isalpha()), "")
        return first.isupper() or credit.subject == "any"
    rules = data.subjects.get(credit.subject, ())
    return any(rx.match(subject) for rx in rules)


def _credit_at(data: Compiled, norm: Norm, credit: Credit, m: re.Match[str]) -> Hit | None:
    text = norm.text
    if credit.where in ("block-start", "block-end", "block"):
        sent = m.start()
        if credit.site == "agency" and not _dateline_ok(text, m):
            return None
    else:
        sent = sentence_start(data, text, m.start())
        body = skip_labels(data, text, sent, m.start())
        if not _subject_ok(data, credit, text, body, m):
            return None
    read = _read(data, norm, credit, m, sent)
    if read is None or read.history:
        return None
    named = credit.site in ("none", "title") or credit.site.startswith("fixed:")
    if read.site is None and not read.selfref and not credit.site_optional and not named:
        return None
    title = _title(text, sent, m, read)
    if credit.site == "title":
        link = norm.link_at(m.end())
        if link is not None:
            title = title or clean(link.text, data.strip_chars)
    anchor_end = max(m.end(), read.end)
    cuts: tuple[tuple[int, int], ...]
    if credit.remove == "none":
        start, end, cuts = m.start(), m.end(), ()
    elif credit.remove == "match":
        start, end = m.start(), m.end()
        cuts = ((start, end),)
    elif credit.remove == "site":
        start, end = m.start(), max(m.end(), read.end)
        if credit.where == "block-start":
            if _MORE_NAMES.fullmatch(text, end):
                end = len(text)  # the rest of the list goes with the site it follows
            elif (full_stop := _SITE_STOP.match(text, end)) is not None:
                end = full_stop.end()  # "Source: X. The story goes on": the full stop too
        cuts = ((start, end),)
    else:
        start = sent
        stop = sentence_end(data, text, anchor_end)
        if stop is None:
            rest = text[anchor_end:]
            stop = len(text) if len(rest) <= 400 else read.end
        end = absorb(data, norm, stop)
        cuts = ((start, end),)
    url = read.url
    if url is None and credit.remove == "sentence":
        url = first_link_href([s for s in norm.links_in(read.end, end) if s.href])
    return Hit(
        start=start,
        end=end,
        kind=credit.kind,
        pattern=credit.name,
        confidence=credit.confidence if read.site else credit.confidence * 0.8,
        cuts=cuts,
        site=read.site,
        url=url,
        site_url=read.site_url,
        title=title,
    )


def _read(
    data: Compiled, norm: Norm, credit: Credit, m: re.Match[str], sent: int
) -> SiteRead | None:
    text = norm.text
    how = credit.site
    limit = len(text)
    if how.startswith("fixed:"):
        return SiteRead(how.removeprefix("fixed:"), m.end())
    if how == "none":
        return SiteRead(None, m.end())
    if how == "group":
        return SiteRead(clean(m.group("site"), data.strip_chars), m.end())
    if how == "agency":
        return SiteRead(_agency(data, m.group("agency")), m.end())
    if how == "agency-or-after":
        rest = text[m.end() : m.end() + 60]
        for key, name in data.agencies.items():
            if rest.casefold().startswith(key) and not rest[len(key) : len(key) + 1].isalnum():
                return SiteRead(name, m.end() + len(key))
        read = read_site(data, norm, m.end(), limit, max_words=credit.site_max_words)
        return read if read.site or read.url else None
    if how == "after":
        return read_site(
            data, norm, m.end(), limit, extra_stop=credit.site_stop, max_words=credit.site_max_words
        )
    # "sentence" / "title": a site named after "from", else earlier in the sentence
    groups = m.groupdict()
    if groups.get("from") is not None:
        return read_site(data, norm, m.end(), limit)
    found = None
    for sm in data.secondary_site.finditer(text, sent, m.start()):
        found = sm
    if found is not None:
        read = read_site(data, norm, found.end(), m.start())
        return SiteRead(read.site, m.end(), read.url, read.site_url, read.selfref, read.history)
    return SiteRead(None, m.end())


_PROSE = re.compile(r"[a-zäöüßéèà]{2,}[.!?]\s")


def _dateline_ok(text: str, m: re.Match[str]) -> bool:
    """A dateline's place/byline before "(AP)" is short and holds no sentence end."""
    lead = text[m.start() : m.start("agency")]
    return len(lead.split()) <= 9 and not _PROSE.search(lead)


def _agency(data: Compiled, raw: str) -> str:
    return data.agencies.get(raw.casefold(), raw)


def _title(text: str, sent: int, m: re.Match[str], read: SiteRead) -> str | None:
    q = _QUOTED.search(text, sent, m.start())
    if q:
        return q.group(1).strip(" ,")
    h = _HEADLINE.match(text, read.end)
    if h:
        return h.group(1).strip(" ,")
    return None


__all__ = ["first_link_href", "scan_credits"]
