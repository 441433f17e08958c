"""A site's boilerplate, learnt from the store, so that it is never taken for copying.

Sites print the same block after (or before) every article: a footer, an author bio,
a disclaimer, a newsletter plea.  Two different articles of one site then share 30 to
80 words verbatim, enough for a passage link.  Such a block shows itself in the
passage index: its passage keys are held by many documents of the same site.

For a pair of documents of one site (same registrable domain), each text is read
paragraph by paragraph; a paragraph most of whose passage keys are held by at least
:data:`MIN_DOCUMENTS` documents of that site is the site's boilerplate and is left
out.  The pair is then linked only on what remains.  Pages of different sites are
never touched by this: a copy that carries the copier's own footer is judged as before.

A block held by fewer than :data:`MIN_DOCUMENTS` pages of the site (a small site, or
the first pages of one) cannot yet be shown as the site's by the store.  The two
texts are also read as a pair (:func:`strip_shared_edges`): a paragraph that opens
both, or closes both, word for word, is where a site prints its header or footer, and
is left out when it is a minority of each text.  A block two pages share elsewhere in
their texts is not boilerplate, and a site reposting its own story shares more than
its edges: both still link.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from provenance.link.candidates import Candidate, LSHIndex
from provenance.sites import domain_key
from provenance.store.base import Store, StoredDocument

#: A passage held by this many documents of one site is that site's boilerplate.
MIN_DOCUMENTS = 3
#: A paragraph is boilerplate when at least this share of its passage keys are.
MIN_SHARE = 0.5
#: A paragraph both pages open or close with is left out when it is at most this share
#: of each text (a story of one paragraph and a footer keeps its paragraph).
MAX_EDGE_SHARE = 0.4

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Stripped:
    """A text without its site's boilerplate paragraphs."""

    text: str
    #: Paragraphs left out.
    dropped: int


def same_site(a: StoredDocument, b: StoredDocument) -> bool:
    key = domain_key(a.url)
    return key is not None and key == domain_key(b.url)


class SiteBoilerplate:
    """Strips site boilerplate from texts; one per match run, after the index is filed
    (it keeps the last :data:`CACHE` documents' results: a site's pages meet often)."""

    CACHE = 4096

    def __init__(self, store: Store, index: LSHIndex) -> None:
        self._store = store
        self._index = index
        self._cache: OrderedDict[int, Stripped] = OrderedDict()

    def strip(self, doc: StoredDocument, text: str) -> Stripped:
        found = self._cache.get(doc.id)
        if found is not None:
            self._cache.move_to_end(doc.id)
            return found
        found = self._cache[doc.id] = self._strip(doc, text)
        if len(self._cache) > self.CACHE:
            self._cache.popitem(last=False)
        return found

    def _strip(self, doc: StoredDocument, text: str) -> Stripped:
        domain = domain_key(doc.url)
        paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
        if not domain or len(paragraphs) < 2:
            return Stripped(text, 0)
        owner, keys = self._index.paragraph_passage_keys(paragraphs)
        every = np.unique(keys)
        site = self._store.site_passage_keys(domain, every.tolist(), MIN_DOCUMENTS)
        if not site:
            return Stripped(text, 0)
        held = np.isin(keys, np.fromiter(site, dtype=np.int64, count=len(site)))
        total = np.bincount(owner, minlength=len(paragraphs))
        boiler = np.bincount(owner[held], minlength=len(paragraphs))
        # a paragraph with no keys is kept; one at least MIN_SHARE of whose keys the
        # site repeats is left out
        drop = (total > 0) & (boiler >= MIN_SHARE * total)
        kept = [p for p, d in zip(paragraphs, drop.tolist(), strict=True) if not d]
        return Stripped("\n\n".join(kept), len(paragraphs) - len(kept))


def only_site_boilerplate(
    store: Store,
    doc: StoredDocument,
    cands: Sequence[Candidate],
    keys: Sequence[int],
    docs: Mapping[int, StoredDocument],
) -> set[int]:
    """Candidates of ``doc``'s own site found on passage keys alone (no shared band)
    whose every shared key is the site's boilerplate (held by :data:`MIN_DOCUMENTS`
    pages of the site): two pages sharing only what their site prints on its pages
    are not linked (:func:`SiteBoilerplate.strip` would leave that out), so they are
    rejected before their texts are read.  ``keys`` are ``doc``'s passage keys;
    ``docs`` the passage-only candidates' documents."""
    domain = domain_key(doc.url)
    passage_only = [c.doc_id for c in cands if not c.bands]
    if not domain or not keys or not passage_only:
        return set()
    ids = [i for i in passage_only if i in docs and same_site(doc, docs[i])]
    if not ids:
        return set()
    held = store.held_passage_keys(keys, ids)
    shared = sorted(set().union(*held.values())) if held else []
    site = store.site_passage_keys(domain, shared, MIN_DOCUMENTS) if shared else set()
    return {d for d, found in held.items() if found and found <= site}


def strip_shared_edges(a: Stripped, b: Stripped) -> tuple[Stripped, Stripped]:
    """Two texts of one site without the paragraph both open with and the one both close
    with, when that paragraph is the same words in both and a minority of each text.
    Texts that share another paragraph too (a repost) come back whole."""
    pa = [p for p in _PARAGRAPH.split(a.text) if p.strip()]
    pb = [p for p in _PARAGRAPH.split(b.text) if p.strip()]
    size_a, size_b = len(a.text), len(b.text)
    drop_a: set[int] = set()
    drop_b: set[int] = set()
    for ia, ib in ((0, 0), (len(pa) - 1, len(pb) - 1)):
        if len(pa) < 2 or len(pb) < 2 or ia in drop_a:
            continue
        para = " ".join(pa[ia].split())
        if (
            para == " ".join(pb[ib].split())
            and len(para) <= MAX_EDGE_SHARE * size_a
            and len(para) <= MAX_EDGE_SHARE * size_b
        ):
            drop_a.add(ia)
            drop_b.add(ib)
    if not drop_a:
        return a, b
    inner_a = {" ".join(p.split()) for i, p in enumerate(pa) if i not in drop_a}
    if any(" ".join(p.split()) in inner_a for i, p in enumerate(pb) if i not in drop_b):
        return a, b  # they share more than their edges: judged on the whole texts

    def less(s: Stripped, paras: list[str], drop: set[int]) -> Stripped:
        kept = [p for i, p in enumerate(paras) if i not in drop]
        return Stripped("\n\n".join(kept), s.dropped + len(drop))

    return less(a, pa, drop_a), less(b, pb, drop_b)


__all__ = [
    "MAX_EDGE_SHARE",
    "MIN_DOCUMENTS",
    "MIN_SHARE",
    "SiteBoilerplate",
    "Stripped",
    "only_site_boilerplate",
    "same_site",
    "strip_shared_edges",
]
