"""Result types of the extraction harness (:mod:`provenance.evaluation.extraction`).

Each report is a frozen dataclass with a ``to_dict`` giving the JSON the CLI prints:
floats rounded to four places, nested results as lists of dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


def _record(obj: Any) -> dict[str, Any]:
    """A dataclass as a JSON-ready dict: floats rounded, tuples as lists."""
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, float):
            value = round(value, 4)
        elif isinstance(value, tuple):
            value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
        out[f.name] = value
    return out


@dataclass(frozen=True, slots=True)
class PageScore:
    """Token precision / recall / F1 of one page."""

    case: str
    precision: float
    recall: float
    f1: float
    expected_tokens: int
    got_tokens: int
    error: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass(frozen=True, slots=True)
class FieldMismatch:
    """One metadata field that did not match."""

    field: str
    case: str
    expected: str
    got: str | None

    def to_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass(frozen=True, slots=True)
class FieldAccuracy:
    """Exact-match accuracy of one metadata field over the cases that label it."""

    field: str
    compared: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.compared if self.compared else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**_record(self), "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True, slots=True)
class ExtractionReport:
    """The result of :func:`~provenance.evaluation.extraction.evaluate_extraction`."""

    root: str
    #: Per-page scores, worst F1 first.
    pages: tuple[PageScore, ...]
    mean_precision: float
    mean_recall: float
    mean_f1: float
    metadata: tuple[FieldAccuracy, ...]
    mismatches: tuple[FieldMismatch, ...]
    seconds: float

    @property
    def below_half(self) -> tuple[PageScore, ...]:
        return tuple(p for p in self.pages if p.f1 < 0.5)

    def to_dict(self) -> dict[str, Any]:
        below = [p.case for p in self.below_half]
        unexplained = [p.case for p in self.below_half if p.note is None]
        return {
            "cases": len(self.pages),
            "below_half": below,
            "below_half_unexplained": len(unexplained),
            "metadata_accuracy": {f.field: f.accuracy for f in self.metadata},
            **_record(self),
        }


@dataclass(frozen=True, slots=True)
class SnippetResult:
    """Snippet checks for one page."""

    name: str
    missing: tuple[str, ...]
    unwanted: tuple[str, ...]
    error: str | None = None
    #: ``with`` snippets absent from the text because the attribution stage moved
    #: them into an in-body credit (they count as found for :attr:`passed`).
    moved: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unwanted and self.error is None

    @property
    def passed_strict(self) -> bool:
        """Passed counting only ``Article.text`` (moved credits count as missing)."""
        return self.passed and not self.moved

    def to_dict(self) -> dict[str, Any]:
        return {**_record(self), "passed": self.passed}


@dataclass(frozen=True, slots=True)
class SnippetReport:
    """The result of :func:`~provenance.evaluation.extraction.check_snippets`."""

    root: str
    pages: tuple[SnippetResult, ...]
    #: Token scores of pages that come with a Readability-style ``.expected.html``.
    scored: tuple[PageScore, ...]

    @property
    def passed(self) -> int:
        return sum(1 for p in self.pages if p.passed)

    @property
    def passed_strict(self) -> int:
        return sum(1 for p in self.pages if p.passed_strict)

    def to_dict(self) -> dict[str, Any]:
        counts = {"snippet_pages": len(self.pages), "passed": self.passed}
        return {**counts, "passed_strict": self.passed_strict, **_record(self)}


__all__ = [
    "ExtractionReport",
    "FieldAccuracy",
    "FieldMismatch",
    "PageScore",
    "SnippetReport",
    "SnippetResult",
]
