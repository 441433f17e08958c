"""Pattern data (``patterns.toml``) loaded and compiled once per process.

The data file is the single place credit wording lives: Yoast/AIOSEO footer templates per
locale, regex credit families, wire agencies, and the clause rules used to cut a site name out
of a sentence.  :func:`compiled` parses and compiles it lazily (``functools.cache``); nothing
here holds mutable module state.
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from provenance.attribution.prefilter import Anchor, AnchorSet, build_anchors
from provenance.errors import ConfigError
from provenance.lazyre import LazyPattern
from provenance.model import CreditKind, credit_kind

log = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"%(?:\d\$)?s|%%POSTLINK%%|%%BLOGLINK%%")
_QUOTES = "'’‘"


@dataclass(frozen=True, slots=True)
class PatternInfo:
    """One recognised credit pattern, for ``provenance attributions --list``."""

    name: str
    kind: CreditKind
    lang: str
    example: str
    description: str


@dataclass(frozen=True, slots=True)
class Template:
    """A sprintf footer split around its placeholders: ``P %1$s M %2$s S``."""

    name: str
    lang: str
    template: str
    #: Lead-ins (the template's own first, then extras); may contain one empty string.
    prefixes: tuple[LazyPattern, ...]
    middle: LazyPattern
    #: Text after the site: the template's own suffix first, then extras.
    suffixes: tuple[LazyPattern, ...]
    #: True when the suffix is only end punctuation (the site then runs to the sentence end).
    suffix_is_punct: bool
    #: Which piece the scan looks for first: "middle" or "suffix".
    anchor: str
    bare: str
    has_prefix: bool
    description: str


@dataclass(frozen=True, slots=True)
class Credit:
    """A regex credit family from the ``[[credit]]`` tables."""

    name: str
    kind: CreditKind
    lang: str
    anchor: LazyPattern
    where: str
    subject: str | None
    site: str
    site_optional: bool
    site_stop: LazyPattern | None
    site_max_words: int | None
    remove: str
    confidence: float
    example: str
    description: str


@dataclass(frozen=True, slots=True)
class Compiled:
    """Everything the scanners need, compiled."""

    templates: tuple[Template, ...]
    credits: tuple[Credit, ...]
    subjects: dict[str, tuple[LazyPattern, ...]]
    agencies: dict[str, str]
    sentence_break: re.Pattern[str]
    sentence_end: re.Pattern[str]
    #: A clause that ends a site name at any length ("and is republished", "with permission").
    site_clause: re.Pattern[str]
    labels: re.Pattern[str]
    excerpt_marks: re.Pattern[str]
    site_stop_hard: re.Pattern[str]
    site_stop_soft: re.Pattern[str]
    site_max_words: int
    site_history: re.Pattern[str]
    site_selfref: re.Pattern[str]
    site_determiners: re.Pattern[str]
    strip_chars: str
    secondary_site: re.Pattern[str]
    continuations: tuple[re.Pattern[str], ...]
    whole_block: int
    head_window: int
    tail_window: int
    max_anchor_hits: int
    title_window: int
    site_window: int
    #: Every template and credit anchor.  A block in which none matches (after cheap tag
    #: stripping and unescaping) holds no credit, so the costly offset-tracking
    #: normalisation is skipped for it.
    anchors: AnchorSet
    #: The anchors of republication credits only (footers and "originally published"
    #: lines, not copyright, "Source:" or wire lines): the content extractor's question.
    republication_anchors: AnchorSet

    def anchor_of(self, regex: LazyPattern) -> Anchor:
        """The prefilter entry of a template's or credit's anchor regex."""
        return self.anchors.by_pattern[regex.pattern]


def _literal(text: str, *, strict: bool) -> str:
    """Regex for a literal template piece: flexible whitespace, either apostrophe."""
    words = text.split()
    parts = []
    for word in words:
        esc = "".join(f"[{_QUOTES}]" if ch in _QUOTES else re.escape(ch) for ch in word)
        parts.append(esc)
    joined = r"\s+".join(parts) if strict else r"\s*".join(parts)
    lead = r"\s*" if text[:1].isspace() or not strict else ""
    return lead + joined + r"\s*"


def _lead_boundary(text: str) -> str:
    """A word boundary before a cased lead-in, also satisfied by a glued "MoreThe post"."""
    first = text[:1]
    if first.upper() == first.lower():
        return ""
    return r"(?:\b|(?-i:(?<=[a-zà-ÿа-я])(?=[A-ZÀ-ÝА-Я])))"


#: Credit kinds that name another publisher as the source of the whole article
#: (not copyright notices, "Source:" lines or wire datelines, which also occur in
#: a site's own chrome and stories).
REPUBLICATION_KINDS = frozenset(
    {"appeared-first-on", "originally-published", "republished-from", "read-original"}
)


def _end_boundary(text: str) -> str:
    """A lead-in ending in a letter must end a word: "Pos" is not the start of "Post"."""
    return r"(?!\w)" if text[-1:].isalnum() else ""


def _compile_template(raw: dict[str, Any]) -> Template:
    template = str(raw["template"])
    pieces = _PLACEHOLDER.split(template)
    if len(pieces) != 3:
        raise ConfigError(
            f"patterns.toml: template {raw['name']!r} must have exactly two placeholders"
        )
    prefix, middle, suffix = pieces
    flags = re.IGNORECASE
    prefix_texts = [prefix.strip()] + [str(p).strip() for p in raw.get("prefixes", ())]
    prefixes = tuple(
        LazyPattern(_lead_boundary(p) + _literal(p, strict=True) + _end_boundary(p), flags)
        for p in prefix_texts
        if p
    )
    suffix_texts = [suffix.strip()] + [str(s).strip() for s in raw.get("suffixes", ())]
    suffixes = tuple(LazyPattern(_literal(s, strict=False), flags) for s in suffix_texts if s)
    is_punct = all(not ch.isalnum() for ch in suffix.strip())
    anchor = "middle" if len(middle.strip()) >= len(suffix.strip()) or is_punct else "suffix"
    return Template(
        name=str(raw["name"]),
        lang=str(raw["lang"]),
        template=template,
        prefixes=prefixes,
        middle=LazyPattern(_literal(middle, strict=False), flags),
        suffixes=suffixes,
        suffix_is_punct=is_punct,
        anchor=anchor,
        bare=str(raw.get("bare", "no")),
        has_prefix=bool(prefix.strip()),
        description=str(raw.get("description", "")),
    )


def _compile_credit(raw: dict[str, Any], agencies: str) -> Credit:
    anchor = str(raw["anchor"]).replace("AGENCIES", agencies)
    flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
    stop = raw.get("site_stop")
    return Credit(
        name=str(raw["name"]),
        kind=_kind(raw),
        lang=str(raw["lang"]),
        anchor=LazyPattern(anchor, flags),
        where=str(raw.get("where", "sentence")),
        subject=raw.get("subject"),
        site=str(raw.get("site", "after")),
        site_optional=bool(raw.get("site_optional", False)),
        site_stop=LazyPattern(str(stop), re.IGNORECASE) if stop else None,
        site_max_words=raw.get("site_max_words"),
        remove=str(raw.get("remove", "sentence")),
        confidence=float(raw.get("confidence", 0.8)),
        example=str(raw.get("example", "")),
        description=str(raw.get("description", "")),
    )


def _common(common: dict[str, Any], key: str) -> str:
    """A ``[common]`` regex with its shared pieces put in (NOT_ABBREVIATION, SITE_CLAUSE)."""
    return (
        str(common[key])
        .replace("NOT_ABBREVIATION", str(common["not_abbreviation"]))
        .replace("SITE_CLAUSE", str(common["site_clause"]))
    )


def load_data() -> dict[str, Any]:
    """The raw parsed ``patterns.toml``."""
    text = resources.files(__package__).joinpath("patterns.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.cache
def compiled() -> Compiled:
    """Parse and compile the pattern data (once per process)."""
    data = load_data()
    common = data["common"]
    limits = data["scan_limits"]
    agencies: dict[str, str] = {str(k): str(v) for k, v in data["agencies"].items()}
    alternation = "|".join(re.escape(k) for k in sorted(agencies, key=len, reverse=True))
    subjects = {
        str(name): tuple(LazyPattern(str(rx), re.IGNORECASE) for rx in rxs)
        for name, rxs in data["subjects"].items()
    }
    ci = re.IGNORECASE
    templates = tuple(_compile_template(t) for t in data["template"])
    credits = tuple(_compile_credit(c, alternation) for c in data["credit"])
    template_anchors = [t.middle if t.anchor == "middle" else t.suffixes[0] for t in templates]
    anchors = build_anchors(template_anchors + [c.anchor for c in credits])
    result = Compiled(
        templates=templates,
        credits=credits,
        subjects=subjects,
        agencies={k.casefold(): v for k, v in agencies.items()},
        sentence_break=re.compile(_common(common, "sentence_break")),
        sentence_end=re.compile(_common(common, "sentence_end")),
        site_clause=re.compile(common["site_clause"]),
        labels=re.compile(common["labels"], ci),
        excerpt_marks=re.compile(common["excerpt_marks"]),
        site_stop_hard=re.compile(_common(common, "site_stop_hard")),
        site_stop_soft=re.compile(common["site_stop_soft"], ci),
        site_max_words=int(common["site_max_words"]),
        site_history=re.compile(common["site_history"], ci),
        site_selfref=re.compile(common["site_selfref"], ci),
        site_determiners=re.compile(common["site_determiners"]),
        strip_chars=str(common["strip_chars"]),
        secondary_site=re.compile(common["secondary_site"], ci),
        continuations=tuple(re.compile(str(rx), ci) for rx in common["continuations"]),
        whole_block=int(limits["whole_block"]),
        head_window=int(limits["head_window"]),
        tail_window=int(limits["tail_window"]),
        max_anchor_hits=int(limits["max_anchor_hits"]),
        title_window=int(limits["title_window"]),
        site_window=int(limits["site_window"]),
        anchors=anchors,
        republication_anchors=build_anchors(
            template_anchors + [c.anchor for c in credits if c.kind in REPUBLICATION_KINDS],
            known=anchors.by_pattern,
        ),
    )
    log.debug(
        "compiled %d footer templates and %d credit patterns",
        len(result.templates),
        len(result.credits),
    )
    return result


_HEAD_PATTERNS = (
    PatternInfo(
        "canonical",
        "canonical",
        "*",
        '<link rel="canonical" href="https://other.example/a">',
        "rel=canonical pointing to another registrable domain",
    ),
    PatternInfo(
        "og-url",
        "og-url",
        "*",
        '<meta property="og:url" content="https://other.example/a">',
        "og:url pointing to another registrable domain",
    ),
    PatternInfo(
        "jsonld-isBasedOn",
        "jsonld-source",
        "*",
        '"isBasedOn": "https://other.example/a"',
        "JSON-LD isBasedOn",
    ),
    PatternInfo(
        "jsonld-sourceOrganization",
        "jsonld-source",
        "*",
        '"sourceOrganization": {"name": "Example Wire"}',
        "JSON-LD sourceOrganization",
    ),
    PatternInfo(
        "jsonld-publisher",
        "jsonld-source",
        "*",
        '"publisher": {"name": "Other Site"}',
        "JSON-LD publisher whose name differs from the page's site",
    ),
    PatternInfo(
        "meta-original-source",
        "meta-source",
        "*",
        '<meta name="original-source" content="https://other.example/a">',
        "<meta name=original-source|syndication-source|dc.source>",
    ),
    PatternInfo(
        "newspack-republication-pixel",
        "republished-from",
        "*",
        '<img id="republication-tracker-tool-source" src="https://other.example/?republication-pixel=true">',
        "INN/Newspack republication tracker pixel",
    ),
    PatternInfo(
        "feed-source",
        "feed-source",
        "*",
        '<source url="https://other.example/feed">Other</source>',
        "RSS <source> / Atom <source> of a feed item",
    ),
)


def _kind(raw: dict[str, Any]) -> CreditKind:
    try:
        return credit_kind(str(raw["kind"]))
    except ValueError as exc:
        raise ConfigError(f"patterns.toml: [[credit]] {raw.get('name')!r}: {exc}") from exc


def list_patterns() -> list[PatternInfo]:
    """Every pattern the attribution stage knows, footers first, then credits, then head."""
    data = load_data()
    out: list[PatternInfo] = []
    for t in data["template"]:
        kind: CreditKind = "appeared-first-on"
        example = _PLACEHOLDER.sub("…", str(t["template"]), count=1)
        example = _PLACEHOLDER.sub("Example Site", example, count=1)
        out.append(
            PatternInfo(
                str(t["name"]), kind, str(t["lang"]), example, str(t.get("description", ""))
            )
        )
    for c in data["credit"]:
        out.append(
            PatternInfo(
                str(c["name"]),
                _kind(c),
                str(c["lang"]),
                str(c.get("example", "")),
                str(c.get("description", "")),
            )
        )
    out.extend(_HEAD_PATTERNS)
    return out


__all__ = [
    "Compiled",
    "Credit",
    "PatternInfo",
    "Template",
    "compiled",
    "list_patterns",
    "load_data",
]
