"""The run summary: what one crawl fetched, found and failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from provenance.model import Relation


@dataclass(frozen=True, slots=True)
class EdgeFound:
    """A copy edge the run's new documents took part in."""

    copy_url: str
    source_url: str
    relation: Relation
    confidence: float
    attributed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "copy": self.copy_url,
            "source": self.source_url,
            "relation": self.relation,
            "confidence": round(self.confidence, 3),
            "attributed": self.attributed,
        }


@dataclass(frozen=True, slots=True)
class CreditFollowed:
    """A credited original fetched because a new document named it."""

    url: str
    credited_by: str
    hop: int
    #: Did its text match the page that credited it (an edge between the two)?
    verified: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "credited_by": self.credited_by,
            "hop": self.hop,
            "verified": self.verified,
        }


@dataclass(frozen=True, slots=True)
class Failure:
    url: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "error": self.error}


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    started: str
    finished: str
    sources: int = 0
    #: Sources that could not be read at all (failed, refused, or disallowed by robots).
    sources_failed: int = 0
    fetched: int = 0
    new: int = 0
    revisions: int = 0
    unchanged: int = 0
    matched: int = 0
    failed: int = 0
    skipped_robots: int = 0
    skipped_seen: int = 0
    not_modified: int = 0
    refused: tuple[str, ...] = ()
    left_in_queue: int = 0
    edges: tuple[EdgeFound, ...] = ()
    credits: tuple[CreditFollowed, ...] = ()
    failures: tuple[Failure, ...] = ()
    archive: str | None = None

    @property
    def dead(self) -> bool:
        """Every source failed or was refused: a broken config, not a quiet night."""
        return self.sources > 0 and self.sources_failed == self.sources

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.dead

    def to_dict(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "finished": self.finished,
            "sources": self.sources,
            "sources_failed": self.sources_failed,
            "fetched": self.fetched,
            "new": self.new,
            "revisions": self.revisions,
            "unchanged": self.unchanged,
            "matched": self.matched,
            "failed": self.failed,
            "skipped_robots": self.skipped_robots,
            "skipped_seen": self.skipped_seen,
            "not_modified": self.not_modified,
            "refused": list(self.refused),
            "left_in_queue": self.left_in_queue,
            "edges": [e.to_dict() for e in self.edges],
            "credits_followed": [c.to_dict() for c in self.credits],
            "failures": [f.to_dict() for f in self.failures],
            "archive": self.archive,
        }


@dataclass(slots=True)
class Tally:
    """Counts gathered during a run (mutable, private to one run)."""

    sources: int = 0
    sources_failed: int = 0
    fetched: int = 0
    new: int = 0
    revisions: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped_robots: int = 0
    skipped_seen: int = 0
    not_modified: int = 0
    refused: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    #: (original url, credited by, hop, doc id or None)
    followed: list[tuple[str, str, int, int | None]] = field(default_factory=list)

    def fail(self, url: str, error: str) -> None:
        self.failed += 1
        self.failures.append(Failure(url, error))


__all__ = ["CrawlSummary", "CreditFollowed", "EdgeFound", "Failure", "Tally"]
