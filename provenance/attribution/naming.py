"""Read the credited publication's name out of a credit line, in any language.

Tried in order, right after each credit cue of the line (first cue first):

1. a link to another site (its anchor text, unless the anchor is the page's own
   headline or a "read more" phrase);
2. a quoted name ("…", «…», „…“, 「…」);
3. a domain written out (``Kompas.com``);
4. a capitalised run ("The Atlantic", "Alice, Eve and Bob"), cut at a sentence
   end, with a possessive's noun kept ("Ayush Sharma's blog");
5. in scripts without letter case, the word group next to the cue (after it, or
   before it when a particle ties it to the cue, as Japanese "X に最初に…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from provenance.attribution.caseless import GLUED_PREFIX, UNCASED_SCRIPT, caseless_candidates
from provenance.attribution.lexicon import POSITIVE, fold, lexicon
from provenance.attribution.text import Norm, Span
from provenance.sites import host_of, registrable_domain

#: Languages a story may first have run in ("auf Englisch bei X", "em inglês no X"):
#: never the name of the site it ran on.
LANGUAGES: Final = (
    r"english|englisch|anglais|ingl[eéê]s|inglese|engels|french|"
    r"franz[öo]sisch|fran[cç]ais|franc[eéê]s|francese|frans|spanish|spanisch|espagnol|"
    r"espa[nñ]ol|espanhol|spagnolo|spaans|german|deutsch|allemand|alem[aá]n|alem[aã]o|"
    r"tedesco|duits|italian|italienisch|italien|italiano|portuguese|portugiesisch|portugais|"
    r"portugu[eéê]s|portoghese"
)
_LANGUAGE: Final = re.compile(rf"(?i:{LANGUAGES})")
EDGE: Final = " \t:：;,.!?-–—|()[]\"“”'‘’«»„「」『』《》〈〉【】（）。、，*_>"
DOMAIN: Final = re.compile(
    r"(?<![\w@.])(?:https?://)?(?:[\w-]{1,63}\.)+(?:[a-z]{2,18})(?![\w.-]*@)(?:/[^\s]*)?",
    re.IGNORECASE,
)
QUOTED: Final = re.compile(r"[\"“«„「『]([^\"”»“」』]{2,80})[\"”»“」』]")
#: Capital letters a name starts with.  Latin Extended-A/B and Latin Extended
#: Additional (Vietnamese) alternate capital and small letters, so their capitals are
#: listed one by one: a range such as Ā-ſ took the "ē" of Latvian "publicēts" for one.
_UPPER = "A-ZÀ-ÖØ-ÞΑ-ΩЀ-ЯЁ" + "".join(
    c for r in ((0x100, 0x250), (0x1E00, 0x1F00)) for c in map(chr, range(*r)) if c.isupper()
)
#: A name's word: a capital or a digit first, or one small letter before a capital
#: ("iRozhlas", "eKathimerini").
_WORD = rf"(?:[{_UPPER}0-9]|[a-z](?=[{_UPPER}]))[\w&.'’-]*"
_JOIN = (
    r"(?:of|the|de|del|della|di|da|do|dos|das|du|des|la|le|les|el|los|van|von|der|den|und|"
    r"and|en|et|y|e|for|on|του|της|των|&|-|–|,)"
)
CAP_RUN: Final = re.compile(rf"{_WORD}(?:,?[ \t]+(?:{_JOIN}[ \t]+)*{_WORD}){{0,7}}")
_POSSESSIVE_NOUN = re.compile(
    r"^[ \t]+((?:[a-z]+[ \t]+){0,2}?(?:blog|site|website|web site|newsletter|podcast|page|"
    r"repository|channel|magazine|column|journal|forum|substack))\b"
)
_MEDIUM_NOUN = re.compile(r"^[ \t]+(blog|site|website|newsletter|podcast)\b")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|Ltd|Inc|Co|Corp|Jr|Sr|St|Dr|Mr|Mrs|Ms)\.$")
_LICENCE = re.compile(r"^(?:cc[ -]by|creative commons|gpl|gnu|mit licen[cs]e|public domain)", re.I)
_GENERIC_ANCHOR = re.compile(
    r"^\W*(?:here|this|link|source|original|read|continue|more|full|click|the (?:entire|full)|"
    r"read (?:the|more|it)|this (?:article|story|post)|hier|ici|aquí|qui|aqui|tutaj|здесь|"
    r"download|pdf|weitere|mehr|plus d|más|mais|altre|więcej|подробнее|info)\b|informa",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may|"
    r"june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    r"dicembre|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?$",
    re.IGNORECASE,
)
_LOWER_NAME = re.compile(
    r"^[ \t]*(?:(?:on|at|in|by|from|via|the|my|our|their)[ \t]+)*"
    r"((?:(?!and\b|with\b|under\b|where\b|which\b|is\b|has\b|was\b)[\w.'’-]+[ \t]*){1,3})"
)
#: One to three lower-case words that run to the end of the sentence: the rest of a name
#: whose first word alone is capitalised ("Moravský posel.", "Corriere delle Valli,").
_LOWER_TO_END = re.compile(r"^((?:[ \t]+[^\W\d_A-ZÀ-ÖØ-ÞΑ-ΩЀ-ЯЁ][\w'’-]*){1,3})\s*(?:[.,;:!?)]|$)")
_CUE_WORD = re.compile(
    r"(?i)\b(?:and|with|under|is|was|has|had|are|were|by|from|on|at|in|first|published|"
    r"appeared|posted|reprinted|republished)\b"
)
#: Words that say "from elsewhere" without naming anyone.
_GENERIC_SOURCES = frozenset(
    {
        "feed",
        "feeds",
        "wire",
        "wires",
        "agency",
        "agencies",
        "news agencies",
        "staff",
        "web",
        "internet",
        "social media",
        "press release",
        "press releases",
        "the internet",
    }
)
_PRONOUNS = frozenset(
    {"i", "we", "it", "he", "she", "they", "you", "this", "that", "our", "my", "here", "there"}
)


def _has_cue(fragment: str) -> bool:
    """Does ``fragment`` hold a credit word of any language ("and", "with" too)?"""
    if _CUE_WORD.search(fragment):
        return True
    spans = lexicon().categories(fold(fragment))
    return any(spans.get(cat) for cat in POSITIVE)


def _starts_with_cue(name: str) -> bool:
    """A "name" that opens with a credit word is the rest of the credit phrase."""
    spans = lexicon().categories(fold(name))
    return any(s[0] == 0 for cat in POSITIVE for s in spans.get(cat, []))


_TRAILING = re.compile(
    r"(?:[ \t]+(?:\d[\d./-]*|du|del|dal|of|de|di|from|the|on|at|in|am|vom|el|le|il|em|op|"
    r"den|der|w|v))+$"
)
_PARTICLE_TAIL = re.compile(r"(?:上|에서|에|의|로|で|の|が|は|に|へ|から|より)$")


#: A case or locative ending glued to a name: Turkish "Postası'nda", Hungarian "Hírek-én".
_GLUED_ENDING = re.compile(r"(?<=\w)(?:['’]\w{1,4}|-\w{1,3})$")


def clean(name: str) -> str:
    return " ".join(name.strip(EDGE).split())


def _unglue(name: str) -> str:
    name = GLUED_PREFIX.sub("", name)
    words = name.split()
    if words:
        words[-1] = _GLUED_ENDING.sub("", words[-1])
    return " ".join(words)


def plausible(name: str, title: str | None) -> bool:
    """Could ``name`` be a publication's name (not a date, a licence or the headline)?"""
    if not name or len(name) < 2 or len(name) > 80 or len(name.split()) > 9 or _MONTH.match(name):
        return False
    words = fold(name).split()
    if fold(name) in _PRONOUNS or any(w in _PRONOUNS for w in words[:1] + words[-1:]):
        return False
    if " ".join(w for w in words if w not in ("the", "a", "syndicated")) in _GENERIC_SOURCES:
        return False
    if any(_MONTH.match(w) for w in words) or _starts_with_cue(name):
        return False
    if _LICENCE.match(name) or not any(ch.isalpha() for ch in name):
        return False
    return not (title and len(name.split()) >= 3 and fold(name) in fold(title))


