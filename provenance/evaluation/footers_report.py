"""Result types of the footer harness (:mod:`provenance.evaluation.footers`).

Each is a frozen dataclass with a ``to_dict`` giving the JSON the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Rate:
    """Hits out of a total."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "hits": self.hits,
            "total": self.total,
            "value": round(value, 4) if value is not None else None,
        }


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Precision and recall for one family or one language."""

    name: str
    recall: Rate
    precision: Rate

    def to_dict(self) -> dict[str, Any]:
        return {"recall": self.recall.to_dict(), "precision": self.precision.to_dict()}


@dataclass(frozen=True, slots=True)
class FooterFailure:
    """One row scored wrong."""

    row: int
    pattern: str
    lang: str
    reason: str
    expected: dict[str, Any]
    got: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "pattern": self.pattern,
            "lang": self.lang,
            "reason": self.reason,
            "expected": self.expected,
            "got": self.got,
        }


@dataclass(frozen=True, slots=True)
class FootersReport:
    """The result of :func:`~provenance.evaluation.footers.evaluate_footers`."""

    path: str
    rows: int
    positives: int
    negatives: int
    recall: Rate
    precision: Rate
    negatives_flagged: Rate
    site_accuracy: Rate
    hop_accuracy: Rate
    by_family: tuple[GroupScore, ...]
    by_language: tuple[GroupScore, ...]
    failures: tuple[FooterFailure, ...] = field(default=())
    #: Recall of the Yoast / AIOSEO footer families, per language.
    footer_by_language: tuple[GroupScore, ...] = field(default=())

    @property
    def footer_min_language_recall(self) -> float:
        """The worst per-language recall of the Yoast / AIOSEO families (1.0 when none)."""
        values = [g.recall.value for g in self.footer_by_language if g.recall.value is not None]
        return min(values, default=1.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rows": self.rows,
            "positives": self.positives,
            "negatives": self.negatives,
            "recall": self.recall.to_dict(),
            "precision": self.precision.to_dict(),
            "negatives_flagged": self.negatives_flagged.to_dict(),
            "site_accuracy": self.site_accuracy.to_dict(),
            "hop_accuracy": self.hop_accuracy.to_dict(),
            "by_family": {g.name: g.to_dict() for g in self.by_family},
            "by_language": {g.name: g.to_dict() for g in self.by_language},
            "footer_by_language": {g.name: g.to_dict() for g in self.footer_by_language},
            "footer_min_language_recall": round(self.footer_min_language_recall, 4),
            "failures": [f.to_dict() for f in self.failures],
        }


__all__ = ["FooterFailure", "FootersReport", "GroupScore", "Rate"]
