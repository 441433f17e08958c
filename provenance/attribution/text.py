"""Block text normalisation with an offset map back to the original text.

A block may carry a credit as plain text, as literal HTML (``<a href>`` tags, when the page
entity-escaped its feed content), entity-escaped HTML, or Markdown links.  :func:`normalize`
turns a slice of block text into clean single-spaced text, records every link it sees as a
:class:`Span`, and keeps for each output character the original start/end offsets so a credit
found in the clean text can be cut out of the original exactly.  Pure text: no HTML parser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from provenance.model import Link

_TOKEN = re.compile(
    r"(?P<comment><!--.{0,4000}?-->)"
    r"|(?P<aopen><a\b[^<>]{0,2000}>)"
    r"|(?P<aclose></a\s*>)"
    r"|(?P<btag></?(?:p|br|div|li|ul|ol|h[1-6]|blockquote|tr|td|th|section|article|hr|figure"
    r"|figcaption|header|footer|aside|dd|dt|table)\b[^<>]{0,2000}>)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]{0,15}(?:\s[^<>]{0,2000})?/?>)"
    r"|(?P<mdlink>\[(?P<mdtext>[^\[\]\n]{1,300})\]\(\s*(?P<mdhref>https?://[^\s()<>]{1,1000})\s*\))"
    r"|(?P<mdref>\[(?P<mdreftext>[^\[\]\n]{1,300})\]\[\d{1,4}\])"
    r"|(?P<emph>(?<!\w)_{1,3}(?=\w)|(?<=[\w.!?:;,)\]])_{1,3}(?!\w))"
    r"|(?P<entity>&(?:amp;){0,3}(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)"
    r"|(?P<space>\s+)",
    re.DOTALL,
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:amp;){0,3}(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """A link inside normalised text: ``text[start:end]`` is its anchor text."""

    start: int
    end: int
    href: str
    text: str


@dataclass(frozen=True, slots=True)
class Norm:
    """Normalised text plus the original offsets of every character."""

    text: str
    #: ``starts[i]``/``ends[i]``: the original slice character ``i`` came from.
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    links: tuple[Span, ...]

    def orig_range(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[a, b)`` covering normalised ``[start, end)``."""
        if end <= start:
            pos = (
                self.starts[start]
                if start < len(self.starts)
                else (self.ends[-1] if self.ends else 0)
            )
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def link_at(self, pos: int, slack: int = 3) -> Span | None:
        """The link starting at ``pos`` (or a few characters after it)."""
        for span in self.links:
            if pos <= span.start <= pos + slack:
                return span
        return None

    def links_in(self, start: int, end: int) -> list[Span]:
        return [s for s in self.links if s.start >= start and s.end <= end]


def _href(tag: str, base: str | None) -> str | None:
    m = _HREF.search(tag)
    if not m:
        return None
    raw = html.unescape(next(g for g in m.groups() if g is not None)).strip()
    if not raw or raw.startswith(("#", "javascript:", "mailto:")):
        return None
    return urljoin(base, raw) if base else raw