def _domain_name(text: str) -> str:
    return host_of(text) or text if DOMAIN.fullmatch(text) or "://" in text else text


def from_link(
    links: Sequence[Span], page_url: str | None, title: str | None, cue_end: int
) -> tuple[str, str] | None:
    """The first link to another site at or after ``cue_end`` (else the last before it)."""
    page = registrable_domain(page_url)
    usable = [
        s
        for s in links
        if registrable_domain(s.href) not in (None, page)
        and plausible(clean(s.text), title)
        and not _GENERIC_ANCHOR.search(clean(s.text))
        and not _starts_with_cue(clean(s.text).lstrip("➡️→»> "))
    ]
    if not usable:
        return None
    after = [s for s in usable if s.start >= cue_end - 2]
    span = after[0] if after else usable[-1]
    return _domain_name(clean(span.text)), span.href


#: Sites a credit line links to that are not where the story came from: licences,
#: social networks, share buttons.
_NOT_A_SOURCE = frozenset(
    (
        *("creativecommons.org", "gnu.org", "feedburner.com", "addtoany.com", "sharethis.com"),
        *("facebook.com", "twitter.com", "x.com", "instagram.com", "linkedin.com"),
        *("youtube.com", "t.me", "whatsapp.com", "wa.me", "pinterest.com", "tiktok.com"),
        "reddit.com",
    )
)


