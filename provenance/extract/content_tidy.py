"""The last pass over the chosen content: controls, repeats and the site's closing lines.

Runs on the units cleaning kept, in reading order, and drops

* **controls**: lines made only of interface words, numbers and arrows ("Image 1
  of 8", "HIDE CAPTION", "‹ 2 3 ›"), anywhere but in tables and code;
* **repeated labels**: a short line said twice is kept once (a caption under two
  photos, a post's author line shown twice); said three or more times it is a
  label, not prose, and goes everywhere.  Long paragraphs and section headings are
  never dropped for repeating: a story may quote itself, a manual repeat a heading;
* **teasers**: three or more linked headlines each followed by a short excerpt
  (other stories of the site), with the heading that announces them, and linked
  labels above the story (breadcrumbs, a category line);
* **the closing furniture**: read back from the end, lines that ask the reader to
  subscribe, follow, send tips, read the comment policy or report an error, rights
  notices, contact lines and lines citing the page's own address, a press release's
  closing "About <company>" block, and a furniture line followed by only short lines.
  Reading stops at the first line that is not furniture, so a story's own last
  paragraph ends the scan.

Credit lines ("The post … appeared first on …") are never dropped: the attribution
stage reads them.  Vocabularies are in :mod:`.furniture`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from provenance.extract.content_model import El, Unit
from provenance.extract.furniture import (
    ABOUT_HEADING,
    is_control,
    legal_link,
    photo_label,
    promo_cue,
    related_heading,
    related_label,
    rights_cue,
    social_networks,
    tail_cue,
)

#: Owners whose short or repeated lines are data, not furniture.
_DATA_TAGS: Final = frozenset(("td", "th", "pre", "code", "tr"))
_SECTION_HEADINGS: Final = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_HEADINGS: Final = _SECTION_HEADINGS | {"strong", "b"}
#: A line said this often, and no longer than :data:`_LABEL_WORDS`, is a label.
_LABEL_REPEATS: Final = 3
_LABEL_WORDS: Final = 15
#: Text averaging more characters per token is in an unspaced script.
_UNSPACED_CHARS_PER_WORD: Final = 10
#: Closing lines longer than these are prose even with a cue in them.
_TAIL_WORDS: Final = 30
_TAIL_LINKED_WORDS: Final = 60
#: A linked line this short with a closing cue is a promotion wherever it stands.
_PROMO_WORDS: Final = 40
#: A closing line naming this many social networks is a follow-us line.
_FOLLOW_NETWORKS: Final = 2
#: A closing "Read also: <headline>" line has at least this share of its text in links.
_RELATED_LINKED: Final = 0.5
#: Owners of list items: a short dated line among them is an entry, not a date line.
_LIST_TAGS: Final = frozenset(("li", "dd", "dt"))
#: A closing line this short giving a date or a time is a date line.
_CLOSING_DATE_WORDS: Final = 8
#: A closing line this short holding an e-mail address is a tip or contact line.
_EMAIL_WORDS: Final = 20
#: A closing block: a furniture line in the last :data:`_BLOCK_LINES` lines followed
#: only by lines of at most :data:`_BLOCK_LINE_WORDS` words.
_BLOCK_LINES: Final = 8
_BLOCK_LINE_WORDS: Final = 20
#: Teasers: a run of this many (linked headline, excerpt) pairs or more; a headline is
#: a unit :data:`_LINKED_SHARE` inside links.
_TEASER_RUN: Final = 3
_TEASER_HEAD_WORDS: Final = 20
_MIN_HEAD_WORDS: Final = 3
_TEASER_EXCERPT_WORDS: Final = 60
_LINKED_SHARE: Final = 0.8
_ANNOUNCE_WORDS: Final = 6
#: Tidying that leaves fewer characters than this of a text this long is undone.
_KEEP_MIN_BEFORE: Final = 300
_KEEP_MIN_AFTER: Final = 100
#: A photo credit opening a caption line is at most this long.
_CAPTION_WORDS: Final = 40
#: A video's running time opening a line ("05:22", "1:02:10 - Source: …").
_DURATION: Final = re.compile(r"(?:\d{1,2}:)?\d{1,2}:[0-5]\d(?:\s|$)")
#: Above the story, the first lines looked at for labels and date lines.
_LEAD_LABELS: Final = 3
_DATELINE_WORDS: Final = 12
_DATE_MARK: Final = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|(?<!\d)[0-2]?\d:[0-5]\d(?!\d)")
#: A line whose last mark is a date mark ("Date 23.05.2011", not "2021 - plan approved").
_ENDS_ON_DATE: Final = re.compile(f"(?:{_DATE_MARK.pattern})\\W*$")
#: A press release's company block: at most this many lines after its heading.
_ABOUT_LINES: Final = 4
_WORD: Final = re.compile(r"\w+")
_EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _is_data(unit: Unit) -> bool:
    return unit.owner.tag in _DATA_TAGS


def _words(text: str) -> int:
    """Words in ``text``; in unspaced scripts (Chinese, Japanese, Thai ...), where one
    token runs to the next punctuation, one word per two characters."""
    words = len(_WORD.findall(text))
    if len(text) > _UNSPACED_CHARS_PER_WORD * max(words, 1):
        return len(text) // 2
    return words


#: A pull quote (by its class) repeating a sentence of the story is dropped when it has
#: at least this many words.  Other lines held by a longer one stay: pages repeat text
#: (a summary, a refrain) that readers and references keep.
_ECHO_WORDS: Final = 5
_ECHO_TRIM: Final = re.compile(r"^[\W_]+|[\W_]+$")
_PULL_QUOTE: Final = re.compile(r"pull-?_?quote|quote-?pull", re.IGNORECASE)
#: Levels above a unit's element searched for the pull quote's class.
_ECHO_LEVELS: Final = 3


def _pull_quote(unit: Unit) -> bool:
    el: El | None = unit.owner
    for _ in range(_ECHO_LEVELS):
        if el is None:
            return False
        if el.attrs_s and _PULL_QUOTE.search(el.attrs_s):
            return True
        el = el.parent
    return False


def _echoes(units: list[Unit]) -> list[Unit]:
    """``units`` without a pull quote whose words another, longer line of the story holds
    word for word ("“It has been a long two years,” said X."): shown twice otherwise."""
    pulled = [i for i, u in enumerate(units) if not u.credit and _pull_quote(u)]
    if not pulled:
        return units
    keys = [" ".join(_ECHO_TRIM.sub("", u.text).casefold().split()) for u in units]
    whole = "\n".join(keys)
    same = Counter(keys)
    drop = {
        i for i in pulled if _words(keys[i]) >= _ECHO_WORDS and whole.count(keys[i]) > same[keys[i]]
    }
    return [u for i, u in enumerate(units) if i not in drop]


def _repeats(units: list[Unit]) -> list[Unit]:
    counts = Counter(u.text for u in units)  # unit text is already whitespace-folded
    if all(n == 1 for n in counts.values()):
        return units
    seen: set[str] = set()
    out: list[Unit] = []
    for unit in units:
        key = unit.text
        if (
            unit.credit
            or _is_data(unit)
            or counts[key] == 1
            or _words(key) > _LABEL_WORDS
            or unit.owner.tag in _SECTION_HEADINGS
        ):
            out.append(unit)
            continue
        if key in seen or counts[key] >= _LABEL_REPEATS:
            continue
        seen.add(key)
        out.append(unit)
    return out


def _closing(unit: Unit, own_url: str | None) -> bool:
    """Whether ``unit`` is one of the lines a site prints after every story."""
    text = unit.text
    if is_control(text):
        # a data table's cell of figures ("+21.3%") is data; a layout table's cell, which
        # holds the story's paragraphs, has its controls ("Print version") like any block
        return not _is_data(unit) or unit.owner.has_block
    words = _words(text)
    if words <= _EMAIL_WORDS and _EMAIL.search(text):
        return True
    if words <= _TAIL_LINKED_WORDS and (
        rights_cue(text) or (own_url is not None and own_url in text)
    ):
        return True  # a rights paragraph, or "Citation: … retrieved … from <this page>"
    if (
        unit.links
        and words <= _TAIL_LINKED_WORDS
        and any(legal_link(ltext) for ltext, _href in unit.links)
    ):
        return True  # a comment policy or footer line linking the site's legal pages
    if words <= _TAIL_LINKED_WORDS and (
        social_networks([href for _t, href in unit.links] + [text]) >= _FOLLOW_NETWORKS
    ):
        return True  # "Follow us: Facebook … X … LINE …"
    limit = _TAIL_LINKED_WORDS if unit.links else _TAIL_WORDS
    return words <= limit and tail_cue(text)


def _promo(unit: Unit) -> bool:
    """A short linked line with a promotion's cue: a newsletter, app or support appeal
    set between paragraphs ("… newsletter. Sign up here.")."""
    return bool(unit.links) and _words(unit.text) <= _PROMO_WORDS and promo_cue(unit.text)


def _read_also(unit: Unit) -> bool:
    """A "Read also: <linked headline>" line."""
    return bool(
        unit.links
        and _words(unit.text) <= _TAIL_LINKED_WORDS
        and related_label(unit.text)
        and unit.link_len >= _RELATED_LINKED * len(unit.text)
    )


def _closing_last(unit: Unit) -> bool:
    """Lines that close a story only as its very last line: inside it, a "Read also"
    link (dropped on its own, :func:`_read_also`) or a dated line (a quoted post's
    signature) is common, so neither may start a closing block (:func:`_closing_block`)."""
    text = unit.text
    words = _words(text)
    if _read_also(unit):
        return True
    # "Date 23.05.2011", "Updated 12 March 2024 10:15"; in a list, only a line ending on
    # its date (a page's meta list), not a timeline's entry ("2021 - plan approved")
    if words > _CLOSING_DATE_WORDS or not _is_dateline(text):
        return False
    return unit.owner.tag not in _LIST_TAGS or _ENDS_ON_DATE.search(text) is not None


def _closing_block(units: list[Unit], end: int, own_url: str | None) -> int:
    """Where a closing block starts that ends with short lines (``end`` if none).

    A furniture line followed only by short lines ("Make this site your homepage",
    then three one-line instructions) starts a block that runs to the end.
    """
    first = max(end - _BLOCK_LINES, 1)
    short = end  # units[short:end] are all short lines
    while short > first and (
        units[short - 1].credit or _words(units[short - 1].text) <= _BLOCK_LINE_WORDS
    ):
        short -= 1
    for i in range(max(short - 1, first), end - 1):
        if _closing(units[i], own_url):
            return i
    return end


def _about_block(units: list[Unit], end: int) -> int:
    """Where a press release's closing "About <company>" block starts (``end`` if none)."""
    for i in range(end - 1, max(end - 1 - _ABOUT_LINES, 0) - 1, -1):
        unit = units[i]
        if (
            unit.owner.tag in _HEADINGS or (_words(unit.text) <= 8 and not unit.text.endswith("."))
        ) and ABOUT_HEADING.match(unit.text.strip()):
            return i if i > 0 else end
    return end


