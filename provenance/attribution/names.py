"""Reading a credited site name (and its link) out of normalised text, plus sentence helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from provenance.attribution.naming import LANGUAGES, generic_anchor
from provenance.attribution.patterns import Compiled
from provenance.attribution.text import Norm, Span, clean
from provenance.lazyre import LazyPattern
from provenance.sites import host_of

_URL = re.compile(r"https?://[^\s<>\"'\])]{3,1000}")
_DOMAINISH = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_SKIP = re.compile(r"[\s_*\"“”'‘«»„\[(]{0,10}")
#: A language the story first ran in, before the site ("em inglês no X", "English in X",
#: "auf Englisch bei X"): skipped.
_LANGUAGE_LEAD = re.compile(
    rf"(?i:(?:[a-z]{{1,3}}\s+)?(?:{LANGUAGES})\s+(?:[a-z]{{1,5}}\s+){{0,2}})(?=[A-ZÀ-Ý\"“«„])"
)
#: A generic noun before the name ("im Magazin X", "no site X", "na portalu X"): skipped
#: when a capitalised name follows.
_MEDIUM_LEAD = re.compile(
    r"(?i:(?:magazin|magazine|zeitschrift|portal|portalu|blog|website|webseite|site|sitio|"
    r"sito|revista|portail|serwis|serwisie)\s+(?:(?:of|van|von|de|di|da|do|du|des|del|"
    r"della|der)\s+)?)(?=[A-ZÀ-Ý0-9\"“«„])"
)


@dataclass(frozen=True, slots=True)
class SiteRead:
    """A site name read after an anchor."""

    site: str | None
    end: int
    url: str | None = None
    site_url: str | None = None
    #: The words named the author's own blog or "here": a credit without a usable name.
    selfref: bool = False
    #: The words were a date or a history note ("in 2018", "in print"): not a credit at all.
    history: bool = False
    from_link: bool = False


def split_href(href: str) -> tuple[str | None, str | None]:
    """``(url, site_url)``: an article link, or a home-page link."""
    if not href:
        return None, None
    parts = urlsplit(href)
    if not parts.scheme or not parts.netloc:
        return None, None
    path = parts.path.strip("/")
    if path or parts.query:
        return href, None
    return None, href


def home_of(href: str | None) -> str | None:
    """The scheme://host/ of an absolute URL."""
    if not href:
        return None
    parts = urlsplit(href)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}/"


def sentence_start(data: Compiled, text: str, pos: int, floor: int = 0) -> int:
    """Start of the sentence containing ``pos`` (searched at most ``title_window`` back)."""
    lo = max(floor, pos - data.title_window)
    start = lo
    for m in data.sentence_break.finditer(text, lo, pos):
        if m.end() <= pos:
            start = m.end()
    return start


def sentence_end(data: Compiled, text: str, pos: int, limit: int = 400) -> int | None:
    m = data.sentence_end.search(text, pos, min(len(text), pos + limit))
    return m.end() if m else None


def skip_labels(data: Compiled, text: str, start: int, end: int) -> int:
    """Skip "Note:", markup and quotes at a sentence start."""
    m = data.labels.match(text, start, end)
    return m.end() if m else start


def looks_like_domain(name: str) -> bool:
    return bool(_DOMAINISH.match(name)) and not name[-1:].isdigit()


def case_ok(name: str) -> bool:
    """A name starts with a capital, a digit, a non-cased letter, or is a domain."""
    first = next((ch for ch in name if ch.isalnum()), "")
    if not first:
        return False
    return not first.islower() or looks_like_domain(name)