def generic_anchor(text: str) -> bool:
    """Is a link's text a generic "here", "link", "source", "read more" (no name)?"""
    return bool(_GENERIC_ANCHOR.search(clean(text)))


def unnamed_link(links: Sequence[Span], page_url: str | None, cue_end: int) -> Span | None:
    """A link to another site whose text names nothing ("Source link", "Go to Source",
    "Original article", "Fuente"): the way autoblogging plugins credit the feed item
    they copied.  The caller prefers a name the line's text gives outside the link
    ("… appeared first on X. Read the entire article here"), else the link's host."""
    page = registrable_domain(page_url)
    unnamed = []
    for s in links:
        domain = registrable_domain(s.href)
        text = clean(s.text)
        if domain in (None, page) or domain in _NOT_A_SOURCE or not text:
            continue
        if _GENERIC_ANCHOR.search(text) or _starts_with_cue(text.lstrip("➡️→»> ")):
            unnamed.append(s)
    if not unnamed:
        return None
    after = [s for s in unnamed if s.start >= cue_end - 2]
    return after[0] if after else unnamed[-1]


def _sentence_cut(name: str) -> str:
    """``name`` up to a sentence end inside it ("Grist. Sign" → "Grist"; "Ltd. X" kept)."""
    for m in re.finditer(r"\.[ \t]", name):
        if not _ABBREVIATION.search(name[: m.start() + 1]):
            return name[: m.start()]
    return name


def _cap_run(tail: str, title: str | None) -> str | None:
    for m in CAP_RUN.finditer(tail[:120]):
        name = _sentence_cut(m.group())
        rest = tail[m.start() + len(name) :]
        lower = _LOWER_TO_END.match(rest)
        if lower and not _has_cue(lower.group(1)) and "." not in name:
            name += lower.group(1)
        elif name.endswith(("'s", "’s", "s'", "s’")):
            noun = _POSSESSIVE_NOUN.match(rest)
            name += noun.group(0) if noun else ""
        elif noun := _MEDIUM_NOUN.match(rest):
            name += noun.group(0)
        name = _unglue(clean(_TRAILING.sub("", clean(name))))
        if _MONTH.match(name.split()[0] if name else "") or _LANGUAGE.fullmatch(name):
            continue  # a date, or the language the story first ran in
        if plausible(name, title) and not name.isdigit():
            return name
    return None


def _caseless(
    norm: Norm,
    title: str | None,
    cue: tuple[int, int],
    bounds: Sequence[tuple[int, int]] = (),
    subject: bool = True,
) -> str | None:
    """Scripts without case: the first word group :func:`.caseless.caseless_candidates`
    offers that reads as a name once particles and glued prefixes are dropped."""
    for raw in caseless_candidates(norm.text, cue, bounds, subject):
        name = _unglue(clean(_PARTICLE_TAIL.sub("", clean(raw))))
        if plausible(name, title):
            return name
    return None


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“«„(]?[A-ZÀ-ÖØ-ÞΑ-ΩЀ-ЯЁ])|[。！？]")


