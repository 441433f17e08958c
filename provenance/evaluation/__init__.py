"""Evaluation: labelled data in, quality figures (and the CI gate's verdict) out.

:mod:`provenance.evaluation.extraction` scores main-content extraction and
metadata against folders laid out like Mozilla Readability's test suite, and
checks trafilatura-style must-contain / must-not-contain snippets.
"""

from __future__ import annotations

from provenance.evaluation.extraction import (
    ExtractionReport,
    FieldAccuracy,
    FieldMismatch,
    PageScore,
    SnippetReport,
    SnippetResult,
    check_snippets,
    evaluate_extraction,
    expected_text,
    score_tokens,
)

__all__ = [
    "ExtractionReport",
    "FieldAccuracy",
    "FieldMismatch",
    "PageScore",
    "SnippetReport",
    "SnippetResult",
    "check_snippets",
    "evaluate_extraction",
    "expected_text",
    "score_tokens",
]
