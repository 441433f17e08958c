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
from provenance.extract.title import page_title
from provenance.sites import looks_like_url

_BYLINE_WORDS = (
    "byline",
    "author",
    "dateline",
    "writtenby",
    "autor",
    "auteur",
    "szerzo",
    "yazar",
    "penulis",
)
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

#: The word a byline puts before the names, in the languages of the fixtures and more:
#: "By", "Von" (not "von der Leyen"), "Par", "Por", "Door", "Av", "Przez", a lower-case
#: Italian "di"; a label and colon ("Autor:", "Автор:", "Text:"); CJK "文：", "记者".
_BY_PREFIX_RE = re.compile(
    r"^\s*(?:"
    r"(?i:(?:words|story|text|reporting)\s+by|by|von(?!\s+(?:der|dem|den)\b)|par|por|door|"
    r"przez|av|af)\b[\s:]+"
    r"|di\s+(?=[A-ZÀ-Ý])"
    r"|(?i:oleh|bởi|του|της|מאת|द्वारा)\s+"
    r"|(?i:author|authors|autor|autorin|autora|autore|auteur|writer|reporter|text|texte|"
    r"texto|testo|tekst|yazar|yazan|muhabir|haber|penulis|wartawan|pewarta|tác giả|"
    r"συντάκτης|συντάκτρια|автор|текст|кореспондент|корреспондент|כתב|כתבה|מאת|"
    r"लेखक|रिपोर्टर|كتب|كتبت|بقلم)\s*[:：]\s*"
    r"|(?:بقلم|مراسل)\s+"
    r"|(?:写真・文|文・写真|文|撰文|记者|記者)\s*[:：/・]?\s*"
    r")"
)
#: A Korean byline's title after the name ("홍길동 기자").
_REPORTER_SUFFIX_RE = re.compile(r"\s+기자$")


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


def _reachable(node: LexborNode, cache: dict[int, bool] | None = None) -> bool:
    """Whether Readability would reach ``node`` (no ancestor dropped on the way).

    ``cache`` remembers ancestors' verdicts between calls on one page (byline
    candidates share most of their ancestors).
    """
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
        key = anc.mem_id
        removed = cache.get(key) if cache is not None else None
        if removed is None:
            removed = _removed_container(anc, in_table_or_code)
            if cache is not None:
                cache[key] = removed  # the state above an ancestor is always the same
        if removed:
            return False
        if anc.tag in ("table", "code"):
            in_table_or_code = True
    return True


def _byline_nodes(tree: HTMLParser, limit: int) -> list[LexborNode]:
    """The first ``limit`` visible, reachable byline elements with short text."""
    body = tree.body
    if body is None:
        return []
    found: list[LexborNode] = []
    cache: dict[int, bool] = {}
    for node in body.css(BYLINE_SELECTOR):
        if len(found) >= limit:
            break
        if node.tag in _DEAD_TAGS or not _visible(node):
            continue
        raw = node.text(deep=True).strip()
        if raw and len(raw) < _MAX_BYLINE_CHARS and _reachable(node, cache):
            found.append(node)
    return found


# Elements that print a date: <time>, or a class or id naming a date, time or publication.
_DATE_WORDS = ("date", "time", "publish", "posted")
DATE_SELECTOR = ", ".join(
    ["time"] + [f"[{attr}*={word} i]" for word in _DATE_WORDS for attr in ("class", "id")]
)
_HEADING_SELECTOR = "h1, h2, h3, h4, h5, h6"
#: A byline's block (the ancestors holding its date) stops growing past this much text.
_BLOCK_CHARS = 300
_BLOCK_LEVELS = 3
#: A headline matched against the page's title is at least this long.
_MIN_HEADLINE_CHARS = 10
#: A date element whose parent has this much more text sits inside a sentence.
_INLINE_SLACK = 60


def _flat_text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True).split())