#: "Nguồn: <name>": Vietnamese capitalises a name's first word only ("Thông tấn xã
#: Việt Nam", "Báo điện tử Chính phủ"), so a Vietnamese name after a colon runs to the
#: end of a line of at most this many words.  (In English "Source: Harbour Daily
#: archive" the small-letter word after the name is not part of it.)
_COLON_NAME_WORDS = 6
_COLON_NAME = re.compile(r"^\s*[:：]\s*([^\s.,;!?()][^.,;!?()]*?)\s*[.!]?\s*$")
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _after_colon(tail: str, name: str) -> str | None:
    """The whole of a short Vietnamese line after a colon, when it starts with ``name``
    and goes on past it; else None."""
    m = _COLON_NAME.match(tail) if _VIETNAMESE.search(tail) else None
    if m is None:
        return None
    whole = clean(m.group(1))
    words = whole.split()
    if len(words) > _COLON_NAME_WORDS or not whole.startswith(name) or whole == name:
        return None
    if any(not w[:1].isalpha() for w in words) or _has_cue(whole):
        return None
    return whole


def _after_cue(text: str, end: int, title: str | None, lower_ok: bool) -> str | None:
    """The nearest quoted name, written-out domain or capitalised run after a cue,
    within the cue's sentence."""
    tail = text[end:]
    stop = _SENTENCE_BREAK.search(tail)
    if stop:
        tail = tail[: stop.start()]
    found: list[tuple[int, str]] = []
    m = QUOTED.search(tail[:80])
    if m and plausible(clean(m.group(1)), title):
        found.append((m.start(), clean(m.group(1))))
    m = DOMAIN.search(tail[:80])
    if m and plausible(_domain_name(clean(m.group())), title):
        found.append((m.start(), _domain_name(clean(m.group()))))
    name = _cap_run(tail, title)
    if name:
        whole = _after_colon(tail, name)
        found.append((tail.find(name.split()[0]), whole or name))
    if not found and lower_ok:
        m = _LOWER_NAME.match(tail)
        lower = clean(m.group(1)) if m else ""
        if lower and plausible(lower, title) and not _MONTH.match(lower.split()[0]):
            found.append((m.start(1) if m else 0, lower))
    return min(found)[1] if found else None


def from_text(
    norm: Norm,
    title: str | None,
    cues: Sequence[tuple[int, int]],
    *,
    lower_ok: bool = False,
    bounds: Sequence[tuple[int, int]] = (),
    caseless_ok: bool = True,
) -> str | None:
    """The name tied to the strongest cue that has one (cues come strongest first).

    ``lower_ok`` also accepts a lower-case name ("on coolimba"): only for lines
    whose subject is the article itself, where a lower-case word after the cue is
    a name and not narrative ("first appeared on his hands").  ``bounds`` are all the
    line's cue spans (of every category): in scripts without case, a name stands
    between two of them.  ``caseless_ok`` says the line is about a publication (its
    subject is the article, or it says "published" or "republished"), so that a
    name in an uncased script may be read without a colon introducing it.
    """
    bounds = sorted(set(bounds) | set(cues))
    text = norm.text
    uncased = [c for c in cues if UNCASED_SCRIPT.search(text[c[0] : c[1]])]
    for start, end in sorted(uncased, key=lambda c: -c[1]):
        name = _caseless(norm, title, (start, end), bounds, caseless_ok)
        if name:
            return name
    for start, end in cues:
        if UNCASED_SCRIPT.search(text[start:end]):
            name = _caseless(norm, title, (start, end), bounds, caseless_ok)
        else:
            name = _after_cue(text, end, title, lower_ok)
        if name:
            return name
    if not UNCASED_SCRIPT.search(text):
        return None
    for cue in cues:
        name = _caseless(norm, title, cue, bounds, caseless_ok)
        if name:
            return name
    return None


__all__ = [
    "CAP_RUN",
    "DOMAIN",
    "EDGE",
    "LANGUAGES",
    "QUOTED",
    "clean",
    "from_link",
    "from_text",
    "generic_anchor",
    "plausible",
    "unnamed_link",
]
