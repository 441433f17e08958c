"""Cleaning inside the chosen content, and reading its units out in order.

Sub-containers that look like boilerplate are marked ``removed``, innermost first,
with Readability's "clean conditionally" rules (link density, image/paragraph
ratio, form inputs, embeds, negative class names); asides, footers and share
bars go too.  Containers holding a credit line are never removed.
"""

from __future__ import annotations

import re
from typing import Final

from provenance.extract.content_model import El, Flags, Unit, class_weight, link_density

_SHARE: Final = re.compile(r"(\b|_)(share|sharedaddy)(\b|_)", re.I)
_AD_WORDS: Final = re.compile(
    r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$", re.I
)
_LOADING: Final = re.compile(
    r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$", re.I
)
#: The standard markup of embedded social posts (X/Twitter, Instagram, TikTok, Bluesky,
#: Threads, Facebook, Reddit, Mastodon): part of the story, never cleaned inside.
_EMBEDDED_POST: Final = re.compile(
    r"twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|text-post-media|fb-post|"
    r"reddit-embed|mastodon-embed",
    re.I,
)
_CONDITIONAL: Final = frozenset(("form", "fieldset", "table", "ul", "ol", "div"))
_HEADINGS: Final = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def tally(el: El) -> None:
    """Fill the structural totals (images, inputs, lists, tables ...) of ``el``'s subtree.

    Only cleaning reads them, so they are counted for the chosen content alone, before
    :func:`clean` removes anything; like :func:`.content_score.aggregate`, an element
    that is not excluded skips its excluded children.
    """
    img, inp, emb = el.n_img, el.n_input, el.n_embed
    li = heading = lst = rows = cells = th = tables = 0
    excluded = el.excluded
    for item in el.items:
        if isinstance(item, Unit) or (item.excluded and not excluded):
            continue
        tally(item)
        img += item.t_img
        inp += item.t_input
        emb += item.t_embed
        li += item.t_li
        heading += item.t_heading
        lst += item.t_list
        rows += item.t_rows
        cells += item.t_cells
        th += item.t_th
        tables += item.t_tables
    tag = el.tag
    if tag == "li":
        li += 1
    elif tag in _HEADINGS:
        heading = int(el.t_text)
    elif tag in ("ul", "ol"):
        lst = int(el.t_text)
    elif tag == "tr":
        rows += 1
    elif tag in ("td", "th"):
        cells += 1
        th += tag == "th"
    elif tag in ("thead", "caption"):
        th += 1
    elif tag == "table":
        tables += 1
    el.t_img, el.t_input, el.t_embed, el.t_li = img, inp, emb, li
    el.t_heading, el.t_list, el.t_rows, el.t_cells = heading, lst, rows, cells
    el.t_th, el.t_tables = th, tables


def is_data_table(el: El) -> bool:
    if el.t_tables > 1:  # nested tables: layout
        return False
    if el.t_th:
        return True
    if el.t_rows >= 10:
        return True
    cols = el.t_cells / el.t_rows if el.t_rows else 0
    return cols > 4 or el.t_rows * cols > 10