def _block(node: LexborNode, levels: int, max_chars: int) -> LexborNode:
    """The widest ancestor of ``node`` within ``levels`` whose text stays under ``max_chars``."""
    block = node
    parent = node.parent
    for _ in range(levels):
        if parent is None or parent.tag in ("body", "html", "-undef", "#document"):
            break
        if len(_flat_text(parent)) > max_chars:
            break
        block = parent
        parent = parent.parent
    return block


def _date_elements(block: LexborNode, reach: bool = True) -> list[str]:
    """Texts of the date-printing elements in ``block`` that are not part of a sentence
    (and that Readability would reach, unless ``reach`` is False)."""
    out: list[str] = []
    for node in block.css(DATE_SELECTOR):
        if node.tag in _DEAD_TAGS or not _visible(node):
            continue
        text = _flat_text(node)
        if not text or len(text) >= _MAX_BYLINE_CHARS or not any(c.isdigit() for c in text):
            continue
        parent = node.parent
        if parent is not None and parent is not block and node is not block:
            around = _flat_text(parent)
            if len(around) > len(text) + _INLINE_SLACK and parent.tag in ("p", "li", "td"):
                continue  # "<p>The vote on <time>5 May</time> ...": a date in the story
        if not reach or _reachable(node):
            out.append(text)
    return out


#: With no byline, the headline's next few elements may print the date.
_HEADLINE_SIBLINGS = 3


def _next_elements(node: LexborNode, count: int) -> list[LexborNode]:
    out: list[LexborNode] = []
    sibling = node.next
    while sibling is not None and len(out) < count:
        if sibling.tag not in ("-text", "_text", "-comment", "_comment"):
            out.append(sibling)
        sibling = sibling.next
    return out


#: A line under the headline this short, not a paragraph, may be its date line.
_INFO_LINE_CHARS = 120


#: A date or time as a date line prints it, not as prose does ("2024-03-05",
#: "05.03.2024", "2024年3月5日", "09:00"): a standfirst saying "on 5 March" is no date line.
_NUMERIC_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}\b"
)


#: A full stop, "!" or "?" and the next word: a sentence ends there when that word
#: starts with a capital (the dots of "15. 1. 2024", "2024. 08. 17." or "15. mars" end
#: none); "。" inside the line ends one too.
_NEXT_WORD = re.compile(r"[.!?]\s+(\w)")


def _has_sentence_end(text: str) -> bool:
    return "。" in text[:-1] or any(m.group(1).isupper() for m in _NEXT_WORD.finditer(text))


#: A year as dates print it.
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _info_line(node: LexborNode, text: str) -> bool:
    """A short line under the headline that is no story paragraph (no paragraph or
    heading inside, no sentence end inside) and prints a numeric date or a time; a
    ``<p>`` only with a year in it too ("Posted Friday, February 16, 2024 3:05 pm")."""
    return (
        0 < len(text) <= _INFO_LINE_CHARS
        and node.tag not in ("blockquote", "figure", "ul", "ol", "table")
        and _NUMERIC_DATE.search(text) is not None
        and (node.tag != "p" or _YEAR.search(text) is not None)
        and not any(n.mem_id != node.mem_id for n in node.css("p, h1, h2, h3, h4, h5, h6"))
        and not _has_sentence_end(text)
    )