def _decode(text: str) -> tuple[str, list[int], list[int]]:
    """Entity-decode ``text`` keeping offsets (for entity-escaped HTML)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _ENTITY.finditer(text):
        for i in range(pos, m.start()):
            out.append(text[i])
            starts.append(i)
            ends.append(i + 1)
        for ch in _unescape(m.group()):
            out.append(ch)
            starts.append(m.start())
            ends.append(m.end())
        pos = m.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        starts.append(i)
        ends.append(i + 1)
    return "".join(out), starts, ends


def _unescape(entity: str) -> str:
    value = entity
    for _ in range(4):
        new = html.unescape(value)
        if new == value:
            break
        value = new
    return value


class _Builder:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        #: Start of dropped opening markup (``<a href>``, ``<em>``) owned by the next character.
        self.pending: int | None = None

    def emit(self, chars: str, start: int, end: int) -> None:
        for ch in chars:
            self.out.append(ch)
            self.starts.append(start if self.pending is None else min(start, self.pending))
            self.ends.append(end)
            self.pending = None

    def copy(self, text: str, a: int, b: int) -> None:
        for i in range(a, b):
            self.emit(text[i], i, i + 1)

    def open_markup(self, start: int) -> None:
        if self.pending is None:
            self.pending = start

    def close_markup(self, end: int) -> None:
        """Dropped closing markup (``</a>``, ``](url)``) is owned by the previous character."""
        if self.ends and self.pending is None:
            self.ends[-1] = max(self.ends[-1], end)

    def space(self, start: int, end: int) -> None:
        if self.out and self.out[-1] != " ":
            self.emit(" ", start, end)
        else:
            self.close_markup(end)

    def glue_guard(self, nxt: str, at: int) -> None:
        """Insert a space when a link would glue two words together."""
        if self.out and self.out[-1].isalnum() and nxt[:1].isalnum():
            self.emit(" ", at, at)


def normalize(
    text: str, links: Sequence[Link] = (), base: str | None = None, offset: int = 0
) -> Norm:
    """Normalise ``text`` (a block or a window of one starting at ``offset``)."""
    pre_starts: list[int] | None = None
    pre_ends: list[int] | None = None
    if "&lt;" in text and "&gt;" in text:
        text, pre_starts, pre_ends = _decode(text)
    b, spans = _read(text, base)
    out = "".join(b.out)
    starts, ends = b.starts, b.ends
    if pre_starts is not None and pre_ends is not None:
        starts = [pre_starts[i] if i < len(pre_starts) else len(text) for i in starts]
        ends = [pre_ends[i - 1] if 0 < i <= len(pre_ends) else 0 for i in ends]
    if offset:
        starts = [s + offset for s in starts]
        ends = [e + offset for e in ends]
    found = [Span(s.start, s.end, s.href, out[s.start : s.end].strip()) for s in spans]
    found = [s for s in found if s.text]
    found.extend(_locate(out, links, found, base))
    found.sort(key=lambda s: s.start)
    return Norm(out, tuple(starts), tuple(ends), tuple(found))


def _read(text: str, base: str | None) -> tuple[_Builder, list[Span]]:
    """Tokenize ``text`` into clean characters with offsets, and the links its markup opens."""
    b = _Builder()
    spans: list[Span] = []
    open_at: tuple[int, str] | None = None
    pos = 0
    for m in _TOKEN.finditer(text):
        b.copy(text, pos, m.start())
        pos = m.end()
        kind = m.lastgroup
        if kind in ("comment", "tag", "emph", "aopen"):
            group = m.group()
            closing = (
                group.startswith("</")
                or kind == "comment"
                or (kind == "emph" and not text[m.end() : m.end() + 1].isalnum())
            )
            if closing:
                b.close_markup(m.end())
            else:
                b.open_markup(m.start())
            if kind != "aopen":
                continue
        if kind == "btag" or kind == "space":
            b.space(m.start(), m.end())
        elif kind == "entity":
            value = _unescape(m.group())
            if value.isspace() or value == "\xa0":
                b.space(m.start(), m.end())
            else:
                b.emit(value, m.start(), m.end())
        elif kind == "aopen":
            href = _href(m.group(), base)
            open_at = (len(b.out), href) if href else None
        elif kind == "aclose":
            b.close_markup(m.end())
            if open_at is not None:
                spans.append(Span(open_at[0], len(b.out), open_at[1], ""))
            open_at = None
        elif kind in ("mdlink", "mdref"):
            spans.append(_md_link(b, text, m, kind))
    b.copy(text, pos, len(text))
    if open_at is not None:
        spans.append(Span(open_at[0], len(b.out), open_at[1], ""))
    return b, spans


def _md_link(b: _Builder, text: str, m: re.Match[str], kind: str) -> Span:
    """Copy a Markdown link's text (``[text](url)`` or ``[text][3]``) and return its span."""
    group = "mdtext" if kind == "mdlink" else "mdreftext"
    inner = m.group(group)
    b.glue_guard(inner, m.start())
    begin = len(b.out)
    b.open_markup(m.start())
    b.copy(text, m.start(group), m.end(group))
    b.close_markup(m.end())
    if kind == "mdlink":
        return Span(begin, len(b.out), m.group("mdhref"), "")
    return Span(begin, len(b.out), "", "")


def _locate(out: str, links: Sequence[Link], known: list[Span], base: str | None) -> list[Span]:
    """Place extractor-supplied links (text + href, no offsets) in the normalised text."""
    result: list[Span] = []
    cursor = 0
    for link in links:
        label = _SPACE.sub(" ", link.text).strip()
        if not label or not link.href:
            continue
        at = out.find(label, cursor)
        if at < 0:
            at = out.find(label)
        if at < 0:
            continue
        end = at + len(label)
        if any(s.start < end and at < s.end for s in known + result):
            continue
        href = urljoin(base, link.href) if base else link.href
        result.append(Span(at, end, href, label))
        cursor = end
    return result


def clean(value: str, strip_chars: str) -> str:
    """Collapse whitespace and strip markup/quote characters from both ends."""
    return _SPACE.sub(" ", value).strip().strip(strip_chars).strip()


__all__ = ["Norm", "Span", "clean", "normalize"]