def read_site(
    data: Compiled,
    norm: Norm,
    pos: int,
    limit: int,
    *,
    extra_stop: LazyPattern | None = None,
    max_words: int | None = None,
) -> SiteRead:
    """The site named at ``pos`` (after "on", "by", "from" ...), cut at the end of its clause."""
    text = norm.text
    limit = min(limit, len(text), pos + data.site_window)
    pos += _SKIP.match(text, pos, limit).end() - pos  # type: ignore[union-attr]
    has_det = False
    # a language, a determiner and a medium noun may stand before the name, in either
    # order: "em inglês no X", "op de website van X", "the website of X"
    for _ in range(3):
        moved = False
        for lead in (_LANGUAGE_LEAD, data.site_determiners, _MEDIUM_LEAD):
            m = lead.match(text, pos, limit)
            if m is not None and m.end() > pos:
                has_det = has_det or lead is data.site_determiners
                pos, moved = m.end(), True
        if not moved:
            break
    link = norm.link_at(pos) or _after_possessive(norm, pos, limit)
    if link is not None and link.end <= limit + 3:
        name = clean(link.text, data.strip_chars)
        url, site_url = split_href(link.href)
        if generic_anchor(name):  # "Quelle: <a href=…>Link</a>": the link's host
            name = host_of(link.href) or name
        end = link.end
        tail = re.match(r"[^\S\n]{0,3}at\s+(https?://\S{3,1000})", text[end : end + 1100])
        if tail and url is None:
            url = tail.group(1).rstrip(".,;)")
            end += tail.end()
        return _judge(data, name, end, url, site_url, True, has_det)
    region = text[pos:limit]
    url = None
    m_url = _URL.match(region)
    if m_url:
        url = m_url.group().rstrip(".,;)")
        name = urlsplit(url).netloc.removeprefix("www.")
        return _judge(data, name, pos + len(url), url, None, False, has_det)
    hard = data.site_stop_hard.search(region)
    cut = hard.start() if hard else len(region)
    if extra_stop is not None:
        extra = extra_stop.search(region, 0, cut)
        cut = extra.start() if extra else cut
    end_s = data.sentence_end.search(region, 0, cut + 1)
    if end_s and end_s.start() <= cut:
        candidate = region[: end_s.start()]
        ends_sentence = True
    else:
        candidate = region[:cut]
        ends_sentence = cut == len(region)
    words = candidate.split()
    limit_words = max_words or data.site_max_words
    if len(words) > limit_words or not ends_sentence:
        soft = data.site_stop_soft.search(candidate)
        if soft and soft.start() > 0:
            candidate = candidate[: soft.start()]
    words = candidate.split()
    if len(words) > limit_words:
        candidate = " ".join(words[:limit_words]) if max_words else ""
    name = clean(candidate, data.strip_chars)
    end = pos + len(candidate.rstrip())
    return _judge(data, name, end, None, None, False, has_det)


_POSSESSIVE = re.compile(r"[^\s\[\]]{1,40}['’]s\s+")


def _after_possessive(norm: Norm, pos: int, limit: int) -> Span | None:
    """The link in "Medium's [Towards Data Science] channel"."""
    m = _POSSESSIVE.match(norm.text, pos, limit)
    return norm.link_at(m.end(), 1) if m else None


def _judge(
    data: Compiled,
    name: str,
    end: int,
    url: str | None,
    site_url: str | None,
    from_link: bool,
    has_det: bool,
) -> SiteRead:
    if not name:
        return SiteRead(None, end, url, site_url, selfref=url is not None, from_link=from_link)
    if data.site_history.match(name):
        return SiteRead(None, end, history=True)
    if data.site_selfref.match(name):
        return SiteRead(None, end, url, site_url, selfref=True, from_link=from_link)
    return SiteRead(name, end, url, site_url, from_link=from_link)


def absorb(data: Compiled, norm: Norm, end: int) -> int:
    """Extend a credit over trailing continuation sentences ("Read the original article.")."""
    text = norm.text
    for _ in range(4):
        pos = end
        while pos < len(text) and (text[pos].isspace() or text[pos] in "_*>"):
            pos += 1
        for rx in data.continuations:
            m = rx.match(text, pos)
            if m and m.end() > pos:
                end = m.end()
                break
        else:
            return end
    return end


def first_link_href(spans: list[Span]) -> str | None:
    for span in spans:
        if span.href:
            return span.href
    return None


__all__ = [
    "SiteRead",
    "absorb",
    "case_ok",
    "first_link_href",
    "home_of",
    "looks_like_domain",
    "read_site",
    "sentence_end",
    "sentence_start",
    "skip_labels",
    "split_href",
]