def _related_block(units: list[Unit], end: int) -> int:
    """Where a closing list of related headlines starts under its label ("Related
    stories", "相关阅读", then only linked headlines to the end); ``end`` if none."""
    start = end
    while (
        start > 1
        and end - start < _BLOCK_LINES
        and not units[start - 1].credit
        and _linked(units[start - 1])
        and _words(units[start - 1].text) <= _TEASER_HEAD_WORDS
    ):
        start -= 1
    if start < end and start > 1 and related_heading(units[start - 1].text):
        return start - 1
    return end


def _tail(units: list[Unit], own_url: str | None) -> list[Unit]:
    end = len(units)
    while end > 1:
        unit = units[end - 1]
        if unit.credit or _closing(unit, own_url) or _closing_last(unit):
            end -= 1
            continue
        start = min(
            _about_block(units, end),
            _closing_block(units, end, own_url),
            _related_block(units, end),
        )
        if start == end:
            break
        end = start
    if end == len(units):
        return units
    title = units[end - 1]
    if (
        end > 1
        and (title.owner.tag in _HEADINGS or title.text.endswith("?"))
        and not title.credit
        and _words(title.text) <= _ANNOUNCE_WORDS
        and not title.text.endswith(".")
    ):
        end -= 1  # the heading of the closing block ("Newsletter", "Spotted an error?")
    return units[:end] + [u for u in units[end:] if u.credit]


