"""Score extraction against labelled pages.

Two layouts are understood:

* a Readability-style suite: ``<root>/<case>/source.html`` with the expected article
  in ``expected.html`` and, optionally, ``expected-metadata.json``
  (:func:`evaluate_extraction`);
* a flat folder of ``<name>.html`` pages with trafilatura-style
  ``<name>.expected.json`` files holding ``with`` / ``without`` snippet lists, and
  optionally Readability-style ``<name>.expected.html`` files (:func:`check_snippets`).

Text is compared as multisets of case-folded Unicode word tokens.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from provenance.errors import EvaluationError, ProvenanceError
from provenance.evaluation.extraction_report import (
    ExtractionReport,
    FieldAccuracy,
    FieldMismatch,
    PageScore,
    SnippetReport,
    SnippetResult,
)
from provenance.evaluation.suites import read_object, suite_cases
from provenance.extract import extract, html_to_text
from provenance.extract.byline import strip_by_prefix
from provenance.model import Article, Page

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")

#: Cases of the Readability suite that score below 0.5, and why.  Reported next to
#: the score so a low number can be told apart from a regression.
KNOWN_LOW_PAGES: Mapping[str, str] = MappingProxyType(
    {
        "mozilla-2": (
            "Product landing page, not an article: its text is a short notice box plus "
            "feature blurbs in <li> items, which Readability-style scoring does not count; "
            "we return the notice box (the best-scoring container, under 300 characters), "
            "while the reference keeps the whole <main> with every feature list."
        ),
    }
)

#: Metadata fields compared (keys of expected-metadata.json).
METADATA_FIELDS: tuple[str, ...] = ("title", "byline", "siteName", "publishedTime", "lang")


def _tokens(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def score_tokens(got: str, expected: str) -> tuple[float, float, float]:
    """Token-multiset precision, recall and F1 of ``got`` against ``expected``."""
    g, e = _tokens(got), _tokens(expected)
    ng, ne = sum(g.values()), sum(e.values())
    if ne == 0:
        return (1.0, 1.0, 1.0) if ng == 0 else (0.0, 1.0, 0.0)
    if ng == 0:
        return 0.0, 0.0, 0.0
    common = sum((g & e).values())
    p, r = common / ng, common / ne
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def expected_text(html: str) -> str:
    """Visible text of an expected-output HTML file, blocks separated by whitespace."""
    return html_to_text(html)


def _norm(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _same_instant(expected: str, got: datetime | None) -> bool:
    try:
        exp = datetime.fromisoformat(expected.strip())
    except ValueError:
        return False
    if got is None:
        return False
    if exp.tzinfo is None or got.tzinfo is None:
        return exp.replace(tzinfo=None) == got.replace(tzinfo=None)
    return exp == got


def _got_field(article: Article, name: str) -> str | None:
    published = article.published.isoformat() if article.published else None
    return {
        "title": article.title,
        "byline": ", ".join(article.authors) or None,
        "siteName": article.site_name,
        "publishedTime": published,
        "lang": article.lang,
    }[name]


def field_matches(name: str, expected: str, article: Article) -> bool:
    """Whether ``article`` has metadata field ``name`` (a Readability key) equal to ``expected``."""
    if name == "publishedTime":
        return _same_instant(expected, article.published)
    got = _got_field(article, name)
    if name == "byline":
        # "By"/"Par"/"Autor:" … is dropped from both sides: names are compared, and
        # Readability keeps the word where this project's authors field does not
        return strip_by_prefix(_norm(got)) == strip_by_prefix(_norm(expected))
    return _norm(got) == _norm(expected)


def _extract(
    content: bytes, source: Path, url: str | None = None
) -> tuple[Article | None, str | None]:
    page = Page(content=content, url=url, source=str(source))
    try:
        return extract(page), None
    except (ProvenanceError, RecursionError, ValueError, UnicodeError) as exc:
        log.warning("%s: extraction failed: %s", source, exc)
        return None, f"{type(exc).__name__}: {exc}"


def _page_score(case: str, article: Article | None, error: str | None, expected: str) -> PageScore:
    got = article.text if article is not None else ""
    p, r, f = score_tokens(got, expected)
    note = KNOWN_LOW_PAGES.get(case) if f < 0.5 else None
    n_exp, n_got = sum(_tokens(expected).values()), sum(_tokens(got).values())
    return PageScore(case, p, r, f, n_exp, n_got, error=error, note=note)


def evaluate_extraction(root: Path) -> ExtractionReport:
    """Extract every page of the suite under ``root`` and score it against its expected
    text and metadata (layouts: :func:`~provenance.evaluation.suites.suite_cases`)."""
    root = Path(root)
    cases = suite_cases(root)
    scores: list[PageScore] = []
    counts = {f: [0, 0] for f in METADATA_FIELDS}
    mismatches: list[FieldMismatch] = []
    elapsed = 0.0
    for case in cases:
        content = case.read_page()
        start = time.perf_counter()
        article, error = _extract(content, case.page, case.url)
        elapsed += time.perf_counter() - start
        scores.append(_page_score(case.name, article, error, case.expected))
        for name in METADATA_FIELDS:
            want = case.metadata.get(name)
            if want is None or want == "":
                continue
            want_s = str(want)
            counts[name][0] += 1
            if article is not None and field_matches(name, want_s, article):
                counts[name][1] += 1
            else:
                got = _got_field(article, name) if article is not None else None
                mismatches.append(
                    FieldMismatch(field=name, case=case.name, expected=want_s, got=got)
                )
    n = len(scores)
    scores.sort(key=lambda s: (s.f1, s.case))
    return ExtractionReport(
        root=str(root),
        pages=tuple(scores),
        mean_precision=sum(s.precision for s in scores) / n,
        mean_recall=sum(s.recall for s in scores) / n,
        mean_f1=sum(s.f1 for s in scores) / n,
        metadata=tuple(FieldAccuracy(f, c[0], c[1]) for f, c in counts.items()),
        mismatches=tuple(mismatches),
        seconds=elapsed,
    )


def _fold(text: str) -> str:
    return " ".join(text.split())


def _snippets(data: Mapping[str, Any], key: str, path: Path) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise EvaluationError(f"{path}: {key!r} must be a list of strings")
    return [s for s in value if s.strip()]


def check_snippets(html_dir: Path) -> SnippetReport:
    """Check ``<name>.expected.json`` with/without snippets against ``<name>.html``.

    Pages with a ``<name>.expected.html`` instead are token-scored like
    :func:`evaluate_extraction` and listed in ``scored``.
    """
    html_dir = Path(html_dir)
    if not html_dir.is_dir():
        raise EvaluationError(f"{html_dir}: not a directory; pass a folder of .html pages")
    results: list[SnippetResult] = []
    scored: list[PageScore] = []
    for spec in sorted(html_dir.glob("*.expected.json")):
        name = spec.name[: -len(".expected.json")]
        page = html_dir / f"{name}.html"
        if not page.is_file():
            raise EvaluationError(f"{spec}: no matching page {page.name}")
        data = read_object(spec, "'with'/'without' snippet lists")
        article, error = _extract(page.read_bytes(), page)
        text = _fold(article.text) if article is not None else ""
        body_credits = article.attributions if article is not None else ()
        credits = _fold(" ".join(a.text for a in body_credits if a.position == "body"))
        absent = [s for s in _snippets(data, "with", spec) if _fold(s) not in text]
        results.append(
            SnippetResult(
                name=name,
                missing=tuple(s for s in absent if _fold(s) not in credits),
                unwanted=tuple(s for s in _snippets(data, "without", spec) if _fold(s) in text),
                error=error,
                moved=tuple(s for s in absent if _fold(s) in credits),
            )
        )
    for exp in sorted(html_dir.glob("*.expected.html")):
        name = exp.name[: -len(".expected.html")]
        page = html_dir / f"{name}.html"
        if not page.is_file():
            continue
        article, error = _extract(page.read_bytes(), page)
        scored.append(_page_score(name, article, error, expected_text(exp.read_text("utf-8"))))
    if not results and not scored:
        raise EvaluationError(
            f"{html_dir}: no <name>.expected.json or <name>.expected.html next to a <name>.html"
        )
    scored.sort(key=lambda s: (s.f1, s.case))
    return SnippetReport(root=str(html_dir), pages=tuple(results), scored=tuple(scored))


__all__ = [
    "KNOWN_LOW_PAGES",
    "METADATA_FIELDS",
    "ExtractionReport",
    "FieldAccuracy",
    "FieldMismatch",
    "PageScore",
    "SnippetReport",
    "SnippetResult",
    "check_snippets",
    "evaluate_extraction",
    "expected_text",
    "field_matches",
    "score_tokens",
]