def byline_date_texts(tree: HTMLParser, limit: int = 3) -> tuple[str, ...]:
    """Printed texts beside the byline that may say when the article was published.

    In order, for each of the first ``limit`` bylines: the date elements (``<time>``, a
    class or id naming a date, time or publication) in the byline's block (its nearest
    ancestors, up to three levels, while their text stays short), the byline's own text
    ("By Jane Doe, 2 March 2026"), and its parent's text when that holds no heading or
    other paragraph ("Jane Doe | 2 mars 2026").  With no byline, the date elements in the
    headline's block and in the few elements after it.  Story paragraphs, sidebars,
    comments and hidden elements are never read, so a date the article mentions is not
    taken for its own.
    """
    out: list[str] = []
    for node in _byline_nodes(tree, limit):
        out.extend(_date_elements(_block(node, _BLOCK_LEVELS, _BLOCK_CHARS)))
        out.append(_flat_text(node))
        parent = node.parent
        if parent is not None and parent.tag not in ("body", "html", "article", "main"):
            text = _flat_text(parent)
            lone = not parent.css_first(_HEADING_SELECTOR) and len(parent.css("p")) <= 1
            if lone and len(text) < _MAX_BYLINE_CHARS * 3 // 2:
                out.append(text)
    if not any(c.isdigit() for t in out for c in t) and tree.body is not None:
        # no byline, or none with a date beside it: the date may stand on its own line
        # by the headline ("<p class=date>" above it, the byline below)
        heading, by_title = _headline(tree)
        if heading is not None:
            # a headline found by the title stands in a column Readability would drop
            # ("sidebar-1"): what follows it is read all the same
            block = _block(heading, 2, _BLOCK_CHARS)
            out.extend(_date_elements(block, reach=not by_title))
            for sibling in _next_elements(block, _HEADLINE_SIBLINGS):
                text = _flat_text(sibling)
                if len(text) <= _BLOCK_CHARS:
                    out.extend(_date_elements(sibling, reach=not by_title))
                if _info_line(sibling, text):
                    # "2024-03-05 09:00 来源：X 作者：Y": a date line under the headline
                    # whose element names no date
                    out.append(text)
    return tuple(t for t in dict.fromkeys(out) if any(c.isdigit() for c in t))


def _headline(tree: HTMLParser) -> tuple[LexborNode | None, bool]:
    """The article's headline, and whether it was found by the page's title: the first
    ``h1`` Readability would reach, else an ``h1`` whose text the ``<title>`` or
    ``og:title`` holds (a main column whose class reads as unlikely, "sidebar-1")."""
    body = tree.body
    if body is None:
        return None, False
    headings = body.css("h1")
    reachable = next((h for h in headings if _reachable(h)), None)
    if reachable is not None:
        return reachable, False
    og = tree.css_first('meta[property="og:title"]')
    og_title = " ".join(((og.attributes.get("content") or "") if og else "").split())
    titles = [t for t in (page_title(tree), og_title) if t]
    for heading in headings:
        text = _flat_text(heading)
        if len(text) >= _MIN_HEADLINE_CHARS and any(text in t for t in titles):
            return heading, True
    return None, False


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
    cache: dict[int, bool] = {}
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
        if not _reachable(node, cache):
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
    """Strip a leading "By" (in any of :data:`_BY_PREFIX_RE`'s languages), surrounding
    punctuation and spare whitespace from one name."""
    text = strip_by_prefix(" ".join(raw.split())).strip(" ,;|·-–—")
    if " | " in text:  # "Dewi Lestari | Editor: Andi Saputra", "이준호 기자 | 승인 2024.03.15"
        text = text.split(" | ", 1)[0].strip(" ,;·-–—")
    return _REPORTER_SUFFIX_RE.sub("", text) or None


def strip_by_prefix(text: str) -> str:
    """``text`` without the "By" / "Von" / "Par" / "Autor:" … that opens a byline."""
    return _BY_PREFIX_RE.sub("", text, count=1)


def clean_names(raw: Iterable[str]) -> tuple[str, ...]:
    """Clean and de-duplicate (case-insensitively, keeping the first spelling) names."""
    out: dict[str, str] = {}
    for item in raw:
        name = clean_name(item)
        if name and not looks_like_url(name):
            out.setdefault(name.casefold(), name)
    return tuple(out.values())


__all__ = [
    "BYLINE_SELECTOR",
    "DATE_SELECTOR",
    "byline_date_texts",
    "clean_name",
    "clean_names",
    "dom_byline",
    "dom_bylines",
    "strip_by_prefix",
]
