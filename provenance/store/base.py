"""The narrow ``Store`` protocol the matching stages use, and the records it returns.

SQLite implements it today (:mod:`provenance.store.sqlite`); a PostgreSQL or
Redis store only has to implement these methods.  Every write method is one
transaction: a crash leaves either all of it or none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, cast

from provenance.evidence import Evidence, Finding
from provenance.fingerprint.minhash import Fingerprint, FingerprintParams
from provenance.fingerprint.prepare import NewDocument
from provenance.model import (
    POSITIONS,
    Attribution,
    ChainRole,
    Position,
    Relation,
    Status,
    credit_kind,
)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    url: str
    revision: int
    content_hash: str
    status: Status
    error: str | None
    site: str | None
    domain: str | None
    title: str | None
    lang: str | None
    published: datetime | None
    first_seen: datetime
    fetched_at: datetime | None
    canonical_url: str | None
    og_url: str | None
    attributions: tuple[Attribution, ...]
    matched: bool
    source: str = ""
    text: str | None = None

    @property
    def site_label(self) -> str:
        return self.site or self.domain or "?"


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """``copy_id`` copied (part of) its text from ``source_id``."""

    copy_id: int
    source_id: int
    #: "copy", or "sibling" for two copies of one wire story.
    relation: Relation
    jaccard: float
    #: Estimated containment of the copy's text in the source's.
    containment: float
    #: Estimated containment of the source's text in the copy's.
    containment_source: float
    #: Does the copy credit the source (by URL or site)?
    attributed: bool
    lag_seconds: float | None
    direction_evidence: tuple[Evidence, ...]
    confidence: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class DocMatch:
    """The edges matching one document produced, written with its matched flag."""

    doc_id: int
    edges: tuple[EdgeRecord, ...]


ProgressHook = Callable[[str, int], None]


class Store(Protocol):
    """What the ingest, match, chain and report stages need from storage."""

    @property
    def params(self) -> FingerprintParams: ...

    def close(self) -> None: ...

    # -- documents ---------------------------------------------------------
    def add_documents(
        self, docs: Sequence[NewDocument], progress: ProgressHook | None = None
    ) -> list[tuple[int, str]]:
        """Add a batch in one transaction; per doc ``(id, added|revision|unchanged|failed)``."""
        ...

    def get_documents(
        self, ids: Sequence[int], with_text: bool = False
    ) -> dict[int, StoredDocument]: ...

    def find_by_url(self, url: str) -> list[StoredDocument]:
        """Fingerprinted documents whose URL, canonical or og:url equals ``url`` (normalised)."""
        ...

    def find_by_site(self, key: str) -> list[StoredDocument]:
        """Fingerprinted documents whose site-name or domain key starts with ``key``."""
        ...

    def latest_revision(self, url: str) -> StoredDocument | None: ...

    def iter_document_ids(self) -> Iterator[int]: ...

    def counts(self) -> dict[str, int]: ...

    # -- signatures and band keys -------------------------------------------
    def get_signatures(self, ids: Sequence[int]) -> dict[int, Fingerprint]: ...

    def band_candidates(self, doc_id: int, keys: Sequence[tuple[int, int]]) -> dict[int, int]:
        """Lower-id docs of other URLs sharing a band with ``keys``: ``{doc_id: bands}``."""
        ...

    def passage_candidates(
        self, doc_id: int, keys: Sequence[int], max_postings: int
    ) -> dict[int, int]:
        """Lower-id docs of other URLs holding passage ``keys``: ``{doc_id: keys shared}``,
        ignoring keys held by more than ``max_postings`` documents."""
        ...

    def index_candidates(
        self,
        doc_id: int,
        band_keys: Sequence[tuple[int, int]],
        passage_keys: Sequence[int],
        max_postings: int,
    ) -> tuple[dict[int, int], dict[int, int]]:
        """:meth:`band_candidates` and :meth:`passage_candidates` together (a backend
        may answer both in one statement): ``(band hits, passage hits)``."""
        ...

    def site_passage_keys(self, domain: str, keys: Sequence[int], min_documents: int) -> set[int]:
        """Which of ``keys`` at least ``min_documents`` documents of the site ``domain``
        (a :func:`~provenance.sites.domain_key`) hold: that site's repeated blocks."""
        ...

    def held_passage_keys(self, keys: Sequence[int], doc_ids: Sequence[int]) -> dict[int, set[int]]:
        """Which of ``keys`` each of ``doc_ids`` holds: ``{doc_id: keys}`` (documents
        holding none left out)."""
        ...

    # -- matching -----------------------------------------------------------
    def flush_index(self) -> int:
        """File new documents' pending band and passage keys into the index (sorted,
        one transaction); until then they are not candidates.  Returns rows filed."""
        ...

    def unmatched_ids(self, limit: int) -> list[int]:
        """Up to ``limit`` documents to match, in id order: not matched yet, and their
        index rows filed (:meth:`flush_index`)."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes into one transaction (nested calls join the outer one)."""
        ...

    def write_match(self, result: DocMatch) -> None:
        """Write a document's edges and mark it matched (one transaction, or the open one)."""
        ...

    def replace_findings(self, doc_id: int, found: Sequence[Finding]) -> None: ...

    def edges_of(self, doc_id: int) -> list[EdgeRecord]:
        """Edges where the document is the copy or the source."""
        ...

    def sources_of(self, doc_id: int) -> list[EdgeRecord]:
        """Edges where the document is the copy: the few it came from (an origin of a
        story carried by a thousand sites has a thousand edges, but few sources)."""
        ...

    def edge_pairs(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        """``(copy_id, source_id)`` of the edges among ``ids``."""
        ...

    def edge_count(self, doc_id: int) -> int: ...

    def iter_edges(self) -> Iterator[EdgeRecord]: ...

    def findings(self, doc_ids: Sequence[int] | None = None) -> list[Finding]: ...


def attribution_from_dict(data: dict[str, Any]) -> Attribution:
    """An attribution read back from the store (or the crawl state); raises ValueError
    on a kind or position this code does not know, which the stores report as damage."""
    position = str(data.get("position", "body"))
    if position not in POSITIONS:
        raise ValueError(f"unknown credit position {position!r}")
    role = data.get("role")
    return Attribution(
        kind=credit_kind(str(data.get("kind", ""))),
        text=str(data.get("text", "")),
        site=data.get("site"),
        url=data.get("url"),
        site_url=data.get("site_url"),
        title=data.get("title"),
        position=cast(Position, position),
        confidence=float(data.get("confidence", 1.0)),
        hop=data.get("hop"),
        role=cast(ChainRole, role) if role in ("origin", "intermediary") else None,
        pattern=data.get("pattern"),
    )


__all__ = [
    "DocMatch",
    "EdgeRecord",
    "ProgressHook",
    "Store",
    "StoredDocument",
    "attribution_from_dict",
]
