"""Attribution: text blocks and page metadata in; credits and credit-free blocks out.

Every credit a page gives to another publisher, read by two layers: the exact
families of ``patterns.toml`` (below), then the general reader
(:mod:`.general`), which scores the edge lines with a small model over
language-independent features and reads the credited name (:mod:`.naming`).
Syndication marks that are not sentences come from :mod:`.marks`; captions,
own copyright and own-site credits are dropped by :mod:`.negatives`.

:func:`find_attributions` reads the extracted blocks and the page metadata and returns the
credits (:class:`~provenance.model.Attribution`) plus the blocks with credit lines removed:

* footers — Yoast "The post … appeared first on …" in all its locales, All in One SEO "… first
  appeared on …", chained footers (hop 1 = the site this page copied, highest hop = origin);
* republication credits — "originally published/appeared on|in|at|by …", "republished from …",
  "republished with permission", "adapted from …", "© Provided by …", "Read more at …";
* wire credits — datelines "(AP) —", "(dpa/lno) –", end tags "(AFP)", "(Reporting by …)";
* head and structured data — foreign rel=canonical / og:url, JSON-LD ``isBasedOn``,
  ``sourceOrganization`` and a foreign ``publisher``, ``<meta name=original-source>``, the
  INN/Newspack republication pixel.

What leaves the text: footer and credit sentences (they repeat across every repost from a site
and would make unrelated reposts look alike), "Source:" lines, and "(Reporting by …; Editing
by …)" end lines (editor names recur across unrelated stories).  Wire datelines and "(AFP)"
end tags stay: they are part of the story and identical only across copies of that story.

Patterns live in ``patterns.toml``; this package never parses HTML (it strips the odd tag or
entity left inside block text with a small tokenizer).
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from provenance.attribution.credits import scan_credits
from provenance.attribution.footers import scan_templates
from provenance.attribution.general import general_credits
from provenance.attribution.head import (
    feed_source_attribution,
    head_attributions,
)
from provenance.attribution.hits import Hit, resolve
from provenance.attribution.marks import syndication_marks
from provenance.attribution.negatives import keep, rank
from provenance.attribution.patterns import (
    REPUBLICATION_KINDS,
    Compiled,
    PatternInfo,
    compiled,
    list_patterns,
)
from provenance.attribution.prefilter import AnchorSet
from provenance.attribution.text import Norm, normalize
from provenance.model import Attribution, Block, ChainRole, Link, Metadata, Position
from provenance.sites import keys_match, site_key

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^<>]{0,2000}>")
_EMPTY_PAIR = re.compile(r"<([a-zA-Z][a-zA-Z0-9]{0,15})\b[^<>]{0,2000}>\s*</\1\s*>")
_FOOTER_TAIL = 3
#: Blocks scanned at each end of the article; a page of thousands of paragraphs
#: costs no more than one of 2 x _EDGE_BLOCKS.
_EDGE_BLOCKS = 60
#: Markdown link targets ("](url)", "][3]") and emphasis marks, for the cheap prefilter.
_MD_LINK_TAIL = re.compile(r"\]\s{0,3}(?:\[[^\]\n]{0,100}\]|\([^)\n]{0,1000}\))")
_MD_MARKS = str.maketrans("[]_*>", "     ")


@dataclass(frozen=True, slots=True)
class AttributionResult:
    attributions: tuple[Attribution, ...]
    #: The input blocks with credit sentences removed (blocks left empty are dropped).
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        """The article text without its credits: the blocks, separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.text)


@dataclass(frozen=True, slots=True)
class _Found:
    hit: Hit
    norm: Norm
    text: str
    block: int


def _scan(
    text: str, links: Sequence[Link], base: str | None, block: int
) -> tuple[list[_Found], str]:
    """Credits in one block of text, and the text with removable credits cut out."""
    data = compiled()
    if not _may_hold_credit(data, text):
        return [], text
    if len(text) <= data.whole_block:
        windows = [(0, text, True, True)]
    else:
        tail = len(text) - data.tail_window
        windows = [(0, text[: data.head_window], True, False), (tail, text[tail:], False, True)]
    found: list[_Found] = []
    cuts: list[tuple[int, int]] = []
    for offset, chunk, at_start, at_end in windows:
        norm = normalize(chunk, links, base, offset=offset)
        hits = scan_templates(data, norm)
        hits += scan_credits(data, norm, at_block_start=at_start, at_block_end=at_end)
        for hit in resolve(hits):
            a, b = norm.orig_range(hit.start, hit.end)
            found.append(_Found(hit, norm, text[a:b].strip(), block))
            cuts.extend(norm.orig_range(s, e) for s, e in hit.cuts)
    return found, _cut(text, cuts)


