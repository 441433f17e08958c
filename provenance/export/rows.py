"""What every export format shares: the stored documents, one row per document pair,
and each document's role.  No third-party library here, so the formats can load theirs
only when they are used."""

from __future__ import annotations

from collections.abc import Iterable

from provenance.model import COPYING
from provenance.report import EdgeRow
from provenance.store.base import Store, StoredDocument

#: Relations that make a page a copy of its target (a credit-only page claims to be one).

#: Documents read per batch from the store.
_BATCH = 500


def stored_documents(store: Store) -> list[StoredDocument]:
    """The latest revision of every stored document that was read (status ok), by URL."""
    latest: dict[str, StoredDocument] = {}
    ids = list(store.iter_document_ids())
    for start in range(0, len(ids), _BATCH):
        for doc in store.get_documents(ids[start : start + _BATCH]).values():
            if doc.status != "ok":
                continue
            seen = latest.get(doc.url)
            if seen is None or (doc.revision, doc.id) > (seen.revision, seen.id):
                latest[doc.url] = doc
    return [latest[url] for url in sorted(latest)]


def strongest(rows: Iterable[EdgeRow]) -> dict[tuple[str, str], EdgeRow]:
    """One row per (copy URL, source URL): revisions of a page can repeat an edge, and the
    most confident one stands for them."""
    best: dict[tuple[str, str], EdgeRow] = {}
    for row in rows:
        key = (row.copy_url, row.source_url)
        seen = best.get(key)
        if seen is None or row.confidence > seen.confidence:
            best[key] = row
    return best


def role(copies: bool, copied: bool) -> str:
    """A document's role from whether it copies and whether it is copied."""
    if copies and copied:
        return "intermediary"
    if copies:
        return "copy"
    if copied:
        return "origin"
    return "independent"


def roles(rows: Iterable[EdgeRow], documents: Iterable[str] = ()) -> dict[str, str]:
    """The role of every URL in ``rows`` and ``documents``: "copy", "origin",
    "intermediary", "independent" (sibling edges do not count) or "credited" (a
    credit-only target that is not among ``documents``)."""
    rows = list(rows)
    docs = set(documents)
    copies = {r.copy_url for r in rows if r.relation in COPYING}
    copied = {r.source_url for r in rows if r.relation in COPYING}
    credited = {r.source_url for r in rows if r.relation == "credit-only"} - docs
    urls = docs | {r.copy_url for r in rows} | {r.source_url for r in rows}
    return {
        url: "credited" if url in credited else role(url in copies, url in copied)
        for url in sorted(urls)
    }


__all__ = ["COPYING", "role", "roles", "stored_documents", "strongest"]
