"""Article title from ``<title>``: strip the site-name part the way Mozilla Readability does.

Port of Readability's ``_getArticleTitle``: keep ``<title>`` unless the heuristics say the
part after the last separator (`` | ``, `` - ``, `` » `` ...) is the site name.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode

from provenance.attribution.lexicon import UNSPACED_CHARS
from provenance.extract.tags import RUBY_ANNOTATIONS

_SEPARATORS = r"|\-–—\\/>»"
_SEPARATOR_RE = re.compile(rf"\s[{_SEPARATORS}]\s")
_HIERARCHICAL_RE = re.compile(r"\s[\\/>»]\s")
_LEADING_PART_RE = re.compile(rf"^[^{_SEPARATORS}]*[{_SEPARATORS}]")
_SEPARATOR_CHARS_RE = re.compile(rf"[{_SEPARATORS}]+")
# ASCII \W as in JavaScript, so accented letters split words the way Readability does.
_TOKEN_RE = re.compile(r"\W+", re.ASCII)


def _word_count(text: str) -> int:
    # JavaScript's str.split(/\s+/).length: an empty or padded string still counts pieces.
    # In a script written without spaces, two characters count as a word, so a Chinese
    # or Japanese headline is not taken for a site name's few words.
    return len(re.split(r"\s+", text)) + len(UNSPACED_CHARS.findall(text)) // 2


def token_share(tokens_a: list[str], tokens_b: list[str]) -> float:
    """Share of the text of ``tokens_b`` made of tokens also in ``tokens_a``
    (Readability's ``_textSimilarity``, whatever the tokens); 0 when either is empty."""
    if not tokens_a or not tokens_b:
        return 0.0
    set_a = set(tokens_a)
    uniq_b = [t for t in tokens_b if t not in set_a]
    return 1 - len(" ".join(uniq_b)) / len(" ".join(tokens_b))


def text_similarity(a: str, b: str) -> float:
    """Share of ``b``'s token text also present in ``a`` (Readability's ``_textSimilarity``)."""
    return token_share(
        [t for t in _TOKEN_RE.split(a.lower()) if t], [t for t in _TOKEN_RE.split(b.lower()) if t]
    )


def _without_ruby(node: LexborNode) -> str:
    parts: list[str] = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag not in RUBY_ANNOTATIONS:
            parts.append(_without_ruby(child))
    return "".join(parts)


def heading_text(node: LexborNode) -> str:
    """A heading's words, whitespace folded, without ruby annotations."""
    text = node.text(deep=True) if node.css_first("rt") is None else _without_ruby(node)
    return " ".join(text.split())


def _heading_texts(tree: HTMLParser, selector: str) -> list[str]:
    return [heading_text(node) for node in tree.css(selector)]


def page_title(tree: HTMLParser) -> str:
    """The page's ``<title>``, whitespace folded ("" without one)."""
    node = tree.css_first("title")
    return " ".join(node.text(deep=True).split()) if node is not None else ""


def article_title(tree: HTMLParser, html_title: str) -> str | None:
    """The headline derived from ``<title>`` (already whitespace-normalised)."""
    orig = html_title.strip()
    if not orig:
        h1 = _heading_texts(tree, "h1")
        return h1[0] if len(h1) == 1 and h1[0] else None
    cur = orig
    hierarchical = False
    if _SEPARATOR_RE.search(cur):
        hierarchical = bool(_HIERARCHICAL_RE.search(cur))
        last = list(_SEPARATOR_RE.finditer(orig))[-1]
        cur = orig[: last.start()]
        if _word_count(cur) < 3:
            cur = _LEADING_PART_RE.sub("", orig, count=1)
    elif ": " in cur:
        if cur not in _heading_texts(tree, "h1, h2"):
            cur = orig[orig.rfind(":") + 1 :]
            if _word_count(cur) < 3:
                cur = orig[orig.find(":") + 1 :]
            elif _word_count(orig[: orig.find(":")]) > 5:
                cur = orig
    elif len(cur) > 150 or len(cur) < 15:
        h1 = _heading_texts(tree, "h1")
        if len(h1) == 1:
            cur = h1[0]
    cur = " ".join(cur.split())
    count = _word_count(cur)
    if count <= 4 and (
        not hierarchical or count != _word_count(_SEPARATOR_CHARS_RE.sub("", orig)) - 1
    ):
        cur = orig
    return cur or None


def strip_site_name(title: str, site_name: str | None) -> str:
    """Drop a `` | Site`` / `` - Site`` suffix (or ``Site | `` prefix) naming ``site_name``."""
    if not site_name or not title:
        return title
    site = re.escape(" ".join(site_name.split()))
    for pattern in (
        rf"^(?P<rest>.+?)\s[{_SEPARATORS}:·•]\s*{site}\s*$",
        rf"^\s*{site}\s*[{_SEPARATORS}:·•]\s(?P<rest>.+)$",
    ):
        m = re.match(pattern, title, re.IGNORECASE)
        if m is not None and m["rest"].strip():
            return m["rest"].strip()
    return title


__all__ = ["article_title", "page_title", "strip_site_name", "text_similarity", "token_share"]