#: Texts whose prefilter views are remembered: the content stage asks about a line, then
#: this stage about the same line as a block.
_VIEW_CACHE = 4096


@functools.lru_cache(maxsize=_VIEW_CACHE)
def _views(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """``text`` as the anchors read it (markup and entities resolved; a Markdown-ish
    variant too), each with the prefilter literals it holds."""
    data = compiled()
    literals = _all_literals(data)
    plain = text
    if "&" in plain:
        plain = html.unescape(html.unescape(plain))
    if "<" in plain:
        plain = _TAG.sub(" ", plain)
    variants = [" ".join(plain.split())]
    if "[" in plain or "_" in plain or "*" in plain:
        # Markdown-ish text: also try it with link targets and emphasis marks dropped.
        variants.append(" ".join(_MD_LINK_TAIL.sub(" ", plain).translate(_MD_MARKS).split()))
    out = []
    for v in variants:
        lowered = v.lower()
        out.append((v, frozenset(lit for lit in literals if lit in lowered)))
    return tuple(out)


_LITERALS: dict[int, frozenset[str]] = {}


def _all_literals(data: Compiled) -> frozenset[str]:
    """The literals of both anchor sets of ``data`` (loaded once per process)."""
    found = _LITERALS.get(id(data))
    if found is None:
        found = _LITERALS[id(data)] = (
            data.anchors.literals() | data.republication_anchors.literals()
        )
    return found


def _may_hold_credit(data: Compiled, text: str, anchors: AnchorSet | None = None) -> bool:
    """Cheap test: could any anchor match once markup and entities are resolved?"""
    anchors = anchors or data.anchors
    for view, present in _views(text):
        if any(a.regex.search(view) for a in anchors.candidates_given(present)):
            return True
    return False


def _cut(text: str, cuts: list[tuple[int, int]]) -> str:
    if not cuts:
        return text
    pieces: list[str] = []
    pos = 0
    for a, b in sorted(cuts):
        if a > pos:
            pieces.append(text[pos:a])
        pos = max(pos, b)
    pieces.append(text[pos:])
    out = "".join(p for p in pieces)
    if "<" in out:
        for _ in range(3):
            new = _EMPTY_PAIR.sub("", out)
            if new == out:
                break
            out = new
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    return out


def _has_words(text: str) -> bool:
    return bool(re.search(r"\w", _TAG.sub("", text).replace("&nbsp;", " ")))


def _attribution(f: _Found, position: Position) -> Attribution:
    h = f.hit
    return Attribution(
        kind=h.kind,
        text=f.text,
        site=h.site,
        url=h.url,
        site_url=h.site_url,
        title=h.title,
        position=position,
        confidence=h.confidence,
        pattern=h.pattern,
        hop=1 if h.chain else None,
        role="origin" if h.chain else None,
    )


def _title_key(title: str | None) -> str | None:
    return re.sub(r"\W+", "", title.casefold()) if title else None


def _ordered(found: list[_Found], positions: list[Position]) -> list[tuple[_Found, Attribution]]:
    """Each hit with its attribution, in reading order, each footer chain emitted
    hop 1 → origin at the place of its first footer."""
    groups: list[list[int]] = []
    for i, f in enumerate(found):
        if not f.hit.chain:
            continue
        if groups:
            prev = found[groups[-1][-1]]
            key = _title_key(f.hit.title)
            if prev.block == f.block or (key is not None and key == _title_key(prev.hit.title)):
                groups[-1].append(i)
                continue
        groups.append([i])
    chain_of = {i: g for g in groups for i in g}
    out: list[tuple[_Found, Attribution]] = []
    for i, f in enumerate(found):
        group = chain_of.get(i)
        if group is None:
            out.append((f, _attribution(f, positions[i])))
            continue
        if i != group[0]:
            continue
        n = len(group)
        for hop, j in enumerate(reversed(group), start=1):
            att = _attribution(found[j], positions[j])
            role: ChainRole = "origin" if hop == n else "intermediary"
            out.append((found[j], replace(att, hop=hop, role=role)))
    return out


def find_attributions(
    blocks: Sequence[Block],
    meta: Metadata,
    page_url: str | None,
    *,
    general: bool = True,
) -> AttributionResult:
    """Credits in ``blocks`` and ``meta``; the blocks come back without their credit lines.

    Two layers read the blocks: the exact families of ``patterns.toml``, then (with
    ``general``) the pattern-free reader of :mod:`provenance.attribution.general`
    on the edge lines the first layer found nothing in.  Captions, the page's own
    copyright and credits to its own site are dropped (:mod:`.negatives`); the
    credits come back best first (:func:`.negatives.rank`).
    """
    found, positions, kept = _scan_blocks(blocks, page_url)
    agencies = frozenset(compiled().agencies)
    attributions = [
        a
        for f, a in _ordered(found, positions)
        if keep(
            a,
            page_url=page_url,
            site_name=meta.site_name,
            agencies=agencies,
            caption=_in_caption(f, blocks),
        )
    ]
    if general:
        skip = frozenset(f.block for f in found)
        for att in general_credits(blocks, page_url, meta.title, skip=skip):
            if keep(att, page_url=page_url, site_name=meta.site_name, agencies=agencies,
                    caption=False):  # fmt: skip
                attributions.append(att)
    attributions.sort(key=rank)
    marks = [a for a in syndication_marks(meta, page_url) if not _names_found(a, attributions)]
    attributions.extend(
        a
        for a in marks
        if keep(a, page_url=page_url, site_name=meta.site_name, agencies=agencies, caption=False)
    )
    attributions.extend(head_attributions(meta, page_url))
    return AttributionResult(attributions=tuple(attributions), blocks=tuple(kept))


def _scan_blocks(
    blocks: Sequence[Block], page_url: str | None
) -> tuple[list[_Found], list[Position], list[Block]]:
    """Pattern credits in the edge blocks, each one's position, and the blocks without them."""
    found: list[_Found] = []
    positions: list[Position] = []
    kept: list[Block] = []
    n = len(blocks)
    for index, block in enumerate(blocks):
        if _EDGE_BLOCKS <= index < n - _EDGE_BLOCKS:
            kept.append(block)  # the middle of a very long page: credits sit at the edges
            continue
        hits, text = _scan(block.text, block.links, page_url, index)
        for f in hits:
            if f.hit.kind == "wire-credit" and not f.hit.cuts:
                positions.append("body")
            else:
                positions.append("footer" if f.hit.chain or index >= n - _FOOTER_TAIL else "body")
        found.extend(hits)
        if text == block.text:
            kept.append(block)
        elif _has_words(text):
            links = tuple(link for link in block.links if link.text and link.text in text)
            kept.append(replace(block, text=text, links=links))
        else:
            log.debug("dropped block %d: only a credit line", index)
    return found, positions, kept


def _in_caption(f: _Found, blocks: Sequence[Block]) -> bool:
    """A credit in a caption, or a wire end tag closing a paragraph amid the body
    (a photo caption the extractor kept as a paragraph)."""
    block = blocks[f.block]
    if block.kind == "caption":
        return True
    if f.hit.kind != "wire-credit" or f.hit.cuts or f.block < 2:
        return False
    story_after = sum(
        1
        for b in blocks[f.block + 1 : f.block + 12]
        if len(b.text) >= 120 and b.text.rstrip()[-1:] in ".!?»”\"'"
    )
    return story_after >= 2


def _names_found(mark: Attribution, found: Sequence[Attribution]) -> bool:
    key = site_key(mark.site)
    return bool(key) and any(keys_match(key, site_key(a.site) or "") for a in found)


def parse_credits(
    text: str, links: Sequence[Link] = (), position: Position = "body"
) -> list[Attribution]:
    """Credits in one piece of plain (or lightly marked-up) text, e.g. a feed item description."""
    found, _ = _scan(text, links, None, 0)
    return [a for _, a in _ordered(found, [position] * len(found))]


def may_be_credit_line(text: str) -> bool:
    """Cheap test before :func:`is_credit_line`: False means surely not a credit line."""
    data = compiled()
    return _may_hold_credit(data, text, data.republication_anchors)


def is_credit_line(text: str, links: Sequence[Link] = ()) -> bool:
    """Does ``text`` credit another publisher with the article (a republication credit)?

    The content extractor asks, so that a short credit line after the body is kept
    for this stage exactly when this stage will recognise it.
    """
    data = compiled()
    if not _may_hold_credit(data, text, data.republication_anchors):
        return False
    return any(f.hit.kind in REPUBLICATION_KINDS for f in _scan(text, links, None, 0)[0])


__all__ = [
    "REPUBLICATION_KINDS",
    "AttributionResult",
    "PatternInfo",
    "feed_source_attribution",
    "find_attributions",
    "is_credit_line",
    "list_patterns",
    "may_be_credit_line",
    "parse_credits",
]
