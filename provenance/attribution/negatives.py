"""Negative knowledge: lines and credits that are not credits for the article.

- photo and image credits and captions ("Foto: Reuters", "Image courtesy X",
  a "(Reuters)" closing a caption or a paragraph in the middle of the body);
- a page's own copyright line ("© 2019 Science X Network"), unless it names a
  wire agency, whose copyright on an aggregator's page is a syndication mark;
- a credit naming the page's own site or its parent brand ("Source: Al Jazeera
  and news agencies" on aljazeera.com);
- licence boilerplate and quoted instructions ("add: 'This article first
  appeared on [your site]'").

:func:`line_veto` answers for one candidate line of the general reader;
:func:`keep` for a finished attribution of either layer.
"""

from __future__ import annotations

import re
from typing import Final

from provenance.attribution.lexicon import fold
from provenance.model import Attribution
from provenance.sites import domain_key, keys_match, registrable_domain, site_key

_PLACEHOLDER: Final = re.compile(
    r"[\[<{](?:your|the|site|outlet|publication|name|url|link|nombre|ihre|votre|seu|sua|tuo|"
    r"il tuo|uw|twoj|ваш)\b[^\]>}]{0,40}[\]>}]",
    re.IGNORECASE,
)
_RIGHTS_START: Final = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
_QUOTES: Final = (("“", "”"), ("«", "»"), ("„", "“"), ("「", "」"), ('"', '"'), ("‘", "’"))
#: Credit kinds that describe the article (chains follow them) and how they rank when
#: a page carries several: an explicit credit line beats a mark, which beats a wire tag.
_RANK: Final = {
    "appeared-first-on": 0,
    "originally-published": 0,
    "republished-from": 0,
    "read-original": 1,
    "credit-line": 1,
    "feed-source": 1,
    "provider-mark": 2,
    "url-provider": 2,
    "agency-byline": 2,
    "wire-credit": 3,
    "copyright": 4,
}


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    for open_, close in _QUOTES:
        if open_ == close:
            if before.count(open_) % 2 == 1:
                return True
        elif before.rfind(open_) > before.rfind(close):
            return True
    return False


#: Personal pronouns opening a sentence: "It first appeared on FreeBSD", "Er erschien …".
_PRONOUN_START: Final = re.compile(
    r"^\s*(?:it|he|she|they|we|i|es|er|sie|wir|il|elle|ils|elles|nous|él|ella|ellos|lui|lei|"
    r"loro|ele|ela|eles|hij|zij|het|on|ona|ono|oni|они|он|она|оно|мы)\b"
)
_LIST_AFTER: Final = re.compile(r"^\s*[:：]\s*[-–•*·]")
_RELATIVE_BEFORE: Final = re.compile(
    r"\b(?:which|who|whose|when|where|while|since|qui|que|quand|lorsque|che|cui|quando|"
    r"cuando|welche[rs]?|als|wenn|który|która|które|kiedy|который|которая|которое|когда|"
    r"které|který|která|když)\s+(?:\w+\s+){0,2}$"
)
_VERSION: Final = re.compile(r"\b(?:in|on|to)\s+[A-Z][\w.-]*\s+v?\d+(?:\.\d+)+\b")
_HISTORY: Final = re.compile(r"\b(?:in|en|im|nel|em|w|v|в)\s+(?:1[5-9]\d\d|20\d\d)s?\b", re.I)
#: A name in parentheses closing a line: an agency tag ("… in northern Ukraine. (BBC)").
PAREN_TAIL: Final = re.compile(r"\(([^()]{2,40})\)\s*[.!]?\s*$")


def colon_after(text: str, span: tuple[int, int]) -> bool:
    """Is the cue at ``span`` followed by a colon ("Source: X", "出典：X")?"""
    return text[span[1] : span[1] + 2].lstrip()[:1] in (":", "：")


def anchored(
    text: str, cues: dict[str, list[tuple[int, int]]], first_cue: int, linked: bool
) -> bool:
    """Is the line about the article itself?  Its subject is the article ("This
    story …", "The post … appeared"), or it opens with the cue ("Originally
    published at", "Source:", "Via"), links another site, or closes with an
    agency tag.  A cue after some other subject is prose ("It first appeared on
    FreeBSD", "The module first appeared in Python 3.4")."""
    if linked or PAREN_TAIL.search(text):
        return True
    if any(s[1] <= first_cue + 1 for s in cues.get("article", [])):
        return True
    return len(text[:first_cue].split()) <= 1