def _remove_conditionally(el: El, flags: Flags, in_table: bool, in_figure: bool) -> bool:
    tag = el.tag
    if tag not in _CONDITIONAL and "-" not in tag:
        return False
    if tag == "div" and not el.has_block:
        return False
    if el.t_credit:
        return False
    if tag == "table" and is_data_table(el):
        return False
    if in_table:
        return False
    weight = class_weight(el) if flags.weight_classes else 0
    if weight < 0:
        return True
    if el.t_commas >= 10:
        return False
    is_list = tag in ("ul", "ol") or (el.t_text > 0 and el.t_list / el.t_text > 0.9)
    paras, img, li, inp = el.t_p, el.t_img, el.t_li - 100, el.t_input
    length = el.t_text
    ld = link_density(el)
    heading_density = el.t_heading / length if length else 0.0
    if length < 40:
        text = " ".join(u.text for u in el.items if isinstance(u, Unit))
        if _AD_WORDS.match(text) or _LOADING.match(text):
            return True
    return (
        (not in_figure and img > 1 and paras / img < 0.5)
        or (not is_list and li > paras)
        or (inp > paras // 3)
        or (
            not is_list
            and not in_figure
            and heading_density < 0.9
            and length < 25
            and (img == 0 or img > 2)
            and ld > 0
        )
        or (not is_list and weight < 25 and ld > 0.2)
        or (weight >= 25 and ld > 0.5)
        or (el.t_embed == 1 and length < 75)
        or el.t_embed > 1
        or (img == 0 and length == 0)
    )


#: The most text a block with a close control may hold and still be a dismissible
#: notice (a welcome or cookie banner, a newsletter box, an overlay) rather than a story.
_DISMISSIBLE_TEXT: Final = 1000


def dismissible(el: El) -> bool:
    """A short block its own control closes: a banner or notice, not the story."""
    return el.closes and not el.t_credit and el.t_text < _DISMISSIBLE_TEXT


def clean(el: El, flags: Flags, in_table: bool = False, in_figure: bool = False) -> None:
    """Mark boilerplate descendants of ``el`` as ``removed`` (innermost first)."""
    if el.tag == "blockquote" and el.class_name and _EMBEDDED_POST.search(el.class_name):
        return  # an embedded post: its text is the story's, its links are the post's
    in_table = in_table or (el.tag == "table" and is_data_table(el))
    in_figure = in_figure or el.tag == "figure"
    # excluded children are never removed: aggregate() reset them and they are skipped here
    removed = False
    for item in el.items:
        if isinstance(item, El) and not item.excluded:
            clean(item, flags, in_table, in_figure)
            if item.removed:
                removed = True
                continue
            if (
                (item.tag in ("aside", "footer") and not item.t_credit)
                or dismissible(item)
                or (item.tag in ("h1", "h2") and flags.weight_classes and class_weight(item) < 0)
                or (
                    item.t_text < 500
                    and not item.t_credit
                    and item.attrs_s
                    and _SHARE.search(item.attrs_s)
                )
                or (flags.clean and _remove_conditionally(item, flags, in_table, in_figure))
            ):
                item.removed = removed = True
    if removed:
        _reaggregate(el)


def _reaggregate(el: El) -> None:
    """Drop removed children from ``el``'s totals (shallow: children are already final)."""
    kept = [i for i in el.items if isinstance(i, Unit) or not (i.removed or i.excluded)]
    text = sum(len(i.text) if isinstance(i, Unit) else i.t_text for i in kept)
    link = sum(i.link_len if isinstance(i, Unit) else i.t_link for i in kept)
    el.t_text, el.t_link = float(text), float(link)
    el.t_p = sum(1 if isinstance(i, Unit) else i.t_p for i in kept)
    el.t_img = el.n_img + sum(i.t_img for i in kept if isinstance(i, El))
    el.t_li = (el.tag == "li") + sum(i.t_li for i in kept if isinstance(i, El))
    el.t_commas = sum(i.commas if isinstance(i, Unit) else i.t_commas for i in kept)


def emit(items: list[El | Unit]) -> list[Unit]:
    """Units under ``items`` in document order, skipping removed and excluded subtrees."""
    out: list[Unit] = []

    def rec(el: El, dropped: bool) -> None:
        for item in el.items:
            if isinstance(item, Unit):
                if not dropped or item.credit:
                    out.append(item)
            elif not item.excluded:
                if dropped and not item.t_credit:
                    continue
                rec(item, dropped or item.removed)

    for item in items:
        if isinstance(item, Unit):
            out.append(item)
        else:
            rec(item, item.removed)
    return out


__all__ = ["clean", "dismissible", "emit", "is_data_table", "tally"]