def _linked(unit: Unit) -> bool:
    return unit.link_len >= _LINKED_SHARE * len(unit.text)


def _is_dateline(text: str) -> bool:
    """A short line giving a date or time ("Mon, 2019-01-21 13:49", "28 آب 2013، 14:00")."""
    return (
        _words(text) <= _DATELINE_WORDS
        and not text.endswith((".", "!", "?", "。"))
        and _DATE_MARK.search(text) is not None
    )


def _is_headline(unit: Unit) -> bool:
    """A linked line that reads as a headline: a few words, not a bracketed note or a
    reference mark, not a table cell."""
    text = unit.text
    return (
        _linked(unit)
        and _MIN_HEAD_WORDS <= _words(text) <= _TEASER_HEAD_WORDS
        and text[0] not in "([^*"
        and not _is_data(unit)
    )


def _teaser_pairs(units: list[Unit], i: int) -> int:
    """How many (linked headline, short unlinked excerpt) pairs run from ``units[i]``."""
    pairs = 0
    while i + 1 < len(units):
        head, excerpt = units[i], units[i + 1]
        if not (
            _is_headline(head)
            and excerpt.owner is not head.owner
            and not _is_data(excerpt)
            and not excerpt.link_len
            and _words(excerpt.text) <= _TEASER_EXCERPT_WORDS
            and not (head.credit or excerpt.credit)
        ):
            break
        pairs += 1
        i += 2
    return pairs