def line_veto(text: str, cues: dict[str, list[tuple[int, int]]], first_cue: int) -> str | None:
    """Why a candidate line is not a credit for the article, or None."""
    folded = fold(text)
    if _PRONOUN_START.match(folded) and len(folded[:first_cue].split()) <= 2:
        return "a pronoun is the subject (prose about something else)"
    only_source = cues.get("source") and not any(
        cues.get(name) for name in ("published", "appeared", "first", "republished", "read_more")
    )
    introduced = any(colon_after(text, s) for s in cues.get("source", []))
    if only_source and len(text.split()) > 7 and not introduced:
        return "a 'source'/'from' word in a sentence, with no name introduced by a colon"
    after = text[first_cue : first_cue + 80]
    if _VERSION.search(after):
        return "a software version after the cue ('first appeared in Python 3.4')"
    if _HISTORY.search(after) and "://" not in text:
        return "a year after the cue ('originally published by X in 2016'): history"
    subject = any(s[1] <= first_cue for s in cues.get("article", []))
    if not subject and _RELATIVE_BEFORE.search(folded[:first_cue]):
        return "a subordinate clause about something else ('…, when X first appeared on …')"
    image = [s for s in cues.get("image", []) if s[0] <= first_cue]
    if image and (image[0][0] <= 3 or len(folded[:first_cue].split()) <= 4):
        return "image credit"
    if _RIGHTS_START.match(folded) or any(s[0] < first_cue for s in cues.get("rights", [])):
        return "copyright or licence line"
    for _, end in cues.get("read_more", []):
        if _LIST_AFTER.match(text[end : end + 8]):
            return "a list of further reading, not a credit"
    if _PLACEHOLDER.search(text):
        return "a template with a placeholder (an instruction)"
    if first_cue < len(text) and _inside_quotes(text, first_cue):
        return "a quoted credit (an instruction or a quotation)"
    return None


#: Words that may follow the page's own name in a credit that is still its own
#: ("Al Jazeera and news agencies", "Reuters staff", "BBC News Online").
_OWN_TAIL: Final = re.compile(
    r"^(?:(?:and|&|with|\+|,|/)\b.*|(?:staff|desk|team|reporters?|correspondents?|wires?|"
    r"agencies|news|online|english|digital|media|network|group)\b.*)?$"
)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", fold(name)) if w]


def names_own_site(att: Attribution, page_url: str | None, site_name: str | None) -> bool:
    """Does the credit name the page's own site (or its own name with co-sources)?"""
    page = registrable_domain(page_url)
    linked = {registrable_domain(u) for u in (att.url, att.site_url) if u}
    if linked:
        return page is not None and linked == {page}
    if not att.site:
        return False
    credited = site_key(att.site)
    own = {k for k in (domain_key(page_url), site_key(site_name)) if k}
    if credited and any(keys_match(credited, k) for k in own):
        return True
    words = _words(att.site)
    for name in [site_name or "", domain_key(page_url) or ""]:
        mine = _words(name)
        if mine and words[: len(mine)] == mine and _OWN_TAIL.match(" ".join(words[len(mine) :])):
            return True
    return False


def keep(
    att: Attribution,
    *,
    page_url: str | None,
    site_name: str | None,
    agencies: frozenset[str],
    caption: bool,
) -> bool:
    """Is ``att`` a credit for the article (not a caption's, not the page's own)?"""
    if caption and att.kind in ("wire-credit", "credit-line", "copyright"):
        return False
    if att.kind == "copyright" and fold(att.site or "").removeprefix("the ") not in agencies:
        return False
    return not names_own_site(att, page_url, site_name)


def rank(att: Attribution) -> tuple[int, int, int]:
    """Sort key: the credit that best describes where the article came from first."""
    return (att.hop or 1, _RANK.get(att.kind, 1), 0 if att.url else 1)


__all__ = ["PAREN_TAIL", "anchored", "colon_after", "keep", "line_veto", "names_own_site", "rank"]
