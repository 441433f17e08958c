"""Author names: byline elements in the page body, and cleaning of name lists.

The byline search follows Mozilla Readability's ``_isValidByline``: the first visible
element with ``rel=author``, an ``itemprop`` containing ``author``, or a class/id
mentioning ``byline`` / ``author`` / ``dateline`` / ``writtenby``, whose text is short.
Candidates are found with one CSS query; only their ancestors are inspected in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode

from provenance.extract.dates import written_date_start
from provenance.sites import looks_like_url

_BYLINE_WORDS = ("byline", "author", "dateline", "writtenby")
BYLINE_SELECTOR = ", ".join(
    ["[rel=author]", "[itemprop*=author]"]
    + [f"[{attr}*={word} i]" for word in _BYLINE_WORDS for attr in ("class", "id")]
)
_BYLINE_RE = re.compile("|".join(_BYLINE_WORDS), re.IGNORECASE)
_MAX_BYLINE_CHARS = 100

# Readability drops these containers (and everything in them) before looking for a byline.
# "header" is left out: article headers ("entry-header") are where bylines live, and
# Readability finds them on its second pass when the first one strips too much.
_UNLIKELY_RE = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|"
    r"gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote",
    re.IGNORECASE,
)
_MAYBE_CANDIDATE_RE = re.compile(
    r"and|article|body|column|content|main|mathjax|shadow", re.IGNORECASE
)
_UNLIKELY_ROLES = frozenset(
    {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}
)
_DEAD_TAGS = frozenset({"script", "noscript", "style", "template", "head", "svg", "math"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_BY_PREFIX_RE = re.compile(r"^\s*by\b[\s:]*", re.IGNORECASE)


def _visible(node: LexborNode) -> bool:
    attrs = node.attributes
    style = attrs.get("style")
    if style and _HIDDEN_STYLE_RE.search(style):
        return False
    if "hidden" in attrs:
        return False
    return attrs.get("aria-hidden") != "true" or "fallback-image" in (attrs.get("class") or "")


def _removed_container(node: LexborNode, in_table_or_code: bool) -> bool:
    """Would Readability have dropped this ancestor before reaching its children?"""
    if node.tag in _DEAD_TAGS or not _visible(node):
        return True
    attrs = node.attributes
    if attrs.get("aria-modal") == "true" and attrs.get("role") == "dialog":
        return True
    match = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if (
        node.tag not in ("body", "a", "html")
        and not in_table_or_code
        and _UNLIKELY_RE.search(match)
        and not _MAYBE_CANDIDATE_RE.search(match)
    ):
        return True
    return attrs.get("role") in _UNLIKELY_ROLES


def _reachable(node: LexborNode) -> bool:
    ancestors: list[LexborNode] = []
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "-undef", "#document"):
        ancestors.append(parent)
        parent = parent.parent
    if any(a.tag in _DEAD_TAGS for a in ancestors):
        return False
    # Walk from the top down so "inside a table/code" is known for each ancestor.
    in_table_or_code = False
    for anc in reversed(ancestors):
        if _removed_container(anc, in_table_or_code):
            return False
        if anc.tag in ("table", "code"):
            in_table_or_code = True
    return True


def dom_byline(tree: HTMLParser) -> str | None:
    """Text of the first byline-looking element, or ``None``."""
    found = dom_bylines(tree, limit=1)
    return found[0] if found else None


def dom_bylines(tree: HTMLParser, limit: int = 8) -> tuple[str, ...]:
    """Texts of the first ``limit`` byline-looking elements, in document order."""
    body = tree.body
    if body is None:
        return ()
    out: list[str] = []
    for node in body.css(BYLINE_SELECTOR):
        if len(out) >= limit:
            break
        if node.tag in _DEAD_TAGS or not _visible(node):
            continue
        raw = node.text(deep=True).strip()
        # Raw length, as Readability measures it: a container whose text is padded with
        # markup indentation fails, so the innermost byline element tends to win.
        if not raw or len(raw) >= _MAX_BYLINE_CHARS:
            continue
        text = " ".join(raw.split())
        if not _reachable(node):
            continue
        name_node = node.css_first("[itemprop*=name]")
        name = " ".join(name_node.text(deep=True).split()) if name_node is not None else ""
        name = name or strip_trailing_date(text) or ""
        if name and name not in out:
            out.append(name)
    return tuple(out)


_DATE_LABEL_RE = re.compile(
    r"^(?:last\s+)?(?:updated|published|posted|modified|date|on)\b", re.IGNORECASE
)


def strip_trailing_date(text: str) -> str | None:
    """Cut a date written after the name ("Jane Doe March 3, 2024 10:15 AM" → "Jane Doe").

    ``None`` when no name is left: the text is only a date, or a label such as
    "Last updated: March 3, 2024".
    """
    start = written_date_start(text)
    if start is None:
        return text
    # Also drop weekday names and separators left in front of the date.
    head = re.sub(
        r"[\s,|·•\-–—:]*(?:(?:on|updated|published)\s*)?"
        r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$",
        "",
        text[:start],
        flags=re.IGNORECASE,
    ).strip()
    if not head or _DATE_LABEL_RE.match(head) or not any(c.isalpha() for c in head):
        return None
    return head


def clean_name(raw: str) -> str | None:
    """Strip a leading "By", surrounding punctuation and spare whitespace from one name."""
    text = " ".join(raw.split())
    text = _BY_PREFIX_RE.sub("", text).strip(" ,;|·-–—")
    return text or None


def clean_names(raw: Iterable[str]) -> tuple[str, ...]:
    """Clean and de-duplicate (case-insensitively, keeping the first spelling) names."""
    out: dict[str, str] = {}
    for item in raw:
        name = clean_name(item)
        if name and not looks_like_url(name):
            out.setdefault(name.casefold(), name)
    return tuple(out.values())


__all__ = ["BYLINE_SELECTOR", "clean_name", "clean_names", "dom_byline", "dom_bylines"]