def _teasers(units: list[Unit]) -> list[Unit]:
    """``units`` without runs of teasers (a linked headline, then its excerpt, three
    times or more), nor the short unlinked heading that announces them ("More news"),
    nor linked labels before the first paragraph (breadcrumbs, a category line)."""
    drop: set[int] = set()
    for i, unit in enumerate(units):
        if unit.credit or _words(unit.text) > _TEASER_HEAD_WORDS:
            break
        if (_linked(unit) and _words(unit.text) <= _ANNOUNCE_WORDS) or _is_dateline(unit.text):
            drop.add(i)  # a breadcrumb, a category or a date line above the story
        elif i >= _LEAD_LABELS or unit.link_len:
            break
    if len(drop) == len(units):
        drop.clear()
    i = 0
    while i < len(units):
        pairs = _teaser_pairs(units, i) if _is_headline(units[i]) else 0
        if pairs < _TEASER_RUN:
            i += 1
            continue
        drop.update(range(i, i + 2 * pairs))
        before = units[i - 1] if i else None
        if (
            before is not None
            and not before.link_len
            and not before.credit
            and _words(before.text) <= _ANNOUNCE_WORDS
            and not before.text.endswith(".")
        ):
            drop.add(i - 1)
        i += 2 * pairs
    return [u for i, u in enumerate(units) if i not in drop] if drop else units


#: The text after the last full stop (with its closing bracket or quote) of a line.
_LAST_SENTENCE: Final = re.compile(r"[.!?][)\]\"”’]?\s+([^.!?]+)$")


def _is_photo_credit(text: str) -> bool:
    """A caption line opening with a rights mark or a photo label ("© Agency Name Caption
    text ...", "Image copyright Jane Doe/AFP", "Foto: dpa")."""
    labelled = (
        text.startswith(("©", "(c) ", "(C) "))
        or photo_label(text)
        # a caption ending with its credit: "Boats at low tide. Photograph: Jane Doe"
        or any(photo_label(m.group(1)) for m in _LAST_SENTENCE.finditer(text))
    )
    return labelled and _words(text) <= _CAPTION_WORDS


def _video_cards(units: list[Unit]) -> list[Unit]:
    """``units`` without video cards: a duration line ("05:22 - Source: X") and the
    short title line just before it."""
    drop: set[int] = set()
    for i, unit in enumerate(units):
        if _DURATION.match(unit.text) and _words(unit.text) <= _ANNOUNCE_WORDS:
            drop.add(i)
            before = units[i - 1] if i else None
            if (
                before is not None
                and not before.credit
                and _words(before.text) <= _TEASER_HEAD_WORDS
                and not before.text.endswith((".", "!", "?"))
            ):
                drop.add(i - 1)
    return [u for i, u in enumerate(units) if i not in drop] if drop else units


def tidy(units: list[Unit], base_url: str | None = None) -> list[Unit]:
    """``units`` without controls, repeated labels and the site's closing lines;
    ``base_url`` is the page's address (a closing line citing it is furniture).

    When that would leave next to nothing of a page that had text (a page made of
    short lines, a contact page), the units come back as they were: these rules
    judge lines around a story, and a page with no story left is not one.
    """
    kept = [
        u
        for u in units
        if u.credit
        or _is_data(u)
        or not (is_control(u.text) or _is_photo_credit(u.text) or _read_also(u) or _promo(u))
    ]
    kept = _tail(_repeats(_echoes(_teasers(_video_cards(kept)))), _own_url(base_url))
    before = sum(len(u.text) for u in units)
    if before >= _KEEP_MIN_BEFORE and sum(len(u.text) for u in kept) < _KEEP_MIN_AFTER:
        return units
    return kept


def without_orphan_heading(chosen: list[Unit], units: list[Unit]) -> list[Unit]:
    """``chosen`` without a short section heading at its end when the page goes on past
    it: the heading announced lines that were not chosen ("More like this" above
    teasers, "Have your say" above a poll).  A page whose last line is a heading keeps it.
    """
    if len(chosen) < 2:
        return chosen
    last = chosen[-1]
    if (
        last.owner.tag in _SECTION_HEADINGS
        and not last.credit
        and _words(last.text) <= _ANNOUNCE_WORDS
        and not last.text.endswith(".")
        and last.index + 1 < len(units)
    ):
        return chosen[:-1]
    return chosen


def _own_url(base_url: str | None) -> str | None:
    """``host/path`` of the page, as a citation line would print it, if specific enough."""
    if not base_url or "//" not in base_url:
        return None
    rest = base_url.split("//", 1)[1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return rest if "/" in rest and len(rest) > 12 else None


__all__ = ["tidy"]
