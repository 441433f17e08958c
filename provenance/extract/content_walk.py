"""One pass over a selectolax tree into a light block model.

The walk visits every node once and builds the :mod:`.content_model` tree.
Scripts, styles, forms controls, navigation and hidden subtrees are skipped
here; the likely-boilerplate test (class/id patterns) only flags an ``El`` so a
second, more lenient pass can still use it.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

from provenance.extract.content_model import El, Run, Unit, any_of, count_commas
from provenance.extract.tags import BLOCK_TAGS, RUBY_ANNOTATIONS

_SKIP_NAMES = (
    "script style noscript template svg iframe object embed canvas video audio select button "
    "input textarea option optgroup datalist head link meta title map area source track param "
    "frameset frame dialog nav amp-ad amp-analytics amp-sidebar amp-pixel amp-social-share "
    "amp-consent amp-user-notification amp-sticky-ad amp-auto-ads amp-iframe amp-embed "
    "amp-video amp-youtube amp-list amp-geo amp-state "
    "amp-lightbox amp-call-tracking"
)
#: Subtrees never read.  (amp-twitter, amp-instagram and amp-facebook are read: their
#: ``placeholder`` child holds the embedded post, which is part of the story; their
#: ``fallback`` child, shown when the post cannot load, is skipped like hidden text.
#: Ruby annotations (:data:`.tags.RUBY_ANNOTATIONS`) are skipped: read inline they
#: would split every annotated word of the sentence.)
SKIP_TAGS: Final = frozenset(_SKIP_NAMES.split()) | RUBY_ANNOTATIONS
_IMG_TAGS: Final = frozenset(("img", "amp-img", "amp-anim", "picture"))
#: Skipped elements Readability has already dropped when it counts children.
_INVISIBLE: Final = (
    frozenset(("script", "style", "noscript", "template", "link", "meta", "title", "head"))
    | RUBY_ANNOTATIONS
)
#: Scored only when a first pass finds nothing, and dropped inside the chosen content.
_ASIDES: Final = frozenset(("aside", "footer"))
_EMBED_TAGS: Final = frozenset(("object", "embed", "iframe", "video"))
_NO_UNLIKELY: Final = frozenset(("html", "body", "article", "main", "a", "tr", "td", "th"))

_UNLIKELY_WORDS = (
    "-ad-", "ai2html", "banner", "breadcrumb", "ariane", "combx", "disclaimer", "comment",
    "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "consent",
    "newsletter", "subscri", "signup", "sign-up", "share", "sharing", "sharedaddy", "postblock",
    "jp-relatedposts", "yarpp", "outbrain", "taboola", "trending", "mostpopular", "most-popular",
    "recommend",
    # comment sections named in the site's own language (German, Scandinavian, Polish,
    # Czech, Indonesian, Spanish, Portuguese, Dutch, Turkish)
    "kommentar", "komentar", "comentario", "reacties", "yorum",
)  # fmt: skip
UNLIKELY: Final = re.compile(any_of(*_UNLIKELY_WORDS))
#: Boilerplate so specific that a content-ish word elsewhere in the class does not save it.
STRONG_UNLIKELY: Final = re.compile(
    r"related-?(?:posts?|articles?|stories|coverage|content|links|news|items)|more-?stories|"
    r"recommended|newsletter|cookie-?(?:banner|consent|notice|bar)|comments?-(?:area|section|list)|"
    r"share-?(?:bar|buttons|tools|links)|social-?(?:share|links|buttons|icons)|jp-relatedposts|"
    r"yarpp|outbrain|taboola|postblock|read-?next|you-?may-?also|also-?read|"
    r"inline-related|jnews_related|(?:^|[\s_-])tags?(?:$|[\s_-])|tagcloud|tag-?list|tag-?links|"
    # a call-to-action box in the story ("kg-cta-card", "article-cta"): a promotion
    r"(?:^|[\s_-])cta(?:$|[\s_-])|"
    # "read also" boxes named in the site's language; the author's bio box
    r"lire-?aussi|lesen-?sie-?auch|leia-?tamb[eé]m|l[e]e-?tambi[eé]n|leggi-?anche|"
    r"czytaj-?(?:tez|też|takze|także)|citeste-?si|prectete-?si|baca-?juga|lees-?ook|"
    r"veja-?tamb[eé]m|ver-?tambi[eé]n|читайте-?также|"
    r"author-?bio|bio-?box|author-?box|about-?the-?author"
)
OK_MAYBE: Final = re.compile(r"and|article|body|column|content|main|shadow")
_UNLIKELY_ROLES: Final = frozenset(
    ("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog")
)
#: Short elements that are bylines or date lines.
_BYLINE: Final = re.compile(
    r"byline|author|dateline|writtenby|p-author|(?:^|[\s_-])(?:date|time|timestamp|pubdate|"
    r"published|updated|posted-on|meta|metadata)(?:$|[\s_-])"
)
#: Found in every string that :data:`UNLIKELY`, :data:`STRONG_UNLIKELY` or :data:`_BYLINE`
#: matches (each of their branches contains one of these words), so a miss here settles
#: most class names with one fast search.
_CLASS_HINT: Final = re.compile(
    any_of(
        *_UNLIKELY_WORDS, "more", "read", "you", "also", "tag",
        "byline", "author", "dateline", "writtenby", "date", "time", "published", "updated",
        "posted-on", "meta", "cta", "aussi", "auch", "tamb", "anche", "czytaj", "citeste",
        "prectete", "juga", "lees", "также", "bio", "about",
    )
)  # fmt: skip
_VIDEO: Final = re.compile(
    r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|"
    r"(archive|upload\.wikimedia)\.org|player\.twitch\.tv)",
    re.I,
)
#: Whole units that are an ad label or a photo credit, never article text.
_LABEL: Final = re.compile(
    r"(?:advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|reklama|"
    r"sponsored|ad)\W*$|(?:loading|正在加载|загрузка|chargement|cargando)(?:…|\.\.\.)?$|"
    r"\(?(?:photo|image|picture|foto|bild|credit|photograph)s?(?: credits?)?\s*:[^.!?]*\)?$",
    re.I,
)
#: A link or button that closes the block it sits in, by its class/id ("close",
#: "btn-close", "dismiss"; not a photo's "close-up") or by a click handler that hides it
#: (jQuery's slideUp/fadeOut/hide/remove, Bootstrap's data-dismiss).  Words, not
#: phrases: the control's text is in the page's language ("Zamknij", "Schließen", "×"),
#: its markup mostly is not.
_CLOSE_CONTROL: Final = re.compile(
    r"(?:^|[\s_-])(?:close(?![-_]?ups?\b)|dismiss)(?:$|[\s_-])"
    r"|\.(?:slideup|fadeout|hide|remove)\(",
)
#: A block holding nothing but its close control ("Close", "×") hands the flag to its parent.
_CONTROL_TEXT: Final = 24
#: A lower-case letter followed by an upper-case one: a word boundary in a camelCase name.
_CAMEL_HUMP: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MAX_DEPTH: Final = 300
#: ``LexborNode.tag_id`` of text nodes (lexbor's ``LXB_TAG__TEXT``; ``tag`` is ``"-text"``).
_TEXT_ID: Final = 2
#: Inline wrappers climbed from a link to find the hover card after it.
_CARD_CLIMB: Final = 3
#: Marks a <br> inside a run of text (whitespace to str.split, so the text folds it).
_LINE_BREAK: Final = "\u2028"
#: In a run of at least this many lines cut by <br>, a line shorter than
#: :data:`_PROSE_LINE` characters is a list item or an address line, not prose.
_LIST_LINES: Final = 3
_PROSE_LINE: Final = 50
_BYLINE_BIT: Final = 1
_UNLIKELY_BIT: Final = 2
#: Unlikely only for naming a header, heading or subheading ("header-h2", "subheader"):
#: a section heading (h2-h6) so classed is the story's own, not the site's header.
_SUBHEAD_BIT: Final = 4
_SUBHEAD: Final = re.compile(r"(?:sub-?)?head(?:er|ing|line)?s?")
_SUBHEADING_TAGS: Final = frozenset(("h2", "h3", "h4", "h5", "h6"))


#: Inline styles that take an element out of sight without display:none: a box of no
#: height that clips its content, or one moved far off the left edge of the page (the
#: "visually hidden" patterns; read by screen readers, never shown).
_OFF_SCREEN: Final = re.compile(
    r"(?:^|;)(?:max-)?height:0(?:px|r?em|%)?(?:!important)?(?:;|$).*overflow:hidden|"
    r"overflow:hidden.*(?:^|;)(?:max-)?height:0(?:px|r?em|%)?(?:!important)?(?:;|$)|"
    r"position:absolute.*(?:^|;)(?:left|top|text-indent):-\d{3,}(?:\.\d+)?(?:px|r?em)|"
    r"(?:^|;)(?:left|top|text-indent):-\d{3,}(?:\.\d+)?(?:px|r?em).*position:absolute"
)


def _closes(attrs: dict[str, str | None]) -> bool:
    """Is this link or button a control that closes (hides) its block?"""
    if "data-dismiss" in attrs or "data-bs-dismiss" in attrs:
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    onclick = attrs.get("onclick") or ""  # not read as camelCase words: ".slideUp("
    probe = f"{_CAMEL_HUMP.sub('-', names)} {onclick}".lower()
    return bool(_CLOSE_CONTROL.search(probe))


def _only_control(el: El) -> bool:
    """Does ``el`` hold nothing but a short control text (no blocks)?"""
    text = 0
    for item in el.items:
        if isinstance(item, El):
            return False
        text += len(item.text)
    return text <= _CONTROL_TEXT


def _hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or "fallback" in attrs:
        return True
    style = attrs.get("style")
    if style:
        s = style.replace(" ", "").lower()
        if "display:none" in s or "visibility:hidden" in s:
            return True
        if ("height:0" in s or ":-" in s) and _OFF_SCREEN.search(s):
            return True
    aria = attrs.get("aria-hidden")
    return aria == "true" and "fallback-image" not in (attrs.get("class") or "")


def _hover_card(link: LexborNode, run: Run | None, token: int) -> int:
    """The ``mem_id`` of an inline hover card right after ``link``, else 0.

    A card repeats the link's text and adds a bio or teasers ("Dana Reyes" linked,
    then "Dana ReyesSenator since 2019 ..."); shown only on hover, its text would be
    glued into the sentence.
    """
    node, nxt = link, link.next
    for _ in range(_CARD_CLIMB):
        while nxt is not None and nxt.tag_id == _TEXT_ID and nxt.is_empty_text_node:
            nxt = nxt.next
        if nxt is not None:
            break
        # the link is the last thing in an inline wrapper: the card may follow the wrapper
        wrapper = node.parent
        if wrapper is None or wrapper.tag in BLOCK_TAGS:
            return 0
        node, nxt = wrapper, wrapper.next
    if nxt is None or nxt.tag_id == _TEXT_ID or nxt.tag in BLOCK_TAGS or nxt.tag in ("a", None):
        return 0
    if run is None or not run.links or run.links[-1][0] != token:
        return 0
    name = "".join(run.links[-1][2]).strip()
    if len(name) < 3:
        return 0
    text = nxt.text(strip=True)
    return nxt.mem_id if len(text) > len(name) and text.startswith(name) else 0


class Walker:
    """Build the block model of one document; see :func:`walk`."""

    __slots__ = ("anchors", "cache", "card", "href", "in_code", "in_table", "token", "units")

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.anchors = 0
        self.href: str | None = None
        self.token = 0
        self.in_table = 0
        self.in_code = 0
        #: ``mem_id`` of a hover card met right after its link (skipped when reached)
        self.card = 0
        #: class/id string -> _BYLINE_BIT | _UNLIKELY_BIT (class names repeat a lot)
        self.cache: dict[str, int] = {}

    def _classify(self, probe: str) -> int:
        bits = self.cache.get(probe)
        if bits is None:
            # camelCase names (CSS modules, React components: "ArticleTopTimestamp__root")
            # are read as words, as a hyphenated name would be
            low = _CAMEL_HUMP.sub("-", probe).lower()
            bits = 0
            if _CLASS_HINT.search(low):
                if _BYLINE.search(low):
                    bits |= _BYLINE_BIT
                strong = STRONG_UNLIKELY.search(low)
                if strong or (UNLIKELY.search(low) and not OK_MAYBE.search(low)):
                    bits |= _UNLIKELY_BIT
                    if not strong and "head" in low and not UNLIKELY.search(_SUBHEAD.sub(" ", low)):
                        bits |= _SUBHEAD_BIT
            self.cache[probe] = bits
        return bits

    def _text(self, el: El, text: str) -> None:
        run = el.run
        if run is None:
            if text.isspace():
                return
            run = el.run = Run()
        run.frags.append(text)
        if run.brs and not text.isspace():
            run.brs = 0
        if self.href is not None:
            if run.links and run.links[-1][0] == self.token:
                run.links[-1][2].append(text)
            else:
                run.links.append((self.token, self.href, [text]))

    def _br(self, el: El) -> None:
        run = el.run
        if run is None:
            return
        if run.brs:
            self.flush(el)
        else:
            run.frags.append(_LINE_BREAK)
            run.brs = 1

    def flush(self, el: El) -> None:
        run = el.run
        if run is None:
            return
        el.run = None
        raw = "".join(run.frags)
        text = " ".join(raw.split())
        if not text or (len(text) < 150 and _LABEL.match(text)):
            return
        commas = None
        if _LINE_BREAK in raw:
            lines = [line for line in raw.split(_LINE_BREAK) if not line.isspace() and line]
            if len(lines) >= _LIST_LINES:
                # lines cut by <br>: only the prose lines' commas score ("Name,
                # affiliation" lines of a list of signatories are not prose)
                commas = sum(count_commas(line) for line in lines if len(line) >= _PROSE_LINE)
        links: list[tuple[str, str]] = []
        link_len = 0.0
        for _tok, href, frags in run.links:
            ltext = " ".join("".join(frags).split())
            if ltext:
                link_len += len(ltext) * (0.3 if href.startswith("#") else 1.0)
                links.append((ltext, href))
        unit = Unit(text, el, links, link_len, commas)
        unit.index = len(self.units)
        self.units.append(unit)
        el.items.append(unit)

    # -- the walk ----------------------------------------------------------------------
    # Measured hot loop, kept whole on purpose (over the 60-line limit): it runs once per
    # node of every page.  Splitting the element branch into a method (one more call per
    # element) cost 2.2-2.6% of walk() CPU time in a per-page interleaved A/B over the
    # 130-page readability suite (A/A noise +-0.5%), and content/parse in
    # ``benchmarks/bench_extract.py --stages --repeat 5`` went from 6.11 to 6.20 (mean of 4).
    def visit(self, node: LexborNode, el: El, depth: int) -> None:
        """Read the children of ``node`` into ``el``: text into runs, elements by kind."""
        if depth > _MAX_DEPTH:
            deep = node.text()
            if deep:
                self._text(el, deep)
            return
        href = self.href
        for child in node.iter(include_text=True):
            if child.tag_id == _TEXT_ID:
                # inlined _text(): this is the hottest line of the walk
                run = el.run
                if run is None and child.is_empty_text_node:
                    continue  # whitespace between blocks, tested without building a str
                text = child.text_content
                if not text:
                    continue
                if run is None:
                    if text.isspace():
                        continue
                    run = el.run = Run()
                run.frags.append(text)
                if run.brs and not text.isspace():
                    run.brs = 0
                if href is not None:
                    links = run.links
                    if links and links[-1][0] == self.token:
                        links[-1][2].append(text)
                    else:
                        links.append((self.token, href, [text]))
                continue
            tag = child.tag
            if tag is None or tag[0] == "-":
                continue
            if self.card and child.mem_id == self.card:
                self.card = 0
                continue
            if tag in SKIP_TAGS:
                if tag not in _INVISIBLE:
                    el.n_other += 1
                if tag in _EMBED_TAGS:
                    src = child.attributes.get("src") or ""
                    if not _VIDEO.search(src):
                        el.n_embed += 1
                elif tag == "input":
                    el.n_input += 1
                elif tag == "button" and child.attributes and _closes(child.attributes):
                    el.closes = True
                continue
            if tag == "br":
                el.n_other += 1
                self._br(el)
                continue
            if tag in _IMG_TAGS:
                el.n_img += 1
                el.n_other += 1
                if tag != "picture":
                    continue
            attrs = child.attributes
            bits = 0
            cls = ident = ""
            if attrs:
                if (
                    "hidden" in attrs
                    or "style" in attrs
                    or "aria-hidden" in attrs
                    or "fallback" in attrs
                ) and _hidden(attrs):
                    continue
                cls = attrs.get("class") or ""
                ident = attrs.get("id") or ""
                # _NO_UNLIKELY tags are never flagged, so their class needs no test
                if tag not in _NO_UNLIKELY and (
                    cls
                    or ident
                    or "rel" in attrs
                    or "itemprop" in attrs
                    or "data-component" in attrs
                    or "data-testid" in attrs
                ):
                    probe = (
                        f"{cls} {ident} {attrs.get('rel') or ''} {attrs.get('itemprop') or ''}"
                        f" {attrs.get('data-component') or ''} {attrs.get('data-testid') or ''}"
                    )
                    cached = self.cache.get(probe)
                    bits = self._classify(probe) if cached is None else cached
                    if bits & _SUBHEAD_BIT and tag in _SUBHEADING_TAGS:
                        bits &= ~_UNLIKELY_BIT
                    if (
                        bits & _BYLINE_BIT
                        and tag not in _NO_UNLIKELY
                        and len(child.text(strip=True)) < 100
                    ):
                        continue
            if tag in BLOCK_TAGS or "-" in tag:
                self.block(child, tag, el, attrs, cls, ident, bits, depth)
                continue
            el.n_other += 1
            if tag == "a":
                if attrs and ("onclick" in attrs or cls or ident) and _closes(attrs):
                    el.closes = True
                link = attrs.get("href") if attrs else None
                if link is None:
                    self.visit(child, el, depth + 1)
                else:
                    saved_tok = self.token
                    self.anchors += 1
                    self.href, self.token = link.strip(), self.anchors
                    self.visit(child, el, depth + 1)
                    self.href, self.token = href, saved_tok
                    self.card = _hover_card(child, el.run, self.anchors)
            elif tag == "code":
                self.in_code += 1
                self.visit(child, el, depth + 1)
                self.in_code -= 1
            else:
                self.visit(child, el, depth + 1)

    def block(
        self,
        node: LexborNode,
        tag: str,
        parent: El,
        attrs: dict[str, str | None],
        cls: str,
        ident: str,
        bits: int,
        depth: int,
    ) -> None:
        if tag == "hr":
            if parent.run is not None:
                self.flush(parent)
            parent.has_block = True
            return
        el = El(tag, parent)
        if cls or ident:
            el.class_name = cls
            el.ident = ident
            el.attrs_s = f"{cls} {ident}"
            if (
                bits & _UNLIKELY_BIT
                and not self.in_table
                and not self.in_code
                and tag not in _NO_UNLIKELY
                and "-" not in tag
            ):
                el.unlikely = True
        role = attrs.get("role") if attrs else None
        if (role and role in _UNLIKELY_ROLES) or tag in _ASIDES:
            el.unlikely = True
        if parent.run is not None:
            self.flush(parent)
        parent.has_block = True
        parent.items.append(el)
        table = tag == "table"
        if table:
            self.in_table += 1
        self.visit(node, el, depth + 1)
        if table:
            self.in_table -= 1
        if el.run is not None:
            self.flush(el)
        if el.closes and _only_control(el):
            parent.closes = True  # a bar holding only "Close": it closes its parent


def walk(body: LexborNode) -> tuple[El, list[Unit]]:
    """Walk ``body`` into a block tree; returns the root ``El`` and all units in order."""
    walker = Walker()
    root = El("body", None)
    walker.visit(body, root, 0)
    walker.flush(root)
    return root, walker.units


__all__ = ["OK_MAYBE", "SKIP_TAGS", "STRONG_UNLIKELY", "UNLIKELY", "Walker", "walk"]
